// Pure sell-out line checks: each bad line is named with a code; the good ones are kept.
import { SELLOUT_REJECT_CODES } from '../../../shared/schemas/sellout.js';
import { unstorableText } from '../../../shared/limits.js';
import { isRealDate } from '../../../shared/dates.js';

export type RejectCode = (typeof SELLOUT_REJECT_CODES)[number];

/** A line as sent (JSON) or read from a file (text cells); files add their row number. */
export interface RawLine {
  date: unknown;
  sku: unknown;
  quantity: unknown;
  amountFen: unknown;
  customerRef?: unknown;
  row?: number;
}

export interface GoodLine {
  index: number;
  date: string;
  productId: string;
  quantity: number;
  amountFen: number;
  customerRef: string | null;
}

export interface Rejection {
  index: number;
  row?: number;
  code: RejectCode;
  message: string;
}

const asInteger = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d{1,16}\s*$/.test(v)) return Number(v);
  return null;
};

export function checkLine(line: RawLine, index: number, products: Map<string, { id: string }>, today: string): { ok: GoodLine } | { rejected: Rejection } {
  const reject = (code: RejectCode, message: string) => ({ rejected: { index, ...(line.row !== undefined ? { row: line.row } : {}), code, message } });
  // File cells bypass the request check (core/validation.ts): a NUL there is this line's error.
  for (const field of ['date', 'sku', 'quantity', 'amountFen', 'customerRef'] as const) {
    const value = line[field];
    const problem = typeof value === 'string' ? unstorableText(value) : undefined;
    if (problem) return reject('INVALID_LINE', `${field} ${problem}`);
  }
  const date = typeof line.date === 'string' ? line.date.trim() : '';
  if (!isRealDate(date)) return reject('INVALID_DATE', `date ${JSON.stringify(line.date ?? null)} is not a real YYYY-MM-DD date`);
  if (date > today) return reject('FUTURE_DATE', `date ${date} is in the future`);
  const sku = typeof line.sku === 'string' ? line.sku.trim() : '';
  const product = products.get(sku);
  if (!product) return reject('UNKNOWN_SKU', `sku ${JSON.stringify(sku)} is not a known SKU`);
  const quantity = asInteger(line.quantity);
  if (quantity === null || quantity < 1) return reject('INVALID_QUANTITY', `quantity ${JSON.stringify(line.quantity ?? null)} must be a whole number of at least 1`);
  const amountFen = asInteger(line.amountFen);
  if (amountFen === null || amountFen < 0) return reject('INVALID_AMOUNT', `amountFen ${JSON.stringify(line.amountFen ?? null)} must be a whole number of fen, 0 or more`);
  const ref = line.customerRef === undefined || line.customerRef === null || line.customerRef === '' ? null : String(line.customerRef).trim();
  if (ref !== null && ref.length > 100) return reject('INVALID_LINE', 'customerRef is longer than 100 characters');
  return { ok: { index, date, productId: product.id, quantity, amountFen, customerRef: ref } };
}
