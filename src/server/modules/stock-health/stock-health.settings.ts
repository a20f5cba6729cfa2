// The stock-health parameters HQ may change: the demand window, order cycle and defaults in the
// settings table (`stockHealth.*`), service levels per category, lead times per product and
// their per-dealer overrides. Every change is audited with its before and after.
import type { LeadTime, StockHealthSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { invalid, notFound } from '../../core/errors.js';
import { productsBySku } from '../orders/orders.service.js';

type Scalar = Exclude<keyof StockHealthSettings, 'serviceLevels'>;

/** Each scalar: its settings key, default (C5: 95% service level) and allowed range. */
export const SCALARS: Record<Scalar, { key: string; fallback: number; min: number; max: number }> = {
  windowDays: { key: 'stockHealth.windowDays', fallback: 90, min: 7, max: 365 },
  orderCycleDays: { key: 'stockHealth.orderCycleDays', fallback: 14, min: 0, max: 365 },
  defaultLeadTimeDays: { key: 'stockHealth.defaultLeadTimeDays', fallback: 7, min: 0, max: 365 },
  defaultLeadTimeSdDays: { key: 'stockHealth.defaultLeadTimeSdDays', fallback: 0, min: 0, max: 365 },
  defaultServiceLevel: { key: 'stockHealth.defaultServiceLevel', fallback: 0.95, min: 0.5, max: 0.9999 },
};
const NAMES = Object.keys(SCALARS) as Scalar[];

export async function stockHealthSettings(db: Database): Promise<StockHealthSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', NAMES.map((n) => SCALARS[n].key)).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const scalars = Object.fromEntries(
    NAMES.map((n) => {
      const { key, fallback, min, max } = SCALARS[n];
      const value = Number(byKey.get(key));
      // A stored value outside the allowed range (edited by hand) falls back to the default.
      return [n, byKey.has(key) && Number.isFinite(value) && value >= min && value <= max ? value : fallback];
    }),
  ) as Record<Scalar, number>;
  const levels = await db.selectFrom('stock_service_levels').select(['category', 'service_level']).orderBy('category').execute();
  return { ...scalars, serviceLevels: levels.map((l) => ({ category: l.category, serviceLevel: Number(l.service_level) })) };
}

/** PUT: replaces the scalars and the whole list of category service levels. */
export async function saveStockHealthSettings(ctx: ServiceContext, body: StockHealthSettings): Promise<StockHealthSettings> {
  NAMES.forEach((n) => {
    const { min, max } = SCALARS[n];
    if (!(body[n] >= min && body[n] <= max)) throw invalid(`/${n}`, `must be from ${min} to ${max}`);
  });
  const seen = new Set<string>();
  body.serviceLevels.forEach((l, i) => {
    if (seen.has(l.category)) throw invalid(`/serviceLevels/${i}/category`, `is listed twice (${l.category})`);
    seen.add(l.category);
  });
  const before = await stockHealthSettings(ctx.db);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const n of NAMES) {
      const value = JSON.stringify(body[n]);
      await trx
        .insertInto('settings')
        .values({ key: SCALARS[n].key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    await trx.deleteFrom('stock_service_levels').execute();
    if (body.serviceLevels.length) {
      await trx.insertInto('stock_service_levels').values(body.serviceLevels.map((l) => ({ category: l.category, service_level: l.serviceLevel, updated_at: now }))).execute();
    }
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: 'stockHealth', change: { from: before, to: body } });
  });
  return stockHealthSettings(ctx.db);
}

/** Product-wide lead times and the dealer overrides the caller may see. */
export async function listLeadTimes(ctx: ServiceContext, filter: { sku?: string; dealerId?: string }): Promise<LeadTime[]> {
  let query = ctx.db
    .selectFrom('stock_lead_times as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('dealers as d', 'd.id', 'l.dealer_id')
    .select(['l.dealer_id', 'd.code as dealer_code', 'd.name as dealer_name', 'p.sku', 'p.name', 'l.days', 'l.sd_days', 'l.updated_at'])
    .where((eb) => eb.or([eb('l.dealer_id', '=', ''), visibleDealer(dealerScopeOf(ctx.caller), 'l.dealer_id')(eb)]))
    .orderBy('p.sku')
    .orderBy('l.dealer_id');
  if (filter.sku) query = query.where('p.sku', '=', filter.sku);
  if (filter.dealerId) query = query.where('l.dealer_id', 'in', ['', filter.dealerId]);
  const rows = await query.execute();
  return rows.map((r) => ({
    sku: r.sku,
    productName: r.name,
    dealerId: r.dealer_id || null,
    dealerCode: r.dealer_code ?? null,
    dealerName: r.dealer_name ?? null,
    days: Number(r.days),
    sdDays: Number(r.sd_days),
    updatedAt: r.updated_at,
  }));
}

/** Sets (or with `days: null` removes) a product's lead time, or one dealer's override of it. */
export async function saveLeadTime(ctx: ServiceContext, body: { sku: string; dealerId?: string; days: number | null; sdDays?: number }): Promise<{ removed: boolean }> {
  const [product] = await productsBySku(ctx.db, [body.sku]);
  if (!product) throw invalid('/sku', `is not a known SKU (${body.sku})`);
  const dealerId = body.dealerId ?? '';
  if (dealerId) {
    const dealer = await ctx.db.selectFrom('dealers').select('id').where('id', '=', dealerId).where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id')).executeTakeFirst();
    if (!dealer) throw notFound(`Dealer ${dealerId}`);
  }
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('stock_lead_times').select(['days', 'sd_days']).where('product_id', '=', product.id).where('dealer_id', '=', dealerId).executeTakeFirst();
    if (body.days === null) {
      await trx.deleteFrom('stock_lead_times').where('product_id', '=', product.id).where('dealer_id', '=', dealerId).execute();
    } else {
      const row = { days: body.days, sd_days: body.sdDays ?? 0, updated_at: now };
      await trx
        .insertInto('stock_lead_times')
        .values({ product_id: product.id, dealer_id: dealerId, ...row })
        .onConflict((oc) => oc.columns(['product_id', 'dealer_id']).doUpdateSet(row))
        .execute();
    }
    const after = body.days === null ? null : { days: body.days, sdDays: body.sdDays ?? 0 };
    await appendAudit(trx, ctx, {
      action: 'settings.leadTime',
      entityType: dealerId ? 'dealer' : 'product',
      entityId: dealerId || product.id,
      change: { sku: body.sku, from: before ? { days: Number(before.days), sdDays: Number(before.sd_days) } : null, to: after },
    });
    return { removed: body.days === null };
  });
}
