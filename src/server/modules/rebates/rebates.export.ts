// A rebate statement as Excel or PDF: the figures, then every line with its order and document.
// The PDF embeds Noto Sans CJK (Debian fonts-noto-cjk) so Chinese renders; without the font
// file it falls back to Helvetica and says so in the document (ASCII only).
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { RebateStatement } from '../../../shared/schemas/rebates.js';
import { yuan } from '../../core/list.js';

const CJK_FONT = process.env.QUDAO_CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FAMILY = 'NotoSansCJKsc-Regular';

const LABELS = {
  zh: {
    title: '返利对账单',
    dealer: '经销商',
    period: '期间',
    tier: '等级',
    status: '状态',
    policy: '政策版本',
    sales: '合格销售额(元)',
    rate: '返利比例',
    target: '目标(元)',
    adjusted: '弹性目标(元)',
    coefficient: '奖励系数',
    rebate: '阶梯返利(元)',
    bonus: '超额奖励(元)',
    brand: '品牌推广基金(元)',
    deductions: '扣款(元)',
    total: '应付返利(元)',
    lines: '明细',
    kind: '类型',
    date: '日期',
    order: '订单号',
    doc: '单据号',
    amount: '金额(元)',
    note: '备注',
    kinds: { shipment: '发货', return: '退货', deduction: '扣款' } as Record<string, string>,
    statuses: { draft: '草稿', approved: '已审批', paid: '已支付' } as Record<string, string>,
  },
  en: {
    title: 'Rebate statement',
    dealer: 'Dealer',
    period: 'Period',
    tier: 'Tier',
    status: 'Status',
    policy: 'Policy version',
    sales: 'Qualifying sales (CNY)',
    rate: 'Rebate rate',
    target: 'Target (CNY)',
    adjusted: 'Elastic target (CNY)',
    coefficient: 'Reward coefficient',
    rebate: 'Tier rebate (CNY)',
    bonus: 'Over-achievement bonus (CNY)',
    brand: 'Brand fund (CNY)',
    deductions: 'Deductions (CNY)',
    total: 'Total payable (CNY)',
    lines: 'Lines',
    kind: 'Type',
    date: 'Date',
    order: 'Order',
    doc: 'Document',
    amount: 'Amount (CNY)',
    note: 'Note',
    kinds: { shipment: 'Shipment', return: 'Return', deduction: 'Deduction' } as Record<string, string>,
    statuses: { draft: 'Draft', approved: 'Approved', paid: 'Paid' } as Record<string, string>,
  },
};

function summary(s: RebateStatement, english: boolean): [string, string | number | null][] {
  const l = LABELS[english ? 'en' : 'zh'];
  return [
    [l.dealer, `${s.dealerCode} ${s.dealerName}`],
    [l.period, s.period],
    [l.tier, s.tier],
    [l.status, l.statuses[s.status] ?? s.status],
    [l.policy, s.policyVersion],
    [l.sales, yuan(s.qualifyingSalesFen)],
    [l.rate, `${(s.rate * 100).toFixed(2)}%`],
    [l.target, s.targetFen === null ? null : yuan(s.targetFen)],
    [l.adjusted, s.adjustedTargetFen === null ? null : yuan(s.adjustedTargetFen)],
    [l.coefficient, s.rewardCoefficient],
    [l.rebate, yuan(s.rebateFen)],
    [l.bonus, yuan(s.bonusFen)],
    [l.brand, yuan(s.brandFundFen)],
    [l.deductions, yuan(s.deductionsFen)],
    [l.total, yuan(s.totalFen)],
  ];
}

export async function statementWorkbook(s: RebateStatement, english: boolean): Promise<Buffer> {
  const l = LABELS[english ? 'en' : 'zh'];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qudao';
  const ws = workbook.addWorksheet(english ? 'statement' : '返利对账单');
  ws.columns = [{ width: 16 }, { width: 14 }, { width: 22 }, { width: 22 }, { width: 16 }, { width: 30 }];
  ws.addRow([l.title]).font = { bold: true, size: 14 };
  for (const [k, v] of summary(s, english)) ws.addRow([k, v]);
  ws.addRow([]);
  ws.addRow([l.lines]).font = { bold: true };
  ws.addRow([l.kind, l.date, l.order, l.doc, l.amount, l.note]).font = { bold: true };
  for (const line of s.lines) ws.addRow([l.kinds[line.kind] ?? line.kind, line.date, line.orderNumber, line.docNo, yuan(line.amountFen), line.note]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function statementPdf(s: RebateStatement, english: boolean): Promise<Buffer> {
  const l = LABELS[english ? 'en' : 'zh'];
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${l.title} ${s.dealerCode} ${s.period}`, Author: 'Qudao' } });
  const chunksOut: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunksOut.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunksOut)));
    doc.on('error', reject);
  });
  if (existsSync(CJK_FONT)) doc.font(CJK_FONT, CJK_FAMILY);
  doc.fontSize(16).text(l.title).moveDown(0.5);
  doc.fontSize(10);
  for (const [k, v] of summary(s, english)) doc.text(`${k}: ${v ?? '-'}`);
  doc.moveDown().fontSize(12).text(l.lines).fontSize(9).moveDown(0.3);
  const cols = [40, 100, 170, 290, 410, 480];
  const row = (values: string[]) => {
    if (doc.y > 780) doc.addPage();
    const y = doc.y;
    values.forEach((v, i) => doc.text(v, cols[i], y, { width: (cols[i + 1] ?? 560) - cols[i] - 4, lineBreak: false, ellipsis: true }));
    doc.x = 40;
    doc.y = y + 13;
  };
  row([l.kind, l.date, l.order, l.doc, l.amount, l.note]);
  for (const line of s.lines) row([l.kinds[line.kind] ?? line.kind, line.date ?? '', line.orderNumber ?? '', line.docNo ?? '', yuan(line.amountFen).toFixed(2), line.note ?? '']);
  doc.end();
  return done;
}
