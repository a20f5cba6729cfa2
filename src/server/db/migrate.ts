import { Migrator, type MigrationProvider, type Migration } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

const isBusy = (error: unknown) => /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error));

/**
 * Brings the schema up to date. Safe when several instances start together: PostgreSQL takes
 * Kysely's migration lock; on SQLite a writer that loses the race retries and then finds the
 * migrations already applied.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (!isBusy(error) || attempt >= 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
  }
}
