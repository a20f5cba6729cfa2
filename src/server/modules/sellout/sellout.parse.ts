// Reads a sell-out file (CSV or XLSX) into raw lines with their spreadsheet row numbers; reading
// and its budgets (size, inflated bytes, rows, time) are core/uploads.ts's.
import { invalid } from '../../core/errors.js';
import { SPREADSHEET_KINDS, type Upload, type UploadPolicy } from '../../core/uploads.js';
import { readTable, type TableCell } from '../../core/upload-tables.js';
import type { RawLine } from './sellout.rules.js';
import { yuanToFenOrNull } from '../../../shared/money.js';
import { utcDate } from '../../../shared/dates.js';

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
  return rows.map(({ row, cells }) => {
    const get = (field: string) => {
      const i = fields.indexOf(field);
      return i >= 0 ? (cells[i] ?? '').trim() : undefined;
    };
    // amountFen as given, else the yuan column converted exactly (left as text when it is not money).
    const yuan = get('amount');
    const amountFen = get('amountFen') ?? (yuan ? (yuanToFenOrNull(yuan, { allowNegative: true }) ?? yuan) : yuan);
    return { row, date: get('date'), sku: get('sku'), quantity: get('quantity'), amountFen, customerRef: get('customerRef') };
  });
}

function cellText(value: TableCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return utcDate(value);
  return String(value);
}

/** What the upload endpoint takes. */
export const SELLOUT_UPLOAD: UploadPolicy = { kinds: SPREADSHEET_KINDS };

/** The lines of a CSV or XLSX upload; the header is its first non-blank row. */
export async function readSelloutFile(file: Upload): Promise<RawLine[]> {
  const table = await readTable(file, { rows: SELLOUT_FILE_MAX_ROWS });
  if (!table.header) throw invalid('/file', 'is empty');
  return toLines(
    Array.from(table.header.cells, cellText),
    table.rows.map((r) => ({ row: r.row, cells: Array.from(r.cells, cellText) })),
  );
}
