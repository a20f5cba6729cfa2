import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test file: a SQLite file in a temp directory, or, when the
 * project runs on PostgreSQL (QUDAO_TEST_DB=postgres with TEST_DATABASE_URL), a new database
 * created on that server and dropped afterwards.
 */
export async function freshDatabaseUrl(): Promise<{ url: string; dialect: 'sqlite' | 'postgres'; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (process.env.QUDAO_TEST_DB === 'postgres') {
    if (!base) throw new Error('QUDAO_TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `qd_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dialect: 'postgres',
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'qudao-test-'));
  return { url: `sqlite://${path.join(dir, 'test.sqlite')}`, dialect: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
