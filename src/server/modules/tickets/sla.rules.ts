// The SLA clock (C9, C10): time counts only inside working hours on working days of the Chinese
// business calendar (weekends and public holidays off, 调休 Saturdays/Sundays on), as published
// in the `chinese-days` data package, with HQ's own overrides on top; paused spans do not count.
// Pure: no database, no clock; every instant is an ISO string or epoch milliseconds.
import chineseDays from 'chinese-days';

export interface WorkingHours {
  /** minutes after local midnight, e.g. 9:00 = 540 */
  startMinute: number;
  /** minutes after local midnight, e.g. 18:00 = 1080 */
  endMinute: number;
}

export interface BusinessCalendar {
  hours: WorkingHours;
  /** China has one time zone without daylight saving: UTC+8 all year. */
  utcOffsetMinutes: number;
  isWorkday(date: string): boolean;
}

export interface Pause {
  from: string;
  /** null while the pause lasts: the clock is stopped */
  to: string | null;
}

export const DEFAULT_HOURS: WorkingHours = { startMinute: 9 * 60, endMinute: 18 * 60 };
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far a clock may run before we give up (a stopped calendar must not loop forever). */
const MAX_DAYS = 3 * 366;

const officialCache = new Map<string, boolean>();
/** The official calendar: weekends, public holidays and 调休 working days. */
export function officialWorkday(date: string): boolean {
  let known = officialCache.get(date);
  if (known === undefined) {
    known = chineseDays.isWorkday(date);
    officialCache.set(date, known);
  }
  return known;
}

/** A calendar from working hours and admin overrides (date -> workday or not) over a base calendar. */
export function businessCalendar(hours: WorkingHours = DEFAULT_HOURS, overrides: ReadonlyMap<string, boolean> = new Map(), base: (date: string) => boolean = officialWorkday): BusinessCalendar {
  return { hours, utcOffsetMinutes: 8 * 60, isWorkday: (date) => overrides.get(date) ?? base(date) };
}

const localDate = (cal: BusinessCalendar, ms: number) => new Date(ms + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
const localMidnight = (cal: BusinessCalendar, date: string) => Date.parse(`${date}T00:00:00Z`) - cal.utcOffsetMinutes * MINUTE;

/** The working windows [start, end) from `fromMs` on, in order, the first one clipped to `fromMs`. */
function* workingWindows(cal: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  let midnight = localMidnight(cal, localDate(cal, fromMs));
  for (let i = 0; i < MAX_DAYS; i++, midnight += DAY) {
    if (!cal.isWorkday(localDate(cal, midnight))) continue;
    const start = Math.max(midnight + cal.hours.startMinute * MINUTE, fromMs);
    const end = midnight + cal.hours.endMinute * MINUTE;
    if (end > start) yield [start, end];
  }
}

type Span = [number, number];
const spansOf = (pauses: readonly Pause[]): Span[] =>
  pauses
    .map((p): Span => [Date.parse(p.from), p.to === null ? Infinity : Date.parse(p.to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);

/** A window minus the paused spans: the pieces of it in which the clock runs. */
function runningPieces(window: Span, paused: Span[]): Span[] {
  let pieces: Span[] = [window];
  for (const [ps, pe] of paused) {
    pieces = pieces.flatMap(([s, e]): Span[] => {
      if (pe <= s || ps >= e) return [[s, e]];
      const out: Span[] = [];
      if (ps > s) out.push([s, ps]);
      if (pe < e) out.push([pe, e]);
      return out;
    });
  }
  return pieces;
}

/**
 * The instant at which `minutes` of running business time have passed since `start`; null when the
 * clock is stopped by an open pause before then. A target ending exactly at closing time is due
 * at closing time (not at the next morning's opening).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: string, minutes: number, pauses: readonly Pause[] = []): string | null {
  const paused = spansOf(pauses);
  let remaining = minutes * MINUTE;
  const startMs = Date.parse(start);
  if (remaining <= 0) return new Date(startMs).toISOString();
  for (const window of workingWindows(cal, startMs)) {
    if (paused.some(([ps, pe]) => pe === Infinity && ps <= window[0])) return null;
    for (const [s, e] of runningPieces(window, paused)) {
      if (remaining <= e - s) return new Date(s + remaining).toISOString();
      remaining -= e - s;
    }
  }
  return null;
}

/** Running business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: BusinessCalendar, from: string, to: string, pauses: readonly Pause[] = []): number {
  const paused = spansOf(pauses);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  let total = 0;
  if (toMs <= fromMs) return 0;
  for (const [ws, we] of workingWindows(cal, fromMs)) {
    if (ws >= toMs) break;
    for (const [s, e] of runningPieces([ws, Math.min(we, toMs)], paused)) total += e - s;
    if (we >= toMs) break;
  }
  return Math.round(total / MINUTE);
}

// ---- targets ----------------------------------------------------------------------------------
export const TICKET_KINDS = ['customer_feedback', 'dealer_request'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const PRIORITIES = ['urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const FEEDBACK_TYPES = ['technical', 'service', 'product', 'delivery', 'other'] as const;
export const REQUEST_TYPES = ['supply', 'policy', 'marketing', 'technical', 'finance', 'other'] as const;
export const TYPES_OF: Record<TicketKind, readonly string[]> = { customer_feedback: FEEDBACK_TYPES, dealer_request: REQUEST_TYPES };

export type ByPriority = Record<Priority, number>;
export interface SlaTargets {
  /** minutes of business time to the first response, per kind and priority */
  firstResponse: Record<TicketKind, ByPriority>;
  /** minutes of business time to the resolution, per kind, type and priority */
  resolution: Record<TicketKind, Record<string, ByPriority>>;
}

const WORKDAY = 9 * 60; // one working day of the default 09:00-18:00 calendar
const days = (n: number): ByPriority => ({ urgent: Math.round((n * WORKDAY) / 2), normal: n * WORKDAY });

/**
 * C10: first response urgent 2 h, normal 24 h; C9: first response within 24 h. The clock runs on
 * working time only, so "24 h" is read as one working day (9 working hours), which is what a
 * customer sees: a complaint of Friday 17:00 is answered by Monday 17:00 at the latest.
 * Resolution deadlines per type are ours (docs/rules.md leaves them open); urgent halves them.
 */
export const DEFAULT_TARGETS: SlaTargets = {
  firstResponse: {
    customer_feedback: { urgent: 120, normal: WORKDAY },
    dealer_request: { urgent: 120, normal: WORKDAY },
  },
  resolution: {
    customer_feedback: { technical: days(3), service: days(2), product: days(5), delivery: days(2), other: days(3) },
    dealer_request: { supply: days(2), policy: days(5), marketing: days(5), technical: days(3), finance: days(3), other: days(5) },
  },
};

export function targetsFor(targets: SlaTargets, kind: TicketKind, type: string, priority: Priority) {
  const resolution = targets.resolution[kind][type] ?? DEFAULT_TARGETS.resolution[kind][type] ?? days(5);
  return { firstResponseMinutes: targets.firstResponse[kind][priority], resolutionMinutes: resolution[priority] };
}

/** Breached: the deadline has passed without the event, or the event came after the deadline. */
export function isBreached(dueAt: string | null, doneAt: string | null, now: string): boolean {
  if (!dueAt) return false;
  return (doneAt ?? now) > dueAt;
}

/** Traffic light of a running clock for the board: green, amber (80 % used), red (breached). */
export function slaColour(cal: BusinessCalendar, startedAt: string, dueAt: string | null, doneAt: string | null, now: string, pauses: readonly Pause[] = []): 'green' | 'amber' | 'red' | 'grey' {
  if (!dueAt) return 'grey';
  if (isBreached(dueAt, doneAt, now)) return 'red';
  if (doneAt) return 'green';
  const total = businessMinutesBetween(cal, startedAt, dueAt, pauses);
  const used = businessMinutesBetween(cal, startedAt, now, pauses);
  return total > 0 && used / total >= 0.8 ? 'amber' : 'green';
}
