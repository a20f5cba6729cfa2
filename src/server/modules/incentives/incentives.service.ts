// The policy simulator over the last 12 months of actual data, and a dealer's own incentive view.
import { sql } from 'kysely';
import type { DealerIncentives, IncentivePolicy, Simulation } from '../../../shared/schemas/incentives.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { INCENTIVE_STATUSES, isoNowDate, visibleDealerRow } from './shared.js';
import { last12Months, orderedTiers, quarterEnd, tierByCode, tierFor } from './policy.rules.js';
import { assertPolicy, policyOn } from './policy.service.js';
import { coverageByDealer, monthlySalesByDealer, newCustomersByDealer, salesByDealer } from './sales.repo.js';
import { simulate, type SimInput } from './simulator.rules.js';
import { targetsFor } from '../rebates/targets.seam.js';
import { pointsExpiringBy } from '../points/points.rules.js';

export async function simulatePolicy(ctx: ServiceContext, proposed: IncentivePolicy): Promise<Simulation> {
  assertPolicy(proposed);
  const today = isoNowDate(ctx);
  const window = last12Months(today);
  const current = await policyOn(ctx.db, today);
  const dealers = await ctx.db
    .selectFrom('dealers')
    .select(['id', 'code', 'name'])
    .where('status', 'in', INCENTIVE_STATUSES)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id'))
    .orderBy('code')
    .execute();
  const ids = dealers.map((d) => d.id);
  const [monthly, coverage, customers, monthTargets] = await Promise.all([
    monthlySalesByDealer(ctx.db, window.from, window.to),
    coverageByDealer(ctx.db),
    newCustomersByDealer(ctx.db, window.from, window.to),
    Promise.all(window.months.map((m) => targetsFor(ctx.db, ids, m))),
  ]);
  const inputs: SimInput[] = dealers.map((d) => {
    const months = window.months.map((m, i) => ({ salesFen: monthly.get(d.id)?.get(m) ?? 0, targetFen: monthTargets[i].get(d.id) ?? null }));
    const targeted = months.filter((m) => m.targetFen !== null);
    return {
      dealerId: d.id,
      dealerCode: d.code,
      dealerName: d.name,
      salesFen: months.reduce((s, m) => s + m.salesFen, 0),
      coverage: coverage.get(d.id) ?? 0,
      targetFen: targeted.length ? targeted.reduce((s, m) => s + (m.targetFen ?? 0), 0) : null,
      months,
      newCustomers: customers.get(d.id) ?? 0,
    };
  });
  return simulate(current.policy, proposed, inputs, { from: window.from, to: window.to, currentVersion: current.version });
}

/** GET /dealers/{id}/incentives: my tier and the way to the next, rebates, points, star status. */
export async function dealerIncentives(ctx: ServiceContext, dealerId: string): Promise<DealerIncentives> {
  const dealer = await visibleDealerRow(ctx, dealerId);
  const today = isoNowDate(ctx);
  const { policy } = await policyOn(ctx.db, today);
  const window = last12Months(today);
  const [sales, coverage, statements, points, star] = await Promise.all([
    salesByDealer(ctx.db, window.from, window.to),
    coverageByDealer(ctx.db),
    ctx.db.selectFrom('rebate_statements').select(['status', sql<number>`sum(total_fen)`.as('fen')]).where('dealer_id', '=', dealerId).groupBy('status').execute(),
    ctx.db.selectFrom('points_entries').select(['points', 'expires_on']).where('dealer_id', '=', dealerId).execute(),
    ctx.db.selectFrom('star_dealers').selectAll().where('dealer_id', '=', dealerId).orderBy('year', 'desc').limit(1).executeTakeFirst(),
  ]);
  const salesFen = sales.get(dealerId) ?? 0;
  const cov = coverage.get(dealerId) ?? 0;
  const tier = tierByCode(policy, dealer.tier);
  const tiers = orderedTiers(policy);
  const next = tiers[tiers.findIndex((t) => t.code === tier.code) + 1];
  const sum = (status: string) => Number(statements.find((s) => s.status === status)?.fen ?? 0);
  const rows = points.map((p) => ({ points: Number(p.points), expiresOn: p.expires_on }));
  return {
    dealerId,
    tier: tier.code,
    tierName: tier.name,
    qualifiedTier: tierFor(policy, salesFen, cov).code,
    salesLast12Fen: salesFen,
    coverage: cov,
    rebateRate: tier.rebateRate,
    nextTier: next
      ? {
          code: next.code,
          name: next.name,
          minAnnualSalesFen: next.minAnnualSalesFen,
          gapFen: Math.max(0, next.minAnnualSalesFen - salesFen),
          minCoverage: next.minCoverage,
          progress: next.minAnnualSalesFen > 0 ? Math.min(1, Math.max(0, salesFen) / next.minAnnualSalesFen) : 1,
        }
      : null,
    rebates: { accruedFen: sum('draft'), approvedFen: sum('approved'), paidFen: sum('paid') },
    points: { balance: rows.reduce((s, r) => s + r.points, 0), expiringThisQuarter: pointsExpiringBy(rows, today, quarterEnd(today)) },
    star: star ? { year: Number(star.year), star: star.star === 1, renewalPriority: star.renewal_priority === 1, loyaltyBonusFen: Number(star.loyalty_bonus_fen) } : null,
  };
}
