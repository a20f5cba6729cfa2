// Evaluation periods: `YYYY-MM` (month), `YYYY-Qn` (quarter), `YYYY` (year), as date ranges.

export type PeriodKind = 'month' | 'quarter' | 'year';

export const PERIOD_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';
const PERIOD_RE = new RegExp(PERIOD_PATTERN);

export interface PeriodRange {
  period: string;
  kind: PeriodKind;
  /** first day, YYYY-MM-DD */
  from: string;
  /** last day, YYYY-MM-DD (inclusive) */
  to: string;
  /** the months it covers, YYYY-MM */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isPeriod(value: string): boolean {
  return PERIOD_RE.test(value);
}

export function parsePeriod(period: string): PeriodRange {
  if (!isPeriod(period)) throw new Error(`Not a period: ${period}`);
  const year = Number(period.slice(0, 4));
  let first: number;
  let count: number;
  let kind: PeriodKind;
  if (period.length === 4) [first, count, kind] = [1, 12, 'year'];
  else if (period[5] === 'Q') [first, count, kind] = [(Number(period[6]) - 1) * 3 + 1, 3, 'quarter'];
  else [first, count, kind] = [Number(period.slice(5, 7)), 1, 'month'];
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const lastMonth = first + count - 1;
  return { period, kind, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`, months };
}

/** The period of the same kind just before: 2026-01 -> 2025-12, 2026-Q1 -> 2025-Q4, 2026 -> 2025. */
export function previousPeriod(period: string): string {
  const { kind } = parsePeriod(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const q = Number(period[6]);
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** The same period one year earlier. */
export function samePeriodLastYear(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

/** The period of `kind` that contains a date (YYYY-MM-DD). */
export function periodOf(date: string, kind: PeriodKind): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${pad(month)}`;
}

/** Whole days from a to b (YYYY-MM-DD or ISO timestamps), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

/** Adds months to a YYYY-MM-DD date, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), lastDay(year, month));
  return `${year}-${pad(month)}-${pad(day)}`;
}
