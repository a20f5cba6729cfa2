import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import type { PageRequest } from '../../core/list.js';
import { OPEN_ORDER_STATUSES } from '../../../shared/schemas/orders.js';
import { listInForce } from '../price-lists/price-lists.rules.js';

type Db = Database; // a Transaction<DB> is a Kysely<DB> too

const orderColumns = [
  'o.id',
  'o.number',
  'o.dealer_id',
  'o.supplier_dealer_id',
  'o.status',
  'o.order_date',
  'o.subtotal_fen',
  'o.discount_fen',
  'o.total_fen',
  'o.promotion_id',
  'o.credit_override_reason',
  'o.note',
  'o.created_by',
  'o.created_at',
  'o.updated_at',
  'd.code as dealer_code',
  'd.name as dealer_name',
] as const;

const shippedFen = sql<number>`coalesce((select sum(s.amount_fen) from shipments s where s.order_id = o.id), 0)`.as('shipped_fen');

/** An order the scope allows (with its dealer's code and name), else undefined. */
export function findOrder(db: Db, scope: DealerScope, id: string) {
  return db
    .selectFrom('orders as o')
    .innerJoin('dealers as d', 'd.id', 'o.dealer_id')
    .select([...orderColumns, shippedFen])
    .where('o.id', '=', id)
    .where(visibleDealer(scope, 'o.dealer_id'))
    .executeTakeFirst();
}
export type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

export interface OrderFilter {
  dealerId?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** Newest first, paged by id. */
export function listOrders(db: Db, scope: DealerScope, filter: OrderFilter, page: PageRequest) {
  let query = db
    .selectFrom('orders as o')
    .innerJoin('dealers as d', 'd.id', 'o.dealer_id')
    .select([...orderColumns, shippedFen])
    .where(visibleDealer(scope, 'o.dealer_id'))
    .orderBy('o.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('o.id', '<', page.after);
  if (filter.dealerId) query = query.where('o.dealer_id', '=', filter.dealerId);
  if (filter.status) query = query.where('o.status', '=', filter.status);
  if (filter.from) query = query.where('o.order_date', '>=', filter.from);
  if (filter.to) query = query.where('o.order_date', '<=', filter.to);
  if (filter.q) query = query.where(sql`lower(o.number)`, 'like', `%${filter.q.toLowerCase()}%`);
  return query.execute();
}

/** Lines with shipped and returned quantities so far. */
export function linesOf(db: Db, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.order_id',
      'l.line_no',
      'l.product_id',
      'l.quantity',
      'l.unit_price_fen',
      'l.discount_fen',
      'l.amount_fen',
      'p.sku',
      'p.name as product_name',
      sql<number>`coalesce((select sum(sl.quantity) from shipment_lines sl where sl.order_id = l.order_id and sl.line_no = l.line_no), 0)`.as('shipped'),
      sql<number>`coalesce((select sum(sl.amount_fen) from shipment_lines sl where sl.order_id = l.order_id and sl.line_no = l.line_no), 0)`.as('shipped_fen'),
      sql<number>`coalesce((select sum(rl.quantity) from order_return_lines rl where rl.order_id = l.order_id and rl.line_no = l.line_no), 0)`.as('returned'),
      sql<number>`coalesce((select sum(rl.amount_fen) from order_return_lines rl where rl.order_id = l.order_id and rl.line_no = l.line_no), 0)`.as('returned_fen'),
    ])
    .where('l.order_id', 'in', orderIds)
    .orderBy('l.order_id')
    .orderBy('l.line_no')
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export function productsBySku(db: Db, skus: string[]) {
  if (skus.length === 0) return Promise.resolve([]);
  return db.selectFrom('products').select(['id', 'sku', 'name', 'list_price_fen', 'active']).where('sku', 'in', skus).execute();
}

/**
 * Unit prices of a tier on a date, per product: the override of the price list in force
 * (price-lists.rules listInForce), else the product's list price. One query: the tier's lists
 * that have started, each with its overrides for these products.
 */
export async function tierPrices(db: Db, tier: string, products: { id: string; list_price_fen: number }[], on: string): Promise<Map<string, number>> {
  const rows = products.length
    ? await db
        .selectFrom('price_lists as l')
        .leftJoin('price_list_items as i', (join) =>
          join.onRef('i.price_list_id', '=', 'l.id').on(
            'i.product_id',
            'in',
            products.map((p) => p.id),
          ),
        )
        .select(['l.id', 'l.effective_from', 'l.effective_to', 'i.product_id', 'i.price_fen'])
        .where('l.tier', '=', tier)
        .where('l.effective_from', '<=', on)
        .execute()
    : [];
  const list = listInForce(rows, on);
  const byProduct = new Map(rows.filter((r) => list && r.id === list.id && r.product_id).map((r) => [r.product_id!, Number(r.price_fen)]));
  return new Map(products.map((p) => [p.id, byProduct.get(p.id) ?? Number(p.list_price_fen)]));
}

/**
 * Everything the credit check needs in one statement: the ledger balance, the unshipped value
 * of open orders (but one) and the due date of the oldest open invoice.
 */
export async function creditExposure(db: Db, dealerId: string, excludeOrderId?: string) {
  const open = sql.join(OPEN_ORDER_STATUSES.map((s) => sql`${s}`));
  const exclude = excludeOrderId ? sql`and o.id <> ${excludeOrderId}` : sql``;
  const { rows } = await sql<{ balance: number | null; open_orders: number | null; oldest_due: string | null }>`
    select
      (select sum(e.amount_fen) from receivable_entries e where e.dealer_id = ${dealerId}) as balance,
      (select sum(o.total_fen - coalesce((select sum(s.amount_fen) from shipments s where s.order_id = o.id), 0))
         from orders o where o.dealer_id = ${dealerId} and o.status in (${open}) ${exclude}) as open_orders,
      (select min(e.due_on) from receivable_entries e
         where e.dealer_id = ${dealerId} and e.kind = 'invoice'
           and e.amount_fen > coalesce((select sum(a.amount_fen) from receivable_allocations a where a.invoice_id = e.id), 0)) as oldest_due`.execute(db);
  const r = rows[0];
  return { balanceFen: Number(r?.balance ?? 0), openOrdersFen: Number(r?.open_orders ?? 0), oldestDueOn: r?.oldest_due ?? null };
}

/** Promotions usable on a date by a tier, with budget left. */
export function promotionsInForce(db: Db, tier: string, on: string) {
  return db
    .selectFrom('promotions')
    .selectAll()
    .where('active', '=', 1)
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .where((eb) => eb.or([eb('tier', 'is', null), eb('tier', '=', tier)]))
    .where(sql<boolean>`used_fen < budget_fen`)
    .orderBy('id')
    .execute();
}

export function eventsOf(db: Db, orderId: string) {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
}
