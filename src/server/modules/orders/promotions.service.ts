import type { CreatePromotionBody, Promotion, Tier, UpdatePromotionBody } from '../../../shared/schemas/index.js';
import type { PromotionsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { isRealDate } from '../../../shared/dates.js';

export const toPromotion = (r: PromotionsTable): Promotion => ({
  id: r.id,
  name: r.name,
  tier: r.tier as Tier | null,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  thresholdFen: Number(r.threshold_fen),
  discountFen: r.discount_fen === null ? null : Number(r.discount_fen),
  discountRate: r.discount_rate_bp === null ? null : r.discount_rate_bp / 10_000,
  budgetFen: Number(r.budget_fen),
  usedFen: Number(r.used_fen),
  remainingFen: Number(r.budget_fen) - Number(r.used_fen),
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function checkDates(startsOn: string, endsOn: string) {
  if (!isRealDate(startsOn)) throw invalid('/startsOn', 'is not a real date');
  if (!isRealDate(endsOn)) throw invalid('/endsOn', 'is not a real date');
  if (endsOn < startsOn) throw invalid('/endsOn', 'must not be before startsOn');
}

export async function listPromotions(ctx: ServiceContext, filter: { activeOn?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('promotions')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '<', page.after);
  if (filter.activeOn) query = query.where('active', '=', 1).where('starts_on', '<=', filter.activeOn).where('ends_on', '>=', filter.activeOn);
  return toPage(await query.execute(), page.limit, (r) => r.id, toPromotion);
}

export async function getPromotion(ctx: ServiceContext, id: string): Promise<Promotion> {
  const row = await ctx.db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Promotion ${id}`);
  return toPromotion(row);
}

/** A threshold discount: spend >= thresholdFen, get discountFen off or discountRate x subtotal off. */
export async function createPromotion(ctx: ServiceContext, body: CreatePromotionBody): Promise<Promotion> {
  checkDates(body.startsOn, body.endsOn);
  if ((body.discountFen === undefined) === (body.discountRate === undefined)) throw invalid('/discountFen', 'give exactly one of discountFen and discountRate');
  const rateBp = body.discountRate === undefined ? null : Math.round(body.discountRate * 10_000);
  if (rateBp !== null && (rateBp < 1 || rateBp > 10_000)) throw invalid('/discountRate', 'must be between 0.0001 and 1');
  const now = ctx.clock.now().toISOString();
  const row: PromotionsTable = {
    id: newId('prm'),
    name: body.name,
    tier: body.tier ?? null,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    threshold_fen: body.thresholdFen,
    discount_fen: body.discountFen ?? null,
    discount_rate_bp: rateBp,
    budget_fen: body.budgetFen,
    used_fen: 0,
    active: body.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('promotions').values(row).execute();
    await appendAudit(trx, ctx, { action: 'promotion.create', entityType: 'promotion', entityId: row.id, change: body });
  });
  return toPromotion(row);
}

export async function updatePromotion(ctx: ServiceContext, id: string, body: UpdatePromotionBody): Promise<Promotion> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound(`Promotion ${id}`);
    if (body.endsOn !== undefined) checkDates(current.starts_on, body.endsOn);
    const patch = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.endsOn !== undefined && { ends_on: body.endsOn }),
      ...(body.budgetFen !== undefined && { budget_fen: body.budgetFen }),
      ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
      updated_at: ctx.clock.now().toISOString(),
    };
    // The budget can shrink only down to what is already used (the row's CHECK agrees).
    let update = trx.updateTable('promotions').set(patch).where('id', '=', id);
    if (body.budgetFen !== undefined) update = update.where('used_fen', '<=', body.budgetFen);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw invalid('/budgetFen', `must not be below what is already used (${Number(current.used_fen)} fen)`);
    await appendAudit(trx, ctx, { action: 'promotion.update', entityType: 'promotion', entityId: id, change: body });
  });
  return getPromotion(ctx, id);
}
