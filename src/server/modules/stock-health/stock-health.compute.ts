// Computes stock health for every dealer x SKU of a scope straight from the ledgers (stock
// movements, sell-out, open orders) at the moment of the request: every snapshot and sell-out
// accepted before it counts, with no nightly batch in between.
import type { HealthItem, StockHealthSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { DealerScope } from '../../core/access.js';
import { addDays, businessDate, daysBetween } from '../../../shared/dates.js';
import * as repo from './stock-health.repo.js';
import { averageOnHand, dailySeries, daysWithoutSale, stockHealth, type HealthMetrics } from './stock-health.rules.js';
import { stockHealthSettings } from './stock-health.settings.js';

export interface HealthRow extends HealthItem {
  productId: string;
  exact: Pick<HealthMetrics, 'safetyStockExact' | 'reorderPointExact' | 'orderUpToExact'>;
  averageOnHand: number;
  unitCostFen: number;
  action: HealthMetrics['action'];
  /** average inventory value and COGS per day, for group turnover */
  averageValueFen: number;
  cogsPerDayFen: number;
}

export interface HealthRun {
  today: string;
  window: { from: string; to: string; days: number };
  settings: StockHealthSettings;
  rows: HealthRow[];
}

const key = (dealerId: string, productId: string) => `${dealerId}|${productId}`;

/** The window: `windowDays` days ending today (today's sales count at once). */
export function windowOf(today: string, days: number) {
  return { from: addDays(today, -(days - 1)), to: today, days };
}

export async function computeHealth(db: Database, scope: DealerScope, filter: repo.PairFilter, today: string): Promise<HealthRun> {
  const settings = await stockHealthSettings(db);
  const window = windowOf(today, settings.windowDays);
  const startAt = `${window.from}T00:00:00.000Z`;
  // Sales are read from the window or the slow-moving horizon, whichever reaches further back;
  // only pairs without a sale in that range are asked for their (older) last sale.
  const salesFrom = addDays(today, -Math.max(window.days - 1, settings.slowDays));
  const [pairs, moves, sales, ordered, leads] = await Promise.all([
    repo.stockPairs(db, scope, filter),
    repo.dailyMovements(db, scope, filter, startAt),
    repo.dailySales(db, scope, filter, salesFrom, window.to),
    repo.onOrder(db, scope, filter),
    repo.leadTimes(db),
  ]);
  const lastByPair = new Map<string, string>();
  for (const r of sales) {
    const k = key(r.dealer_id, r.product_id);
    if (Number(r.quantity) > 0 && r.sold_on > (lastByPair.get(k) ?? '')) lastByPair.set(k, r.sold_on);
  }
  const unsold = pairs.filter((p) => Number(p.on_hand) > 0 && !lastByPair.has(key(p.dealer_id, p.product_id)));
  const older = await repo.lastSalesOf(db, [...new Set(unsold.map((p) => p.dealer_id))], [...new Set(unsold.map((p) => p.product_id))], salesFrom);
  for (const r of older) if (!lastByPair.has(key(r.dealer_id, r.product_id))) lastByPair.set(key(r.dealer_id, r.product_id), r.last_on);
  const [dealers, products] = await Promise.all([repo.dealersOf(db, [...new Set(pairs.map((p) => p.dealer_id))]), repo.productsOf(db, [...new Set(pairs.map((p) => p.product_id))])]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const byDay = <T extends { dealer_id: string; product_id: string; quantity: number }>(rows: T[], dayOf: (r: T) => string) => {
    const out = new Map<string, Map<number, number>>();
    for (const r of rows) {
      const k = key(r.dealer_id, r.product_id);
      if (!out.has(k)) out.set(k, new Map());
      const i = daysBetween(window.from, dayOf(r));
      if (i < 0 || i >= window.days) continue;
      const m = out.get(k)!;
      m.set(i, (m.get(i) ?? 0) + Number(r.quantity));
    }
    return out;
  };
  const movesByPair = byDay(moves, (r) => r.day);
  const salesByPair = byDay(sales, (r) => r.sold_on);
  const leadByKey = new Map(leads.map((l) => [key(l.dealer_id, l.product_id), l]));
  const serviceByCategory = new Map(settings.serviceLevels.map((l) => [l.category, l.serviceLevel]));

  const rows: HealthRow[] = [];
  for (const p of pairs) {
    const product = productById.get(p.product_id);
    const dealer = dealers.get(p.dealer_id);
    if (!product || !dealer) continue;
    const k = key(p.dealer_id, p.product_id);
    const onHand = Number(p.on_hand);
    const lastOn = lastByPair.get(k) ?? null;
    // Nothing on hand, nothing sold in the window and nothing on order: no stock to watch.
    if (onHand === 0 && !salesByPair.has(k) && !ordered.get(k)) continue;
    const lead = leadByKey.get(key(p.dealer_id, p.product_id)) ?? leadByKey.get(key('', p.product_id));
    const leadTimeSource = lead ? (lead.dealer_id ? 'dealer' : 'product') : 'default';
    const leadTimeDays = lead ? Number(lead.days) : settings.defaultLeadTimeDays;
    const leadTimeSdDays = lead ? Number(lead.sd_days) : settings.defaultLeadTimeSdDays;
    const serviceLevel = serviceByCategory.get(product.category) ?? settings.defaultServiceLevel;
    const windowMoves = movesByPair.get(k) ?? new Map<number, number>();
    let moved = 0;
    for (const q of windowMoves.values()) moved += q;
    const avgOnHand = averageOnHand(onHand - moved, windowMoves, window.days);
    const unitCostFen = Number(product.list_price_fen);
    const onOrder = Math.max(0, ordered.get(k) ?? 0);
    const m = stockHealth({
      dailySales: dailySeries(salesByPair.get(k) ?? new Map(), window.days),
      onHand,
      onOrder,
      daysSinceLastSale: daysWithoutSale(today, lastOn, businessDate(new Date(String(p.first_at)))),
      slowDays: settings.slowDays,
      averageOnHand: avgOnHand,
      unitCostFen,
      serviceLevel,
      leadTimeDays,
      leadTimeSdDays,
      orderCycleDays: settings.orderCycleDays,
    });
    rows.push({
      productId: p.product_id,
      dealerId: p.dealer_id,
      dealerCode: dealer.code,
      dealerName: dealer.name,
      provinceCode: dealer.provinceCode,
      sku: product.sku,
      productName: product.name,
      category: product.category,
      onHand,
      onOrder,
      position: m.position,
      dailyDemand: m.dailyDemand,
      dailyDemandSd: m.dailyDemandSd,
      leadTimeDays,
      leadTimeSdDays,
      leadTimeSource,
      serviceLevel,
      z: m.z,
      safetyStock: m.safetyStock,
      reorderPoint: m.reorderPoint,
      orderUpTo: m.orderUpTo,
      turnoverDays: m.turnoverDays,
      slowMoving: m.slowMoving,
      lastSaleOn: lastOn,
      inventoryValueFen: Math.max(0, onHand) * unitCostFen,
      level: m.level,
      suggestedQuantity: m.suggestedQuantity,
      exact: { safetyStockExact: m.safetyStockExact, reorderPointExact: m.reorderPointExact, orderUpToExact: m.orderUpToExact },
      averageOnHand: avgOnHand,
      unitCostFen,
      action: m.action,
      averageValueFen: Math.max(0, avgOnHand) * unitCostFen,
      cogsPerDayFen: m.dailyDemand * unitCostFen,
    });
  }
  rows.sort((a, b) => (a.dealerCode < b.dealerCode ? -1 : a.dealerCode > b.dealerCode ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return { today, window, settings, rows };
}

/** What a list item shows of a row (the internal fields stay inside). */
export function healthItemOf(r: HealthRow): HealthItem {
  const { productId: _p, exact: _e, averageOnHand: _a, unitCostFen: _u, action: _x, averageValueFen: _v, cogsPerDayFen: _c, ...item } = r;
  return item;
}
