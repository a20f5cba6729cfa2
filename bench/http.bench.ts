// `npm run bench`: HTTP throughput of Qudao against a bare Fastify hello-world, from one run.
//
//   npm run bench                         SQLite in a temp dir, 10,000 dealers
//   npm run bench -- --pg                 a fresh PostgreSQL database on DATABASE_URL (or TEST_DATABASE_URL)
//   npm run bench -- --duration 5 --connections 50 --dealers 10000 --log-level info
//   npm run bench -- --only list --cpu-prof   write a V8 CPU profile of the app server to $TMPDIR/qudao-bench-profiles/
//   (--only takes a comma list of: bare, health, list, regional, filter)
//
// Each server runs in its own child process (the load generator must not share the server's event
// loop); autocannon runs here. Targets: bare Fastify `GET /`, `GET /api/health`, the authenticated
// `GET /api/v1/dealers?limit=50` as hq_admin (all 10,000 dealers visible), as a regional manager
// scoped to three provinces, and as hq_admin filtered by a province. Goal (issue 2): the
// authenticated list at >= 0.25x bare. Besides requests/s, each row shows the server's CPU time
// per request, which other load on the machine does not distort.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { systemClock } from '../src/server/core/clock.js';
import { systemCaller } from '../src/server/core/caller.js';
import { newId } from '../src/server/core/ids.js';
import { regionIndex } from '../src/server/modules/regions/regions.data.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { prng } from '../src/server/seed/demo.js';
import type { DealersTable, DealerTerritoriesTable, DealerContactsTable } from '../src/server/db/types.js';

// autocannon ships no types; the part used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    dealers: { type: 'string', default: '10000' },
    'log-level': { type: 'string', default: 'info' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const DEALERS = Number(args.dealers);
const PASSWORD = 'Bench#Load2026';
const MANAGER_REGIONS = ['440000', '320000', '330000']; // Guangdong, Jiangsu, Zhejiang

// ---------------------------------------------------------------- data

/** 10,000 dealers (a fifth of them level-2), 1-3 county territories and a contact each, in one transaction. */
async function generateDealers(db: Database, count: number) {
  const rand = prng(10_000);
  const counties = [...regionIndex().values()].filter((r) => r.level === 'county').map((r) => r.code);
  const exclusiveTaken = new Set<string>();
  const tiers = ['bronze', 'silver', 'gold'];
  const statuses = ['active', 'active', 'active', 'active', 'active', 'active', 'warning', 'approved', 'terminating', 'terminated'];
  const base = Date.parse('2024-01-01T00:00:00Z');
  const dealers: DealersTable[] = [];
  const territories: DealerTerritoriesTable[] = [];
  const contacts: DealerContactsTable[] = [];
  const levelOne: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('dlr');
    const level2 = levelOne.length > 10 && rand.next() < 0.2;
    const at = new Date(base + i * 60_000).toISOString();
    const status = rand.pick(statuses);
    dealers.push({
      id,
      code: `B${String(i + 1).padStart(6, '0')}`,
      name: `压测经销商${i + 1}号商贸有限公司`,
      level: level2 ? 2 : 1,
      parent_dealer_id: level2 ? rand.pick(levelOne) : null,
      status,
      tier: rand.pick(tiers),
      credit_limit_fen: rand.int(0, 500) * 1_000_000,
      payment_term_days: rand.pick([0, 15, 30, 45, 60, 90]),
      vmi: rand.next() < 0.2 ? 1 : 0,
      unified_social_credit_code: null,
      address: `第${rand.int(1, 999)}号`,
      contract_starts_on: '2024-01-01',
      contract_ends_on: '2026-12-31',
      created_at: at,
      updated_at: at,
    });
    if (!level2) levelOne.push(id);
    const mine = new Set<string>();
    const n = rand.int(1, 3);
    while (mine.size < n) mine.add(rand.pick(counties));
    for (const code of mine) {
      // Terminated dealers hold no exclusive territory (dealers.service releases it).
      const exclusive = !level2 && status !== 'terminated' && !exclusiveTaken.has(code) && rand.next() < 0.3;
      if (exclusive) exclusiveTaken.add(code);
      territories.push({ dealer_id: id, region_code: code, exclusive: exclusive ? 1 : 0 });
    }
    contacts.push({ id: newId('dct'), dealer_id: id, position: 0, name: `联系人${i + 1}`, title: '总经理', phone: `138${String(i).padStart(8, '0')}`, email: null, is_primary: 1 });
  }
  const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, k) => list.slice(k * size, (k + 1) * size));
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(dealers, 500)) await trx.insertInto('dealers').values(part).execute();
    for (const part of chunks(territories, 1000)) await trx.insertInto('dealer_territories').values(part).execute();
    for (const part of chunks(contacts, 1000)) await trx.insertInto('dealer_contacts').values(part).execute();
  });
  return { dealers: dealers.length, territories: territories.length, contacts: contacts.length };
}

interface Target {
  url: string;
  dialect: 'sqlite' | 'postgres';
  cleanup(): Promise<void>;
}

async function freshTarget(): Promise<Target> {
  if (args.pg) {
    const base = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (!base || !/^postgres(ql)?:\/\//.test(base)) throw new Error('--pg needs DATABASE_URL (or TEST_DATABASE_URL) = postgres://...');
    const name = `qudao_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dialect: 'postgres',
      cleanup: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qudao-bench-'));
  return { url: `sqlite://${path.join(dir, 'qudao.sqlite')}`, dialect: 'sqlite', cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------- servers

interface Server {
  port: number;
  child: ChildProcess;
}

function startServer(file: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    // stdout (the request log) is discarded: the bench measures the server, not a terminal.
    const child = fork(path.join(here, file), [], { env, execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (msg) => resolve({ port: (msg as { port: number }).port, child }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before listening`)));
  });
}

/** The server's CPU time so far (user + system, µs). */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (msg) => {
      const { cpu } = msg as { cpu: NodeJS.CpuUsage };
      resolve(cpu.user + cpu.system);
    });
    server.child.send('cpu');
  });
}

async function stopServer(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function login(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('qudao_sid='));
  if (!cookie) throw new Error('login returned no session cookie');
  return cookie.split(';')[0];
}

/** One request before the load, so a wrong answer (401, empty page) is not measured as fast. */
async function check(url: string, headers: Record<string, string>, expect: (body: any) => string | null) {
  const res = await fetch(url, { headers });
  const body = await res.json().catch(() => null);
  const problem = res.status !== 200 ? `status ${res.status}` : expect(body);
  if (problem) throw new Error(`${url}: ${problem} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

// ---------------------------------------------------------------- run

interface Row {
  name: string;
  result: AutocannonResult;
  bytes: number;
  /** Server CPU (user + system) per request, µs. */
  cpuPerRequest: number;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const wanted = (name: string) => !args.only || args.only.split(',').includes(name);
  const target = await freshTarget();
  let bare: Server | undefined;
  let appServer: Server | undefined;
  const rows: Row[] = [];
  try {
    console.log(`Qudao bench: Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${target.dialect}, load average ${os.loadavg()[0].toFixed(2)}`);
    if (os.loadavg()[0] > 0.5) console.log('  (other processes are using the CPU: absolute figures are low and noisy; the ratios hold up better)');
    const t0 = performance.now();
    const opened = openDatabase(target.url);
    await migrateToLatest(opened.db);
    const counts = await generateDealers(opened.db, DEALERS);
    const ctx = { db: opened.db, clock: systemClock, caller: { ...systemCaller, name: 'bench' }, requestId: null };
    await createUser(ctx, { username: 'bench.admin', password: PASSWORD, displayName: 'Bench admin', role: 'hq_admin' });
    await createUser(ctx, { username: 'bench.manager', password: PASSWORD, displayName: 'Bench manager', role: 'regional_manager', regionCodes: MANAGER_REGIONS });
    await opened.close();
    console.log(`Data: ${fmt(counts.dealers)} dealers, ${fmt(counts.territories)} territories, ${fmt(counts.contacts)} contacts in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const profileDir = path.join(os.tmpdir(), 'qudao-bench-profiles');
    if (args['cpu-prof']) mkdirSync(profileDir, { recursive: true });
    const appEnv = { ...process.env, DATABASE_URL: target.url, QUDAO_LOG_LEVEL: args['log-level'], QUDAO_DEMO: '0' };
    bare = await startServer('server-bare.ts', process.env);
    appServer = await startServer('server-app.ts', appEnv, args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const app = `http://127.0.0.1:${appServer.port}`;
    const adminCookie = await login(appServer.port, 'bench.admin');
    const managerCookie = await login(appServer.port, 'bench.manager');

    const listUrl = `${app}/api/v1/dealers?limit=50`;
    await check(`http://127.0.0.1:${bare.port}/`, {}, (b) => (b?.hello === 'world' ? null : 'not hello world'));
    await check(`${app}/api/health`, {}, (b) => (b?.status === 'ok' ? null : 'not ok'));
    await check(listUrl, { cookie: adminCookie }, (b) => (b?.items?.length === 50 && b.nextCursor ? null : 'not a full page'));
    const managerPage = await check(listUrl, { cookie: managerCookie }, (b) => (b?.items?.length > 0 ? null : 'empty page'));
    await check(`${listUrl}&regionCode=440000`, { cookie: adminCookie }, (b) =>
      b?.items?.length > 0 && b.items.every((d: { territory: { regionCode: string }[] }) => d.territory.some((t) => t.regionCode.startsWith('44'))) ? null : 'wrong filter result',
    );

    const plan: { key: string; name: string; server: Server; url: string; headers: Record<string, string> }[] = [
      { key: 'bare', name: 'bare Fastify GET /', server: bare, url: `http://127.0.0.1:${bare.port}/`, headers: {} },
      { key: 'health', name: 'GET /api/health', server: appServer, url: `${app}/api/health`, headers: {} },
      { key: 'list', name: 'GET /api/v1/dealers?limit=50 (hq_admin)', server: appServer, url: listUrl, headers: { cookie: adminCookie } },
      { key: 'regional', name: `  same, regional_manager (${MANAGER_REGIONS.length} provinces)`, server: appServer, url: listUrl, headers: { cookie: managerCookie } },
      { key: 'filter', name: '  same, hq_admin, ?regionCode=440000', server: appServer, url: `${listUrl}&regionCode=440000`, headers: { cookie: adminCookie } },
    ];
    console.log(`Load: autocannon, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target; app log level ${args['log-level']} (discarded)`);
    if (managerPage) console.log(`(regional manager page: ${managerPage.items.length} items)`);
    for (const p of plan.filter((x) => wanted(x.key))) {
      process.stdout.write(`  measuring ${p.name.trim()} ...`);
      if (WARMUP > 0) await autocannon({ url: p.url, connections: CONNECTIONS, duration: WARMUP, headers: p.headers });
      const cpuBefore = await cpuOf(p.server);
      const result = await autocannon({ url: p.url, connections: CONNECTIONS, duration: DURATION, headers: p.headers });
      const cpuPerRequest = ((await cpuOf(p.server)) - cpuBefore) / Math.max(result.requests.total, 1);
      const bytes = result.requests.total ? result.throughput.average / Math.max(result.requests.average, 1) : 0;
      process.stdout.write(` ${fmt(result.requests.average)} req/s, ${fmt(cpuPerRequest)} µs server CPU per request\n`);
      if (result.non2xx || result.errors || result.timeouts) {
        console.log(`    WARNING: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
      }
      rows.push({ name: p.name, result, bytes, cpuPerRequest });
    }
  } finally {
    await Promise.all([stopServer(bare), stopServer(appServer)]);
    await target.cleanup();
  }

  const bareRow = rows.find((r) => r.name.startsWith('bare'));
  // "CPU" columns: server CPU time per request, and the requests/s one core would give at that cost
  // (the bare server's figure is capped by the load generator, not by Fastify).
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'resp B', 'x bare', 'CPU µs/req', 'req/s/core', 'x bare (CPU)'];
  const table = rows.map((r) => [
    r.name,
    fmt(r.result.requests.average),
    fmt(r.result.latency.p50, 1),
    fmt(r.result.latency.p99, 1),
    fmt(r.bytes),
    bareRow ? `${fmt(r.result.requests.average / bareRow.result.requests.average, 2)}x` : '-',
    fmt(r.cpuPerRequest),
    fmt(1e6 / r.cpuPerRequest),
    bareRow ? `${fmt(bareRow.cpuPerRequest / r.cpuPerRequest, 3)}x` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of table) console.log(line(row));

  console.log(`(load average at the end: ${os.loadavg()[0].toFixed(2)})`);
  const list = rows.find((r) => r.name.includes('hq_admin'));
  if (bareRow && list) {
    const ratio = list.result.requests.average / bareRow.result.requests.average;
    console.log(`\nGoal (issue 2): authenticated dealer list >= 0.25x bare Fastify -> ${fmt(ratio, 2)}x ${ratio >= 0.25 ? 'MET' : 'NOT MET'}`);
    console.log(`  (by server CPU per request: ${fmt(bareRow.cpuPerRequest / list.cpuPerRequest, 3)}x)`);
  }
  if (args['cpu-prof']) console.log(`CPU profile of the app server written to ${path.join(os.tmpdir(), 'qudao-bench-profiles')} (open it in Chrome DevTools)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
