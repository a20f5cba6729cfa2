import { defineConfig } from 'vitest/config';

// The whole suite runs on SQLite; with TEST_DATABASE_URL it runs a second time on PostgreSQL
// (browser tests only once: they exercise the web app, not the dialect). Browser tests poll the
// page; the default poll gives up after 1 s, which a loaded 2-core machine exceeds (a dialog's
// save round trip took longer in CI), so polls wait up to 30 s.
const shared = { environment: 'node' as const, testTimeout: 120_000, hookTimeout: 300_000, pool: 'forks' as const, expect: { poll: { timeout: 30_000, interval: 100 } } };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], env: { QUDAO_TEST_DB: 'sqlite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...shared, name: 'postgres', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['test/e2e/**', '**/node_modules/**'], env: { QUDAO_TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
