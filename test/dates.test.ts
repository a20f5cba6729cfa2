// Properties of the one date and period library (src/shared/dates.ts), each checked against an
// independent oracle (JavaScript Date in UTC, Intl for the China time zone) or an inverse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToDate,
  addWorkingDays,
  businessDate,
  daysBetween,
  isPeriod,
  isRealDate,
  last12Months,
  monthDiff,
  monthRange,
  monthsElapsed,
  parsePeriod,
  periodInstants,
  periodOf,
  previousPeriod,
  quarterEnd,
  shiftPeriod,
  weekdaysOnly,
  workingDaysBetween,
} from '../src/shared/dates.js';

const DAY = 86_400_000;
const dayIndex = fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2100, 11, 31) / DAY });
const date = dayIndex.map((n) => new Date(n * DAY).toISOString().slice(0, 10));
const month = fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const period = fc.oneof(
  month,
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.integer({ min: 1990, max: 2100 }).map(String),
);
const oracleAddDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('dates: calendar arithmetic', () => {
  it('addDays agrees with Date and daysBetween is its inverse', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        expect(addDays(d, n)).toBe(oracleAddDays(d, n));
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('isRealDate accepts exactly the dates Date round-trips', () => {
    const text = fc
      .tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(text, (t) => {
        const parsed = new Date(`${t}T00:00:00Z`);
        const roundTrips = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === t;
        expect(isRealDate(t)).toBe(roundTrips);
      }),
    );
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-1-05')).toBe(false);
  });

  it('addMonths and monthDiff are inverses; monthRange has the right length', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -400, max: 400 }), (m, n) => {
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
        expect(monthDiff(m, addMonths(m, n))).toBe(n);
        expect(monthRange(m, addMonths(m, Math.abs(n) % 30)).length).toBe((Math.abs(n) % 30) + 1);
      }),
    );
  });

  it('addMonthsToDate clamps to month end and monthsElapsed counts it back', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 240 }), (d, n) => {
        const later = addMonthsToDate(d, n);
        expect(isRealDate(later)).toBe(true);
        expect(monthDiff(d.slice(0, 7), later.slice(0, 7))).toBe(n);
        expect(Number(later.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
        expect(monthsElapsed(d, later)).toBe(n);
        if (n > 0 && later.slice(8) === d.slice(8)) expect(monthsElapsed(d, addDays(later, -1))).toBe(n - 1);
      }),
    );
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
  });
});

describe('dates: periods', () => {
  it('periods tile the calendar: each ends the day before the next begins', () => {
    fc.assert(
      fc.property(period, (p) => {
        const r = parsePeriod(p);
        expect(isPeriod(p)).toBe(true);
        expect(r.months.length).toBe({ month: 1, quarter: 3, year: 12 }[r.kind]);
        expect(addDays(r.to, 1)).toBe(parsePeriod(shiftPeriod(p, 1)).from);
        expect(previousPeriod(shiftPeriod(p, 1))).toBe(p);
        expect(daysBetween(r.from, r.to) + 1).toBe(r.months.reduce((s, m) => s + daysBetween(`${m}-01`, addDays(parsePeriod(m).to, 1)), 0));
        const instants = periodInstants(p);
        expect(Date.parse(instants.to) - Date.parse(instants.from)).toBe((daysBetween(r.from, r.to) + 1) * DAY);
      }),
    );
  });

  it('the period of a date contains it; shifting is reversible', () => {
    fc.assert(
      fc.property(date, fc.constantFrom('month' as const, 'quarter' as const, 'year' as const), fc.integer({ min: -50, max: 50 }), (d, kind, n) => {
        const p = periodOf(d, kind);
        const r = parsePeriod(p);
        expect(r.from <= d && d <= r.to).toBe(true);
        expect(shiftPeriod(shiftPeriod(p, n), -n)).toBe(p);
      }),
    );
  });

  it('quarter ends and the last 12 months', () => {
    expect(quarterEnd('2026-11-20')).toBe('2026-12-31');
    expect(quarterEnd('2026-11-20', 1)).toBe('2027-03-31');
    expect(quarterEnd('2026-02-10', -1)).toBe('2025-12-31');
    fc.assert(
      fc.property(date, (d) => {
        const l = last12Months(d);
        expect(l.months.length).toBe(12);
        expect(l.months[11]).toBe(addMonths(d.slice(0, 7), -1));
        expect(addDays(l.to, 1)).toBe(`${d.slice(0, 7)}-01`);
      }),
    );
    expect(() => parsePeriod('2026-13')).toThrow();
  });
});

describe('dates: business dates and working days', () => {
  it('businessDate is the calendar date in Asia/Shanghai', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2090, 0, 1) }), (t) => {
        expect(businessDate(new Date(t))).toBe(shanghai.format(new Date(t)));
      }),
    );
    expect(businessDate(new Date('2026-12-05T23:30:00Z'))).toBe('2026-12-06');
  });

  it('the instants of a period are exactly the instants whose business date lies in the period', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: -2 * DAY, max: 2 * DAY }), (p, offset) => {
        const { from, to } = periodInstants(p);
        const r = parsePeriod(p);
        for (const edge of [Date.parse(from), Date.parse(to)]) {
          const t = new Date(edge + offset);
          const inside = t.getTime() >= Date.parse(from) && t.getTime() < Date.parse(to);
          const d = businessDate(t);
          expect(inside).toBe(d >= r.from && d <= r.to);
        }
      }),
    );
    expect(periodInstants('2026-04')).toEqual({ from: '2026-03-31T16:00:00.000Z', to: '2026-04-30T16:00:00.000Z' });
  });

  it('addWorkingDays and workingDaysBetween agree, and skip non-working days', () => {
    const holidays = new Set(['2026-10-01', '2026-10-02', '2026-10-05']);
    const isWorkday = (d: string) => !holidays.has(d) && weekdaysOnly(d);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (d, n) => {
        const start = addWorkingDays(d, 0, isWorkday);
        const end = addWorkingDays(start, n, isWorkday);
        expect(isWorkday(end)).toBe(true);
        expect(workingDaysBetween(start, end, isWorkday)).toBe(n);
        expect(workingDaysBetween(end, start, isWorkday)).toBe(n === 0 ? 0 : -n);
      }),
    );
    expect(addWorkingDays('2026-09-30', 1, isWorkday)).toBe('2026-10-06');
  });
});
