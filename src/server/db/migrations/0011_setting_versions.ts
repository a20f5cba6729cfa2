// Frozen: never edit a released migration; add a new one. No app imports.
// Every write of a setting (src/server/core/settings.ts) keeps the document it wrote as a
// numbered version, so HQ can see who changed a rule when, and what it was before.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting_versions')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('setting_versions_pk', ['key', 'version'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0011_setting_versions cannot be reverted: restore a backup instead');
}
