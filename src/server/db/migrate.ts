import { Migrator, SqliteAdapter, sql, type MigrationProvider, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

const isBusy = (error: unknown) => /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error));

/**
 * One migration run. PostgreSQL: Kysely takes its migration lock (an advisory lock) and runs the
 * pending migrations in one transaction. SQLite: Kysely does neither (its SqliteAdapter has no
 * lock and no transactional DDL), so two processes could both apply a migration and a crash could
 * leave half of one; BEGIN IMMEDIATE takes SQLite's write lock up front, making the whole run
 * atomic and one process at a time (the other waits busy_timeout, then retries below).
 */
async function migrateOnce(db: Database): Promise<MigrationResultSet> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return new Migrator({ db, provider }).migrateToLatest();
  try {
    return await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      let result: MigrationResultSet;
      try {
        result = await new Migrator({ db: conn, provider }).migrateToLatest();
      } catch (error) {
        result = { error };
      }
      await (result.error ? sql`rollback` : sql`commit`).execute(conn);
      return result;
    });
  } catch (error) {
    return { error };
  }
}

/**
 * Brings the schema up to date. Safe when several instances start together: one applies the
 * pending migrations, the others wait for it and then find them applied.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrateOnce(db);
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (!isBusy(error) || attempt >= 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
  }
}
