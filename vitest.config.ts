import { defineConfig } from 'vitest/config';

// The whole suite runs on SQLite; with TEST_DATABASE_URL it runs a second time on PostgreSQL
// (browser tests only once: they exercise the web app, not the dialect).
const shared = { environment: 'node' as const, testTimeout: 120_000, hookTimeout: 300_000, pool: 'forks' as const };

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
