// The order flow in a browser: a dealer user orders on a phone (live prices and credit, a clear
// credit refusal with the shortfall), an HQ admin approves and ships on a desktop, the dealer
// then sees the order shipped. The real app and demo data, Debian's chromium via playwright-core.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Dealer, OrderQuote, Product } from '../../src/shared/schemas/index.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { CHROMIUM, ensureWebBuilt, yuanText } from '../helpers/web.js';

const ADMIN = 'e2e.trade.admin';
const PHONE = { width: 390, height: 844 };

describe('trade in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let adminCookie: string;
  let dealer: Dealer;
  let sku: Product;
  let unitPriceFen: number;
  let availableFen: number;

  const api = async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
    const res = await t.inject({ method, url, headers: { cookie: adminCookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as T;
  };

  async function login(page: Page, username: string, password: string) {
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
  }
  const inputOf = async (l: Locator) => ((await l.evaluate((e) => e.tagName)) === 'INPUT' ? l : l.locator('input'));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}`);
    ensureWebBuilt();
    t = await createTestApp({ serveWeb: true });
    await seedDemo(t.deps.db, t.clock);
    adminCookie = await t.loginAs('hq_admin', { username: ADMIN });
    const me = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dealer.admin', password: DEMO_PASSWORD } });
    dealer = await api<Dealer>('GET', `/api/v1/dealers/${me.json().user.dealerId}`);
    sku = (await api<{ items: Product[] }>('GET', '/api/v1/products?limit=5')).items.find((p) => p.active)!;
    // The expected unit price and credit from the dealer's own endpoints (price list, receivables).
    const resolved = await api<{ priceFen: number }>('GET', `/api/v1/price-lists/resolve?tier=${dealer.tier}&sku=${encodeURIComponent(sku.sku)}&on=2026-11-20`);
    unitPriceFen = resolved.priceFen;
    const receivables = await api<{ creditLimitFen: number; openFen: number; openOrdersFen: number }>('GET', `/api/v1/dealers/${dealer.id}/receivables`);
    availableFen = receivables.creditLimitFen - receivables.openFen - receivables.openOrdersFen;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a dealer order on a phone, HQ approve and ship it, and the dealer see it shipped', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    page.setDefaultTimeout(15_000);
    await login(page, 'dealer.admin', DEMO_PASSWORD);
    await page.goto(`${base}/trade/orders/new`);
    await page.getByTestId('order-entry-page').waitFor();
    // Nothing sticks out sideways on a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expect.poll(() => page.getByTestId('available-credit').textContent()).toContain(yuanText(availableFen));

    // SKU search, then a quantity far beyond the credit: the shortfall is shown before and after submitting.
    await page.getByTestId('entry-sku-0').click();
    await page.keyboard.type(sku.sku);
    await page.locator('.ant-select-item-option', { hasText: sku.sku }).first().click();
    const qty = await inputOf(page.getByTestId('entry-qty-0'));
    const tooMany = Math.floor(availableFen / unitPriceFen) + 7;
    await qty.fill(String(tooMany));
    const quote = await api<OrderQuote>('POST', '/api/v1/orders/quote', { dealerId: dealer.id, lines: [{ sku: sku.sku, quantity: tooMany }] });
    const shortfall = quote.totalFen - availableFen;
    expect(shortfall).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('entry-amount-0').textContent()).toBe(yuanText(unitPriceFen * tooMany));
    await expect.poll(() => page.getByTestId('shortfall-warning').textContent()).toContain(yuanText(shortfall));
    await page.getByTestId('entry-submit').click();
    await expect.poll(() => page.getByTestId('entry-error').textContent()).toContain(`超出授信额度，还差 ${yuanText(shortfall)}`);

    // Three units fit: price and total follow the typing, then the order is placed.
    await qty.fill('3');
    await expect.poll(() => page.getByTestId('entry-amount-0').textContent()).toBe(yuanText(unitPriceFen * 3));
    const small = await api<OrderQuote>('POST', '/api/v1/orders/quote', { dealerId: dealer.id, lines: [{ sku: sku.sku, quantity: 3 }] });
    await expect.poll(() => page.getByTestId('entry-total').textContent()).toBe(yuanText(small.totalFen));
    await expect.poll(() => page.getByTestId('credit-after').textContent()).toContain(yuanText(availableFen - small.totalFen));
    await page.getByTestId('entry-submit').click();
    await page.waitForURL(/\/trade\/orders\/ord_/);
    const orderId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('submitted');
    await expect.poll(() => page.getByTestId('order-total').textContent()).toBe(yuanText(small.totalFen));
    // A dealer user may not approve its own order: no such button.
    expect(await page.getByTestId('action-approved').count()).toBe(0);

    // HQ, on a desktop: find it in the list, approve it, ship it with a batch number.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const hq = await desk.newPage();
    hq.setDefaultTimeout(15_000);
    await login(hq, ADMIN, TEST_PASSWORD);
    await hq.goto(`${base}/trade/orders`);
    await hq.locator(`[data-testid="order-row"][data-number]`).first().waitFor();
    const order = await api<{ number: string }>('GET', `/api/v1/orders/${orderId}`);
    await hq.locator(`[data-testid="order-row"][data-number="${order.number}"]`).click();
    await hq.waitForURL(new RegExp(`/trade/orders/${orderId}$`));
    await hq.getByTestId('action-approved').click();
    await hq.getByTestId('transition-submit').click();
    await expect.poll(() => hq.getByTestId('order-status').getAttribute('data-status')).toBe('approved');
    await hq.getByTestId('action-ship').click();
    await (await inputOf(hq.getByTestId('ship-batch').first())).fill('B20261120');
    await hq.getByTestId('ship-submit').click();
    await expect.poll(() => hq.getByTestId('order-status').getAttribute('data-status')).toBe('shipped');
    await expect.poll(() => hq.getByTestId('order-shipments').textContent()).toContain('B20261120');
    const shipments = await api<{ items: { lines: { batchNo: string; quantity: number }[]; invoice: { amountFen: number } }[] }>('GET', `/api/v1/orders/${orderId}/shipments`);
    expect(shipments.items).toHaveLength(1);
    expect(shipments.items[0].lines).toEqual([expect.objectContaining({ batchNo: 'B20261120', quantity: 3 })]);
    expect(shipments.items[0].invoice.amountFen).toBe(small.totalFen);
    await desk.close();

    // Back on the phone: the dealer sees it shipped, with the timeline, and may confirm receipt.
    await page.reload();
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('shipped');
    await expect.poll(() => page.getByTestId('order-event').count()).toBe(3);
    expect(await page.getByTestId('action-received').count()).toBe(1);
    await phone.close();
  }, 240_000);
});
