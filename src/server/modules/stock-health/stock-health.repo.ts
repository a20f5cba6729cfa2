// Queries behind stock health: stock per dealer x product (on hand, opening of the window, daily
// movements), sell-out per day, last sale, open orders, dealers' provinces. Every query is scoped
// by the caller's dealer scope and the same filters, so a dealer never reads another's rows.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { regionPrefix, visibleDealer, type DealerScope } from '../../core/access.js';

export interface PairFilter {
  dealerId?: string;
  regionCode?: string;
  category?: string;
  sku?: string;
}

/** Orders whose goods have not reached the dealer yet: they count in its inventory position. */
export const ON_ORDER_STATUSES = ['submitted', 'approved', 'partially_shipped', 'shipped'];

/** WHERE on a dealer column and a product column for the scope and the filters. */
function pairWhere(scope: DealerScope, filter: PairFilter, dealerCol: string, productCol: string) {
  return (eb: ExpressionBuilder<DB, any>) => {
    const parts = [visibleDealer(scope, dealerCol)(eb)];
    if (filter.dealerId) parts.push(eb(eb.ref(dealerCol as any), '=', filter.dealerId));
    if (filter.regionCode) {
      const prefix = regionPrefix(filter.regionCode);
      parts.push(eb(eb.ref(dealerCol as any), 'in', eb.selectFrom('dealer_territories as ft').select('ft.dealer_id').where('ft.region_code', 'like', `${prefix}%`)));
    }
    if (filter.category || filter.sku) {
      let products = eb.selectFrom('products as fp').select('fp.id');
      if (filter.category) products = products.where('fp.category', '=', filter.category);
      if (filter.sku) products = products.where('fp.sku', '=', filter.sku);
      parts.push(eb(eb.ref(productCol as any), 'in', products));
    }
    return eb.and(parts);
  };
}

/** On hand now and since when the stock has moved (the opening of the window is derived from the daily movements). */
export function stockPairs(db: Database, scope: DealerScope, filter: PairFilter) {
  return db
    .selectFrom('stock_movements as m')
    .select(['m.dealer_id', 'm.product_id', sql<number>`sum(m.quantity)`.as('on_hand'), sql<string>`min(m.moved_at)`.as('first_at')])
    .where(pairWhere(scope, filter, 'm.dealer_id', 'm.product_id'))
    .groupBy(['m.dealer_id', 'm.product_id'])
    .execute();
}

/** Net movement per dealer x product x day inside the window. */
export function dailyMovements(db: Database, scope: DealerScope, filter: PairFilter, windowStartAt: string) {
  const day = sql<string>`substr(m.moved_at, 1, 10)`;
  return db
    .selectFrom('stock_movements as m')
    .select(['m.dealer_id', 'm.product_id', day.as('day'), sql<number>`sum(m.quantity)`.as('quantity')])
    .where('m.moved_at', '>=', windowStartAt)
    .where(pairWhere(scope, filter, 'm.dealer_id', 'm.product_id'))
    .groupBy(['m.dealer_id', 'm.product_id', day])
    .execute();
}

/** Sell-out quantity per dealer x product x day from `from` to `to` (inclusive). */
export function dailySales(db: Database, scope: DealerScope, filter: PairFilter, from: string, to: string) {
  return db
    .selectFrom('sellout_records as s')
    .select(['s.dealer_id', 's.product_id', 's.sold_on', sql<number>`sum(s.quantity)`.as('quantity')])
    .where('s.sold_on', '>=', from)
    .where('s.sold_on', '<=', to)
    .where(pairWhere(scope, filter, 's.dealer_id', 's.product_id'))
    .groupBy(['s.dealer_id', 's.product_id', 's.sold_on'])
    .execute();
}

/** The last sale of given dealers (only pairs without a sale in the recent range are asked). */
export function lastSalesOf(db: Database, dealerIds: string[], productIds: string[], before: string) {
  if (dealerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sellout_records as s')
    .select(['s.dealer_id', 's.product_id', sql<string>`max(s.sold_on)`.as('last_on')])
    .where('s.dealer_id', 'in', dealerIds)
    .where('s.product_id', 'in', productIds)
    .where('s.sold_on', '<', before)
    .where('s.quantity', '>', 0)
    .groupBy(['s.dealer_id', 's.product_id'])
    .execute();
}

/** Ordered minus returned quantity of orders not yet received. */
export async function onOrder(db: Database, scope: DealerScope, filter: PairFilter) {
  const ordered = await db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .select(['o.dealer_id', 'l.product_id', sql<number>`sum(l.quantity)`.as('quantity')])
    .where('o.status', 'in', ON_ORDER_STATUSES)
    .where(pairWhere(scope, filter, 'o.dealer_id', 'l.product_id'))
    .groupBy(['o.dealer_id', 'l.product_id'])
    .execute();
  const returned = await db
    .selectFrom('order_return_lines as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .select(['o.dealer_id', 'r.product_id', sql<number>`sum(r.quantity)`.as('quantity')])
    .where('o.status', 'in', ON_ORDER_STATUSES)
    .where(pairWhere(scope, filter, 'o.dealer_id', 'r.product_id'))
    .groupBy(['o.dealer_id', 'r.product_id'])
    .execute();
  const out = new Map<string, number>();
  for (const r of ordered) out.set(`${r.dealer_id}|${r.product_id}`, Number(r.quantity));
  for (const r of returned) out.set(`${r.dealer_id}|${r.product_id}`, (out.get(`${r.dealer_id}|${r.product_id}`) ?? 0) - Number(r.quantity));
  return out;
}

/** Dealers with their home province: the lowest territory region code's first two digits. */
export async function dealersOf(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; code: string; name: string; provinceCode: string | null }>();
  const dealers = await db.selectFrom('dealers').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
  const territories = await db
    .selectFrom('dealer_territories')
    .select(['dealer_id', sql<string>`min(region_code)`.as('region_code')])
    .where('dealer_id', 'in', ids)
    .groupBy('dealer_id')
    .execute();
  const home = new Map(territories.map((t) => [t.dealer_id, `${t.region_code.slice(0, 2)}0000`]));
  return new Map(dealers.map((d) => [d.id, { ...d, provinceCode: home.get(d.id) ?? null }]));
}

export function productsOf(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('products').select(['id', 'sku', 'name', 'category', 'list_price_fen']).where('id', 'in', ids).execute();
}

export const leadTimes = (db: Database) => db.selectFrom('stock_lead_times').select(['product_id', 'dealer_id', 'days', 'sd_days']).execute();

/** Acknowledgements still in force (not cleared by the nightly job). */
export function openAcks(db: Database, scope: DealerScope, filter: PairFilter) {
  return db
    .selectFrom('stock_alert_acks as a')
    .select(['a.id', 'a.dealer_id', 'a.product_id', 'a.level', 'a.acknowledged_by', 'a.acknowledged_at'])
    .where('a.cleared_at', 'is', null)
    .where(pairWhere(scope, filter, 'a.dealer_id', 'a.product_id'))
    .orderBy('a.acknowledged_at')
    .execute();
}
