import { describe, expect, it } from 'vitest';
import { decideWarning, yellowReasons, type DealerSignals } from './warnings.rules.js';
import { monthsElapsed } from '../../../shared/dates.js';

const t = { baselineComposite: 60, salesDropRatio: 0.2, complaintSpikeFactor: 2, redAfterMonths: 6 };
const signals = (over: Partial<DealerSignals>): DealerSignals => ({
  period: '2026-Q1',
  periodEnd: '2026-03-31',
  composite: 75,
  actualFen: 1000,
  lastYearActualFen: null,
  previousQuarterBelow: null,
  complaints: null,
  complaintsBaseline: null,
  diversionCases: null,
  ...over,
});

describe('warning levels (C7)', () => {
  it('opens yellow for one period below baseline', () => {
    expect(decideWarning(signals({ composite: 59.99 }), null, t)).toMatchObject({ action: 'open', level: 'yellow' });
  });
  it('does not warn at the baseline itself', () => {
    expect(decideWarning(signals({ composite: 60 }), null, t)).toEqual({ action: 'none' });
  });
  it('opens yellow when sales fall more than 20% year on year, not at exactly 20%', () => {
    expect(yellowReasons(signals({ actualFen: 799, lastYearActualFen: 1000 }), t).map((r) => r.code)).toEqual(['sales_drop']);
    expect(yellowReasons(signals({ actualFen: 800, lastYearActualFen: 1000 }), t)).toEqual([]);
  });
  it('opens yellow on a complaint spike and on one diversion case', () => {
    expect(yellowReasons(signals({ complaints: 5, complaintsBaseline: 2 }), t).map((r) => r.code)).toEqual(['complaint_spike']);
    expect(yellowReasons(signals({ complaints: 4, complaintsBaseline: 2 }), t)).toEqual([]);
    expect(yellowReasons(signals({ diversionCases: 1 }), t).map((r) => r.code)).toEqual(['diversion']);
  });
  it('treats missing data as no signal, not as a bad one', () => {
    expect(decideWarning(signals({ composite: null }), null, t)).toEqual({ action: 'none' });
  });
  it('goes orange after two consecutive quarters below baseline', () => {
    const d = decideWarning(signals({ period: '2026-Q2', periodEnd: '2026-06-30', composite: 50, previousQuarterBelow: true }), { level: 'yellow', levelSince: '2026-03-31', planDeadline: null }, t);
    expect(d).toMatchObject({ action: 'escalate', from: 'yellow', level: 'orange' });
  });
  it('goes red when orange is not improved within six months', () => {
    const open = { level: 'orange' as const, levelSince: '2026-06-30', planDeadline: null };
    const q3 = decideWarning(signals({ period: '2026-Q3', periodEnd: '2026-09-30', composite: 55, previousQuarterBelow: true }), open, t);
    expect(q3).toMatchObject({ action: 'keep', level: 'orange' });
    const q4 = decideWarning(signals({ period: '2026-Q4', periodEnd: '2026-12-31', composite: 55, previousQuarterBelow: true }), open, t);
    expect(q4).toMatchObject({ action: 'escalate', from: 'orange', level: 'red' });
  });
  it('escalates one level when an improvement plan deadline passes unimproved', () => {
    const d = decideWarning(signals({ period: '2026-05', periodEnd: '2026-05-31', composite: 58 }), { level: 'yellow', levelSince: '2026-03-31', planDeadline: '2026-05-15' }, t);
    expect(d).toMatchObject({ action: 'escalate', level: 'orange' });
  });
  it('de-escalates orange to yellow and resolves yellow on recovery; red stays', () => {
    const ok = signals({ composite: 80 });
    expect(decideWarning(ok, { level: 'orange', levelSince: '2026-01-01', planDeadline: null }, t)).toMatchObject({ action: 'de_escalate', level: 'yellow' });
    expect(decideWarning(ok, { level: 'yellow', levelSince: '2026-01-01', planDeadline: null }, t)).toMatchObject({ action: 'resolve' });
    expect(decideWarning(ok, { level: 'red', levelSince: '2026-01-01', planDeadline: null }, t)).toMatchObject({ action: 'keep', level: 'red' });
  });
  it('keeps a quarterly orange through a month that looks recovered, its clock and reasons untouched', () => {
    // A month's composite is not a quarter's (a quarterly target leaves a month without a sales KPI).
    const open = { level: 'orange' as const, levelSince: '2026-03-31', planDeadline: null };
    expect(decideWarning(signals({ period: '2026-04', periodEnd: '2026-04-30', composite: 100 }), open, t)).toEqual({ action: 'keep', from: 'orange', level: 'orange', reasons: [] });
    expect(decideWarning(signals({ period: '2026-05', periodEnd: '2026-05-31', composite: 50 }), open, t)).toEqual({ action: 'keep', from: 'orange', level: 'orange', reasons: [] });
  });
  it('goes red from a quarterly orange six months on, whatever the months in between said', () => {
    const open = { level: 'orange' as const, levelSince: '2026-03-31', planDeadline: null };
    expect(decideWarning(signals({ period: '2026-09', periodEnd: '2026-09-30', composite: 55 }), open, t)).toMatchObject({ action: 'escalate', level: 'red' });
    expect(decideWarning(signals({ period: '2026-Q3', periodEnd: '2026-09-30', composite: 55, previousQuarterBelow: true }), open, t)).toMatchObject({ action: 'escalate', level: 'red' });
  });
  it('de-escalates an orange only on a quarter with a real composite at baseline', () => {
    const open = { level: 'orange' as const, levelSince: '2026-03-31', planDeadline: null };
    expect(decideWarning(signals({ period: '2026-Q2', periodEnd: '2026-06-30', composite: 60 }), open, t)).toMatchObject({ action: 'de_escalate', level: 'yellow' });
    expect(decideWarning(signals({ period: '2026-Q2', periodEnd: '2026-06-30', composite: null }), open, t)).toMatchObject({ action: 'keep', level: 'orange' });
  });
  it('counts whole months', () => {
    expect(monthsElapsed('2026-06-30', '2026-12-31')).toBe(6);
    expect(monthsElapsed('2026-06-30', '2026-12-29')).toBe(5);
    expect(monthsElapsed('2026-03-31', '2026-09-30')).toBe(6);
  });
});
