// The scorecard's sales KPI (C6) and its drill-down count the same rows as rebates and points:
// qualifying sales, so a level-2 dealer's purchases from its level-1 count in neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { shippedOrder } from './helpers/performance.js';
import type { Dealer } from '../src/shared/schemas/index.js';
import { registerSatisfactionSource } from '../src/server/modules/evaluation/sources.js';

const t = await createTestApp();
afterAll(async () => t.close());

let admin: string;
let parent: Dealer;
let sub: Dealer;

beforeAll(async () => {
  registerSatisfactionSource(null);
  admin = await t.loginAs('hq_admin');
  parent = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
  sub = await t.dealer({ level: 2, parentDealerId: parent.id, territory: [{ regionCode: '440104', exclusive: false }] });
  const productId = (await product(t, { listPriceFen: 1000 })).id;
  const db = t.deps.db;
  // Q3 2026: HQ ships 300,000 to the level-2 dealer directly and its level-1 supplies it 500,000.
  await shippedOrder(db, { dealerId: sub.id, productId, orderDate: '2026-07-01', shippedOn: '2026-07-04', amountFen: 300_000 });
  const fromParent = await shippedOrder(db, { dealerId: sub.id, productId, orderDate: '2026-08-01', shippedOn: '2026-08-03', amountFen: 500_000 });
  await db.updateTable('orders').set({ supplier_dealer_id: parent.id }).where('id', '=', fromParent).execute();
});

describe('sales KPI basis', () => {
  it('scores and opens only the qualifying sales of a level-2 dealer', async () => {
    const runRes = await t.inject({ method: 'POST', url: '/api/v1/evaluations/runs', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ period: '2026-Q3' }) });
    expect(runRes.statusCode, runRes.body).toBe(201);
    const list = await t.inject({ method: 'GET', url: `/api/v1/evaluations?period=2026-Q3&dealerId=${sub.id}`, headers: { cookie: admin } });
    const e = list.json().items[0];
    expect(e.actualFen).toBe(300_000);
    const sources = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${e.id}/sources?kpi=sales`, headers: { cookie: admin } });
    expect(sources.statusCode, sources.body).toBe(200);
    const rows = sources.json().items as { values: { kind: string; amountFen: number } }[];
    expect(rows.map((r) => [r.values.kind, r.values.amountFen])).toEqual([['shipment', 300_000]]);
  });
});
