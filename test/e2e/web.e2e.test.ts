// Browser tests of the web app: the real app (API + built dist/web) on a fresh database seeded
// with the demo dataset, driven by Debian's chromium through playwright-core.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Dealer } from '../../src/shared/schemas/index.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { CHROMIUM, ensureWebBuilt } from '../helpers/web.js';

const ADMIN = 'e2e.admin';

describe('web app in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let adminCookie: string;

  /** The API's own answer, to compare the screen with. */
  const api = async <T>(url: string, cookie = adminCookie): Promise<T> => {
    const res = await t.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const dealerByCode = async (code: string) => {
    const page = await api<{ items: Dealer[] }>(`/api/v1/dealers?q=${encodeURIComponent(code)}&limit=500`);
    const found = page.items.find((d) => d.code === code);
    if (!found) throw new Error(`demo dealer ${code} is missing`);
    return found;
  };

  async function newPage(viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function login(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
  }

  const rowCodes = (page: Page) => page.getByTestId('dealer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
    ensureWebBuilt();
    t = await createTestApp({ serveWeb: true });
    await seedDemo(t.deps.db, t.clock);
    adminCookie = await t.loginAs('hq_admin', { username: ADMIN });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the built web app and its assets from the API process', async () => {
    const index = await fetch(`${base}/dealers`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('shows the server refusal of a wrong password on the login page', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/dealers`);
    // No session: the app sends the visitor to the login page, remembering where they wanted to go.
    await page.waitForURL(/\/login\?next=%2Fdealers/);
    await page.getByTestId('login-username').fill('nobody.here');
    await page.getByTestId('login-password').fill('Wrong#Pass2026');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码不正确');
    await context.close();
  });

  it('signs in, shows real counts, lists, filters by tier and opens a dealer', async () => {
    const { context, page } = await newPage();
    await login(page, ADMIN, TEST_PASSWORD);
    const summary = await api<{ dealers: { total: number } }>('/api/v1/dashboard/summary');
    await expect.poll(() => page.getByTestId('stat-dealers').textContent()).toContain(String(summary.dealers.total));

    await page.getByTestId('menu-dealers').click();
    await page.waitForURL(/\/dealers$/);
    await page.getByTestId('dealer-row').first().waitFor();
    const firstPage = await api<{ items: Dealer[]; nextCursor: string | null }>('/api/v1/dealers?limit=50');
    expect(await rowCodes(page)).toEqual(firstPage.items.map((d) => d.code));
    // More than one page of demo dealers: the rest comes with "load more".
    expect(firstPage.nextCursor).not.toBeNull();
    await page.getByTestId('load-more').click();
    await expect.poll(async () => (await rowCodes(page)).length).toBeGreaterThan(50);

    // Filter by tier through the select.
    await page.getByTestId('filter-tier').click();
    await page.getByTestId('tier-option-gold').click();
    await page.waitForURL(/tier=gold/);
    const gold = await api<{ items: Dealer[] }>('/api/v1/dealers?tier=gold&limit=500');
    expect(gold.items.length).toBeGreaterThan(0);
    const goldCodes = gold.items.map((d) => d.code).slice(0, 50);
    await expect.poll(() => rowCodes(page)).toEqual(goldCodes);
    const tiers = await page
      .getByTestId('dealer-row')
      .locator('[data-tier]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')));
    expect(new Set(tiers)).toEqual(new Set(['gold']));

    // Free-text search narrows further; a row click opens the detail page.
    const target = gold.items[0];
    await page.getByTestId('filter-q').locator('input').fill(target.code);
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await expect.poll(() => rowCodes(page)).toEqual([target.code]);
    await page.getByTestId('dealer-row').first().click();
    await page.waitForURL(new RegExp(`/dealers/${target.id}$`));
    await expect.poll(() => page.getByTestId('dealer-title').textContent()).toBe(target.name);
    await expect.poll(() => page.getByTestId('dealer-profile').textContent()).toContain(target.code);
    // Territory on the region tree, lifecycle history from /events.
    await page.getByRole('tab', { name: /销售区域/ }).click();
    const nodes = await page.getByTestId('territory-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(nodes.sort()).toEqual(target.territory.map((x) => x.regionCode).sort());
    await page.getByRole('tab', { name: '生命周期' }).click();
    await expect.poll(() => page.getByTestId('lifecycle-event').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('creates a dealer through the form, with client and server validation, and finds it in the list', async () => {
    const parent = await dealerByCode('D0002');
    // A county no demo dealer holds, so the territory is free.
    const free = await api<{ items: Dealer[] }>('/api/v1/dealers?regionCode=650402');
    expect(free.items).toEqual([]);

    const { context, page } = await newPage();
    await login(page, ADMIN, TEST_PASSWORD);
    await page.getByTestId('menu-dealers').click();
    await page.getByTestId('new-dealer').click();
    await page.waitForURL(/\/dealers\/new$/);

    // Client-side validation mirrors the server: required fields and the code pattern.
    await page.getByTestId('dealer-code').fill('bad code!');
    await page.getByTestId('dealer-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual(expect.arrayContaining(['只能包含字母、数字、- 和 _', '必填']));

    // The server's refusal of a code already in use (409 CONFLICT) lands on the code field, and
    // the one global error display names it too.
    await page.getByTestId('dealer-code').fill('D0001');
    await page.getByTestId('dealer-name').fill('浏览器测试经销商');
    await page.getByTestId('dealer-submit').click();
    await expect.poll(() => page.getByTestId('error-detail').first().textContent()).toContain('D0001');
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('编码 D0001 已被使用');

    // A level-2 dealer needs a parent: refused before sending.
    const code = `E2E${Date.now().toString().slice(-6)}`;
    await page.getByTestId('dealer-code').fill(code);
    await page.getByTestId('dealer-level').getByText('二级').click();
    await page.getByTestId('dealer-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('二级经销商必须选择上级经销商');
    await page.getByTestId('dealer-parent').click();
    await page.keyboard.type('D0002');
    await page.locator('.ant-select-item-option', { hasText: parent.name }).click();
    await page.getByTestId('dealer-tier').click();
    await page.locator('.ant-select-item-option', { hasText: '银牌' }).click();
    await page.getByTestId('dealer-credit-limit').fill('12345.67');
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-row').locator('input').first().fill('张三');
    await page.getByTestId('add-territory').click();
    await page.getByTestId('territory-region').click();
    await page.keyboard.type('高昌');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '新疆维吾尔自治区 / 吐鲁番市 / 高昌区' }).click();
    await page.getByTestId('territory-exclusive').check();
    await page.getByTestId('dealer-submit').click();

    await page.getByTestId('dealer-detail-page').waitFor();
    await expect.poll(() => page.getByTestId('dealer-title').textContent()).toBe('浏览器测试经销商');
    const created = await dealerByCode(code);
    expect(created).toMatchObject({
      name: '浏览器测试经销商',
      level: 2,
      parentDealerId: parent.id,
      tier: 'silver',
      status: 'active',
      creditLimitFen: 1_234_567,
      territory: [{ regionCode: '650402', exclusive: true }],
      contacts: [{ name: '张三', primary: true }],
    });
    expect(page.url()).toBe(`${base}/dealers/${created.id}`);

    await page.getByTestId('menu-dealers').click();
    await page.getByTestId('filter-q').locator('input').fill(code);
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await expect.poll(() => rowCodes(page)).toEqual([code]);
    await expect.poll(() => page.getByTestId('dealer-row').first().textContent()).toContain('¥12,345.67');
    await context.close();
  });

  it('switches to English, labels included, and keeps the choice after a reload', async () => {
    const { context, page } = await newPage();
    await login(page, ADMIN, TEST_PASSWORD);
    await page.getByTestId('menu-dealers').click();
    await page.getByTestId('dealer-row').first().waitFor();
    expect(await page.getByTestId('menu-dealers').textContent()).toBe('经销商');
    expect(await page.getByTestId('page-title').textContent()).toBe('经销商');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-dealers').textContent()).toBe('Dealers');
    expect(await page.getByTestId('page-title').textContent()).toBe('Dealers');
    expect(await page.getByTestId('menu-products').textContent()).toBe('Products');
    expect(await page.locator('.ant-table-thead').textContent()).toContain('Credit limit');
    expect(await page.getByTestId('status-tag').first().textContent()).toMatch(/^(Active|Warning|Terminating|Terminated)$/);
    expect(await page.getByTestId('new-dealer').textContent()).toContain('New dealer');
    // No Chinese left in the chrome of the page (dealer names are data and may be Chinese).
    expect(await page.getByTestId('main-menu').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByTestId('dealer-filters').textContent()).not.toMatch(/[\u4e00-\u9fff]/);

    await page.reload();
    await page.getByTestId('dealer-row').first().waitFor();
    expect(await page.getByTestId('menu-dealers').textContent()).toBe('Dealers');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });

  it('shows a dealer user only its own dealer and its level-2 sub-dealers, and another dealer as not found', async () => {
    const own = await dealerByCode('D0002');
    const subs = await api<{ items: Dealer[] }>(`/api/v1/dealers?parentDealerId=${own.id}&limit=500`);
    expect(subs.items.length).toBeGreaterThan(0);
    const other = await dealerByCode('D0001');

    const { context, page } = await newPage();
    await login(page, 'dealer.admin', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('own-dealer-card').textContent()).toContain(own.name);
    // Menu by role: no users, API keys or audit for a dealer.
    expect(await page.getByTestId('menu-dealers').count()).toBe(1);
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    expect(await page.getByTestId('menu-audit').count()).toBe(0);

    await page.getByTestId('menu-dealers').click();
    await page.getByTestId('dealer-row').first().waitFor();
    await expect.poll(async () => (await rowCodes(page)).sort()).toEqual([own.code, ...subs.items.map((d) => d.code)].sort());
    expect(await page.getByTestId('new-dealer').count()).toBe(0);

    await page.goto(`${base}/dealers/${other.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.content()).not.toContain(other.name);
    await context.close();
  });

  it('turns the menu into a drawer on a phone-sized screen', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await login(page, ADMIN, TEST_PASSWORD);
    expect(await page.getByTestId('menu-dealers').isVisible()).toBe(false);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-dealers').click();
    await page.waitForURL(/\/dealers$/);
    await page.getByTestId('dealer-row').first().waitFor();
    // Nothing wider than the screen but the table's own scroller.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
