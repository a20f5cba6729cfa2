// Accessibility of the pages a dealer uses, on a phone-sized screen: axe-core (WCAG 2.0-2.2 A and
// AA rules) run in the real browser on the built app with the demo data must find no violation.
// Contrast, names of controls, heading order: the theme and labels behind them are in
// src/web/App.tsx (THEME) and on the pages.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM } from '../helpers/web.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  /** `any[0].data` carries the measured colours of a contrast failure */
  nodes: { target: string[]; any?: { data?: unknown }[] }[];
}

/** The dealer's pages and the element that says each has drawn its data. */
const DEALER_PAGES = [
  { path: '/', ready: 'home-page' },
  { path: '/trade/orders/new', ready: 'entry-line' },
  { path: '/incentives/my', ready: 'my-tier' },
];

describe('accessibility of the dealer pages (axe)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
    t = await createTestApp({ serveWeb: true });
    await seedDemo(t.deps.db, t.clock);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function violations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE_SOURCE });
    const found = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
    }, WCAG_TAGS);
    return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')} ${JSON.stringify(n.any?.[0]?.data ?? '')}`));
  }

  async function phone(): Promise<Page> {
    // bypassCSP: the app's CSP (script-src 'self') would refuse the injected axe script.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  it('finds nothing on the login page', async () => {
    const page = await phone();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-form').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('finds nothing on the dealer home, the order form and my incentives', async () => {
    const page = await phone();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('dealer.admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    const found: Record<string, string[]> = {};
    for (const { path, ready } of DEALER_PAGES) {
      await page.goto(`${base}${path}`);
      await page.getByTestId(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      found[path] = await violations(page);
    }
    expect(found).toEqual(Object.fromEntries(DEALER_PAGES.map((p) => [p.path, []])));
    await page.context().close();
  });
});
