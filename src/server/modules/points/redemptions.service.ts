// The points catalogue (equipment subsidies, ad resources, training seats) and redemptions.
// A redemption holds its points and stock at once (pending), so two parallel requests can never
// both spend the same points or the last unit; a rejection gives both back.
import type { PointsCatalogBody, PointsCatalogItem, Redemption, RedemptionBody, RedemptionStatus } from '../../../shared/schemas/points.js';
import type { ServiceContext } from '../../core/caller.js';
import type { PointsCatalogTable } from '../../db/types.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { isoNowDate, notFound } from '../incentives/shared.js';
import { policyOn } from '../incentives/policy.service.js';
import { assertActsFor, lockDealer } from '../orders/dealer-guard.js';
import { appendEntry, balanceOf } from './points.service.js';
import { REDEMPTION_TRANSITIONS } from './points.rules.js';

const toItem = (r: PointsCatalogTable): PointsCatalogItem => ({ id: r.id, name: r.name, category: r.category, points: Number(r.points), stock: Number(r.stock), active: r.active === 1 });

export async function listCatalog(ctx: ServiceContext, page: PageRequest) {
  let query = ctx.db
    .selectFrom('points_catalog')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  return toPage(await query.execute(), page.limit, (r) => r.id, toItem);
}

export async function createCatalogItem(ctx: ServiceContext, body: PointsCatalogBody): Promise<PointsCatalogItem> {
  const now = ctx.clock.now().toISOString();
  const row: PointsCatalogTable = { id: newId('pci'), name: body.name, category: body.category, points: body.points, stock: body.stock, active: 1, created_at: now, updated_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('points_catalog').values(row).execute();
    await appendAudit(trx, ctx, { action: 'points_catalog.create', entityType: 'points_catalog', entityId: row.id, change: body });
  });
  return toItem(row);
}

export async function updateCatalogItem(ctx: ServiceContext, id: string, body: { points?: number; stock?: number; active?: boolean }): Promise<PointsCatalogItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(body.points !== undefined ? { points: body.points } : {}),
      ...(body.stock !== undefined ? { stock: body.stock } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
      updated_at: ctx.clock.now().toISOString(),
    };
    const row = await trx.updateTable('points_catalog').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound(`Catalogue item ${id}`);
    await appendAudit(trx, ctx, { action: 'points_catalog.update', entityType: 'points_catalog', entityId: id, change: body });
    return toItem(row);
  });
}

function redemptionQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('points_redemptions as r')
    .innerJoin('dealers as d', 'd.id', 'r.dealer_id')
    .innerJoin('points_catalog as c', 'c.id', 'r.catalog_item_id')
    .selectAll('r')
    .select(['d.name as dealer_name', 'c.name as item_name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'r.dealer_id'));
}
type RedemptionRow = Awaited<ReturnType<ReturnType<typeof redemptionQuery>['executeTakeFirstOrThrow']>>;
const toRedemption = (r: RedemptionRow): Redemption => ({
  id: r.id,
  dealerId: r.dealer_id,
  dealerName: r.dealer_name,
  catalogItemId: r.catalog_item_id,
  itemName: r.item_name,
  quantity: Number(r.quantity),
  points: Number(r.points),
  status: r.status as RedemptionStatus,
  note: r.note,
  decidedBy: r.decided_by,
  createdAt: r.created_at,
});

export async function listRedemptions(ctx: ServiceContext, filter: { dealerId?: string; status?: RedemptionStatus }, page: PageRequest) {
  let query = redemptionQuery(ctx)
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('r.id', '<', page.after);
  if (filter.dealerId) query = query.where('r.dealer_id', '=', filter.dealerId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  return toPage(await query.execute(), page.limit, (r) => r.id, toRedemption);
}

async function redemption(ctx: ServiceContext, id: string): Promise<Redemption> {
  const row = await redemptionQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Redemption ${id}`);
  return toRedemption(row);
}

export async function redeem(ctx: ServiceContext, body: RedemptionBody): Promise<Redemption> {
  const policy = await policyOn(ctx.db, isoNowDate(ctx));
  const id = newId('pred');
  await ctx.db.transaction().execute(async (trx) => {
    await lockDealer(trx, ctx, body.dealerId);
    assertActsFor(ctx, body.dealerId);
    const item = await trx.selectFrom('points_catalog').selectAll().where('id', '=', body.catalogItemId).where('active', '=', 1).executeTakeFirst();
    if (!item) throw notFound(`Catalogue item ${body.catalogItemId}`);
    const cost = Number(item.points) * body.quantity;
    const balance = await balanceOf(trx, body.dealerId);
    if (balance < cost) throw new AppError('INSUFFICIENT_POINTS', `${cost} points needed, the balance is ${balance}`, undefined, { balance, required: cost });
    // The conditional decrement is the stock guard: it matches nothing once stock runs short.
    const taken = await trx
      .updateTable('points_catalog')
      .set((eb) => ({ stock: eb('stock', '-', body.quantity) }))
      .where('id', '=', item.id)
      .where('stock', '>=', body.quantity)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new AppError('OUT_OF_STOCK', `${item.name} has fewer than ${body.quantity} in stock`, undefined, { catalogItemId: item.id });
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('points_redemptions')
      .values({
        id,
        dealer_id: body.dealerId,
        catalog_item_id: item.id,
        quantity: body.quantity,
        points: cost,
        status: 'pending',
        note: null,
        decided_by: null,
        decided_at: null,
        created_by: ctx.caller.name,
        created_at: now,
      })
      .execute();
    await appendEntry(trx, ctx, { dealerId: body.dealerId, points: -cost, kind: 'redemption', reason: `兑换 ${item.name} x${body.quantity}`, refId: id }, policy.policy.points.expiryQuarters);
    await appendAudit(trx, ctx, { action: 'points.redeem', entityType: 'dealer', entityId: body.dealerId, change: { ...body, redemptionId: id, points: cost } });
  });
  return redemption(ctx, id);
}

export async function decideRedemption(ctx: ServiceContext, id: string, to: 'approved' | 'fulfilled' | 'rejected', note?: string): Promise<Redemption> {
  const current = await redemption(ctx, id);
  const policy = await policyOn(ctx.db, isoNowDate(ctx));
  await ctx.db.transaction().execute(async (trx) => {
    await lockDealer(trx, ctx, current.dealerId);
    const from = (await trx.selectFrom('points_redemptions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    if (!REDEMPTION_TRANSITIONS[from]?.includes(to)) throw new AppError('INVALID_TRANSITION', `A ${from} redemption cannot become ${to}`, undefined, { from, to });
    await trx
      .updateTable('points_redemptions')
      .set({ status: to, note: note ?? null, decided_by: ctx.caller.name, decided_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .execute();
    if (to === 'rejected') {
      await trx
        .updateTable('points_catalog')
        .set((eb) => ({ stock: eb('stock', '+', current.quantity) }))
        .where('id', '=', current.catalogItemId)
        .execute();
      await appendEntry(
        trx,
        ctx,
        { dealerId: current.dealerId, points: current.points, kind: 'redemption_reversal', reason: `兑换驳回退回 ${current.itemName}`, refId: id, sourceKey: `reversal:${id}` },
        policy.policy.points.expiryQuarters,
      );
    }
    await appendAudit(trx, ctx, { action: `points_redemption.${to}`, entityType: 'points_redemption', entityId: id, change: { from, to, note: note ?? null } });
  });
  return redemption(ctx, id);
}
