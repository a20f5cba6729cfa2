import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, DealersTable } from '../../db/types.js';
import { visibleDealer, regionPrefix, type DealerScope } from '../../core/access.js';
import type { PageRequest } from '../../core/list.js';
import { ancestorCodes } from './dealers.rules.js';
import { CLOSED_DEALER_STATUSES } from '../../../shared/dealer-lifecycle.js';

export interface DealerFilter {
  q?: string;
  status?: string;
  tier?: string;
  level?: number;
  regionCode?: string;
  parentDealerId?: string;
}

/**
 * Territory codes inside region `code`, the region included. Territory codes are 6-digit GB/T 2260
 * strings, so "starts with the region's prefix" is a range, which both databases answer from the
 * region_code index; `LIKE 'prefix%'` scanned every territory (SQLite's LIKE is case-insensitive and
 * PostgreSQL's collation is not C, so neither uses an index for it).
 */
function insideRegion(eb: ExpressionBuilder<any, any>, column: string, code: string) {
  const prefix = regionPrefix(code);
  return eb.between(eb.ref(column), prefix.padEnd(6, '0'), prefix.padEnd(6, '9'));
}

/** One page of dealers the scope allows, in creation order. */
export function listDealers(db: Database, scope: DealerScope, filter: DealerFilter, page: PageRequest) {
  let query = db
    .selectFrom('dealers')
    .selectAll()
    .where(visibleDealer(scope, 'dealers.id'))
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.tier) query = query.where('tier', '=', filter.tier);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.parentDealerId) query = query.where('parent_dealer_id', '=', filter.parentDealerId);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(code)`, 'like', like), eb(sql`lower(name)`, 'like', like)]));
  }
  if (filter.regionCode) {
    // Dealers serving the region: a territory inside it, or one that contains it.
    const code = filter.regionCode;
    const ancestors = ancestorCodes(code);
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('dealer_territories')
        .select('dealer_id')
        .where((tb) => tb.or([insideRegion(tb, 'region_code', code), ...(ancestors.length ? [tb('region_code', 'in', ancestors)] : [])])),
    );
  }
  return query.execute();
}

export const findDealer = (db: Database, scope: DealerScope, id: string) => db.selectFrom('dealers').selectAll().where('id', '=', id).where(visibleDealer(scope, 'dealers.id')).executeTakeFirst();

export const findDealerUnscoped = (db: Database, id: string) => db.selectFrom('dealers').selectAll().where('id', '=', id).executeTakeFirst();

export const findDealerByCode = (db: Database, code: string) => db.selectFrom('dealers').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();

export function territoriesOf(db: Database, dealerIds: string[]) {
  if (dealerIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('dealer_territories').selectAll().where('dealer_id', 'in', dealerIds).orderBy('region_code').execute();
}

/** Codes of the dealers the scope may see (a sub-dealer's user does not learn its parent's code). */
export function codesOf(db: Database, scope: DealerScope, dealerIds: string[]) {
  if (dealerIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('dealers').select(['id', 'code']).where('id', 'in', dealerIds).where(visibleDealer(scope, 'dealers.id')).execute();
}

export function contactsOf(db: Database, dealerIds: string[]) {
  if (dealerIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('dealer_contacts').selectAll().where('dealer_id', 'in', dealerIds).orderBy('position').execute();
}

/**
 * Live territories of other dealers overlapping any of `codes` (same region, inside it or
 * containing it). Terminated and rejected dealers no longer hold territory.
 */
export function overlappingTerritories(db: Database, codes: string[], excludeDealerIds: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('dealer_territories as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .select(['t.region_code', 't.exclusive', 'd.id as dealerId', 'd.code as dealerCode', 'd.name as dealerName', 'd.parent_dealer_id'])
    .where('d.status', 'not in', CLOSED_DEALER_STATUSES);
  // (No NUL-byte placeholder for "exclude nobody": PostgreSQL refuses U+0000 in text parameters.)
  if (excludeDealerIds.length) query = query.where('d.id', 'not in', excludeDealerIds);
  return query
    .where((eb) =>
      eb.or(
        codes.flatMap((code) => {
          const ancestors = ancestorCodes(code);
          return [insideRegion(eb, 't.region_code', code), ...(ancestors.length ? [eb('t.region_code', 'in', ancestors)] : [])];
        }),
      ),
    )
    .execute();
}

export function eventsOf(db: Database, dealerId: string, page: PageRequest) {
  let query = db
    .selectFrom('dealer_events')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '<', page.after);
  return query.execute();
}

export type DealerRow = DealersTable;

/**
 * The open graded warning of a dealer, if any: read here (not written) so the lifecycle guard can
 * leave a graded warning to its own workflow (src/server/modules/warnings/warnings.apply.ts).
 */
export function openWarningOf(db: Database | Transaction<DB>, dealerId: string) {
  return db.selectFrom('warnings').select(['id', 'level']).where('dealer_id', '=', dealerId).where('status', '=', 'open').executeTakeFirst();
}
