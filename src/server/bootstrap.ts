import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import { checkConnection, type OpenedDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { systemCaller } from './core/caller.js';
import type { Clock } from './core/clock.js';
import { tryLease, releaseLease } from './core/jobs.js';
import { createUser } from './modules/users/users.service.js';
import type { DemoSummary } from './seed/demo.js';
import { seedDemoDataset } from './seed/dataset.js';

export interface Prepared {
  migrations: string[];
  adminCreated: { password: string; generated: boolean } | null;
  demo: DemoSummary | null;
}

const generatedPassword = () => `Qd-${randomBytes(9).toString('base64url')}7a`;

/** Connects, migrates, creates `admin` on an empty database and seeds the demo when asked. */
export async function prepareDatabase(config: Config, opened: OpenedDatabase, clock: Clock, options: { demo?: boolean } = {}): Promise<Prepared> {
  await checkConnection(opened, config.databaseUrl);
  const migrations = await migrateToLatest(opened.db);
  const db = opened.db;
  const holder = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const result: Prepared = { migrations, adminCreated: null, demo: null };
  if (!(await tryLease(db, clock, 'bootstrap', holder, 120_000))) return result;
  try {
    const users = await db.selectFrom('users').select('id').limit(1).execute();
    if (users.length === 0) {
      const password = config.adminPassword ?? generatedPassword();
      const ctx = { db, clock, caller: { ...systemCaller, name: 'bootstrap' }, requestId: null };
      await createUser(ctx, { username: 'admin', password, displayName: '系统管理员', role: 'hq_admin' });
      result.adminCreated = { password, generated: !config.adminPassword };
    }
    const wantDemo = options.demo ?? config.demo;
    if (wantDemo) {
      const dealers = await db.selectFrom('dealers').select('id').limit(1).execute();
      if (dealers.length === 0) result.demo = await seedDemoDataset(db, clock, { months: config.demoMonths });
    }
  } finally {
    await releaseLease(db, 'bootstrap', holder);
  }
  return result;
}
