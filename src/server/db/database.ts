import { mkdirSync, accessSync, existsSync, constants } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './types.js';
import { dialectOf, sqlitePath, StartupError } from '../config.js';

export type Database = Kysely<DB>;
export type Dialect = 'sqlite' | 'postgres';

export { StartupError };

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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect, sqlite, close: () => db.destroy() };
}

/** Fails with a clear StartupError when the database cannot be reached. */
export async function checkConnection(opened: OpenedDatabase, databaseUrl: string): Promise<void> {
  try {
    await opened.db
      .selectFrom('users' as never)
      .select((eb) => eb.lit(1).as('one'))
      .limit(0)
      .execute()
      .catch(async (error) => {
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

/**
 * Kysely's SQLite driver prepares every query afresh, and better-sqlite3 builds each result row as
 * an object key by key; for a page of 50 wide rows those two cost more than the query itself. So
 * statements are kept by SQL text (Kysely emits the same text for the same query shape; a bounded
 * LRU because `IN (?, ?, ...)` lists of varying length make ad-hoc shapes), and readers return raw
 * arrays turned into objects by a function compiled once per statement (about twice as fast,
 * measured in docs/decisions.md). Kysely runs one query at a time on the single connection, so a
 * cached statement is never in use twice at once.
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 500): SQLite.Database {
  const cache = new Map<string, CachedStatement>();
  const prepare = (sqlText: string) => {
    let statement = cache.get(sqlText);
    if (statement) {
      cache.delete(sqlText);
    } else {
      statement = cachedStatement(sqlite.prepare(sqlText));
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(sqlText, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The part of a better-sqlite3 Statement that Kysely's driver uses. */
interface CachedStatement {
  reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): SQLite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

function cachedStatement(statement: SQLite.Statement): CachedStatement {
  const names = statement.reader ? statement.columns().map((c) => c.name) : [];
  if (!statement.reader || names.includes('__proto__')) return statement as unknown as CachedStatement;
  // Column names are JSON-quoted, so the generated row builder cannot run injected code.
  const toObject = new Function('r', `return {${names.map((name, i) => `${JSON.stringify(name)}:r[${i}]`).join(',')}}`) as (row: unknown[]) => unknown;
  const raw = statement.raw(true);
  return {
    reader: true,
    all: (parameters) => (raw.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => raw.run(parameters),
    *iterate(parameters) {
      for (const row of raw.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(row);
    },
  };
}
