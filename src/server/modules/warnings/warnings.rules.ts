// Graded warnings (docs/rules.md, C7), decided after every evaluation run:
// yellow: one period below baseline, sales down > 20% year on year, a complaint spike, or a
//         diversion case -> coaching;
// orange: two consecutive quarters below baseline -> formal warning and an improvement plan;
// red:    orange not improved within 6 months (or an improvement plan's deadline passed
//         unimproved at orange) -> termination procedure.
// Recovery de-escalates: orange drops to yellow, yellow resolves. Red stays until HQ decides.
// Orange is a judgment over quarters, so only a quarter (or a year) at or above baseline clears
// it: a month's run (evaluation.job.ts runs one every month) neither de-escalates an orange nor
// restarts the clock `levelSince` that red counts from, and a lower signal of a month does not
// replace the reasons of a higher level.
import type { EvaluationSettings } from '../evaluation/settings.rules.js';
import { parsePeriod, monthsElapsed } from '../../../shared/dates.js';

export const WARNING_LEVELS = ['yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
const RANK: Record<WarningLevel, number> = { yellow: 1, orange: 2, red: 3 };

export const higher = (a: WarningLevel, b: WarningLevel): WarningLevel => (RANK[a] >= RANK[b] ? a : b);
const oneUp = (l: WarningLevel): WarningLevel => (l === 'yellow' ? 'orange' : 'red');

export type ReasonCode = 'below_baseline' | 'sales_drop' | 'complaint_spike' | 'diversion' | 'two_quarters_below' | 'unimproved_6_months' | 'plan_deadline_passed';

export interface WarningReason {
  code: ReasonCode;
  period: string;
  detail: string;
}

/** The `warning` block of the evaluation settings: declared there once, with its defaults. */
export type WarningThresholds = Pick<EvaluationSettings['warning'], 'baselineComposite' | 'salesDropRatio' | 'complaintSpikeFactor' | 'redAfterMonths'>;

export interface DealerSignals {
  period: string;
  periodEnd: string; // YYYY-MM-DD
  composite: number | null;
  actualFen: number;
  /** actual of the same period last year; null when unknown */
  lastYearActualFen: number | null;
  /** whether the previous quarter's composite was below baseline (quarter periods only; null unknown) */
  previousQuarterBelow: boolean | null;
  complaints: number | null;
  /** average complaints of the previous periods; null when there is no history */
  complaintsBaseline: number | null;
  diversionCases: number | null;
}

export interface OpenWarning {
  level: WarningLevel;
  /** when the current level was reached: YYYY-MM-DD (end of the triggering period); the clock
   *  red counts from, moved only by a change of level */
  levelSince: string;
  /** the deadline of the active improvement plan, if any */
  planDeadline: string | null;
}

export type WarningDecision =
  | { action: 'none' }
  | { action: 'open'; level: WarningLevel; reasons: WarningReason[] }
  | { action: 'escalate' | 'de_escalate' | 'keep'; from: WarningLevel; level: WarningLevel; reasons: WarningReason[] }
  | { action: 'resolve'; from: WarningLevel; reasons: WarningReason[] };

export const isBelowBaseline = (composite: number | null, baseline: number) => composite !== null && composite < baseline;

const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

/** The yellow-level signals of one period. */
export function yellowReasons(s: DealerSignals, t: WarningThresholds): WarningReason[] {
  const out: WarningReason[] = [];
  if (isBelowBaseline(s.composite, t.baselineComposite)) {
    out.push({ code: 'below_baseline', period: s.period, detail: `composite ${s.composite} < ${t.baselineComposite}` });
  }
  if (s.lastYearActualFen !== null && s.lastYearActualFen > 0) {
    const change = s.actualFen / s.lastYearActualFen - 1;
    if (change < -t.salesDropRatio) out.push({ code: 'sales_drop', period: s.period, detail: `sales ${pct(change)} year on year` });
  }
  if (s.complaints !== null && s.complaintsBaseline !== null && s.complaints > 0 && s.complaints > s.complaintsBaseline * t.complaintSpikeFactor) {
    out.push({ code: 'complaint_spike', period: s.period, detail: `${s.complaints} complaints vs ${Math.round(s.complaintsBaseline * 10) / 10} usual` });
  }
  if (s.diversionCases !== null && s.diversionCases > 0) {
    out.push({ code: 'diversion', period: s.period, detail: `${s.diversionCases} diversion case(s)` });
  }
  return out;
}

export function decideWarning(s: DealerSignals, open: OpenWarning | null, t: WarningThresholds): WarningDecision {
  const reasons = yellowReasons(s, t);
  const below = isBelowBaseline(s.composite, t.baselineComposite);
  let triggered: WarningLevel | null = reasons.length ? 'yellow' : null;
  if (below && s.previousQuarterBelow === true) {
    reasons.push({ code: 'two_quarters_below', period: s.period, detail: 'two consecutive quarters below baseline' });
    triggered = 'orange';
  }

  if (!open) return triggered ? { action: 'open', level: triggered, reasons } : { action: 'none' };

  // Recovered: nothing triggers any more.
  if (!triggered) {
    if (open.level === 'red') return { action: 'keep', from: 'red', level: 'red', reasons: [] };
    if (open.level === 'orange') {
      // Only a quarter's (or year's) real composite at baseline is an improvement of two quarters below.
      const quarterRecovered = parsePeriod(s.period).kind !== 'month' && s.composite !== null;
      if (!quarterRecovered) return { action: 'keep', from: 'orange', level: 'orange', reasons: [] };
      return { action: 'de_escalate', from: 'orange', level: 'yellow', reasons: [] };
    }
    return { action: 'resolve', from: open.level, reasons: [] };
  }

  let level = higher(open.level, triggered);
  // Not improved: still below baseline (or still triggering) past the allowed time.
  if (open.level === 'orange' && below && monthsElapsed(open.levelSince, s.periodEnd) >= t.redAfterMonths) {
    reasons.push({ code: 'unimproved_6_months', period: s.period, detail: `not improved within ${t.redAfterMonths} months at orange` });
    level = 'red';
  } else if (open.planDeadline && open.planDeadline < s.periodEnd && open.level !== 'red') {
    reasons.push({ code: 'plan_deadline_passed', period: s.period, detail: `improvement plan deadline ${open.planDeadline} passed unimproved` });
    level = higher(level, oneUp(open.level));
  }
  // A lower signal (a month's yellow under an orange) keeps the reasons that explain the level.
  if (level === open.level) return { action: 'keep', from: open.level, level, reasons: RANK[triggered] >= RANK[open.level] ? reasons : [] };
  return { action: 'escalate', from: open.level, level, reasons };
}
