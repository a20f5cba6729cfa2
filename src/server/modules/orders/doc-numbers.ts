import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { docNumber } from './orders.rules.js';

/**
 * The next document number of a prefix and month (PO202611-000123). One counter row per prefix
 * and month, bumped by an upsert inside the caller's transaction: unique under concurrency (the
 * row lock on PostgreSQL, the single writer on SQLite) and gap-free for committed documents.
 */
export async function nextDocNumber(trx: Transaction<DB>, prefix: string, date: string): Promise<string> {
  const name = docNumber(prefix, date, 0).slice(0, -7);
  const row = await trx
    .insertInto('doc_counters')
    .values({ name, last: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ last: eb('doc_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return docNumber(prefix, date, Number(row.last));
}
