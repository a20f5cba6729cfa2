import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Row locks for read-check-write rules (credit limit, FIFO allocation, promotion budgets).
 * PostgreSQL takes `SELECT ... FOR UPDATE`; SQLite has one writer at a time and Kysely runs a
 * transaction on its single connection, so the same code is serialised there without a lock.
 */
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Adds FOR UPDATE on PostgreSQL; a no-op on SQLite (where the syntax does not exist). */
export function forUpdate<Q extends { forUpdate(): Q }>(db: Kysely<any>, query: Q): Q {
  return isPostgres(db) ? query.forUpdate() : query;
}

/** A unique-constraint violation on either database. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505' || /UNIQUE constraint failed|duplicate key/i.test(String((error as Error)?.message));

/** Splits rows for multi-row INSERTs (parameter limits: SQLite 32766, PostgreSQL 65535). */
export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
