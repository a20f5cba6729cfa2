import { sql } from 'kysely';
import { isHqRole } from '../../../shared/permissions.js';
import type { DashboardSummary } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { countUsers } from '../users/users.service.js';

/** Home-page counts, each within what the caller may see. */
export async function dashboardSummary(ctx: ServiceContext): Promise<DashboardSummary> {
  const scope = visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id');
  const groups = await ctx.db
    .selectFrom('dealers')
    .select(['status', 'tier', 'level', (eb) => eb.fn.countAll().as('n')])
    .where(scope)
    .groupBy(['status', 'tier', 'level'])
    .execute();
  const byStatus: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  let total = 0;
  let level2 = 0;
  for (const g of groups) {
    const n = Number(g.n);
    total += n;
    if (g.level === 2) level2 += n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + n;
    byTier[g.tier] = (byTier[g.tier] ?? 0) + n;
  }
  const provinces = await ctx.db
    .selectFrom('dealer_territories')
    .innerJoin('dealers', 'dealers.id', 'dealer_territories.dealer_id')
    .select(sql<number>`count(distinct substr(region_code, 1, 2))`.as('n'))
    .where(scope)
    .executeTakeFirstOrThrow();
  const products = await ctx.db
    .selectFrom('products')
    .select([
      (eb) => eb.fn.countAll().as('total'),
      (eb) => eb.fn.sum<number>(eb.case().when('active', '=', 1).then(1).else(0).end()).as('active'),
      sql<number>`count(distinct category)`.as('categories'),
    ])
    .executeTakeFirstOrThrow();
  const recent = await ctx.db
    .selectFrom('dealer_events')
    .innerJoin('dealers', 'dealers.id', 'dealer_events.dealer_id')
    .select(['dealer_events.dealer_id', 'dealers.name', 'dealer_events.to_status', 'dealer_events.at', 'dealer_events.actor_name'])
    .where(scope)
    .orderBy('dealer_events.id', 'desc')
    .limit(8)
    .execute();
  return {
    dealers: { total, level2, byStatus, byTier, provinces: Number(provinces.n) },
    products: { total: Number(products.total), active: Number(products.active ?? 0), categories: Number(products.categories) },
    users: isHqRole(ctx.caller.role) ? await countUsers(ctx.db) : null,
    recentEvents: recent.map((r) => ({ dealerId: r.dealer_id, dealerName: r.name, toStatus: r.to_status, at: r.at, actorName: r.actor_name })),
  };
}
