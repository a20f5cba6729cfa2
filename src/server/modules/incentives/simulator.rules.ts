// The policy simulator (pure): the same 12 months of actual data priced under the current and a
// proposed policy. Each dealer's tier is re-graded from its sales and coverage under each policy,
// so a change of thresholds shows which dealers would move.
import type { IncentivePolicy, SimPayout, Simulation, SimulatedDealer } from '../../../shared/schemas/incentives.js';
import { applyBp, orderedTiers, tierFor, toBp } from './policy.rules.js';
import { taskPoints } from '../points/points.rules.js';

export interface SimInput {
  dealerId: string;
  dealerCode: string;
  dealerName: string;
  salesFen: number;
  coverage: number;
  /** sum of the window's targets, null when none were set */
  targetFen: number | null;
  /** sales and target per month, for task points */
  months: { salesFen: number; targetFen: number | null }[];
  newCustomers: number;
}

export function payoutUnder(policy: IncentivePolicy, d: SimInput): { tier: string; payout: SimPayout } {
  const tier = tierFor(policy, d.salesFen, d.coverage);
  const sales = Math.max(0, d.salesFen);
  const rebateFen = applyBp(sales, toBp(tier.rebateRate));
  const bonusFen = d.targetFen === null ? 0 : applyBp(Math.max(0, sales - d.targetFen), toBp(policy.overAchievementRate));
  const brandFundFen = policy.brandFund.tiers.includes(tier.code) ? applyBp(sales, toBp(policy.brandFund.rate)) : 0;
  const points =
    d.months.reduce((s, m) => s + (m.targetFen ? taskPoints(policy.points.perFullCompletion, Math.max(0, m.salesFen), m.targetFen) : 0), 0) + d.newCustomers * policy.points.perNewCustomer;
  return { tier: tier.code, payout: { rebateFen, bonusFen, brandFundFen, totalFen: rebateFen + bonusFen + brandFundFen, points } };
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
      targetFen: d.targetFen,
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
