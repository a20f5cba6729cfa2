import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/shared/permissions.js';
import type { CreateDealerBody, Dealer } from '../../src/shared/schemas/index.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { buildApp, type BuiltApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { fixedClock } from '../../src/server/core/clock.js';
import { systemCaller, type ServiceContext } from '../../src/server/core/caller.js';
import { createUser } from '../../src/server/modules/users/users.service.js';
import { createDealer } from '../../src/server/modules/dealers/dealers.service.js';
import { freshDatabaseUrl } from './db.js';

export const TEST_PASSWORD = 'Test#Pass2026';
let dealerSeq = 0;

export interface TestApp extends BuiltApp {
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  /** A service context acting as the system (for factories). */
  system: ServiceContext;
  /** Creates a user of `role` and returns a cookie header of its session. */
  loginAs(role: Role, binding?: { dealerId?: string; regionCodes?: string[]; username?: string }): Promise<string>;
  /** A dealer created directly through the service (fast factory). */
  dealer(overrides?: Partial<CreateDealerBody>): Promise<Dealer>;
  inject: BuiltApp['app']['inject'];
}

/** A real app on a fresh database (SQLite, or PostgreSQL in the postgres project). */
export async function createTestApp(options: { serveWeb?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await freshDatabaseUrl();
  const config = loadConfig({ QUDAO_LOG_LEVEL: 'silent', DATABASE_URL: db.url }, options.config);
  const clock = fixedClock(new Date('2026-11-20T02:00:00.000Z'));
  const database = openDatabase(config.databaseUrl, { poolSize: 5 });
  await migrateToLatest(database.db);
  const built = await buildApp(config, { database, clock, logger: false, serveWeb: options.serveWeb ?? false });
  const system: ServiceContext = { db: database.db, clock, caller: systemCaller, requestId: null };
  let userSeq = 0;
  const testApp: TestApp = {
    ...built,
    config,
    clock,
    system,
    inject: built.app.inject.bind(built.app),
    async loginAs(role, binding = {}) {
      const username = binding.username ?? `${role.replace('_', '.')}.${++userSeq}`;
      await createUser(system, { username, password: TEST_PASSWORD, displayName: username, role, dealerId: binding.dealerId, regionCodes: binding.regionCodes });
      const res = await built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return cookieOf(res);
    },
    async dealer(overrides = {}) {
      const n = ++dealerSeq;
      return createDealer(system, { code: `T${process.pid % 1000}${String(n).padStart(5, '0')}`, name: `测试经销商${n}`, ...overrides });
    },
    close: async () => {
      await built.close();
      await db.drop();
    },
  };
  return testApp;
}

export function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const session = list.find((c) => c.startsWith('qudao_sid='));
  if (!session) throw new Error('no session cookie');
  return session.split(';')[0];
}
