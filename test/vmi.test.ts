import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, HealthItem, Product, VmiProposal } from '../src/shared/schemas/index.js';
import { reportSellout } from '../src/server/modules/sellout/sellout.service.js';
import { recordSnapshot } from '../src/server/modules/inventory/inventory.service.js';
import { createOrder } from '../src/server/modules/orders/orders.service.js';
import { demandOverCover } from '../src/server/modules/vmi/vmi.rules.js';
import { forecastOverCover } from '../src/server/modules/vmi/vmi.service.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

describe('VMI replenishment proposals', () => {
  let t: TestApp;
  let admin: string;
  let p: Product; // list price 10,000 fen
  const post = (url: string, cookie: string, body: unknown) => t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

  /** A VMI dealer that sold 30 a month for the last 12 months, holds `onHand` and has `onOrder` units on an open order. */
  async function vmiDealer(onHand: number, onOrder: number, extra: { creditLimitFen?: number; vmi?: boolean } = {}): Promise<Dealer> {
    const d = await t.dealer({ vmi: extra.vmi ?? true, creditLimitFen: extra.creditLimitFen ?? 100_000_000, territory: [{ regionCode: '440106', exclusive: false }] });
    await reportSellout(t.system, { dealerId: d.id, lines: months.map((m) => ({ date: `${m}-15`, sku: p.sku, quantity: 30, amountFen: 300_000 })) });
    await recordSnapshot(t.system, { dealerId: d.id, takenAt: '2026-11-20T01:00:00.000Z', items: [{ sku: p.sku, quantity: onHand }] });
    if (onOrder > 0) await createOrder(t.system, { dealerId: d.id, lines: [{ sku: p.sku, quantity: onOrder }], creditOverride: { reason: 'test' } });
    return d;
  }
  const generate = async (dealerId?: string) => {
    const res = await post('/api/v1/vmi/proposals/generate', admin, dealerId ? { dealerId } : {});
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { created: VmiProposal[]; skippedDealers: number; autoConfirmed: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    p = await product(t, { listPriceFen: 10_000 });
  });
  afterAll(async () => t?.close());

  it('orders a short SKU up to the stock-health order-up-to level, less stock and what is on the way', async () => {
    const d = await vmiDealer(8, 5);
    const { created } = await generate(d.id);
    expect(created).toHaveLength(1);
    const [line] = created[0].lines;
    // Default stock-health settings (90-day window, L 7, cycle 14, 95%): two sales of 30 in the
    // window (09-15, 10-15): d = 2/3, s_d^2 = (2 x 29.33^2 + 88 x 0.667^2) / 89 = 19.78;
    // SS = 1.6449 x sqrt(7 x 19.78) = 19.35 -> 20; ROP = 4.67 + 19.35 -> 25; max = ROP + 9.33 -> 34.
    // Position 8 + 5 = 13 < 25: order 34 - 13 = 21. The forecast covers L + cycle = 21 days.
    expect([line.sku, line.safetyStock, line.reorderPoint, line.targetLevel, line.onHand, line.inTransit, line.quantity, line.coverDays]).toEqual([p.sku, 20, 25, 34, 8, 5, 21, 21]);
    expect(line.forecastDemand).toBe(21); // 30 a month, steady: 21 days of it
    const health = (await get(`/api/v1/inventory/health?dealerId=${d.id}&sku=${p.sku}`, admin)).json().items[0] as HealthItem;
    expect([health.level, health.safetyStock, health.reorderPoint, health.orderUpTo, health.suggestedQuantity]).toEqual(['critical', 20, 25, 34, 21]); // 8 on hand < SS 20
    expect(created[0].estimatedFen).toBe(210_000);
    expect(created[0].coverDays).toBe(14);
    expect(created[0].status).toBe('proposed');
  });

  it('names the model the demand forecast page names for the same dealer and SKU', async () => {
    // 22 complete months (2025-01 to 2026-10) of a steady yearly shape: the short-seasonal range,
    // where the demand forecast picks seasonal naive by backtest while plain automatic ETS would not.
    const q = await product(t, { listPriceFen: 10_000 });
    const d = await t.dealer({ vmi: true, creditLimitFen: 100_000_000, territory: [{ regionCode: '440106', exclusive: false }] });
    const shape = [60, 80, 40, 30, 30, 35, 40, 45, 50, 55, 70, 120];
    const history = Array.from({ length: 22 }, (_, i) => ({
      date: `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-02`,
      sku: q.sku,
      quantity: shape[i % 12] + ((i * 7) % 5) * 2,
      amountFen: 100,
    }));
    expect(history[history.length - 1].date).toBe('2026-10-02');
    await reportSellout(t.system, { dealerId: d.id, lines: history });
    await recordSnapshot(t.system, { dealerId: d.id, takenAt: '2026-11-20T01:00:00.000Z', items: [{ sku: q.sku, quantity: 0 }] });
    const { created } = await generate(d.id);
    const line = created[0].lines.find((l) => l.sku === q.sku)!;
    const page = (await get(`/api/v1/inventory/demand-forecast?dealerId=${d.id}&sku=${q.sku}`, admin)).json();
    expect(page.history).toEqual(history.map((h) => h.quantity));
    expect(page.model).toBe('SNaive');
    expect(line.forecastModel).toBe(page.model);
    // 21 cover days: 21/30 of the first forecast month.
    expect(line.forecastDemand).toBe(Math.round((page.forecast[0] * 21) / 30));
  });

  it('refuses the removed cover-days and service-level settings by name, pointing to stock health', async () => {
    const patch = (body: unknown) => t.inject({ method: 'PATCH', url: '/api/v1/vmi/settings', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    for (const body of [{ coverDays: 30 }, { autoConfirm: false, serviceLevel: 0.99 }]) {
      const res = await patch(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.body).toContain('/api/v1/inventory/settings/stock-health');
    }
    // A row an older version stored is harmless: not read, not returned.
    await t.system.db.insertInto('settings').values({ key: 'vmi.serviceLevel', value: '0.99', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    expect((await get('/api/v1/vmi/settings', admin)).json()).toEqual({ autoConfirm: false });
    expect((await patch({ unknown: 1 })).statusCode).toBe(400);
  });

  it('turns a confirmed proposal into a purchase order through the order service', async () => {
    const d = await vmiDealer(0, 0);
    const [proposal] = (await generate(d.id)).created;
    const res = await post(`/api/v1/vmi/proposals/${proposal.id}/confirm`, admin, { lines: [{ sku: p.sku, quantity: 25 }] });
    expect(res.statusCode, res.body).toBe(200);
    const { proposal: after, order } = res.json();
    expect(after.status).toBe('ordered');
    expect(after.orderId).toBe(order.id);
    expect(order.status).toBe('submitted');
    expect(order.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([[p.sku, 25]]);
    expect(order.totalFen).toBe(250_000);
    expect(order.note).toBe(`VMI ${proposal.number}`);
    expect((await get(`/api/v1/orders/${order.id}`, admin)).statusCode).toBe(200);
    const again = await post(`/api/v1/vmi/proposals/${proposal.id}/confirm`, admin, {});
    expect(again.statusCode).toBe(409);
  });

  it('leaves a proposal the credit check refuses unconfirmed, with the refusal on it', async () => {
    const d = await vmiDealer(0, 0, { creditLimitFen: 1_000 });
    const [proposal] = (await generate(d.id)).created;
    const res = await post(`/api/v1/vmi/proposals/${proposal.id}/confirm`, admin, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CREDIT_LIMIT_EXCEEDED');
    const after = (await get(`/api/v1/vmi/proposals/${proposal.id}`, admin)).json() as VmiProposal;
    expect(after.status).toBe('proposed');
    expect(after.orderId).toBeNull();
    expect(after.lastError).toContain('CREDIT_LIMIT_EXCEEDED');
    expect(await t.system.db.selectFrom('orders').select('id').where('dealer_id', '=', d.id).execute()).toEqual([]);
  });

  it('supersedes an older open proposal of the dealer and skips dealers that need nothing', async () => {
    const d = await vmiDealer(0, 0);
    const [first] = (await generate(d.id)).created;
    const [second] = (await generate(d.id)).created;
    expect((await get(`/api/v1/vmi/proposals/${first.id}`, admin)).json().status).toBe('superseded');
    expect(second.status).toBe('proposed');
    const full = await vmiDealer(500, 0);
    const result = await generate(full.id);
    expect(result.created).toEqual([]);
    expect(result.skippedDealers).toBe(1);
    const notVmi = await vmiDealer(0, 0, { vmi: false });
    const refused = await post('/api/v1/vmi/proposals/generate', admin, { dealerId: notVmi.id });
    expect(refused.statusCode).toBe(422);
  });

  it('confirms on generation when HQ turns auto-confirm on', async () => {
    const d = await vmiDealer(10, 0);
    const set = await t.inject({ method: 'PATCH', url: '/api/v1/vmi/settings', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ autoConfirm: true }) });
    expect(set.json().autoConfirm).toBe(true);
    const result = await generate(d.id);
    expect(result.autoConfirmed).toBe(1);
    expect(result.created[0].status).toBe('ordered');
    await t.inject({ method: 'PATCH', url: '/api/v1/vmi/settings', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ autoConfirm: false }) });
  });

  it('shows a dealer its own proposals only and lets only HQ confirm', async () => {
    const mine = await vmiDealer(0, 0);
    const other = await vmiDealer(0, 0);
    const [own] = (await generate(mine.id)).created;
    const [foreign] = (await generate(other.id)).created;
    const dealerUser = await t.loginAs('dealer_admin', { dealerId: mine.id });
    const list = (await get('/api/v1/vmi/proposals?limit=500', dealerUser)).json();
    expect(list.items.every((x: VmiProposal) => x.dealerId === mine.id)).toBe(true);
    expect(list.items.some((x: VmiProposal) => x.id === own.id)).toBe(true);
    expect((await get(`/api/v1/vmi/proposals/${foreign.id}`, dealerUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/vmi/proposals/${own.id}/confirm`, dealerUser, {})).statusCode).toBe(403);
    const rejected = await post(`/api/v1/vmi/proposals/${own.id}/reject`, admin, { reason: '经销商库房整修' });
    expect(rejected.json().status).toBe('rejected');
    const xlsx = await get('/api/v1/vmi/proposals?format=xlsx', admin);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('VMI rules', () => {
  it('prorates monthly forecasts over the cover days', () => {
    expect(demandOverCover([30, 60, 90], 45)).toBe(30 + 30);
    expect(demandOverCover([30, 60], 10)).toBe(10);
  });

  it('forecasts sell-out over the cover days, and nothing without history', () => {
    expect(forecastOverCover(new Array(12).fill(30), 45).forecastDemand).toBe(45);
    expect(forecastOverCover([], 30)).toEqual({ forecastDemand: 0, model: 'none' });
  });
});
