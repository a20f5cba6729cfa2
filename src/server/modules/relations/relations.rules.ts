import { addDays, quarterEnd, quarterOf } from '../../../shared/dates.js';
// C13 pure rules: the contribution split of a contested customer or order, the stepped
// compensation plan, survey scores (CSAT, NPS) and the relationship-care calendar.

export const CONTRIBUTION_FACTORS = ['leadOrigin', 'salesEffort', 'delivery', 'service'] as const;
export type Factor = (typeof CONTRIBUTION_FACTORS)[number];
/** Default weights in percent (sum 100): who found the customer, who sold, who delivered, who serves. */
export const DEFAULT_WEIGHTS: Record<Factor, number> = { leadOrigin: 30, salesEffort: 30, delivery: 20, service: 20 };

export interface PartyShares {
  dealerId: string;
  /** per factor, this party's share of that factor in percent (the parties' shares of a factor sum to 100) */
  shares: Record<Factor, number>;
}

/**
 * Each party's contribution = sum over factors of weight x its share; the amount is split in
 * proportion, in whole fen, remainders to the largest fractions (ties: the earlier party), so the
 * parts always add up to the amount.
 */
export function contributionSplit(weights: Record<Factor, number>, parties: PartyShares[], amountFen: number) {
  const weightSum = CONTRIBUTION_FACTORS.reduce((s, f) => s + weights[f], 0);
  if (weightSum <= 0) throw new Error('weights must sum to more than zero');
  for (const f of CONTRIBUTION_FACTORS) {
    const total = parties.reduce((s, p) => s + p.shares[f], 0);
    if (Math.abs(total - 100) > 1e-9 && total !== 0) throw new Error(`shares of ${f} must sum to 100 (got ${total})`);
  }
  const contributions = parties.map((p) => CONTRIBUTION_FACTORS.reduce((s, f) => s + (weights[f] * p.shares[f]) / weightSum, 0));
  const totalContribution = contributions.reduce((s, c) => s + c, 0);
  if (totalContribution <= 0) throw new Error('no party contributed');
  const exact = contributions.map((c) => (amountFen * c) / totalContribution);
  const floors = exact.map(Math.floor);
  let left = amountFen - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, frac: x - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return parties.map((p, i) => ({ dealerId: p.dealerId, contributionPct: Math.round(contributions[i] * 100) / 100, amountFen: floors[i] }));
}

export interface PlanStep {
  afterDays: number;
  percent: number;
}
/** Default stepped plan: half on signing the settlement, 30 % after 30 days, the rest after 90. */
export const DEFAULT_PLAN: PlanStep[] = [
  { afterDays: 0, percent: 50 },
  { afterDays: 30, percent: 30 },
  { afterDays: 90, percent: 20 },
];

export function compensationPlan(totalFen: number, startOn: string, steps: PlanStep[] = DEFAULT_PLAN) {
  const sum = steps.reduce((s, x) => s + x.percent, 0);
  if (Math.abs(sum - 100) > 1e-9) throw new Error('plan percents must sum to 100');
  let paid = 0;
  return steps.map((s, i) => {
    const amountFen = i === steps.length - 1 ? totalFen - paid : Math.floor((totalFen * s.percent) / 100);
    paid += amountFen;
    return { step: i + 1, dueOn: addDays(startOn, s.afterDays), percent: s.percent, amountFen };
  });
}

/** CSAT: share of answers of 4 or 5 on the 1-5 scale, in percent. */
export function csat(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.filter((s) => s >= 4).length / scores.length) * 1000) / 10;
}

/** NPS: percent promoters (9-10) minus percent detractors (0-6), -100..100. */
export function nps(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
}

/** The periods of the care calendar containing a date: quarter (QBR) and half year (key-person visit). */
export function carePeriods(date: string) {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  const h = m <= 6 ? 1 : 2;
  const halfEnd = h === 1 ? `${y}-06-30` : `${y}-12-31`;
  return { quarter: quarterOf(date), quarterEnd: quarterEnd(date), half: `${y}-H${h}`, halfEnd };
}
