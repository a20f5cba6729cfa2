// `npm run bench:web`: Lighthouse on the pages a dealer opens on a phone, from one run against a
// production start (`qudao start`: built web app, demo data) on a fresh SQLite database.
//
//   npm run bench:web                     mobile preset (slow 4G, 4x CPU) for the dealer's pages,
//                                         desktop preset for the HQ home
//   npm run bench:web -- --runs 3         the median of three runs per page
//   npm run bench:web -- --keep           leave the data directory for a look afterwards
//   npm run bench:web -- --failures       list each page's failed accessibility audits and the elements
//
// Goals (issue 21): performance >= 90, accessibility 100, largest contentful paint <= 2.5 s on
// every page. Lighthouse lives here, not in the test suite: its timings depend on the machine.
// Needs Debian's chromium (/usr/bin/chromium, or CHROME_PATH).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, failures: { type: 'boolean', default: false } } });
const RUNS = Math.max(1, Number(args.runs));
const DEMO_PASSWORD = 'Qudao@2026';
const ADMIN_PASSWORD = `Bench-${Math.random().toString(36).slice(2)}-Aa1!`;

interface Page {
  label: string;
  path: string;
  /** who is signed in: null for the login page itself */
  user: 'dealer.admin' | 'admin' | null;
  preset: 'mobile' | 'desktop';
}
const PAGES: Page[] = [
  { label: 'login (dealer phone)', path: '/login', user: null, preset: 'mobile' },
  { label: 'dealer home', path: '/', user: 'dealer.admin', preset: 'mobile' },
  { label: 'new order', path: '/trade/orders/new', user: 'dealer.admin', preset: 'mobile' },
  { label: 'my incentives', path: '/incentives/my', user: 'dealer.admin', preset: 'mobile' },
  { label: 'HQ home (desktop)', path: '/', user: 'admin', preset: 'desktop' },
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become ready within 10 minutes');
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Measure {
  performance: number;
  accessibility: number;
  lcpMs: number;
  bytes: number;
  tbtMs: number;
  /** failed accessibility audits: id, title and up to three offending elements */
  a11yFailures: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(url: string, cookie: string | null, preset: Page['preset'], port: number): Promise<Measure> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return {
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
    lcpMs: lhr.audits['largest-contentful-paint'].numericValue ?? NaN,
    bytes: lhr.audits['total-byte-weight'].numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time'].numericValue ?? NaN,
    a11yFailures: lhr.categories.accessibility.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score === 0)
      .map((a) => {
        const items = ((a.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined)?.items ?? []).slice(0, 3);
        return `${a.id}: ${a.title}${items.map((i) => `\n      ${i.node?.selector ?? ''} ${i.node?.snippet ?? ''}`).join('')}`;
      }),
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qudao-bench-web-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// An embedded database of its own: never the caller's DATABASE_URL.
const { DATABASE_URL: _callersDatabase, ...env } = process.env;
const server = spawn(process.execPath, [path.join(here, '..', 'bin', 'qudao.js'), 'start'], {
  env: { ...env, PORT: String(port), HOST: '127.0.0.1', QUDAO_DATA_DIR: dataDir, QUDAO_ADMIN_PASSWORD: ADMIN_PASSWORD, QUDAO_LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let chrome: chromeLauncher.LaunchedChrome | null = null;
try {
  console.log(`Starting Qudao with the demo data on ${base} (data in ${dataDir}) ...`);
  await waitReady(base, server);
  const cookies = { 'dealer.admin': await signIn(base, 'dealer.admin', DEMO_PASSWORD), admin: await signIn(base, 'admin', ADMIN_PASSWORD) };
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const rows: (Page & Measure)[] = [];
  for (const page of PAGES) {
    const runs: Measure[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(`${base}${page.path}`, page.user ? cookies[page.user] : null, page.preset, chrome.port));
    const pick = (k: Exclude<keyof Measure, 'a11yFailures'>) => median(runs.map((r) => r[k]));
    rows.push({
      ...page,
      performance: pick('performance'),
      accessibility: pick('accessibility'),
      lcpMs: pick('lcpMs'),
      bytes: pick('bytes'),
      tbtMs: pick('tbtMs'),
      a11yFailures: runs[0].a11yFailures,
    });
  }
  const ok = (good: boolean) => (good ? 'ok' : 'MISS');
  console.log(`\nLighthouse ${RUNS > 1 ? `(median of ${RUNS} runs) ` : ''}goals: performance >= 90, accessibility 100, LCP <= 2.5 s`);
  console.log(['page', 'preset', 'perf', 'a11y', 'LCP s', 'KiB', 'TBT ms', 'goals'].join('\t'));
  for (const r of rows) {
    const goals = [ok(r.performance >= 90), ok(r.accessibility >= 100), ok(r.lcpMs <= 2500)].join(' ');
    console.log([r.label, r.preset, r.performance, r.accessibility, (r.lcpMs / 1000).toFixed(1), Math.round(r.bytes / 1024), Math.round(r.tbtMs), goals].join('\t'));
  }
  if (args.failures) for (const r of rows) if (r.a11yFailures.length) console.log(`\n${r.label} (${r.path}):\n  ${r.a11yFailures.join('\n  ')}`);
} finally {
  await chrome?.kill();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  if (!args.keep) rmSync(dataDir, { recursive: true, force: true });
}
