// The policy simulator (pure): the same 12 months of actual data priced under the current and a
// proposed policy. Each dealer's tier is re-graded from its sales and coverage under each policy,
// so a change of thresholds shows which dealers would move. Money is priced month by month with
// the rebate run's own computeRebate (one owner of the formula), so the simulator and the
// statements agree: the elastic target, the reward coefficient and grade-driven rate steps count.
import type { IncentivePolicy, SimPayout, Simulation, SimulatedDealer } from '../../../shared/schemas/incentives.js';
import { orderedTiers, tierFor } from './policy.rules.js';
import { taskPoints } from '../points/points.rules.js';
import { computeRebate } from '../rebates/rebates.rules.js';

/** One month of the window, in the figures a rebate run prices that month with (rebates.run.ts). */
export interface SimMonth {
  salesFen: number;
  /** the month's C6 elastic target (targets.seam.ts elasticTargets); null when none is set: no bonus, no task points */
  target: { targetFen: number; adjustedTargetFen: number; coefficientBp: number } | null;
  /** grade-driven rate steps in force by the month's end (targets.seam.ts rateAdjustmentsFor), in bp */
  rateAdjustmentBp: number;
}

export interface SimInput {
  dealerId: string;
  dealerCode: string;
  dealerName: string;
  /** the 12 months' qualifying sales and coverage the tier is graded on (tiers.service.ts) */
  salesFen: number;
  coverage: number;
  months: SimMonth[];
  newCustomers: number;
}

export function payoutUnder(policy: IncentivePolicy, d: SimInput): { tier: string; payout: SimPayout } {
  const tier = tierFor(policy, d.salesFen, d.coverage).code;
  const payout: SimPayout = { rebateFen: 0, bonusFen: 0, brandFundFen: 0, totalFen: 0, points: d.newCustomers * policy.points.perNewCustomer };
  for (const m of d.months) {
    // A statement's gross before deductions: deductions are the period's facts, not the policy's.
    const f = computeRebate(policy, {
      tier,
      qualifyingSalesFen: m.salesFen,
      targetFen: m.target?.targetFen ?? null,
      adjustedTargetFen: m.target?.adjustedTargetFen ?? null,
      coefficientBp: m.target?.coefficientBp ?? 10_000,
      rateAdjustmentBp: m.rateAdjustmentBp,
      deductionsFen: 0,
    });
    payout.rebateFen += f.rebateFen;
    payout.bonusFen += f.bonusFen;
    payout.brandFundFen += f.brandFundFen;
    payout.totalFen += f.totalFen;
    // As the points run awards them (points.earning.ts): completion against the adjusted target.
    if (m.target) payout.points += taskPoints(policy.points.perFullCompletion, Math.max(0, m.salesFen), m.target.adjustedTargetFen);
  }
  return { tier, payout };
}

/** The sum of the months' adjusted targets (what the bonus is priced against), null when no month has a target. */
export function windowTargetFen(months: SimMonth[]): number | null {
  const targeted = months.filter((m) => m.target !== null);
  return targeted.length ? targeted.reduce((s, m) => s + (m.target?.adjustedTargetFen ?? 0), 0) : null;
}

const zero = (): SimPayout => ({ rebateFen: 0, bonusFen: 0, brandFundFen: 0, totalFen: 0, points: 0 });
const add = (a: SimPayout, b: SimPayout): SimPayout => ({
  rebateFen: a.rebateFen + b.rebateFen,
  bonusFen: a.bonusFen + b.bonusFen,
  brandFundFen: a.brandFundFen + b.brandFundFen,
  totalFen: a.totalFen + b.totalFen,
  points: a.points + b.points,
});

export function simulate(current: IncentivePolicy, proposed: IncentivePolicy, inputs: SimInput[], window: { from: string; to: string; currentVersion: number }): Simulation {
  const dealers: SimulatedDealer[] = inputs.map((d) => {
    const a = payoutUnder(current, d);
    const b = payoutUnder(proposed, d);
    return {
      dealerId: d.dealerId,
      dealerCode: d.dealerCode,
      dealerName: d.dealerName,
      salesFen: d.salesFen,
      coverage: d.coverage,
      targetFen: windowTargetFen(d.months),
      currentTier: a.tier,
      proposedTier: b.tier,
      current: a.payout,
      proposed: b.payout,
      deltaFen: b.payout.totalFen - a.payout.totalFen,
    };
  });
  const totals = { current: dealers.reduce((s, d) => add(s, d.current), zero()), proposed: dealers.reduce((s, d) => add(s, d.proposed), zero()) };
  const tierCodes = [...new Set([...orderedTiers(current).map((t) => t.code), ...orderedTiers(proposed).map((t) => t.code)])];
  return {
    ...window,
    totals: { ...totals, deltaFen: totals.proposed.totalFen - totals.current.totalFen },
    byTier: tierCodes.map((tier) => ({
      tier,
      currentDealers: dealers.filter((d) => d.currentTier === tier).length,
      proposedDealers: dealers.filter((d) => d.proposedTier === tier).length,
      currentFen: dealers.filter((d) => d.currentTier === tier).reduce((s, d) => s + d.current.totalFen, 0),
      proposedFen: dealers.filter((d) => d.proposedTier === tier).reduce((s, d) => s + d.proposed.totalFen, 0),
    })),
    tierChanges: dealers
      .filter((d) => d.currentTier !== d.proposedTier)
      .map((d) => ({ dealerId: d.dealerId, dealerCode: d.dealerCode, dealerName: d.dealerName, from: d.currentTier, to: d.proposedTier })),
    dealers: dealers.sort((x, y) => Math.abs(y.deltaFen) - Math.abs(x.deltaFen) || x.dealerCode.localeCompare(y.dealerCode)),
  };
}
