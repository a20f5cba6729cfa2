// Document numbers (docs/rules.md, Conventions): every module numbers its documents here, so
// orders, shipments, returns, receivable entries, tickets, mediations, transfers and VMI
// proposals all read PO202611-000123: a prefix, the year-month of the document date and a
// six-digit sequence per prefix and month.
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import { monthOf } from '../../shared/dates.js';

/** PO202611-000123 for prefix PO, a date in November 2026 and sequence 123. */
export const docNumber = (prefix: string, date: string, seq: number) => `${counterOf(prefix, date)}-${String(seq).padStart(6, '0')}`;

/** The counter a number is drawn from: one per prefix and month (PO202611). */
export const counterOf = (prefix: string, date: string) => `${prefix}${monthOf(date).replace('-', '')}`;

/**
 * The next document number of a prefix and month. One counter row per prefix and month, bumped
 * by an upsert inside the caller's transaction: unique under concurrency (the row lock on
 * PostgreSQL, the single writer on SQLite) and gap-free for committed documents.
 */
export async function nextDocNumber(trx: Transaction<DB>, prefix: string, date: string): Promise<string> {
  return docNumber(prefix, date, await nextCounterValue(trx, counterOf(prefix, date)));
}

/**
 * The next value of a named counter, with the same guarantees. `issuedBefore` is the highest value
 * already issued without the counter (numbers written before it existed): it seeds the counter the
 * first time only, so an upgrade never hands out a number twice.
 */
export async function nextCounterValue(trx: Transaction<DB>, name: string, issuedBefore = 0): Promise<number> {
  const row = await trx
    .insertInto('doc_counters')
    .values({ name, last: issuedBefore + 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ last: eb('doc_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}
