// Star dealers (星级经销商): N consecutive years at or above the annual (elastic) target -> star status,
// priority renewal of an exclusive territory, and a loyalty bonus of min..max % of the cumulative
// sales of those years, scaled by the average completion. Plus the yearly awards.
import type { StarDealer } from '../../../shared/schemas/points.js';
import type { ServiceContext } from '../../core/caller.js';
import type { StarDealersTable } from '../../db/types.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { invalid, isoNowDate, notFound } from './shared.js';
import { applyBp, fromBp, toBp } from './policy.rules.js';
import { policyOn } from './policy.service.js';
import { salesByDealer } from './sales.repo.js';
import { elasticTargets } from '../rebates/targets.seam.js';
import type { IncentivePolicy } from '../../../shared/schemas/incentives.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

export interface YearResult {
  year: number;
  salesFen: number;
  targetFen: number | null;
  completion: number | null;
}

/** Pure: the star rule and the loyalty bonus for one dealer's consecutive years. */
export function starOf(policy: IncentivePolicy, years: YearResult[]): { star: boolean; averageCompletion: number | null; loyaltyRateBp: number; loyaltyBonusFen: number; cumulativeSalesFen: number } {
  const cumulativeSalesFen = years.reduce((s, y) => s + y.salesFen, 0);
  const star = years.length === policy.star.consecutiveYears && years.every((y) => y.targetFen !== null && y.targetFen > 0 && y.salesFen >= y.targetFen);
  const completions = years.map((y) => y.completion).filter((c): c is number => c !== null);
  const averageCompletion = completions.length === years.length && years.length ? completions.reduce((s, c) => s + c, 0) / completions.length : null;
  if (!star || averageCompletion === null) return { star, averageCompletion, loyaltyRateBp: 0, loyaltyBonusFen: 0, cumulativeSalesFen };
  const [min, max] = [toBp(policy.star.loyaltyRateMin), toBp(policy.star.loyaltyRateMax)];
  const span = policy.star.fullRateAtCompletion - 1;
  const scale = span <= 0 ? 1 : Math.min(1, Math.max(0, (averageCompletion - 1) / span));
  const loyaltyRateBp = Math.round(min + (max - min) * scale);
  return { star, averageCompletion, loyaltyRateBp, loyaltyBonusFen: applyBp(cumulativeSalesFen, loyaltyRateBp), cumulativeSalesFen };
}

/** Evaluates every dealer for the years ending with `year` and records the result (re-runnable). */
export async function runStars(ctx: ServiceContext, year: number): Promise<{ year: number; evaluated: number; stars: number }> {
  if (`${year}-12-31` >= isoNowDate(ctx)) throw invalid('/year', 'must be a year that has ended');
  const { policy } = await policyOn(ctx.db, `${year}-12-31`);
  const years = Array.from({ length: policy.star.consecutiveYears }, (_, i) => year - policy.star.consecutiveYears + 1 + i);
  const dealers = await ctx.db.selectFrom('dealers').select(['id']).where('status', 'in', TRADING_STATUSES).execute();
  const ids = dealers.map((d) => d.id);
  const perYear = await Promise.all(years.map(async (y) => ({ y, sales: await salesByDealer(ctx.db, `${y}-01-01`, `${y}-12-31`), targets: await elasticTargets(ctx.db, ids, String(y)) })));
  const exclusive = new Set((await ctx.db.selectFrom('dealer_territories').select('dealer_id').where('exclusive', '=', 1).execute()).map((r) => r.dealer_id));
  const rows: StarDealersTable[] = [];
  for (const id of ids) {
    const results: YearResult[] = perYear.map(({ y, sales, targets }) => {
      const salesFen = sales.get(id) ?? 0;
      // The year's elastic target (HQ's saved rule), as the scorecard, rebates and points judge it.
      const targetFen = targets.get(id)?.adjustedTargetFen ?? null;
      return { year: y, salesFen, targetFen, completion: targetFen ? salesFen / targetFen : null };
    });
    if (results.every((r) => r.salesFen === 0 && r.targetFen === null)) continue;
    const s = starOf(policy, results);
    rows.push({
      dealer_id: id,
      year,
      star: s.star ? 1 : 0,
      years: JSON.stringify(results),
      cumulative_sales_fen: s.cumulativeSalesFen,
      avg_completion_bp: s.averageCompletion === null ? null : Math.round(s.averageCompletion * 10_000),
      loyalty_rate_bp: s.loyaltyRateBp,
      loyalty_bonus_fen: s.loyaltyBonusFen,
      renewal_priority: s.star && exclusive.has(id) ? 1 : 0,
      created_at: ctx.clock.now().toISOString(),
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('star_dealers').where('year', '=', year).execute();
    for (const row of rows) await trx.insertInto('star_dealers').values(row).execute();
    await appendAudit(trx, ctx, {
      action: 'star_dealers.run',
      entityType: 'star_dealers',
      entityId: String(year),
      change: { year, evaluated: rows.length, stars: rows.filter((r) => r.star).map((r) => r.dealer_id) },
    });
  });
  return { year, evaluated: rows.length, stars: rows.filter((r) => r.star === 1).length };
}

export async function listStars(ctx: ServiceContext, filter: { year?: number; dealerId?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('star_dealers as s')
    .innerJoin('dealers as d', 'd.id', 's.dealer_id')
    .selectAll('s')
    .select(['d.code', 'd.name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 's.dealer_id'))
    .orderBy('s.dealer_id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('s.dealer_id', '>', page.after);
  if (filter.year) query = query.where('s.year', '=', filter.year);
  if (filter.dealerId) query = query.where('s.dealer_id', '=', filter.dealerId);
  const rows = await query.execute();
  return toPage(
    rows,
    page.limit,
    (r) => r.dealer_id,
    (r): StarDealer => ({
      dealerId: r.dealer_id,
      dealerCode: r.code,
      dealerName: r.name,
      year: Number(r.year),
      star: r.star === 1,
      years: JSON.parse(r.years),
      cumulativeSalesFen: Number(r.cumulative_sales_fen),
      averageCompletion: r.avg_completion_bp === null ? null : fromBp(Number(r.avg_completion_bp)),
      loyaltyRate: fromBp(Number(r.loyalty_rate_bp)),
      loyaltyBonusFen: Number(r.loyalty_bonus_fen),
      renewalPriority: r.renewal_priority === 1,
    }),
  );
}

// ---- awards: innovation and strategic contribution, nominated then decided
export async function nominate(ctx: ServiceContext, body: { year: number; category: string; dealerId: string; citation: string }) {
  await visibleDealerOr404(ctx, body.dealerId);
  const id = newId('awd');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('incentive_awards')
      .values({
        id,
        year: body.year,
        category: body.category,
        dealer_id: body.dealerId,
        citation: body.citation,
        status: 'nominated',
        amount_fen: 0,
        nominated_by: ctx.caller.name,
        decided_by: null,
        decided_at: null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx, { action: 'award.nominate', entityType: 'incentive_award', entityId: id, change: body });
  });
  return getAward(ctx, id);
}

export async function decideAward(ctx: ServiceContext, id: string, to: 'awarded' | 'declined', amountFen = 0) {
  await getAward(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('incentive_awards')
      .set({ status: to, amount_fen: to === 'awarded' ? amountFen : 0, decided_by: ctx.caller.name, decided_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'nominated')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', 'The nomination was already decided');
    await appendAudit(trx, ctx, { action: `award.${to}`, entityType: 'incentive_award', entityId: id, change: { to, amountFen } });
  });
  return getAward(ctx, id);
}

function awardQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('incentive_awards as a')
    .innerJoin('dealers as d', 'd.id', 'a.dealer_id')
    .selectAll('a')
    .select('d.name as dealer_name')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'a.dealer_id'));
}
type AwardRow = Awaited<ReturnType<ReturnType<typeof awardQuery>['executeTakeFirstOrThrow']>>;
const toAward = (r: AwardRow) => ({
  id: r.id,
  year: Number(r.year),
  category: r.category as 'innovation',
  dealerId: r.dealer_id,
  dealerName: r.dealer_name,
  citation: r.citation,
  status: r.status as 'nominated',
  amountFen: Number(r.amount_fen),
  nominatedBy: r.nominated_by,
  decidedBy: r.decided_by,
  createdAt: r.created_at,
});

async function getAward(ctx: ServiceContext, id: string) {
  const row = await awardQuery(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Award ${id}`);
  return toAward(row);
}

export async function listAwards(ctx: ServiceContext, filter: { year?: number; dealerId?: string }, page: PageRequest) {
  let query = awardQuery(ctx)
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('a.id', '<', page.after);
  if (filter.year) query = query.where('a.year', '=', filter.year);
  if (filter.dealerId) query = query.where('a.dealer_id', '=', filter.dealerId);
  return toPage(await query.execute(), page.limit, (r) => r.id, toAward);
}
