// The `qudao` command as an operator runs it: `node bin/qudao.js ...` in child processes, on a
// fresh SQLite data directory or (in the postgres project) a fresh PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.js';
import { migrations } from '../src/server/db/migrations/index.js';
import { freshDatabaseUrl } from './helpers/db.js';

const ON_PG = process.env.QUDAO_TEST_DB === 'postgres';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/qudao.js');
const ADMIN_PASSWORD = 'Ops#Check2026';
const MIGRATIONS = Object.keys(migrations);

const children = new Set<ChildProcess>();

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: ours without any Qudao setting, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(QUDAO_|DATABASE_URL$|PORT$|HOST$|NODE_OPTIONS$)/.test(k)) base[k] = v;
  }
  return { ...base, QUDAO_LOG_LEVEL: 'info', ...env };
}

function start(args: string[], env: Record<string, string>): ChildProcess & { result: Promise<Run>; out: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const result = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(child, { result, out: () => stdout });
}

const qudao = (args: string[], env: Record<string, string>) => start(args, env).result;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000) {
  for (const until = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A fresh, empty database for one test: a temp data directory (SQLite) or a new PostgreSQL database. */
interface Fresh {
  env: Record<string, string>;
  url: string;
  dir?: string;
}
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  // A test that failed half-way may leave a server running: stop it before dropping its database.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const c of cleanups) await c().catch(() => undefined);
});

async function fresh(): Promise<Fresh> {
  if (ON_PG) {
    const db = await freshDatabaseUrl();
    cleanups.push(db.drop);
    return { env: { DATABASE_URL: db.url }, url: db.url };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'qudao-cli-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return { env: { QUDAO_DATA_DIR: dir }, url: `sqlite://${path.join(dir, 'qudao.sqlite')}`, dir };
}

/** Reads the database the CLI wrote (a separate connection, closed afterwards). */
async function inspect<T>(f: Fresh, fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const opened = openDatabase(f.url, { poolSize: 2 });
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

const appliedOf = (stdout: string) => (/Applied: (.*)/.exec(stdout)?.[1] ?? '').split(', ').filter(Boolean);

// Each test starts a few `qudao` processes (about a second of CPU each); on a busy machine that
// adds up, so the tests get more than the default minute.
describe.concurrent(`qudao CLI (${ON_PG ? 'postgres' : 'sqlite'})`, { timeout: 150_000 }, () => {
  it('migrate creates the schema on an empty database, and a second run says it is up to date', async () => {
    const f = await fresh();
    const first = await qudao(['migrate'], f.env);
    expect(first.code, first.stderr).toBe(0);
    expect(appliedOf(first.stdout)).toEqual(MIGRATIONS);
    if (f.dir) expect(existsSync(path.join(f.dir, 'qudao.sqlite'))).toBe(true);
    const tables = await inspect(f, async (db) => (await db.introspection.getTables()).map((t) => t.name));
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'dealers', 'dealer_territories', 'audit_entries', 'job_leases']));

    const second = await qudao(['migrate'], f.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('The schema is up to date.');
  });

  it('two migrate processes started together both succeed and apply each migration once', async () => {
    const f = await fresh();
    const [a, b] = await Promise.all([qudao(['migrate'], f.env), qudao(['migrate'], f.env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // Between them, every migration was applied by exactly one of the two.
    expect([...appliedOf(a.stdout), ...appliedOf(b.stdout)].sort()).toEqual([...MIGRATIONS].sort());
    const state = await inspect(f, async (db) => ({
      recorded: (await db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()) as { name: string }[],
      heads: await db.selectFrom('audit_head').selectAll().execute(),
    }));
    expect(state.recorded.map((r) => r.name).sort()).toEqual([...MIGRATIONS].sort());
    expect(state.heads).toHaveLength(1);
  });

  it('seed --demo creates the demo manufacturer, the same one every time', async () => {
    const [f1, f2] = await Promise.all([fresh(), fresh()]);
    // Three months of history keep two parallel seeds quick; the history itself is tested in orders-history.test.ts.
    const env = { QUDAO_ADMIN_PASSWORD: ADMIN_PASSWORD, QUDAO_DEMO_MONTHS: '3' };
    const [s1, s2] = await Promise.all([qudao(['seed', '--demo'], { ...f1.env, ...env }), qudao(['seed', '--demo'], { ...f2.env, ...env })]);
    expect(s1.code, s1.stderr).toBe(0);
    expect(s2.code, s2.stderr).toBe(0);
    expect(s1.stdout).toContain(`admin / ${ADMIN_PASSWORD}`);
    expect(s1.stdout).toMatch(/Demo data: \d+ dealers, 60 products/);

    const snapshot = (f: Fresh) =>
      inspect(f, async (db) => {
        const dealers = await db.selectFrom('dealers').select(['code', 'name', 'level', 'parent_dealer_id', 'id']).orderBy('code').execute();
        const territories = await db.selectFrom('dealer_territories').select(['dealer_id', 'region_code', 'exclusive']).execute();
        const products = await db.selectFrom('products').select(['sku', 'category']).orderBy('sku').execute();
        const users = await db.selectFrom('users').select(['username', 'role']).orderBy('username').execute();
        const codeOf = new Map(dealers.map((d) => [d.id, d.code]));
        return {
          dealers: dealers.map((d) => ({
            code: d.code,
            name: d.name,
            level: d.level,
            parent: d.parent_dealer_id ? codeOf.get(d.parent_dealer_id) : null,
            territory: territories
              .filter((t) => t.dealer_id === d.id)
              .map((t) => `${t.region_code}${t.exclusive ? '*' : ''}`)
              .sort(),
          })),
          products,
          users,
        };
      });
    const [a, b] = await Promise.all([snapshot(f1), snapshot(f2)]);
    expect(a.dealers.length).toBeGreaterThanOrEqual(140);
    expect(a.dealers.length).toBeLessThanOrEqual(170);
    const provinces = new Set(a.dealers.flatMap((d) => d.territory.map((code) => code.slice(0, 2))));
    expect(provinces.size).toBeGreaterThanOrEqual(20);
    expect(a.dealers.filter((d) => d.level === 2 && d.parent).length).toBeGreaterThan(0);
    expect(a.products).toHaveLength(60);
    expect(new Set(a.products.map((p) => p.category)).size).toBe(5);
    expect(new Set(a.users.map((u) => u.role))).toEqual(new Set(['hq_admin', 'hq_analyst', 'regional_manager', 'dealer_admin', 'dealer_staff']));
    // Deterministic: codes, names, hierarchy and territories identical across two fresh seeds.
    expect(b).toEqual(a);

    // The demo seeds only into an empty database.
    const again = await qudao(['seed', '--demo'], f1.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only into an empty database');
  }, 240_000); // two full demo seeds (24 months of history each) in parallel

  it('users create makes a user with an argon2id hash and refuses a weak password', async () => {
    const f = await fresh();
    const ok = await qudao(['users', 'create', '--username', 'ops.analyst', '--password', 'Strong#Pass2026', '--role', 'hq_analyst', '--display-name', '运营分析'], f.env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Created user ops\.analyst \(hq_analyst\)/);
    const row = await inspect(f, (db) => db.selectFrom('users').select(['role', 'display_name', 'password_hash']).where('username', '=', 'ops.analyst').executeTakeFirst());
    expect(row).toMatchObject({ role: 'hq_analyst', display_name: '运营分析' });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);

    const weak = await qudao(['users', 'create', '--username', 'weak.user', '--password', 'password', '--role', 'hq_analyst'], f.env);
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/password/i);
    const badRole = await qudao(['users', 'create', '--username', 'x.user', '--password', 'Strong#Pass2026', '--role', 'emperor'], f.env);
    expect(badRole.code).toBe(2);
    const users = await inspect(f, (db) => db.selectFrom('users').select('username').execute());
    expect(users.map((u) => u.username)).toEqual(['ops.analyst']);
  });

  it('refuses an invalid PORT with one clear line and exit code 2', async () => {
    const res = await qudao(['migrate'], { PORT: 'eighty' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('PORT must be an integer 0-65535, got "eighty"');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('serve refuses to start when the database cannot be reached', async () => {
    const res = await qudao(['serve'], { DATABASE_URL: 'postgres://qudao@127.0.0.1:1/nope', PORT: '0' });
    expect(res.code).not.toBe(0);
    expect(res.code).not.toBeNull();
    expect(res.stderr).toContain('Cannot reach the database');
    expect(res.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('serve answers health with a request id and security headers, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const f = await fresh();
    const server = start(['serve'], { ...f.env, PORT: '0', HOST: '127.0.0.1', QUDAO_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const exited = server.result;
    const ADDRESS = /running on \w+: (http:\/\/127\.0\.0\.1:\d+)/;
    // The banner: address, API docs, then the admin password of the fresh database.
    await waitFor(() => server.out().includes(`admin / ${ADMIN_PASSWORD}`) || server.exitCode !== null, 'serve printed its banner', 150_000);
    const base = ADDRESS.exec(server.out())?.[1];
    if (!base) throw new Error(`serve did not start: ${(await exited).stderr}`);

    const health = await fetch(`${base}/api/health`, { headers: { 'x-request-id': 'ops-check-1' } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: ON_PG ? 'postgres' : 'sqlite' });
    expect(health.headers.get('x-request-id')).toBe('ops-check-1');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // Without an incoming id the server makes one and still returns it.
    const generated = await fetch(`${base}/api/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[\w.-]{8,}$/);

    // Session cookie: HttpOnly, SameSite=Lax; a state change from another origin is refused.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('qudao_sid='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const crossSite = await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);

    // SIGTERM while a request is in flight: the login below sends half of its body, the server
    // gets SIGTERM and starts shutting down, then the rest of the body follows. The request still
    // gets its answer; then the process exits 0 promptly and closes the database.
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    let inflightRequest: http.ClientRequest | undefined;
    const inflight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inflightRequest = http.request(
        `${base}/api/v1/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'ops-inflight' } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      inflightRequest.on('error', reject);
      inflightRequest.write(body.slice(0, 10));
    });
    await waitFor(() => /"reqId":"ops-inflight"[^\n]*incoming request/.test(server.out()), 'the in-flight request reached the server');
    const signalledAt = Date.now();
    server.kill('SIGTERM');
    await waitFor(() => /shutting down/.test(server.out()), 'the server logged its shutdown');
    inflightRequest!.end(body.slice(10));
    const answer = await inflight;
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body).user.username).toBe('admin');
    const run = await exited;
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5000);

    // Logs: one JSON object per line; every request line carries the request id.
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('{'));
    const logs = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(logs.length).toBeGreaterThan(5);
    const requestLogs = logs.filter((l) => l.req || l.res);
    expect(requestLogs.length).toBeGreaterThan(0);
    for (const l of requestLogs) expect(l.reqId, JSON.stringify(l)).toBeTruthy();
    expect(logs.some((l) => l.reqId === 'ops-check-1' && l.msg === 'request completed' && l.res?.statusCode === 200)).toBe(true);
    const shutdownAt = logs.findIndex((l) => /shutting down/.test(l.msg));
    const inflightDone = logs.findIndex((l) => l.reqId === 'ops-inflight' && l.msg === 'request completed');
    expect(shutdownAt).toBeGreaterThanOrEqual(0);
    expect(inflightDone, 'the in-flight request was answered after SIGTERM').toBeGreaterThan(shutdownAt);
    // Credentials never reach the log (the start-up banner prints the admin password once, not the log).
    expect(lines.join('\n')).not.toContain(ADMIN_PASSWORD);
    expect(lines.join('\n')).not.toContain(cookie.split('=')[1]);

    // The database was closed cleanly and is intact.
    if (f.dir) {
      expect(existsSync(path.join(f.dir, 'qudao.sqlite-wal'))).toBe(false);
      const raw = new SQLite(path.join(f.dir, 'qudao.sqlite'), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    }
    const verify = await qudao(['audit', 'verify'], f.env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true });
  }, 180_000); // spawns a server and drives it through SIGTERM: slow on a loaded machine

  // Registered only on the database they concern (not skipped on the other).
  if (!ON_PG)
    describe('SQLite only', () => {
      it('backup then restore brings the database back to the backup, with a valid audit chain', async () => {
        const f = await fresh();
        const create = (username: string) => qudao(['users', 'create', '--username', username, '--password', 'Strong#Pass2026', '--role', 'hq_analyst'], f.env);
        expect((await create('before.backup')).code).toBe(0);
        const file = path.join(f.dir!, 'backups', 'qudao-backup.sqlite');
        const backup = await qudao(['backup', file], f.env);
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toContain(`Backed up to ${file}`);

        expect((await create('after.backup')).code).toBe(0);
        const usernames = () => inspect(f, async (db) => (await db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username));
        expect(await usernames()).toEqual(['after.backup', 'before.backup']);
        const entriesBefore = await inspect(f, (db) => db.selectFrom('audit_entries').select('seq').execute());

        const restore = await qudao(['restore', file], f.env);
        expect(restore.code, restore.stderr).toBe(0);
        expect(await usernames()).toEqual(['before.backup']);
        const entriesAfter = await inspect(f, (db) => db.selectFrom('audit_entries').select('seq').execute());
        expect(entriesAfter.length).toBe(entriesBefore.length - 1);
        const verify = await qudao(['audit', 'verify'], f.env);
        expect(verify.code, verify.stderr).toBe(0);
        expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true, entries: entriesAfter.length });
      });

      it('restore refuses a file that is not a Qudao backup and leaves the database alone', async () => {
        const f = await fresh();
        expect((await qudao(['migrate'], f.env)).code).toBe(0);
        const junk = path.join(f.dir!, 'junk.sqlite');
        writeFileSync(junk, 'this is not a database'.repeat(100));
        const res = await qudao(['restore', junk], f.env);
        expect(res.code).not.toBe(0);
        expect(res.stderr).toContain('not a healthy Qudao backup');
        const missing = await qudao(['restore', path.join(f.dir!, 'nope.sqlite')], f.env);
        expect(missing.code).toBe(2);
        const verify = await qudao(['audit', 'verify'], f.env);
        expect(verify.code).toBe(0);
      });

      it('serve refuses to start when the data directory is not writable', async () => {
        const res = await qudao(['serve'], { QUDAO_DATA_DIR: '/proc/qudao', PORT: '0' });
        expect(res.code).not.toBe(0);
        expect(res.code).not.toBeNull();
        expect(res.stderr).toContain('The data directory /proc/qudao is not writable');
        expect(res.stderr).not.toMatch(/\n\s+at /);
      });
    });

  if (ON_PG)
    describe('PostgreSQL only', () => {
      it('backup and restore point to pg_dump / pg_restore and exit non-zero', async () => {
        const f = await fresh();
        const backup = await qudao(['backup', path.join(tmpdir(), 'never-written.sqlite')], f.env);
        expect(backup.code).not.toBe(0);
        expect(backup.stderr).toContain('pg_dump');
        expect(existsSync(path.join(tmpdir(), 'never-written.sqlite'))).toBe(false);
        const restore = await qudao(['restore', BIN], f.env);
        expect(restore.code).not.toBe(0);
        expect(restore.stderr).toContain('pg_restore');
      });

      it('serve refuses to start when the database does not exist', async () => {
        const f = await fresh();
        const url = new URL(f.url);
        url.pathname = '/qudao_no_such_database';
        const res = await qudao(['serve'], { DATABASE_URL: url.toString(), PORT: '0' });
        expect(res.code).not.toBe(0);
        expect(res.stderr).toContain('Cannot reach the database');
      });
    });
});
