// The one date and period library (docs/rules.md, "Dates and periods"), used by the server and
// the web app. Business dates are `YYYY-MM-DD`, months `YYYY-MM`, quarters `YYYY-Qn`, years `YYYY`
// (docs/rules.md, Conventions). Dates are calendar values: arithmetic runs on whole days counted
// from 1970-01-01, never on local clocks, so no time zone or daylight saving can shift a result.
// The one place an instant becomes a business date is `businessDate`: Qudao's users are in China
// (UTC+8 all year), so a shipment at 23:30 UTC on the 5th belongs to the 6th.

export type PeriodKind = 'month' | 'quarter' | 'year';

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
export const QUARTER_PATTERN = '^\\d{4}-Q[1-4]$';
export const PERIOD_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';
const PERIOD_RE = new RegExp(PERIOD_PATTERN);
const DAY_MS = 86_400_000;
/** China Standard Time has no daylight saving: one fixed offset. */
export const BUSINESS_UTC_OFFSET_MINUTES = 8 * 60;

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month (month 1-12). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Day number since 1970-01-01 of a YYYY-MM-DD date (or the date part of an ISO timestamp). */
const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A real calendar date in YYYY-MM-DD (2026-02-30 is not). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(value.slice(0, 4)), month);
}

export const isPeriod = (value: string): boolean => PERIOD_RE.test(value);

/** The UTC calendar date of an instant (storage and SQL comparisons of timestamps). */
export const utcDate = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The business date of an instant: the calendar date in China (UTC+8). */
export const businessDate = (instant: Date): string => utcDate(new Date(instant.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000));

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** Whole days from `from` to `to` (to - from); ISO timestamps count by their date part. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** YYYY-MM of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);
export const quarterOf = (date: string): string => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
export const yearOf = (date: string): string => date.slice(0, 4);

/** The period of `kind` containing a date. */
export function periodOf(date: string, kind: PeriodKind): string {
  switch (kind) {
    case 'month':
      return monthOf(date);
    case 'quarter':
      return quarterOf(date);
    case 'year':
      return yearOf(date);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** YYYY-MM plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const k = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${pad((((k % 12) + 12) % 12) + 1)}`;
}

/** A YYYY-MM-DD date plus n months, the day clamped to the target month's last day (01-31 + 1 = 02-28). */
export function addMonthsToDate(date: string, n: number): string {
  const month = addMonths(date.slice(0, 7), n);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))));
  return `${month}-${pad(day)}`;
}

/** Calendar months from month a to month b (YYYY-MM), b - a. */
export const monthDiff = (a: string, b: string): number => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/** Whole months elapsed from date a to date b: a month counts once its day is reached (clamped at month end). */
export function monthsElapsed(a: string, b: string): number {
  const months = monthDiff(a.slice(0, 7), b.slice(0, 7));
  const dayReached = Number(b.slice(8, 10)) >= Math.min(Number(a.slice(8, 10)), daysInMonth(Number(b.slice(0, 4)), Number(b.slice(5, 7))));
  return dayReached ? months : months - 1;
}

/** The months from `from` to `to` inclusive (YYYY-MM); empty when from > to. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

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

export function periodKind(period: string): PeriodKind {
  if (!isPeriod(period)) throw new Error(`Not a period: ${period}`);
  return period.length === 4 ? 'year' : period[5] === 'Q' ? 'quarter' : 'month';
}

/** A period's first and last day and its months. Throws on text that is not a period. */
export function parsePeriod(period: string): PeriodRange {
  const kind = periodKind(period);
  const year = period.slice(0, 4);
  const first = kind === 'year' ? `${year}-01` : kind === 'quarter' ? addMonths(`${year}-01`, (Number(period[6]) - 1) * 3) : period;
  const months = monthRange(first, addMonths(first, kind === 'year' ? 11 : kind === 'quarter' ? 2 : 0));
  const last = months[months.length - 1];
  return { period, kind, from: `${first}-01`, to: `${last}-${pad(daysInMonth(Number(last.slice(0, 4)), Number(last.slice(5, 7))))}`, months };
}

export const monthsOf = (period: string): string[] => parsePeriod(period).months;

/** The instant (ISO, UTC) at which a business date begins: its midnight in China. */
export const businessDayStart = (date: string): string => new Date(dayNumber(date) * DAY_MS - BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString();

/** [from, to) of a period as instants, for comparing stored timestamps: the period's business days, so a
 * ticket opened at 23:30 UTC on 31 March (07:30 on 1 April in China) counts in April. */
export function periodInstants(period: string): { from: string; to: string } {
  const { from, to } = parsePeriod(period);
  return dateRangeInstants(from, to);
}

/** [from, to) instants of the business days `from`..`to` inclusive (see periodInstants). */
export const dateRangeInstants = (from: string, to: string): { from: string; to: string } => ({
  from: businessDayStart(from),
  to: businessDayStart(addDays(to, 1)),
});

/** The period of the same kind just before: 2026-01 -> 2025-12, 2026-Q1 -> 2025-Q4, 2026 -> 2025. */
export function previousPeriod(period: string): string {
  return shiftPeriod(period, -1);
}

/** The period n periods of the same kind after (n may be negative). */
export function shiftPeriod(period: string, n: number): string {
  const kind = periodKind(period);
  if (kind === 'year') return String(Number(period) + n);
  if (kind === 'month') return addMonths(period, n);
  const index = Number(period.slice(0, 4)) * 4 + Number(period[6]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(((index % 4) + 4) % 4) + 1}`;
}

/** The same period one year earlier. */
export const samePeriodLastYear = (period: string): string => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

/** The last day of the quarter `plusQuarters` after the one `date` lies in. */
export const quarterEnd = (date: string, plusQuarters = 0): string => parsePeriod(shiftPeriod(quarterOf(date), plusQuarters)).to;

/** The 12 full months before `today`'s month, with their first and last day. */
export function last12Months(today: string): { from: string; to: string; months: string[] } {
  const months = monthRange(addMonths(monthOf(today), -12), addMonths(monthOf(today), -1));
  return { from: `${months[0]}-01`, to: parsePeriod(months[11]).to, months };
}

// ---- working days: the calendar (public holidays, 调休 make-up days, HQ overrides) is injected,
// as in src/server/modules/tickets/sla.rules.ts, so this file stays free of data packages.

export type IsWorkday = (date: string) => boolean;

/** The date `n` working days after `date` (n >= 0; 0 returns the date itself when it is a workday, else the next one). */
export function addWorkingDays(date: string, n: number, isWorkday: IsWorkday): string {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}

/** Working days in (from, to]: how many workdays pass after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string, isWorkday: IsWorkday): number {
  const sign = from <= to ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkday(d)) count++;
  return sign > 0 ? count : -count || 0;
}

/** Monday to Friday: the default when no calendar is known. */
export const weekdaysOnly: IsWorkday = (date) => {
  const dow = new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
};
