// Set-based reads for an evaluation run: one grouped query per source for all dealers at once,
// so a run's cost grows with the period's rows, not with queries per dealer.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { addDays, businessDayStart } from '../../../shared/dates.js';
import { ACTIVE_OR_WARNING } from '../../../shared/dealer-lifecycle.js';

type Db = Database;
// Timestamps are compared with the instants at which business days begin (src/shared/dates.ts).
const startOfDay = businessDayStart;
const afterDay = (date: string) => businessDayStart(addDays(date, 1));

export interface DealerToEvaluate {
  id: string;
  code: string;
  name: string;
  status: string;
  tier: string;
  credit_limit_fen: number;
  region_code: string | null;
}

/** Active dealers (and those already under warning) with their first territory region. */
export async function dealersToEvaluate(db: Db, dealerIds?: string[]): Promise<DealerToEvaluate[]> {
  let query = db
    .selectFrom('dealers as d')
    .select(['d.id', 'd.code', 'd.name', 'd.status', 'd.tier', 'd.credit_limit_fen'])
    .select((eb) =>
      eb
        .selectFrom('dealer_territories as t')
        .whereRef('t.dealer_id', '=', 'd.id')
        .select((e) => e.fn.min('t.region_code').as('r'))
        .as('region_code'),
    )
    .where('d.status', 'in', ACTIVE_OR_WARNING)
    .orderBy('d.id');
  if (dealerIds) query = query.where('d.id', 'in', dealerIds);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, credit_limit_fen: Number(r.credit_limit_fen), region_code: (r.region_code as string | null) ?? null }));
}

/** Each dealer's first territory region (the one its demand index is read for, as in dealersToEvaluate). */
export async function firstRegions(db: Db, dealerIds: string[]): Promise<Map<string, string>> {
  if (dealerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dealer_territories')
    .select(['dealer_id', (e) => e.fn.min('region_code').as('r')])
    .where('dealer_id', 'in', dealerIds)
    .groupBy('dealer_id')
    .execute();
  return new Map(rows.map((r) => [r.dealer_id, String(r.r)]));
}

export async function targetRows(db: Db, periods: string[]) {
  const rows = await db.selectFrom('targets').select(['dealer_id', 'period', 'target_fen']).where('period', 'in', periods).execute();
  return rows.map((r) => ({ ...r, target_fen: Number(r.target_fen) }));
}

export async function marketIndices(db: Db, period: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('market_indices').select(['region_code', 'demand_index']).where('period', '=', period).execute();
  return new Map(rows.map((r) => [r.region_code, Number(r.demand_index)]));
}

// Sell-in is the incentives' qualifying sales (salesByDealer in incentives.service.ts): one figure for
// the scorecard, rebates, points, tiers and stars (docs/rules.md, C6 "Sales KPI"; docs/decisions.md).

export async function sellOutByDealer(db: Db, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('sellout_records')
    .select(['dealer_id', sql<number>`sum(amount_fen)`.as('fen')])
    .where('sold_on', '>=', from)
    .where('sold_on', '<=', to)
    .groupBy('dealer_id')
    .execute();
  return new Map(rows.map((r) => [r.dealer_id, Number(r.fen)]));
}

export interface OrderFulfilmentRow {
  dealer_id: string;
  id: string;
  number: string;
  order_date: string;
  status: string;
  total_fen: number;
  last_shipped_on: string | null;
}

/** Orders placed in the range (not cancelled) with their last shipment date. */
export async function ordersWithLastShipment(db: Db, from: string, to: string, dealerId?: string): Promise<OrderFulfilmentRow[]> {
  let query = db
    .selectFrom('orders as o')
    .leftJoin('shipments as s', 's.order_id', 'o.id')
    .select(['o.dealer_id', 'o.id', 'o.number', 'o.order_date', 'o.status', 'o.total_fen', sql<string | null>`max(s.shipped_on)`.as('last_shipped_on')])
    .where('o.order_date', '>=', from)
    .where('o.order_date', '<=', to)
    .where('o.status', '!=', 'cancelled')
    .groupBy(['o.dealer_id', 'o.id', 'o.number', 'o.order_date', 'o.status', 'o.total_fen']);
  if (dealerId) query = query.where('o.dealer_id', '=', dealerId);
  const rows = await query.orderBy('o.order_date').orderBy('o.id').execute();
  return rows.map((r) => ({ ...r, total_fen: Number(r.total_fen) }));
}

/** Renewal: of the customers who bought in the previous period, how many bought again. */
export async function renewalByDealer(db: Db, prevFrom: string, from: string, to: string): Promise<Map<string, { previous: number; renewed: number }>> {
  const perCustomer = db
    .selectFrom('sellout_records')
    .select(['dealer_id', 'customer_ref', sql<number>`max(case when sold_on < ${from} then 1 else 0 end)`.as('in_prev'), sql<number>`max(case when sold_on >= ${from} then 1 else 0 end)`.as('in_cur')])
    .where('sold_on', '>=', prevFrom)
    .where('sold_on', '<=', to)
    .where('customer_ref', 'is not', null)
    .groupBy(['dealer_id', 'customer_ref'])
    .as('c');
  const rows = await db
    .selectFrom(perCustomer)
    .select(['c.dealer_id', sql<number>`sum(c.in_prev)`.as('previous'), sql<number>`sum(c.in_prev * c.in_cur)`.as('renewed')])
    .groupBy('c.dealer_id')
    .execute();
  return new Map(rows.map((r) => [r.dealer_id, { previous: Number(r.previous), renewed: Number(r.renewed) }]));
}

export async function renewalCustomers(db: Db, dealerId: string, prevFrom: string, from: string, to: string) {
  return db
    .selectFrom('sellout_records')
    .select([
      'customer_ref',
      sql<number>`max(case when sold_on < ${from} then 1 else 0 end)`.as('in_prev'),
      sql<number>`max(case when sold_on >= ${from} then 1 else 0 end)`.as('in_cur'),
      sql<string>`max(sold_on)`.as('last_sold_on'),
    ])
    .where('dealer_id', '=', dealerId)
    .where('sold_on', '>=', prevFrom)
    .where('sold_on', '<=', to)
    .where('customer_ref', 'is not', null)
    .groupBy('customer_ref')
    .orderBy('customer_ref')
    .execute();
}

export interface StockPositionRow {
  dealer_id: string;
  product_id: string;
  sku: string;
  name: string;
  category: string;
  price_fen: number;
  opening: number;
  closing: number;
  /** the pair's first stock movement ever (a never-sold pair is slow counted from it) */
  first_moved_at: string;
}

/** Opening and closing on-hand per dealer x product for the range (movements ledger). */
export async function stockPositions(db: Db, from: string, to: string, dealerId?: string): Promise<StockPositionRow[]> {
  let query = db
    .selectFrom('stock_movements as m')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select([
      'm.dealer_id',
      'm.product_id',
      'p.sku',
      'p.name',
      'p.category',
      'p.list_price_fen as price_fen',
      sql<number>`sum(case when m.moved_at < ${startOfDay(from)} then m.quantity else 0 end)`.as('opening'),
      sql<number>`sum(m.quantity)`.as('closing'),
      sql<string>`min(m.moved_at)`.as('first_moved_at'),
    ])
    .where('m.moved_at', '<', afterDay(to))
    .groupBy(['m.dealer_id', 'm.product_id', 'p.sku', 'p.name', 'p.category', 'p.list_price_fen']);
  if (dealerId) query = query.where('m.dealer_id', '=', dealerId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, price_fen: Number(r.price_fen), opening: Number(r.opening), closing: Number(r.closing), first_moved_at: String(r.first_moved_at) }));
}

export interface MovementRow {
  dealer_id: string;
  product_id: string;
  moved_at: string;
  quantity: number;
}

/** Net stock movement per dealer x product x instant inside the range, for the daily average on hand. */
export async function periodMovements(db: Db, from: string, to: string, dealerId?: string): Promise<MovementRow[]> {
  let query = db
    .selectFrom('stock_movements')
    .select(['dealer_id', 'product_id', 'moved_at', sql<number>`sum(quantity)`.as('quantity')])
    .where('moved_at', '>=', startOfDay(from))
    .where('moved_at', '<', afterDay(to))
    .groupBy(['dealer_id', 'product_id', 'moved_at']);
  if (dealerId) query = query.where('dealer_id', '=', dealerId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, moved_at: String(r.moved_at), quantity: Number(r.quantity) }));
}

export interface SalesPerProductRow {
  dealer_id: string;
  product_id: string;
  quantity: number;
  /** the last day with a sale (quantity > 0) up to `to`; null when never sold */
  last_sold_on: string | null;
}

/** Sell-out quantity in the range and the last day with a sale up to `to`, over the whole history (a slow mover's age). */
export async function selloutPerProduct(db: Db, from: string, to: string, dealerId?: string): Promise<SalesPerProductRow[]> {
  let query = db
    .selectFrom('sellout_records')
    .select([
      'dealer_id',
      'product_id',
      sql<number>`sum(case when sold_on >= ${from} then quantity else 0 end)`.as('quantity'),
      sql<string | null>`max(case when quantity > 0 then sold_on end)`.as('last_sold_on'),
    ])
    .where('sold_on', '<=', to)
    .groupBy(['dealer_id', 'product_id']);
  if (dealerId) query = query.where('dealer_id', '=', dealerId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

export async function nextRunVersion(db: Db, period: string): Promise<number> {
  const row = await db
    .selectFrom('evaluation_runs')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

/** The current composite of each dealer for a period (for consecutive-period rules). */
export async function currentComposites(db: Db, period: string): Promise<Map<string, number | null>> {
  const rows = await db.selectFrom('evaluations').select(['dealer_id', 'composite']).where('period', '=', period).where('current', '=', 1).execute();
  return new Map(rows.map((r) => [r.dealer_id, r.composite === null ? null : Number(r.composite)]));
}

export async function rebateAdjustments(db: Db, dealerIds: string[]): Promise<Map<string, number>> {
  if (dealerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dealer_rebate_adjustments')
    .select(['dealer_id', sql<number>`sum(delta_bp)`.as('bp')])
    .groupBy('dealer_id')
    .execute();
  return new Map(rows.map((r) => [r.dealer_id, Number(r.bp)]));
}
