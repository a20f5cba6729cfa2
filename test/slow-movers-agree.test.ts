// One slow-mover rule: the scorecard's slow-moving ratio (C6) and the stock-health page (C5) call
// the same dealer x SKU pairs slow at the period's last day (stock-health.rules.ts isSlowMover).
// Figures by hand; slow = on hand and 90 days or more without a sale (never sold: since the first
// stock movement).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { sellout, stockIn } from './helpers/performance.js';
import type { Dealer } from '../src/shared/schemas/index.js';
import { registerSatisfactionSource } from '../src/server/modules/evaluation/sources.js';

const t = await createTestApp();
afterAll(async () => t.close());

let admin: string;
let dealer: Dealer;
const sku: Record<'fresh' | 'old' | 'sold91' | 'sold30', string> = { fresh: '', old: '', sold91: '', sold30: '' };

beforeAll(async () => {
  registerSatisfactionSource(null);
  admin = await t.loginAs('hq_admin');
  dealer = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
  const db = t.deps.db;
  // At 2026-09-30, every product price 10 yuan, 10 units on hand each:
  //   fresh : received 08-15, never sold        -> 46 days since the first movement: not slow
  //   old   : received 05-01, never sold        -> 152 days: slow
  //   sold91: received 05-01, last sale 07-01   -> 91 days: slow (a "3 calendar months" cut-off, 06-30, would not)
  //   sold30: received 05-01, last sale 08-31   -> 30 days: not slow
  const cases: [keyof typeof sku, string, string | null][] = [
    ['fresh', '2026-08-15T02:00:00.000Z', null],
    ['old', '2026-05-01T02:00:00.000Z', null],
    ['sold91', '2026-05-01T02:00:00.000Z', '2026-07-01'],
    ['sold30', '2026-05-01T02:00:00.000Z', '2026-08-31'],
  ];
  for (const [name, receivedAt, soldOn] of cases) {
    const p = await product(t, { listPriceFen: 1000 });
    sku[name] = p.sku;
    await stockIn(db, { dealerId: dealer.id, productId: p.id, quantity: soldOn ? 11 : 10, at: receivedAt });
    if (soldOn) {
      await sellout(db, { dealerId: dealer.id, productId: p.id, soldOn, quantity: 1, amountFen: 1000, customerRef: 'c1' });
      await db
        .insertInto('stock_movements')
        .values({
          id: `stm_${name}`,
          dealer_id: dealer.id,
          product_id: p.id,
          quantity: -1,
          kind: 'sale',
          ref_type: null,
          ref_id: null,
          moved_at: `${soldOn}T02:00:00.000Z`,
          created_at: `${soldOn}T02:00:00.000Z`,
        })
        .execute();
    }
  }
  const run = await t.inject({ method: 'POST', url: '/api/v1/evaluations/runs', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ period: '2026-Q3' }) });
  expect(run.statusCode, run.body).toBe(201);
});

/** The current Q3 scorecard of the dealer and its inventory drill-down. */
async function scorecard() {
  const list = await t.inject({ method: 'GET', url: `/api/v1/evaluations?period=2026-Q3&dealerId=${dealer.id}`, headers: { cookie: admin } });
  const evaluation = list.json().items[0];
  const sources = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${evaluation.id}/sources?kpi=inventory`, headers: { cookie: admin } });
  expect(sources.statusCode, sources.body).toBe(200);
  const items: { label: string; values: Record<string, unknown> & { slow: boolean } }[] = sources.json().items;
  return { evaluation, items, slow: new Map<string, boolean>(items.map((r) => [r.label.split(' ')[0], r.values.slow])) };
}

const slowByName = (slow: Map<string, boolean>) => Object.fromEntries(Object.entries(sku).map(([name, code]) => [name, slow.get(code)]));

/** The stock-health page's slow flags per SKU on the period's last day. */
async function healthPageSlowOnSeptember30(): Promise<Map<string, boolean>> {
  const start = t.clock.now();
  try {
    t.clock.set(new Date('2026-09-30T10:00:00Z'));
    const health = await t.inject({ method: 'GET', url: `/api/v1/inventory/health?dealerId=${dealer.id}&limit=100`, headers: { cookie: admin } });
    expect(health.statusCode, health.body).toBe(200);
    return new Map<string, boolean>(health.json().items.map((r: { sku: string; slowMoving: boolean }) => [r.sku, r.slowMoving]));
  } finally {
    t.clock.set(start);
  }
}

describe('slow movers', () => {
  it('are the same pairs on the scorecard and on the stock-health page', async () => {
    const { evaluation, slow } = await scorecard();
    expect(slowByName(slow)).toEqual({ fresh: false, old: true, sold91: true, sold30: false });

    // The slow-moving ratio: 2 of 4 pairs, 10 units x 1,000 fen each -> 20,000 / 40,000 = 0.5.
    expect(evaluation.kpis.inventory.inputs).toMatchObject({ slowMovingRatio: 0.5, slowValueFen: 20_000, closingValueFen: 40_000 });

    const pageSlow = await healthPageSlowOnSeptember30();
    for (const code of Object.values(sku)) expect(pageSlow.get(code), code).toBe(slow.get(code));
  });

  it('opens the days without a sale and the daily average on hand per SKU', async () => {
    const { items } = await scorecard();
    const row = (code: string) => items.find((r) => r.label.startsWith(`${code} `))!.values;
    expect(row(sku.fresh)).toMatchObject({ firstMovedOn: '2026-08-15', lastSoldOn: null, daysWithoutSale: 46 });
    expect(row(sku.sold91)).toMatchObject({ lastSoldOn: '2026-07-01', daysWithoutSale: 91 });
    // fresh: 0 units for 07-01..08-14 (45 days), 10 for 08-15..09-30 (47 days): 470 / 92 = 5.11.
    expect(row(sku.fresh).averageOnHand).toBe(5.11);
    // sold30: 11 units for 07-01..08-30 (61 days), 10 for 08-31..09-30 (31 days): (671 + 310) / 92 = 10.66.
    expect(row(sku.sold30).averageOnHand).toBe(10.66);
  });

  it('follow the slow-mover days HQ sets, on both pages, and keep them when a PUT leaves them out', async () => {
    const put = (body: unknown) =>
      t.inject({ method: 'PUT', url: '/api/v1/inventory/settings/stock-health', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const current = (await t.inject({ method: 'GET', url: '/api/v1/inventory/settings/stock-health', headers: { cookie: admin } })).json();
    expect(current.slowDays).toBe(90);
    const bad = await put({ ...current, slowDays: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('/slowDays');
    expect((await put({ ...current, slowDays: 45 })).statusCode).toBe(200);
    const { slowDays: _dropped, ...withoutSlowDays } = current;
    const older = await put({ ...withoutSlowDays, orderCycleDays: 15 });
    expect(older.statusCode, older.body).toBe(200);
    expect(older.json()).toMatchObject({ slowDays: 45, orderCycleDays: 15 });

    // At 45 days, fresh (46 days without a sale) is slow too; sold30 (30 days) is not.
    const rerun = await t.inject({ method: 'POST', url: '/api/v1/evaluations/runs', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ period: '2026-Q3' }) });
    expect(rerun.statusCode, rerun.body).toBe(201);
    const { evaluation, slow } = await scorecard();
    expect(slowByName(slow)).toEqual({ fresh: true, old: true, sold91: true, sold30: false });
    expect(evaluation.kpis.inventory.inputs.slowMovingRatio).toBe(0.75);
    const pageSlow = await healthPageSlowOnSeptember30();
    for (const code of Object.values(sku)) expect(pageSlow.get(code), code).toBe(slow.get(code));
  });
});
