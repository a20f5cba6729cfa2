// Frozen: never edit a released migration; add a new one. No app imports.
// Auth hardening: login throttling shared by every instance (one row per account name and per
// client address), an absolute end for each session, and an expiry for each API key.
import type { Kysely } from 'kysely';

const DAY_MS = 86_400_000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey()) // `account:<lower-case name>` or `ip:<address>`
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();
  await db.schema.createIndex('login_throttles_last_failure').on('login_throttles').column('last_failure_at').execute();

  await db.schema.alterTable('sessions').addColumn('absolute_expires_at', 'text').execute();
  // Sessions alive at upgrade end no later than they would have without a refresh.
  await db.updateTable('sessions').set((eb: any) => ({ absolute_expires_at: eb.ref('expires_at') })).execute();

  await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute();
  // Keys issued before expiry existed get the default lifetime (365 days) from their creation.
  const keys = await db.selectFrom('api_keys').select(['id', 'created_at']).execute();
  for (const key of keys as { id: string; created_at: string }[]) {
    const expiresAt = new Date(Date.parse(key.created_at) + 365 * DAY_MS).toISOString();
    await db.updateTable('api_keys').set({ expires_at: expiresAt }).where('id', '=', key.id).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('0012_auth_hardening cannot be reverted: restore a backup instead');
}
