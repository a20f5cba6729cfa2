import {
  IdParams,
  IdempotencyHeaders,
  LedgerEntry,
  LedgerQuery,
  OverdueItem,
  OverdueQuery,
  OverdueReminder,
  Payment,
  PaymentBody,
  Receivables,
  ReminderQuery,
  Statement,
  StatementQuery,
  listOf,
} from '../../../shared/schemas/index.js';
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList, workbookOf, yuan, type ExportColumn } from '../../core/list.js';
import { listLedger, listOverdue, receivablesOf, recordPayment, statementOf } from './receivables.service.js';
import { listReminders } from './reminders.js';

const KIND_ZH: Record<string, string> = { invoice: '发票', payment: '回款', credit_note: '红字/退货', opening: '期初', closing: '期末' };

type StatementRow = { date: string; kind: string; docNo: string; amountFen: number | null; balanceFen: number; dueOn: string | null; reference: string | null };
const statementColumns = (english: boolean): ExportColumn<StatementRow>[] => [
  { key: 'date', zh: '日期', en: 'Date', value: (r) => r.date },
  { key: 'kind', zh: '类型', en: 'Type', value: (r) => (english ? r.kind : (KIND_ZH[r.kind] ?? r.kind)) },
  { key: 'docNo', zh: '单号', en: 'Document', width: 20, value: (r) => r.docNo },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (r) => (r.amountFen === null ? null : yuan(r.amountFen)) },
  { key: 'balance', zh: '余额(元)', en: 'Balance (CNY)', value: (r) => yuan(r.balanceFen) },
  { key: 'dueOn', zh: '到期日', en: 'Due', value: (r) => r.dueOn },
  { key: 'reference', zh: '备注', en: 'Reference', width: 30, value: (r) => r.reference },
];

const reminderColumns: ExportColumn<OverdueReminder>[] = [
  { key: 'remindedOn', zh: '提醒日期', en: 'Reminded on', value: (r) => r.remindedOn },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (r) => r.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (r) => r.dealerName },
  { key: 'invoiceCount', zh: '逾期发票数', en: 'Invoices', value: (r) => r.invoiceCount },
  { key: 'overdue', zh: '逾期金额(元)', en: 'Overdue (CNY)', value: (r) => yuan(r.overdueFen) },
  { key: 'oldest', zh: '最长逾期天数', en: 'Oldest (days)', value: (r) => r.oldestDaysOverdue },
  { key: 'invoices', zh: '发票号', en: 'Invoice nos.', width: 40, value: (r) => r.invoices.map((i) => i.docNo).join(', ') },
];

const ledgerColumns: ExportColumn<LedgerEntry>[] = [
  { key: 'entryOn', zh: '日期', en: 'Date', value: (e) => e.entryOn },
  { key: 'dealerId', zh: '经销商', en: 'Dealer', value: (e) => e.dealerId },
  { key: 'kind', zh: '类型', en: 'Type', value: (e) => e.kind },
  { key: 'docNo', zh: '单号', en: 'Document', width: 20, value: (e) => e.docNo },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (e) => yuan(e.amountFen) },
  { key: 'dueOn', zh: '到期日', en: 'Due', value: (e) => e.dueOn },
  { key: 'reference', zh: '备注', en: 'Reference', width: 30, value: (e) => e.reference },
];

const overdueColumns: ExportColumn<OverdueItem>[] = [
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (o) => o.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (o) => o.dealerName },
  { key: 'docNo', zh: '发票号', en: 'Invoice', width: 20, value: (o) => o.docNo },
  { key: 'dueOn', zh: '到期日', en: 'Due', value: (o) => o.dueOn },
  { key: 'daysOverdue', zh: '逾期天数', en: 'Days overdue', value: (o) => o.daysOverdue },
  { key: 'amount', zh: '发票金额(元)', en: 'Invoiced (CNY)', value: (o) => yuan(o.amountFen) },
  { key: 'open', zh: '未收(元)', en: 'Open (CNY)', value: (o) => yuan(o.openFen) },
];

export default async function receivablesRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/payments',
    {
      config: { access: { permission: 'payments.write' } },
      schema: { tags: ['receivables'], summary: 'Record a collection (回款); applied to the oldest invoices first', headers: IdempotencyHeaders, body: PaymentBody, response: { 201: Payment } },
    },
    async (request, reply) => sendOutcome(reply, await recordPayment(ctxOf(deps, request), request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/v1/dealers/:id/receivables',
    { config: { access: { permission: 'receivables.read', dealerParam: 'id' } }, schema: { tags: ['receivables'], params: IdParams, response: { 200: Receivables } } },
    async (request) => receivablesOf(ctxOf(deps, request), request.params.id),
  );

  app.get(
    '/v1/dealers/:id/statement',
    {
      config: { access: { permission: 'receivables.read', dealerParam: 'id' } },
      schema: { tags: ['receivables'], summary: 'Dealer statement (对账单); ?format=xlsx for Excel', params: IdParams, querystring: StatementQuery, response: { 200: Statement } },
    },
    async (request, reply) => {
      const statement = await statementOf(ctxOf(deps, request), request.params.id, request.query);
      if (request.query.format !== 'xlsx') return statement;
      const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
      const rows: StatementRow[] = [
        { date: statement.from, kind: 'opening', docNo: '', amountFen: null, balanceFen: statement.openingFen, dueOn: null, reference: null },
        ...statement.entries.map((e) => ({ date: e.entryOn, kind: e.kind, docNo: e.docNo, amountFen: e.amountFen, balanceFen: e.balanceFen, dueOn: e.dueOn, reference: e.reference })),
        { date: statement.to, kind: 'closing', docNo: '', amountFen: null, balanceFen: statement.closingFen, dueOn: null, reference: null },
      ];
      const buffer = await workbookOf({ name: 'statement', columns: statementColumns(english) }, rows, english);
      return (reply as FastifyReply)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="statement-${statement.dealerCode}-${statement.from}-${statement.to}.xlsx"`)
        .send(buffer);
    },
  );

  app.get(
    '/v1/receivables/overdue',
    {
      config: { access: { permission: 'receivables.read' } },
      schema: { tags: ['receivables'], summary: 'Overdue invoices, for reminders', querystring: OverdueQuery, response: { 200: listOf(OverdueItem) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listOverdue(ctxOf(deps, request), request.query, page), { name: 'overdue', columns: overdueColumns }),
  );

  app.get(
    '/v1/receivables/reminders',
    {
      config: { access: { permission: 'receivables.read' } },
      schema: { tags: ['receivables'], summary: 'Overdue reminders written by the daily job', querystring: ReminderQuery, response: { 200: listOf(OverdueReminder) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listReminders(ctxOf(deps, request), request.query, page), { name: 'reminders', columns: reminderColumns }),
  );

  app.get(
    '/v1/receivables/entries',
    { config: { access: { permission: 'receivables.read' } }, schema: { tags: ['receivables'], summary: 'The receivables ledger', querystring: LedgerQuery, response: { 200: listOf(LedgerEntry) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listLedger(ctxOf(deps, request), request.query, page), { name: 'receivables', columns: ledgerColumns }),
  );
}
