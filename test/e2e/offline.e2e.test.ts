// Ordering without a network on a dealer's phone (docs/decisions.md, "Offline on the dealer's
// phone"): the service worker keeps the app shell, the catalog and the last order list; an order
// written offline is kept as a draft (待发送) and sent when the network returns, with the
// idempotency key made when the dealer pressed submit: exactly one order, also after a reload while
// offline and after an answer lost on the way back; a price change in between is confirmed by the
// dealer before anything is placed. The real app and demo data, Debian's chromium via playwright-core.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Dealer, Order, OrderQuote, OrderSummary, PriceList, Product } from '../../src/shared/schemas/index.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM, WEB_DIR, ensureWebBuilt, yuanText } from '../helpers/web.js';

const ADMIN = 'e2e.offline.admin';
const PHONE = { width: 390, height: 844 };

describe('ordering offline in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let adminCookie: string;
  let dealer: Dealer;
  let products: Product[];

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> => {
    const res = await t.inject({ method, url, headers: { cookie: adminCookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as T;
  };
  const dealerOrders = async () => (await api<{ items: OrderSummary[] }>('GET', `/api/v1/orders?dealerId=${dealer.id}&limit=500`)).items;
  const tierPrice = async (sku: string) =>
    (await api<{ priceFen: number; priceListId: string | null }>('GET', `/api/v1/price-lists/resolve?tier=${dealer.tier}&sku=${encodeURIComponent(sku)}`)).priceFen;
  const inputOf = async (l: Locator) => ((await l.evaluate((e) => e.tagName)) === 'INPUT' ? l : l.locator('input'));

  /**
   * A fresh phone (a new browser context: no service worker, cache or storage from another test),
   * signed in as the demo dealer, with the order list and the order form opened online once.
   */
  async function phoneReadyForOffline(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    expect(context.serviceWorkers()).toHaveLength(0);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    // Nothing from an earlier test: this origin has no worker and no draft in this context.
    expect(await page.evaluate(() => localStorage.getItem('qudao.orderDrafts.v1'))).toBeNull();
    await page.getByTestId('login-username').fill('dealer.admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    // The worker controls the page and has cached the shell and the pages of the order screens.
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.goto(`${base}/trade/orders`);
    await page.getByTestId('order-row').first().waitFor();
    await page.goto(`${base}/trade/orders/new`);
    await page.getByTestId('available-credit').waitFor();
    // The form has remembered the dealer's own prices of the catalog for offline use.
    await expect.poll(() => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('qudao.offlinePrices.v1') ?? '{}')).length)).toBe(1);
    return { context, page };
  }

  /**
   * Lets every order POST through to the server, but drops the answer to the first one (the
   * phone sees a network failure); records each POST's key, status and replay header.
   */
  async function loseFirstOrderAnswer(context: BrowserContext) {
    const sent: { key: string | undefined; status: number; replayed: string | undefined }[] = [];
    await context.route('**/api/v1/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      sent.push({ key: route.request().headers()['idempotency-key'], status: response.status(), replayed: response.headers()['idempotent-replayed'] });
      if (sent.length === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    return sent;
  }

  async function goOffline(context: BrowserContext, page: Page): Promise<void> {
    await context.setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    // The worker is cut off too: what it answers from now on comes from its cache.
    const [worker] = context.serviceWorkers();
    expect(
      await worker.evaluate(() =>
        fetch('/api/health').then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    expect(
      await page.evaluate(() =>
        fetch('/api/health').then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
  }

  /** Writes a one-line order on the open order form while offline; the list then shows it as 待发送. */
  async function writeOfflineOrder(page: Page, product: Product, quantity: number, unitPriceFen: number): Promise<string> {
    await page.getByTestId('entry-offline').waitFor();
    // The catalog search works offline, from the catalog the worker cached.
    await page.getByTestId('entry-sku-0').click();
    await page.keyboard.type(product.sku);
    await page.locator('.ant-select-item-option', { hasText: product.sku }).first().click();
    await (await inputOf(page.getByTestId('entry-qty-0'))).fill(String(quantity));
    // Priced from the dealer's remembered prices, not the list price.
    await expect.poll(() => page.getByTestId('entry-amount-0').textContent()).toBe(yuanText(unitPriceFen * quantity));
    await expect.poll(() => page.getByTestId('entry-total').textContent()).toBe(yuanText(unitPriceFen * quantity));
    await page.getByTestId('entry-submit').click();
    await page.waitForURL(/\/trade\/orders$/);
    const draft = page.getByTestId('draft-row');
    await expect.poll(() => draft.count()).toBe(1);
    expect(await draft.getAttribute('data-state')).toBe('pending');
    expect(await draft.getByTestId('draft-state').textContent()).toBe('待发送');
    expect(await draft.getByTestId('draft-total').textContent()).toBe(yuanText(unitPriceFen * quantity));
    return (await draft.getAttribute('data-key'))!;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}`);
    ensureWebBuilt();
    t = await createTestApp({ serveWeb: true, config: { webDir: WEB_DIR } });
    await seedDemo(t.deps.db, t.clock);
    adminCookie = await t.loginAs('hq_admin', { username: ADMIN });
    const me = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dealer.admin', password: DEMO_PASSWORD } });
    dealer = await api<Dealer>('GET', `/api/v1/dealers/${me.json().user.dealerId}`);
    products = (await api<{ items: Product[] }>('GET', '/api/v1/products?active=true&limit=20')).items;
    expect(products.length).toBeGreaterThanOrEqual(4);
    // One order placed online, so the dealer's order list has something to show offline.
    await api('POST', '/api/v1/orders', { dealerId: dealer.id, lines: [{ sku: products[3].sku, quantity: 1 }] });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the worker and the manifest as the app needs them', async () => {
    const sw = await t.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await t.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/manifest\+json|json/);
    expect(manifest.json()).toMatchObject({ name: '渠道 Qudao', start_url: '/', display: 'standalone', theme_color: '#0958d9' });
    for (const icon of manifest.json().icons as { src: string }[]) expect((await t.inject({ method: 'GET', url: icon.src })).statusCode, icon.src).toBe(200);
    // The CSP lets the worker and the manifest load (worker-src and manifest-src fall back to these).
    const csp = String((await t.inject({ method: 'GET', url: '/' })).headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });

  it('keeps an order written offline as 待发送, through a reload, and places it once when back online', async () => {
    const product = products[0];
    const unitPriceFen = await tierPrice(product.sku);
    const { context, page } = await phoneReadyForOffline();
    const before = await dealerOrders();

    await goOffline(context, page);
    await writeOfflineOrder(page, product, 2, unitPriceFen);
    // The last order list stays readable offline.
    await page.getByTestId('orders-offline').waitFor();
    expect(await page.getByTestId('order-row').count()).toBeGreaterThan(0);

    // A reload offline: the worker serves the shell, the session and the list; the draft is still there.
    await page.reload();
    await page.getByTestId('order-list-page').waitFor();
    await page.getByTestId('orders-offline').waitFor();
    await expect.poll(() => page.getByTestId('draft-row').count()).toBe(1);
    expect(await page.getByTestId('draft-state').textContent()).toBe('待发送');
    await page.getByTestId('order-row').first().waitFor();
    expect(await dealerOrders()).toHaveLength(before.length);

    // Back online: sent by itself, once.
    await context.setOffline(false);
    await page.getByTestId('draft-sent').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('draft-row').count()).toBe(0);
    const after = await dealerOrders();
    const added = after.filter((o) => !before.some((b) => b.id === o.id));
    expect(added).toHaveLength(1);
    const order = await api<Order>('GET', `/api/v1/orders/${added[0].id}`);
    expect(order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen }))).toEqual([{ sku: product.sku, quantity: 2, unitPriceFen }]);
    expect(order.status).toBe('submitted');
    // The list shows the placed order; nothing more is sent later.
    await page.locator(`[data-testid="order-row"][data-number="${order.number}"]`).waitFor();
    await page.reload();
    await page.getByTestId('order-row').first().waitFor();
    expect(await page.getByTestId('draft-row').count()).toBe(0);
    expect(await dealerOrders()).toHaveLength(after.length);
    await context.close();
  }, 240_000);

  it('places the order once when its answer is lost and the draft is sent again, twice at once', async () => {
    const product = products[1];
    const unitPriceFen = await tierPrice(product.sku);
    const { context, page } = await phoneReadyForOffline();
    const before = await dealerOrders();
    await goOffline(context, page);
    const key = await writeOfflineOrder(page, product, 1, unitPriceFen);

    // The first POST reaches the server and places the order, but its answer never reaches the phone.
    const sent = await loseFirstOrderAnswer(context);
    await context.setOffline(false);
    await expect.poll(() => sent.length).toBe(1);
    await expect.poll(async () => (await dealerOrders()).length).toBe(before.length + 1);
    // The phone does not know: the draft stays, to be sent again.
    await expect.poll(() => page.getByTestId('draft-row').getAttribute('data-state')).toBe('pending');

    // Send now, twice in a row: the same key again, and the server answers with the first order.
    await page.getByTestId('draft-send').dblclick();
    await page.getByTestId('draft-sent').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('draft-row').count()).toBe(0);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.every((s) => s.key === key && s.status === 201)).toBe(true);
    expect(sent.slice(1).every((s) => s.replayed === 'true')).toBe(true);
    const added = (await dealerOrders()).filter((o) => !before.some((b) => b.id === o.id));
    expect(added).toHaveLength(1);
    const order = await api<Order>('GET', `/api/v1/orders/${added[0].id}`);
    expect(order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))).toEqual([{ sku: product.sku, quantity: 1 }]);
    expect(await page.getByTestId('draft-sent').textContent()).toContain(order.number);
    await context.close();
  }, 240_000);

  it('keeps an order submitted online whose answer was lost as a draft, and its resend places nothing more', async () => {
    const product = products[0];
    const { context, page } = await phoneReadyForOffline();
    const before = await dealerOrders();
    const sent = await loseFirstOrderAnswer(context);

    await page.getByTestId('entry-sku-0').click();
    await page.keyboard.type(product.sku);
    await page.locator('.ant-select-item-option', { hasText: product.sku }).first().click();
    const quote = await api<OrderQuote>('POST', '/api/v1/orders/quote', { dealerId: dealer.id, lines: [{ sku: product.sku, quantity: 1 }] });
    await expect.poll(() => page.getByTestId('entry-total').textContent()).toBe(yuanText(quote.totalFen));
    await page.getByTestId('entry-submit').click();
    // Placed, but the phone never heard: it keeps the order as a draft with the key it sent.
    await page.waitForURL(/\/trade\/orders$/);
    await expect.poll(() => page.getByTestId('draft-row').getAttribute('data-state')).toBe('pending');
    expect(await page.getByTestId('draft-row').getAttribute('data-key')).toBe(sent[0].key);
    expect((await dealerOrders()).length).toBe(before.length + 1);

    await page.getByTestId('draft-send').click();
    await page.getByTestId('draft-sent').waitFor({ timeout: 30_000 });
    expect(sent).toHaveLength(2);
    expect({ key: sent[1].key, replayed: sent[1].replayed }).toEqual({ key: sent[0].key, replayed: 'true' });
    const added = (await dealerOrders()).filter((o) => !before.some((b) => b.id === o.id));
    expect(added).toHaveLength(1);
    await context.close();
  }, 240_000);

  it('asks the dealer to confirm a price that changed while offline, and places nothing until then', async () => {
    const product = products[2];
    const oldPriceFen = await tierPrice(product.sku);
    const { context, page } = await phoneReadyForOffline();
    const before = await dealerOrders();
    await goOffline(context, page);
    await writeOfflineOrder(page, product, 3, oldPriceFen);

    // HQ raises the dealer's price while the phone is offline.
    const resolved = await api<{ priceListId: string | null }>('GET', `/api/v1/price-lists/resolve?tier=${dealer.tier}&sku=${encodeURIComponent(product.sku)}`);
    const newPriceFen = oldPriceFen + 1_000;
    if (resolved.priceListId) {
      const list = await api<PriceList>('GET', `/api/v1/price-lists/${resolved.priceListId}`);
      const items = list.items.map((i) => ({ sku: i.sku, priceFen: i.sku === product.sku ? newPriceFen : i.priceFen }));
      if (!items.some((i) => i.sku === product.sku)) items.push({ sku: product.sku, priceFen: newPriceFen });
      await api('PATCH', `/api/v1/price-lists/${resolved.priceListId}`, { items });
    } else {
      await api('PATCH', `/api/v1/products/${product.id}`, { listPriceFen: newPriceFen });
    }
    expect(await tierPrice(product.sku)).toBe(newPriceFen);
    const requote = await api<OrderQuote>('POST', '/api/v1/orders/quote', { dealerId: dealer.id, lines: [{ sku: product.sku, quantity: 3 }] });

    // Back online: the draft is re-quoted and waits, showing both totals; nothing is placed.
    await context.setOffline(false);
    const draft = page.getByTestId('draft-row');
    await expect.poll(() => draft.getAttribute('data-state'), { timeout: 30_000 }).toBe('confirm');
    expect(await draft.getByTestId('draft-state').textContent()).toBe('待确认');
    expect(await draft.getByTestId('draft-then-total').textContent()).toBe(yuanText(oldPriceFen * 3));
    expect(await draft.getByTestId('draft-now-total').textContent()).toBe(yuanText(requote.totalFen));
    expect(await dealerOrders()).toHaveLength(before.length);
    // Reloaded, it still waits for the dealer.
    await page.reload();
    await expect.poll(() => page.getByTestId('draft-row').getAttribute('data-state')).toBe('confirm');
    expect(await dealerOrders()).toHaveLength(before.length);

    // Confirmed: placed at the new price, once.
    await page.getByTestId('draft-confirm').click();
    await page.getByTestId('draft-sent').waitFor({ timeout: 30_000 });
    const added = (await dealerOrders()).filter((o) => !before.some((b) => b.id === o.id));
    expect(added).toHaveLength(1);
    const order = await api<Order>('GET', `/api/v1/orders/${added[0].id}`);
    expect(order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen }))).toEqual([{ sku: product.sku, quantity: 3, unitPriceFen: newPriceFen }]);
    expect(order.totalFen).toBe(requote.totalFen);
    await context.close();
  }, 240_000);
});
