// The stock-health parameters HQ may change: the demand window, order cycle and defaults as one
// document of the one settings mechanism (src/server/core/settings.ts, key
// `stock-health.parameters`, on the HQ settings page, versioned and audited), service levels per
// category in `stock_service_levels`, lead times per product and their per-dealer overrides in
// `stock_lead_times`. Every change is audited with its before and after. Migration 0019 folded the
// `stockHealth.<field>` rows older releases wrote into the document.
import { StockHealthParameters, type LeadTime, type StockHealthSettings, type StockHealthSettingsBody } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { invalid } from '../../core/errors.js';
import { defineSetting, readSetting, writeSetting } from '../../core/settings.js';
import { productsBySku } from '../orders/orders.service.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';
import { DEFAULT_SLOW_DAYS } from './stock-health.rules.js';

/** Defaults: a 90-day demand window, a 14-day order cycle, 7 days' lead time, C5's 95% service level, slow after 90 days. */
export const STOCK_HEALTH_PARAMETERS = defineSetting({
  key: 'stock-health.parameters',
  module: 'stock-health',
  title: { 'zh-CN': '库存健康：需求窗口、订货周期、默认交货期、服务水平与滞销天数', en: 'Stock health: demand window, order cycle, default lead time, service level and slow-mover days' },
  schema: StockHealthParameters,
  defaults: { windowDays: 90, orderCycleDays: 14, defaultLeadTimeDays: 7, defaultLeadTimeSdDays: 0, defaultServiceLevel: 0.95, slowDays: DEFAULT_SLOW_DAYS },
  permission: 'inventory.configure',
});

export const stockHealthParameters = (db: Database): Promise<StockHealthParameters> => readSetting(db, STOCK_HEALTH_PARAMETERS);

type ServiceLevels = StockHealthSettings['serviceLevels'];

async function serviceLevels(db: Pick<Database, 'selectFrom'>): Promise<ServiceLevels> {
  const levels = await db.selectFrom('stock_service_levels').select(['category', 'service_level']).orderBy('category').execute();
  return levels.map((l) => ({ category: l.category, serviceLevel: Number(l.service_level) }));
}

export async function stockHealthSettings(db: Database): Promise<StockHealthSettings> {
  const [scalars, levels] = await Promise.all([stockHealthParameters(db), serviceLevels(db)]);
  return { ...scalars, serviceLevels: levels };
}

/** PUT: replaces the scalars (a new version of the document) and the whole list of category service levels, in one transaction. */
export async function saveStockHealthSettings(ctx: ServiceContext, body: StockHealthSettingsBody): Promise<StockHealthSettings> {
  const { serviceLevels: levels, slowDays, ...rest } = body;
  const scalars: StockHealthParameters = { ...rest, slowDays: slowDays ?? (await stockHealthParameters(ctx.db)).slowDays };
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    if (seen.has(l.category)) throw invalid(`/serviceLevels/${i}/category`, `is listed twice (${l.category})`);
    seen.add(l.category);
  });
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(ctx, STOCK_HEALTH_PARAMETERS, scalars, { pathPrefix: '', trx });
    const byCategory = (a: ServiceLevels[number], b: ServiceLevels[number]) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0);
    const before = (await serviceLevels(trx)).sort(byCategory);
    await trx.deleteFrom('stock_service_levels').execute();
    if (levels.length) {
      await trx
        .insertInto('stock_service_levels')
        .values(levels.map((l) => ({ category: l.category, service_level: l.serviceLevel, updated_at: now })))
        .execute();
    }
    const after = [...levels].sort(byCategory);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await appendAudit(trx, ctx, { action: 'settings.serviceLevels', entityType: 'setting', entityId: 'stock-health.serviceLevels', change: { from: before, to: after } });
    }
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
    await visibleDealerOr404(ctx, dealerId);
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
