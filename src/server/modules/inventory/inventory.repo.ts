import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StockMovementsTable } from '../../db/types.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import { chunks } from '../../core/locks.js';
import { newId } from '../../core/ids.js';
import type { PageRequest } from '../../core/list.js';

type Db = Database; // a Transaction<DB> is a Kysely<DB> too

export type MovementInput = Omit<StockMovementsTable, 'id' | 'created_at'>;

/** Appends stock movements (the ledger is append-only; on-hand is the sum). */
export async function insertMovements(db: Db, rows: MovementInput[], createdAt: string): Promise<void> {
  const withIds = rows.filter((r) => r.quantity !== 0).map((r) => ({ ...r, id: newId('stm'), created_at: createdAt }));
  for (const batch of chunks(withIds, 500)) await db.insertInto('stock_movements').values(batch).execute();
}

/** On-hand per product of one dealer, optionally as of a moment. */
export async function onHandOf(db: Db, dealerId: string, productIds: string[], asOf?: string): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  let query = db
    .selectFrom('stock_movements')
    .select(['product_id', sql<number>`sum(quantity)`.as('on_hand')])
    .where('dealer_id', '=', dealerId)
    .where('product_id', 'in', productIds)
    .groupBy('product_id');
  if (asOf) query = query.where('moved_at', '<=', asOf);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.on_hand)]));
}

/** On-hand per dealer x SKU the scope allows, paged by (dealer, product). */
export function listStock(db: Db, scope: DealerScope, filter: { dealerId?: string; sku?: string }, page: PageRequest) {
  let query = db
    .selectFrom('stock_movements as m')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .innerJoin('dealers as d', 'd.id', 'm.dealer_id')
    .select(['m.dealer_id', 'd.code as dealer_code', 'd.name as dealer_name', 'm.product_id', 'p.sku', 'p.name', sql<number>`sum(m.quantity)`.as('on_hand')])
    .where(visibleDealer(scope, 'm.dealer_id'))
    .groupBy(['m.dealer_id', 'd.code', 'd.name', 'm.product_id', 'p.sku', 'p.name'])
    .orderBy('m.dealer_id')
    .orderBy('m.product_id')
    .limit(page.limit + 1);
  if (filter.dealerId) query = query.where('m.dealer_id', '=', filter.dealerId);
  if (filter.sku) query = query.where('p.sku', '=', filter.sku);
  if (page.after) {
    const [dealerId, productId] = page.after.split('|');
    query = query.where((eb) => eb.or([eb('m.dealer_id', '>', dealerId), eb.and([eb('m.dealer_id', '=', dealerId), eb('m.product_id', '>', productId ?? '')])]));
  }
  return query.execute();
}

export function listMovements(db: Db, scope: DealerScope, filter: { dealerId?: string; sku?: string }, page: PageRequest) {
  let query = db
    .selectFrom('stock_movements as m')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select(['m.id', 'm.dealer_id', 'p.sku', 'm.quantity', 'm.kind', 'm.ref_type', 'm.ref_id', 'm.moved_at'])
    .where(visibleDealer(scope, 'm.dealer_id'))
    .orderBy('m.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('m.id', '<', page.after);
  if (filter.dealerId) query = query.where('m.dealer_id', '=', filter.dealerId);
  if (filter.sku) query = query.where('p.sku', '=', filter.sku);
  return query.execute();
}

/** Stock counts the scope allows, newest first, with their items. */
export async function listSnapshots(db: Db, scope: DealerScope, filter: { dealerId?: string }, page: PageRequest) {
  let query = db
    .selectFrom('stock_snapshots as s')
    .innerJoin('dealers as d', 'd.id', 's.dealer_id')
    .select(['s.id', 's.dealer_id', 'd.code as dealer_code', 'd.name as dealer_name', 's.taken_at', 's.created_by', 's.created_at'])
    .where(visibleDealer(scope, 's.dealer_id'))
    .orderBy('s.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('s.id', '<', page.after);
  if (filter.dealerId) query = query.where('s.dealer_id', '=', filter.dealerId);
  const snapshots = await query.execute();
  const items = snapshots.length
    ? await db
        .selectFrom('stock_snapshot_items as i')
        .innerJoin('products as p', 'p.id', 'i.product_id')
        .select(['i.snapshot_id', 'p.sku', 'i.counted', 'i.book', 'i.difference'])
        .where(
          'i.snapshot_id',
          'in',
          snapshots.map((s) => s.id),
        )
        .orderBy('p.sku')
        .execute()
    : [];
  return snapshots.map((s) => ({ ...s, items: items.filter((i) => i.snapshot_id === s.id) }));
}
