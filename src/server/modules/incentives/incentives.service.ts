// The policy simulator over the last 12 months of actual data, and a dealer's own incentive view.
import { sql } from 'kysely';
import type { DealerIncentives, IncentivePolicy, Simulation } from '../../../shared/schemas/incentives.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { isoNowDate } from './shared.js';
import { tierByCode } from './policy.rules.js';
import { quarterEnd } from '../../../shared/dates.js';
import { assertPolicy } from './policy.service.js';
import { monthlySalesByDealer, newCustomersByDealer } from './sales.repo.js';
import { tierStandings } from './tiers.service.js';
import { simulate, type SimInput } from './simulator.rules.js';
import { elasticTargets, rateAdjustmentsFor } from '../rebates/targets.seam.js';
import { pointsExpiringBy } from '../points/points.rules.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { newCustomersByDealer, salesByDealer, salesLines } from './sales.repo.js';

export async function simulatePolicy(ctx: ServiceContext, proposed: IncentivePolicy): Promise<Simulation> {
  assertPolicy(proposed);
  const today = isoNowDate(ctx);
  const dealers = await ctx.db
    .selectFrom('dealers')
    .select(['id', 'code', 'name'])
    .where('status', 'in', TRADING_STATUSES)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id'))
    .orderBy('code')
    .execute();
  const ids = dealers.map((d) => d.id);
  // The "current" side is exactly the dealers' tier standing (tiers.service.ts): same window, same
  // coverage, same policy version as tier progress and "my incentives" show.
  const standings = await tierStandings(ctx.db, today.slice(0, 4), today, ids);
  const current = standings.version;
  // Per month, the inputs a rebate run of that month reads (rebates.run.ts), so each month prices as its statement does.
  const [monthly, customers, monthTargets, monthAdjustments] = await Promise.all([
    monthlySalesByDealer(ctx.db, standings.from, standings.to),
    newCustomersByDealer(ctx.db, standings.from, standings.to),
    Promise.all(standings.months.map((m) => elasticTargets(ctx.db, ids, m))),
    Promise.all(standings.months.map((m) => rateAdjustmentsFor(ctx.db, ids, m))),
  ]);
  const inputs: SimInput[] = dealers.map((d) => ({
    dealerId: d.id,
    dealerCode: d.code,
    dealerName: d.name,
    salesFen: standings.get(d.id).annualSalesFen,
    coverage: standings.get(d.id).coverage,
    months: standings.months.map((m, i) => ({
      salesFen: monthly.get(d.id)?.get(m) ?? 0,
      target: monthTargets[i].get(d.id) ?? null,
      rateAdjustmentBp: monthAdjustments[i].get(d.id) ?? 0,
    })),
    newCustomers: customers.get(d.id) ?? 0,
  }));
  return simulate(current.policy, proposed, inputs, { from: standings.from, to: standings.to, currentVersion: current.version });
}

/** GET /dealers/{id}/incentives: my tier and the way to the next, rebates, points, star status. */
export async function dealerIncentives(ctx: ServiceContext, dealerId: string): Promise<DealerIncentives> {
  const dealer = await visibleDealerOr404(ctx, dealerId);
  const today = isoNowDate(ctx);
  const [standings, statements, points, star] = await Promise.all([
    tierStandings(ctx.db, today.slice(0, 4), today, [dealerId]),
    ctx.db
      .selectFrom('rebate_statements')
      .select(['status', sql<number>`sum(total_fen)`.as('fen')])
      .where('dealer_id', '=', dealerId)
      .groupBy('status')
      .execute(),
    ctx.db.selectFrom('points_entries').select(['points', 'expires_on']).where('dealer_id', '=', dealerId).execute(),
    ctx.db.selectFrom('star_dealers').selectAll().where('dealer_id', '=', dealerId).orderBy('year', 'desc').limit(1).executeTakeFirst(),
  ]);
  const { policy, version } = standings.version;
  const s = standings.get(dealerId);
  const tier = tierByCode(policy, dealer.tier);
  const sum = (status: string) => Number(statements.find((x) => x.status === status)?.fen ?? 0);
  const rows = points.map((p) => ({ points: Number(p.points), expiresOn: p.expires_on }));
  return {
    dealerId,
    tier: tier.code,
    tierName: tier.name,
    qualifiedTier: s.reached.code,
    qualifiedTierName: s.reached.name,
    policyVersion: version,
    from: standings.from,
    to: standings.to,
    salesLast12Fen: s.annualSalesFen,
    coverage: s.coverage,
    rebateRate: tier.rebateRate,
    nextTier: s.next
      ? { code: s.next.code, name: s.next.name, minAnnualSalesFen: s.next.minAnnualSalesFen, gapFen: s.salesGapFen, minCoverage: s.next.minCoverage, coverageGap: s.coverageGap, progress: s.progress }
      : null,
    rebates: { accruedFen: sum('draft'), approvedFen: sum('approved'), paidFen: sum('paid') },
    points: { balance: rows.reduce((a, r) => a + r.points, 0), expiringThisQuarter: pointsExpiringBy(rows, today, quarterEnd(today)) },
    star: star ? { year: Number(star.year), star: star.star === 1, renewalPriority: star.renewal_priority === 1, loyaltyBonusFen: Number(star.loyalty_bonus_fen) } : null,
  };
}
