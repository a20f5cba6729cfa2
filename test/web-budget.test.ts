// JavaScript budgets of the first screen a dealer's phone loads (issue 21): per route, the entry
// chunk, the signed-in shell where there is one, the route's page and every chunk they import
// statically, counted as the brotli files the build wrote (src/server/core/web-transport.ts sends
// those). Lazy chunks a page loads later (charts, Excel) do not count. A budget is a ceiling to
// keep, lowered as the first screen gets lighter; raising one needs a reason in the commit.
// Needs dist/web (`npm test` runs `vite build` first).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/server/config.js';

const WEB_DIR = path.join(projectRoot, 'dist/web');

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
const manifest = (): Record<string, ManifestChunk> => JSON.parse(readFileSync(path.join(WEB_DIR, '.vite/manifest.json'), 'utf8'));

const ENTRY = 'index.html';
const SHELL = 'layout/AppLayout.tsx';
/** Dealer routes, the page module behind each (src/web/routes.tsx and features/<x>/routes.tsx) and its budget in KiB. */
const BUDGETS = [
  { route: '/login', modules: [ENTRY, 'features/auth/LoginPage.tsx'], kib: 315 },
  { route: '/', modules: [ENTRY, SHELL, 'features/dashboard/HomePage.tsx'], kib: 420 },
  { route: '/trade/orders/new', modules: [ENTRY, SHELL, 'features/trade/OrderEntryPage.tsx'], kib: 435 },
  { route: '/incentives/my', modules: [ENTRY, SHELL, 'features/incentives/MyIncentivesPage.tsx'], kib: 427 },
];

/** The chunk files a set of modules loads before it runs: their own and all static imports, transitively. */
function staticClosure(chunks: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest: renamed or no longer lazy?`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

/** Bytes on the wire: the `.br` file where the build wrote one (files under 1 KiB go as they are). */
function sentBytes(file: string): number {
  const full = path.join(WEB_DIR, file);
  return existsSync(`${full}.br`) ? statSync(`${full}.br`).size : statSync(full).size;
}

describe('first-screen JavaScript budgets', () => {
  it('follows static imports and leaves lazy ones out', () => {
    const chunks: Record<string, ManifestChunk> = {
      'index.html': { file: 'a.js', imports: ['_b.js'], dynamicImports: ['page.tsx'], isEntry: true },
      '_b.js': { file: 'b.js', imports: ['_c.js'] },
      '_c.js': { file: 'c.js', imports: ['_b.js'] },
      'page.tsx': { file: 'page.js', imports: ['_c.js'], dynamicImports: ['chart.tsx'] },
      'chart.tsx': { file: 'chart.js' },
    };
    expect([...staticClosure(chunks, ['index.html'])].sort()).toEqual(['a.js', 'b.js', 'c.js']);
    expect([...staticClosure(chunks, ['index.html', 'page.tsx'])].sort()).toEqual(['a.js', 'b.js', 'c.js', 'page.js']);
    expect(() => staticClosure(chunks, ['gone.tsx'])).toThrow(/not in the build manifest/);
  });

  it('keeps every dealer route within its budget, brotli-compressed', () => {
    const chunks = manifest();
    const measured = BUDGETS.map(({ route, modules, kib }) => {
      const js = [...staticClosure(chunks, modules)].filter((f) => f.endsWith('.js'));
      return { route, kib: Math.round((js.reduce((sum, f) => sum + sentBytes(f), 0) / 1024) * 10) / 10, budget: kib };
    });
    for (const m of measured) expect(m.kib, `${m.route}: ${m.kib} KiB of JavaScript before the first screen, budget ${m.budget} KiB`).toBeLessThanOrEqual(m.budget);
  });

  it('keeps the chart library off every dealer first screen', () => {
    const chunks = manifest();
    const echarts = chunks['components/EChartCanvas.tsx']?.file;
    expect(echarts).toBeTruthy();
    for (const { route, modules } of BUDGETS) expect(staticClosure(chunks, modules).has(echarts), route).toBe(false);
  });
});
