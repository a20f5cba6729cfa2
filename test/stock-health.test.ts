// Stock alerts through the API: each level appears right after the snapshot, sell-out or order
// that causes it (no nightly batch in between), with targets worked out by hand from C5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product, StockAlert } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { recordAlertHistory } from '../src/server/modules/stock-health/stock-health.job.js';

// The fixed clock says 2026-11-20T02:00Z. With a 10-day window the demand window is 11-11..11-20.
const WINDOW = ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const SALES = [0, 4, 0, 4, 0, 4, 0, 4, 0, 4]; // 20 units
// By hand: d = 2/day; deviations are +-2 on every day, so s_d^2 = 10 x 4 / 9 = 40/9.
// L = 4 days, s_L = 0, z(95%) = 1.6449: SS = 1.6449 x sqrt(4 x 40/9) = 1.6449 x 4.2164 = 6.935 -> 7 units.
// ROP = 2 x 4 + 6.935 = 14.935 -> 15; max = ROP + 2 x 5 (cycle) = 24.935 -> 25.
const EXPECTED = { safetyStock: 7, reorderPoint: 15, max: 25 };

describe('stock alerts', () => {
  let t: TestApp;
  let admin: string;
  let p: Product;
  let slowP: Product;
  let d: Dealer;
  let other: Dealer;
  let dealerUser: string;

  const send = (method: 'POST' | 'PUT', url: string, cookie: string, body: unknown) =>
    t.inject({ method, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const snapshot = async (dealerId: string, takenAt: string, sku: string, quantity: number) => {
    const res = await send('POST', '/api/v1/inventory/snapshots', admin, { dealerId, takenAt, items: [{ sku, quantity }] });
    expect(res.statusCode, res.body).toBe(201);
  };
  const alertOf = async (dealerId: string, sku: string, cookie = admin): Promise<StockAlert | undefined> => {
    const res = await get(`/api/v1/inventory/alerts?dealerId=${dealerId}&sku=${sku}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as StockAlert[])[0];
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    p = await product(t, { listPriceFen: 1_000 });
    slowP = await product(t, { listPriceFen: 2_000 });
    d = await t.dealer({ creditLimitFen: 100_000_000, territory: [{ regionCode: '440106', exclusive: false }] });
    other = await t.dealer({ creditLimitFen: 100_000_000, territory: [{ regionCode: '310101', exclusive: false }] });
    dealerUser = await t.loginAs('dealer_staff', { dealerId: d.id });
    const settings = { windowDays: 10, orderCycleDays: 5, defaultLeadTimeDays: 4, defaultLeadTimeSdDays: 0, defaultServiceLevel: 0.95, serviceLevels: [] };
    const res = await send('PUT', '/api/v1/inventory/settings/stock-health', admin, settings);
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows overstock right after the sell-out that sets the targets, with the targets of C5', async () => {
    await snapshot(d.id, '2026-11-10T12:00:00.000Z', p.sku, 50);
    const lines = WINDOW.map((date, i) => ({ date, sku: p.sku, quantity: SALES[i], amountFen: SALES[i] * 1500 })).filter((l) => l.quantity > 0);
    const res = await send('POST', '/api/v1/sellout', admin, { dealerId: d.id, lines });
    expect(res.json().accepted).toBe(5);
    const alert = await alertOf(d.id, p.sku);
    expect(alert).toMatchObject({ level: 'overstock', onHand: 30, ...EXPECTED, suggestedQuantity: 30 - 25, action: 'promote_or_transfer' });
    expect(alert!.dailyDemand).toBeCloseTo(2, 12);
  });

  it('clears the alert when a count brings stock between the reorder point and max', async () => {
    await snapshot(d.id, '2026-11-20T01:00:00.000Z', p.sku, 20);
    expect(await alertOf(d.id, p.sku)).toBeUndefined();
  });

  it('raises reorder right after a count below the reorder point, suggesting max minus position', async () => {
    await snapshot(d.id, '2026-11-20T01:10:00.000Z', p.sku, 12);
    expect(await alertOf(d.id, p.sku)).toMatchObject({ level: 'reorder', onHand: 12, position: 12, ...EXPECTED, suggestedQuantity: 25 - 12, action: 'order' });
  });

  it('counts an open order in the position (no reorder) until the order is cancelled', async () => {
    const order = await send('POST', '/api/v1/orders', admin, { dealerId: d.id, lines: [{ sku: p.sku, quantity: 5 }] });
    expect(order.statusCode, order.body).toBe(201);
    expect(await alertOf(d.id, p.sku)).toBeUndefined(); // position 17 >= 15
    const cancel = await send('POST', `/api/v1/orders/${order.json().id}/transitions`, admin, { to: 'cancelled', reason: 'test' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await alertOf(d.id, p.sku))?.level).toBe('reorder');
  });

  it('raises critical right after a count below safety stock', async () => {
    await snapshot(d.id, '2026-11-20T01:20:00.000Z', p.sku, 6);
    expect(await alertOf(d.id, p.sku)).toMatchObject({ level: 'critical', onHand: 6, ...EXPECTED, suggestedQuantity: 25 - 6 });
  });

  it('raises critical right after a sell-out that empties the shelf', async () => {
    await snapshot(d.id, '2026-11-20T01:30:00.000Z', p.sku, 15); // at ROP: no alert
    expect(await alertOf(d.id, p.sku)).toBeUndefined();
    // Sold today: on hand drops to 5, and today's demand rises (day 10 becomes 14): the targets move.
    const res = await send('POST', '/api/v1/sellout', admin, { dealerId: d.id, lines: [{ date: '2026-11-20', sku: p.sku, quantity: 10, amountFen: 15_000 }] });
    expect(res.json().accepted).toBe(1);
    // d = 30/10 = 3; sum of squares: four days of 4 (1 each) + one of 14 (121) + five of 0 (9 each) = 170;
    // s_d^2 = 170/9; SS = 1.6449 x sqrt(4 x 170/9) = 14.30 -> 15; ROP = 12 + 14.30 -> 27; max = 26.30 + 15 -> 42.
    expect(await alertOf(d.id, p.sku)).toMatchObject({ level: 'critical', onHand: 5, safetyStock: 15, reorderPoint: 27, max: 42, suggestedQuantity: 37 });
  });

  it('calls stock slow when nothing sold for 90 days, and not after a sale', async () => {
    expect(await alertOf(d.id, slowP.sku)).toBeUndefined();
    await snapshot(d.id, '2026-08-01T00:00:00.000Z', slowP.sku, 20); // 111 days ago
    expect(await alertOf(d.id, slowP.sku)).toMatchObject({ level: 'slow', onHand: 20, suggestedQuantity: 20 });
    await send('POST', '/api/v1/sellout', admin, { dealerId: d.id, lines: [{ date: '2026-08-20', sku: slowP.sku, quantity: 1, amountFen: 3000 }] }); // 92 days ago
    expect((await alertOf(d.id, slowP.sku))?.level).toBe('slow');
    await send('POST', '/api/v1/sellout', admin, { dealerId: d.id, lines: [{ date: '2026-08-23', sku: slowP.sku, quantity: 1, amountFen: 3000 }] }); // 89 days ago
    // Sold within 90 days but not in the 10-day window: no demand, so all 18 units are above max 0.
    expect(await alertOf(d.id, slowP.sku)).toMatchObject({ level: 'overstock', onHand: 18, max: 0, suggestedQuantity: 18 });
  });

  it('filters by level, region and category, and a dealer sees only its own alerts', async () => {
    await snapshot(other.id, '2026-08-01T00:00:00.000Z', slowP.sku, 3);
    const byLevel = (await get('/api/v1/inventory/alerts?level=slow', admin)).json().items as StockAlert[];
    expect(byLevel.map((a) => [a.dealerId, a.sku])).toEqual([[other.id, slowP.sku]]);
    const shanghai = (await get('/api/v1/inventory/alerts?regionCode=310000', admin)).json().items as StockAlert[];
    expect(shanghai.map((a) => a.dealerId)).toEqual([other.id]);
    expect(((await get('/api/v1/inventory/alerts?category=%E6%97%A0', admin)).json().items as StockAlert[]).length).toBe(0);
    const mine = (await get('/api/v1/inventory/alerts', dealerUser)).json().items as StockAlert[];
    expect(new Set(mine.map((a) => a.dealerId))).toEqual(new Set([d.id]));
    expect((await get(`/api/v1/inventory/alerts?dealerId=${other.id}`, dealerUser)).json().items).toEqual([]);
  });

  it('acknowledges the current alert only, and the nightly run records history and clears stale acks', async () => {
    const wrong = await send('POST', '/api/v1/inventory/alerts/acknowledge', dealerUser, { dealerId: d.id, sku: p.sku, level: 'overstock' });
    expect(wrong.statusCode, wrong.body).toBe(409);
    const ok = await send('POST', '/api/v1/inventory/alerts/acknowledge', dealerUser, { dealerId: d.id, sku: p.sku, level: 'critical', note: '已下单' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ acknowledged: true, level: 'critical' });
    const unacked = (await get('/api/v1/inventory/alerts?acknowledged=false', admin)).json().items as StockAlert[];
    expect(unacked.some((a) => a.sku === p.sku && a.dealerId === d.id)).toBe(false);
    const foreign = await send('POST', '/api/v1/inventory/alerts/acknowledge', dealerUser, { dealerId: other.id, sku: slowP.sku, level: 'slow' });
    expect(foreign.statusCode).toBe(404);

    const first = await recordAlertHistory(t.system, '2026-11-20');
    expect(first).toMatchObject({ alerts: 3, recorded: 3, clearedAcks: 0 });
    expect((await recordAlertHistory(t.system, '2026-11-20')).recorded).toBe(0); // a retried night adds nothing
    const history = (await get(`/api/v1/inventory/alerts/history?dealerId=${d.id}`, dealerUser)).json().items;
    expect(history.map((h: { sku: string; level: string }) => `${h.sku}:${h.level}`).sort()).toEqual([`${p.sku}:critical`, `${slowP.sku}:overstock`].sort());

    await snapshot(d.id, '2026-11-20T01:40:00.000Z', p.sku, 16); // now reorder, no longer critical
    expect((await alertOf(d.id, p.sku))?.acknowledged).toBe(false);
    expect((await recordAlertHistory(t.system, '2026-11-21')).clearedAcks).toBe(1);
  });

  it('explains a dealer x SKU with the rows its numbers come from', async () => {
    const res = await get(`/api/v1/inventory/health/${d.id}/${p.sku}`, dealerUser);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.window).toEqual({ from: '2026-11-11', to: '2026-11-20', days: 10 });
    expect(detail.daily.map((x: { quantity: number }) => x.quantity)).toEqual([0, 4, 0, 4, 0, 4, 0, 4, 0, 14]);
    expect(detail.sellout.reduce((s: number, r: { quantity: number }) => s + r.quantity, 0)).toBe(30);
    expect(detail.item).toMatchObject({ onHand: 16, leadTimeDays: 4, leadTimeSource: 'default', serviceLevel: 0.95 });
    expect(detail.exact.safetyStock).toBeCloseTo(1.6448536 * Math.sqrt((4 * 170) / 9), 4);
    const hidden = await get(`/api/v1/inventory/health/${other.id}/${slowP.sku}`, dealerUser);
    expect(hidden.statusCode).toBe(404);
  });

  it('uses a dealer override of the product lead time and a category service level', async () => {
    expect((await send('PUT', '/api/v1/inventory/settings/lead-times', admin, { sku: p.sku, days: 9, sdDays: 0 })).statusCode).toBe(200);
    expect((await send('PUT', '/api/v1/inventory/settings/lead-times', admin, { sku: p.sku, dealerId: d.id, days: 1, sdDays: 1 })).statusCode).toBe(200);
    const settings = { windowDays: 10, orderCycleDays: 5, defaultLeadTimeDays: 4, defaultLeadTimeSdDays: 0, defaultServiceLevel: 0.95, serviceLevels: [{ category: '测试', serviceLevel: 0.99 }] };
    expect((await send('PUT', '/api/v1/inventory/settings/stock-health', admin, settings)).statusCode).toBe(200);
    const item = (await get(`/api/v1/inventory/health/${d.id}/${p.sku}`, admin)).json().item;
    // d = 3, s_d^2 = 170/9, L = 1, s_L = 1, z(99%) = 2.3263: SS = 2.3263 x sqrt(170/9 + 9) = 2.3263 x 5.2810 = 12.29 -> 13.
    expect(item).toMatchObject({ leadTimeDays: 1, leadTimeSdDays: 1, leadTimeSource: 'dealer', serviceLevel: 0.99, safetyStock: 13 });
    const bad = await send('PUT', '/api/v1/inventory/settings/stock-health', admin, { ...settings, windowDays: 3 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('windowDays');
  });
});
