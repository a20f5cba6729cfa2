// Stock health, alerts and acknowledgements: computed live from the ledgers for the caller's
// scope (see stock-health.compute.ts), paged in memory by a stable sort key.
import type { AcknowledgeBody, AlertQuery, HealthDetail, HealthGroup, HealthGroupQuery, HealthItem, HealthQuery, StockAlert } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { conflict, invalid } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type Page, type PageRequest } from '../../core/list.js';
import { findRegion } from '../regions/regions.data.js';
import { productsBySku } from '../orders/orders.service.js';
import { businessDate, addDays } from '../../../shared/dates.js';
import { computeHealth, healthItemOf, type HealthRow } from './stock-health.compute.js';
import * as repo from './stock-health.repo.js';
import { ALERT_LEVELS, type AlertLevel } from './stock-health.rules.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

const today = (ctx: ServiceContext) => businessDate(ctx.clock.now());

/** Items sorted by a string key; the page holds those after the cursor's key. */
export function pageInMemory<T>(items: T[], keyOf: (item: T) => string, page: PageRequest): Page<T> {
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const after = page.after;
  const rest = after === null ? sorted : sorted.filter((x) => x.key > after);
  const kept = rest.slice(0, page.limit);
  return { items: kept.map((x) => x.item), nextCursor: rest.length > page.limit ? encodeCursor(kept[kept.length - 1].key) : null };
}

const pairKey = (r: { dealerCode: string; sku: string }) => `${r.dealerCode}|${r.sku}`;

export async function listHealth(ctx: ServiceContext, query: HealthQuery, page: PageRequest): Promise<Page<HealthItem>> {
  const run = await computeHealth(ctx.db, dealerScopeOf(ctx.caller), query, today(ctx));
  const rows = query.level ? run.rows.filter((r) => r.level === query.level) : run.rows;
  return pageInMemory(rows.map(healthItemOf), pairKey, page);
}

/** Health per dealer or per province: alert counts, stock value, turnover days, slow-moving ratio. */
export async function healthGroups(ctx: ServiceContext, query: HealthGroupQuery, page: PageRequest): Promise<Page<HealthGroup>> {
  const run = await computeHealth(ctx.db, dealerScopeOf(ctx.caller), query, today(ctx));
  const groups = new Map<string, { g: HealthGroup; dealers: Set<string>; avgValue: number; cogs: number; slowValue: number }>();
  for (const r of run.rows) {
    const province = r.provinceCode ?? '000000';
    const k = query.by === 'dealer' ? r.dealerId : province;
    if (!groups.has(k)) {
      const name = query.by === 'dealer' ? r.dealerName : (findRegion(province)?.name ?? '—');
      const code = query.by === 'dealer' ? r.dealerCode : province;
      const g: HealthGroup = { key: k, code, name, dealerCount: 0, skuCount: 0, critical: 0, reorder: 0, overstock: 0, slow: 0, inventoryValueFen: 0, turnoverDays: null, slowMovingRatio: null };
      groups.set(k, { g, dealers: new Set(), avgValue: 0, cogs: 0, slowValue: 0 });
    }
    const acc = groups.get(k)!;
    acc.dealers.add(r.dealerId);
    acc.g.skuCount += 1;
    if (r.level) acc.g[r.level] += 1;
    acc.g.inventoryValueFen += r.inventoryValueFen;
    acc.avgValue += r.averageValueFen;
    acc.cogs += r.cogsPerDayFen;
    if (r.slowMoving) acc.slowValue += r.inventoryValueFen;
  }
  const items = [...groups.values()].map(({ g, dealers, avgValue, cogs, slowValue }) => ({
    ...g,
    dealerCount: dealers.size,
    turnoverDays: cogs > 0 ? avgValue / cogs : null,
    slowMovingRatio: g.inventoryValueFen > 0 ? slowValue / g.inventoryValueFen : null,
  }));
  return pageInMemory(items, (g) => g.code, page);
}

/** One dealer x SKU with every row its numbers come from. */
export async function healthDetail(ctx: ServiceContext, dealerId: string, sku: string): Promise<HealthDetail> {
  await visibleDealerOr404(ctx, dealerId);
  const scope = dealerScopeOf(ctx.caller);
  const [product] = await productsBySku(ctx.db, [sku]);
  if (!product) throw invalid('/params/sku', `is not a known SKU (${sku})`);
  const run = await computeHealth(ctx.db, scope, { dealerId, sku }, today(ctx));
  const row = run.rows[0];
  if (!row) throw conflict(`Dealer ${dealerId} holds no stock of ${sku}, has none on order and sold none in the window`);
  const { window } = run;
  const [sellout, movements, orders] = await Promise.all([
    ctx.db
      .selectFrom('sellout_records')
      .select(['id', 'sold_on', 'quantity', 'amount_fen', 'source', 'customer_ref'])
      .where('dealer_id', '=', dealerId)
      .where('product_id', '=', product.id)
      .where('sold_on', '>=', window.from)
      .where('sold_on', '<=', window.to)
      .orderBy('sold_on')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('stock_movements')
      .select(['id', 'moved_at', 'kind', 'quantity', 'ref_type', 'ref_id'])
      .where('dealer_id', '=', dealerId)
      .where('product_id', '=', product.id)
      .where('moved_at', '>=', `${window.from}T00:00:00.000Z`)
      .orderBy('moved_at')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select(['o.id', 'o.number', 'o.status', 'l.quantity'])
      .where('o.dealer_id', '=', dealerId)
      .where('l.product_id', '=', product.id)
      .where('o.status', 'in', repo.ON_ORDER_STATUSES)
      .orderBy('o.number')
      .execute(),
  ]);
  const perDay = new Map<string, number>();
  for (const s of sellout) perDay.set(s.sold_on, (perDay.get(s.sold_on) ?? 0) + Number(s.quantity));
  const daily = Array.from({ length: window.days }, (_, i) => {
    const date = addDays(window.from, i);
    return { date, quantity: perDay.get(date) ?? 0 };
  });
  return {
    item: healthItemOf(row),
    window,
    orderCycleDays: run.settings.orderCycleDays,
    exact: { safetyStock: row.exact.safetyStockExact, reorderPoint: row.exact.reorderPointExact, orderUpTo: row.exact.orderUpToExact },
    averageOnHand: row.averageOnHand,
    unitCostFen: row.unitCostFen,
    daily,
    sellout: sellout.map((s) => ({ id: s.id, date: s.sold_on, quantity: Number(s.quantity), amountFen: Number(s.amount_fen), source: s.source, customerRef: s.customer_ref })),
    movements: movements.map((m) => ({ id: m.id, movedAt: m.moved_at, kind: m.kind, quantity: Number(m.quantity), refType: m.ref_type, refId: m.ref_id })),
    openOrders: orders.map((o) => ({ orderId: o.id, number: o.number, status: o.status, quantity: Number(o.quantity) })),
  };
}

/** What other modules plan with: the alert centre's own figures for one dealer x SKU. */
export type StockTarget = Pick<
  HealthRow,
  | 'dealerId'
  | 'productId'
  | 'sku'
  | 'category'
  | 'onHand'
  | 'onOrder'
  | 'position'
  | 'dailyDemand'
  | 'leadTimeDays'
  | 'serviceLevel'
  | 'safetyStock'
  | 'reorderPoint'
  | 'orderUpTo'
  | 'level'
  | 'suggestedQuantity'
>;

/**
 * Safety stock, reorder point, order-up-to level and alert of every dealer x SKU in the caller's
 * scope and the filter, computed exactly as the alert centre computes them (same settings, lead
 * times and service levels), so transfers and VMI cannot contradict the alerts (docs/rules.md, C5).
 */
export async function stockTargets(ctx: ServiceContext, filter: repo.PairFilter): Promise<{ orderCycleDays: number; targets: StockTarget[] }> {
  const run = await computeHealth(ctx.db, dealerScopeOf(ctx.caller), filter, today(ctx));
  const targets = run.rows.map((r) => ({
    dealerId: r.dealerId,
    productId: r.productId,
    sku: r.sku,
    category: r.category,
    onHand: r.onHand,
    onOrder: r.onOrder,
    position: r.position,
    dailyDemand: r.dailyDemand,
    leadTimeDays: r.leadTimeDays,
    serviceLevel: r.serviceLevel,
    safetyStock: r.safetyStock,
    reorderPoint: r.reorderPoint,
    orderUpTo: r.orderUpTo,
    level: r.level,
    suggestedQuantity: r.suggestedQuantity,
  }));
  return { orderCycleDays: run.settings.orderCycleDays, targets };
}

/** A shortage in the alert centre's words: the position is below the reorder point (or on hand below safety stock). */
export const isShort = (level: AlertLevel | null): boolean => level === 'critical' || level === 'reorder';

const RANK: Record<AlertLevel, number> = { critical: 0, reorder: 1, overstock: 2, slow: 3 };

function alertOf(r: HealthRow, ack: { acknowledged_by: string; acknowledged_at: string } | undefined): StockAlert {
  return {
    dealerId: r.dealerId,
    dealerCode: r.dealerCode,
    dealerName: r.dealerName,
    provinceCode: r.provinceCode,
    sku: r.sku,
    productName: r.productName,
    category: r.category,
    level: r.level!,
    onHand: r.onHand,
    onOrder: r.onOrder,
    position: r.position,
    safetyStock: r.safetyStock,
    reorderPoint: r.reorderPoint,
    max: r.orderUpTo,
    suggestedQuantity: r.suggestedQuantity,
    action: r.action!,
    dailyDemand: r.dailyDemand,
    lastSaleOn: r.lastSaleOn,
    acknowledged: Boolean(ack),
    acknowledgedBy: ack?.acknowledged_by ?? null,
    acknowledgedAt: ack?.acknowledged_at ?? null,
  };
}

/** The current alerts: an acknowledgement counts only while the alert stays at its level. */
export async function currentAlerts(ctx: ServiceContext, filter: repo.PairFilter) {
  const scope = dealerScopeOf(ctx.caller);
  const [run, acks] = await Promise.all([computeHealth(ctx.db, scope, filter, today(ctx)), repo.openAcks(ctx.db, scope, filter)]);
  const ackBy = new Map(acks.map((a) => [`${a.dealer_id}|${a.product_id}|${a.level}`, a]));
  return run.rows.filter((r) => r.level).map((r) => ({ row: r, alert: alertOf(r, ackBy.get(`${r.dealerId}|${r.productId}|${r.level}`)) }));
}

export async function listAlerts(ctx: ServiceContext, query: AlertQuery, page: PageRequest): Promise<Page<StockAlert>> {
  let alerts = (await currentAlerts(ctx, query)).map((a) => a.alert);
  if (query.level) alerts = alerts.filter((a) => a.level === query.level);
  if (query.acknowledged) alerts = alerts.filter((a) => a.acknowledged === (query.acknowledged === 'true'));
  return pageInMemory(alerts, (a) => `${RANK[a.level]}|${pairKey(a)}`, page);
}

/** Marks the current alert of a dealer x SKU as seen; refused when that alert is not current. */
export async function acknowledgeAlert(ctx: ServiceContext, body: AcknowledgeBody): Promise<StockAlert> {
  await visibleDealerOr404(ctx, body.dealerId);
  const [product] = await productsBySku(ctx.db, [body.sku]);
  if (!product) throw invalid('/sku', `is not a known SKU (${body.sku})`);
  if (!ALERT_LEVELS.includes(body.level)) throw invalid('/level', 'is not an alert level');
  const [current] = await currentAlerts(ctx, { dealerId: body.dealerId, sku: body.sku });
  if (!current || current.alert.level !== body.level) {
    throw conflict(`There is no current ${body.level} alert for ${body.sku} at this dealer`, { currentLevel: current?.alert.level ?? null });
  }
  if (current.alert.acknowledged) return current.alert;
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stock_alert_acks')
      .values({
        id: newId('ack'),
        dealer_id: body.dealerId,
        product_id: product.id,
        level: body.level,
        note: body.note ?? null,
        acknowledged_by: ctx.caller.name,
        acknowledged_at: now,
        cleared_at: null,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inventory.alert.acknowledge',
      entityType: 'dealer',
      entityId: body.dealerId,
      change: { sku: body.sku, level: body.level, note: body.note ?? null, onHand: current.alert.onHand, position: current.alert.position },
    });
  });
  return { ...current.alert, acknowledged: true, acknowledgedBy: ctx.caller.name, acknowledgedAt: now };
}
