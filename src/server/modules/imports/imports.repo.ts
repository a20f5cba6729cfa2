import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, DealerContactsTable, DealerEventsTable, DealersTable, DealerTerritoriesTable, ProductsTable } from '../../db/types.js';
import { overlappingTerritories } from '../dealers/dealers.service.js';

type Executor = Database | Transaction<DB>;

/** Runs a query per chunk of `values` (keeps every statement under the dialects' parameter limits). */
async function chunked<V, R>(values: V[], size: number, run: (chunk: V[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await run(values.slice(i, i + size))));
  return out;
}

export async function existingSkus(db: Database, skus: string[]): Promise<Set<string>> {
  const rows = await chunked([...new Set(skus)], 500, (chunk) => db.selectFrom('products').select('sku').where('sku', 'in', chunk).execute());
  return new Set(rows.map((r) => r.sku));
}

export interface DealerRef {
  id: string;
  code: string;
  level: number;
}

export function dealersByCode(db: Database, codes: string[]): Promise<DealerRef[]> {
  return chunked([...new Set(codes)], 500, (chunk) => db.selectFrom('dealers').select(['id', 'code', 'level']).where('code', 'in', chunk).execute());
}

export function dealersById(db: Database, ids: string[]): Promise<DealerRef[]> {
  return chunked([...new Set(ids)], 500, (chunk) => db.selectFrom('dealers').select(['id', 'code', 'level']).where('id', 'in', chunk).execute());
}

/** Live territories of existing dealers overlapping any of `codes` (the dealers module's query, in chunks). */
export async function heldTerritories(db: Database, codes: string[]) {
  const rows = await chunked([...new Set(codes)], 100, (chunk) => overlappingTerritories(db, chunk, []));
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.dealerId}|${r.region_code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Exclusive holders of exactly these codes, whatever the holder's status: the database allows one
 * exclusive row per region code, so even a terminated holder or a parent blocks a second one.
 */
export function exclusiveHolders(db: Database, codes: string[]) {
  return chunked([...new Set(codes)], 500, (chunk) =>
    db
      .selectFrom('dealer_territories as t')
      .innerJoin('dealers as d', 'd.id', 't.dealer_id')
      .select(['t.region_code', 'd.code as dealerCode', 'd.name as dealerName', 'd.status'])
      .where('t.exclusive', '=', 1)
      .where('t.region_code', 'in', chunk)
      .execute(),
  );
}

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function insertProducts(trx: Executor, rows: ProductsTable[]) {
  await insertChunks(rows, 500, (chunk) => trx.insertInto('products').values(chunk).execute());
}

export interface NewDealerRows {
  dealers: DealersTable[];
  territories: DealerTerritoriesTable[];
  contacts: DealerContactsTable[];
  events: DealerEventsTable[];
}

/** Dealers in the given order (parents before their sub-dealers), then their children rows. */
export async function insertDealers(trx: Executor, rows: NewDealerRows) {
  await insertChunks(rows.dealers, 400, (chunk) => trx.insertInto('dealers').values(chunk).execute());
  await insertChunks(rows.territories, 1000, (chunk) => trx.insertInto('dealer_territories').values(chunk).execute());
  await insertChunks(rows.contacts, 500, (chunk) => trx.insertInto('dealer_contacts').values(chunk).execute());
  await insertChunks(rows.events, 500, (chunk) => trx.insertInto('dealer_events').values(chunk).execute());
}
