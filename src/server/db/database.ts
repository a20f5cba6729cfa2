import { mkdirSync, accessSync, existsSync, constants } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './types.js';
import { dialectOf, sqlitePath } from '../config.js';

export type Database = Kysely<DB>;
export type Dialect = 'sqlite' | 'postgres';

export class StartupError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

// int8 (count(*), bigint money) arrives as text from pg; our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenedDatabase {
  db: Database;
  dialect: Dialect;
  /** The raw SQLite handle (backup), undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/**
 * mkdir -p, one level at a time: Node 20's `mkdirSync(dir, { recursive: true })` never returns on
 * a pseudo file system such as /proc (QUDAO_DATA_DIR=/proc/x hung the start-up instead of failing).
 */
function makeDirectory(dir: string) {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another instance made it
    }
  }
}

export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): OpenedDatabase {
  const dialect = dialectOf(databaseUrl);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect, close: () => db.destroy() };
  }
  const file = sqlitePath(databaseUrl);
  if (file !== ':memory:') {
    const dir = path.dirname(file);
    try {
      makeDirectory(dir);
      accessSync(dir, constants.W_OK);
    } catch {
      throw new StartupError(`The data directory ${dir} is not writable. Set QUDAO_DATA_DIR to a writable directory.`);
    }
  }
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file);
  } catch (error) {
    throw new StartupError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect, sqlite, close: () => db.destroy() };
}

/** Fails with a clear StartupError when the database cannot be reached. */
export async function checkConnection(opened: OpenedDatabase, databaseUrl: string): Promise<void> {
  try {
    await opened.db.selectFrom('users' as never).select((eb) => eb.lit(1).as('one')).limit(0).execute().catch(async (error) => {
      // The table may not exist yet (before migrations); only connection failures matter here.
      if (opened.dialect === 'postgres' && /relation .* does not exist/.test(String(error))) return;
      if (opened.dialect === 'sqlite' && /no such table/.test(String(error))) return;
      throw error;
    });
  } catch (error) {
    const safeUrl = databaseUrl.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
    throw new StartupError(`Cannot reach the database at ${safeUrl}: ${(error as Error).message}`);
  }
}

