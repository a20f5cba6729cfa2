import type { Database } from '../../db/database.js';
import type { SelloutRecordsTable } from '../../db/types.js';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import { chunks } from '../../core/locks.js';
import { newId } from '../../core/ids.js';
import type { PageRequest } from '../../core/list.js';

type Db = Database; // a Transaction<DB> is a Kysely<DB> too

export type SelloutInput = Omit<SelloutRecordsTable, 'id' | 'created_at'>;

export async function insertSellout(db: Db, rows: SelloutInput[], createdAt: string): Promise<string[]> {
  const withIds = rows.map((r) => ({ ...r, id: newId('sel'), created_at: createdAt }));
  for (const batch of chunks(withIds, 500)) await db.insertInto('sellout_records').values(batch).execute();
  return withIds.map((r) => r.id);
}

export interface SelloutFilter {
  dealerId?: string;
  sku?: string;
  from?: string;
  to?: string;
}

export function listSellout(db: Db, scope: DealerScope, filter: SelloutFilter, page: PageRequest) {
  let query = db
    .selectFrom('sellout_records as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('dealers as d', 'd.id', 's.dealer_id')
    .select([
      's.id',
      's.dealer_id',
      'd.code as dealer_code',
      'd.name as dealer_name',
      's.sold_on',
      'p.sku',
      'p.name',
      's.quantity',
      's.amount_fen',
      's.customer_ref',
      's.source',
      's.order_id',
      's.created_at',
    ])
    .where(visibleDealer(scope, 's.dealer_id'))
    .orderBy('s.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('s.id', '<', page.after);
  if (filter.dealerId) query = query.where('s.dealer_id', '=', filter.dealerId);
  if (filter.sku) query = query.where('p.sku', '=', filter.sku);
  if (filter.from) query = query.where('s.sold_on', '>=', filter.from);
  if (filter.to) query = query.where('s.sold_on', '<=', filter.to);
  return query.execute();
}
