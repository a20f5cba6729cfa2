// Reads a sell-out file (CSV or XLSX) into raw lines with their spreadsheet row numbers.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError, invalid } from '../../core/errors.js';
import { yuanToFen, type RawLine } from './sellout.rules.js';

export const SELLOUT_FILE_MAX_ROWS = 50_000;

/** Header names accepted for each field (English and Chinese). */
const HEADERS: Record<string, string[]> = {
  date: ['date', 'solddate', 'soldon', '日期', '销售日期'],
  sku: ['sku', '商品编码', '产品编码', '货号'],
  quantity: ['quantity', 'qty', '数量'],
  amountFen: ['amountfen', '金额(分)', '金额（分）'],
  amount: ['amount', 'amountyuan', '金额', '金额(元)', '金额（元）'],
  customerRef: ['customerref', 'customer', '客户', '客户编号'],
};
const normalise = (h: string) => h.trim().toLowerCase().replace(/[\s_]/g, '');

function fieldOf(header: string): string | undefined {
  const h = normalise(header);
  return Object.keys(HEADERS).find((field) => HEADERS[field].some((alias) => normalise(alias) === h));
}

function toLines(header: string[], rows: { row: number; cells: string[] }[]): RawLine[] {
  const fields = header.map(fieldOf);
  for (const required of ['date', 'sku', 'quantity']) {
    if (!fields.includes(required)) throw invalid('/file', `has no "${required}" column (header row: ${header.join(', ')})`);
  }
  if (!fields.includes('amountFen') && !fields.includes('amount')) throw invalid('/file', 'has no "amountFen" or "amount" (yuan) column');
  if (rows.length > SELLOUT_FILE_MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `A sell-out file holds at most ${SELLOUT_FILE_MAX_ROWS} rows`);
  return rows.map(({ row, cells }) => {
    const get = (field: string) => {
      const i = fields.indexOf(field);
      return i >= 0 ? (cells[i] ?? '').trim() : undefined;
    };
    // amountFen as given, else the yuan column converted exactly (left as text when it is not money).
    const yuan = get('amount');
    const amountFen = get('amountFen') ?? (yuan ? (yuanToFen(yuan) ?? yuan) : yuan);
    return { row, date: get('date'), sku: get('sku'), quantity: get('quantity'), amountFen, customerRef: get('customerRef') };
  });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<RawLine[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid('/file', 'is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('/file', 'has no worksheet');
  const header: string[] = [];
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    const cells = values.map((v) => cellText(v as ExcelJS.CellValue));
    if (n === 1) header.push(...cells);
    else if (cells.some((c) => c.trim() !== '')) rows.push({ row: n, cells });
  });
  return toLines(header, rows);
}

function readCsv(buffer: Buffer): RawLine[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw invalid('/file', `is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw invalid('/file', 'is empty');
  // Row numbers as a spreadsheet shows them: the file line the record ends on (header = 1).
  return toLines(records[0].record, records.slice(1).map((r) => ({ row: r.info.lines, cells: r.record })));
}

/** XLSX by its zip signature, else CSV (UTF-8, with or without BOM). */
export async function readSelloutFile(buffer: Buffer): Promise<RawLine[]> {
  if (buffer.length === 0) throw invalid('/file', 'is empty');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  return isZip ? readXlsx(buffer) : readCsv(buffer);
}
