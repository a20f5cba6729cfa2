// Evaluation runs through the API: elastic targets, scorecards with redistributed KPIs,
// versions, drill-down, scope, warnings after a run, proposals and tiers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { sellout, shippedOrder, stockIn } from './helpers/performance.js';
import type { Dealer } from '../src/shared/schemas/index.js';
import { registerSatisfactionSource } from '../src/server/modules/evaluation/sources.js';

const t = await createTestApp();
afterAll(async () => t.close());

let admin: string;
let a: Dealer; // scored: target, index 0.8, shipments, orders, renewal, stock
let b: Dealer; // no data at all
let c: Dealer; // far below target in Q2 and Q3
let productId: string;

beforeAll(async () => {
  registerSatisfactionSource(null); // no tickets in these tests: satisfaction from orders and sell-out only
  admin = await t.loginAs('hq_admin');
  a = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
  b = await t.dealer({ territory: [{ regionCode: '310101', exclusive: false }] });
  c = await t.dealer({ territory: [{ regionCode: '440104', exclusive: false }], creditLimitFen: 1_000_000 });
  productId = (await product(t, { listPriceFen: 1000 })).id;
  const db = t.deps.db;
  // A, Q3 2026: shipped 600,000 in two orders, one on time (3 days), one late (10 days).
  await shippedOrder(db, { dealerId: a.id, productId, orderDate: '2026-07-01', shippedOn: '2026-07-04', amountFen: 400_000 });
  await shippedOrder(db, { dealerId: a.id, productId, orderDate: '2026-08-01', shippedOn: '2026-08-11', amountFen: 200_000 });
  // Renewal: c1 and c2 bought in Q2, only c1 again in Q3. Q3 sell-out 50 units.
  await sellout(db, { dealerId: a.id, productId, soldOn: '2026-05-10', quantity: 1, amountFen: 1_000, customerRef: 'c1' });
  await sellout(db, { dealerId: a.id, productId, soldOn: '2026-06-10', quantity: 1, amountFen: 1_000, customerRef: 'c2' });
  await sellout(db, { dealerId: a.id, productId, soldOn: '2026-08-20', quantity: 50, amountFen: 60_000, customerRef: 'c1' });
  // Stock: 100 units held through the whole quarter.
  await stockIn(db, { dealerId: a.id, productId, quantity: 100, at: '2026-06-01T00:00:00.000Z' });
  // C: 100,000 shipped per quarter against 1,000,000.
  await shippedOrder(db, { dealerId: c.id, productId, orderDate: '2026-04-02', shippedOn: '2026-04-03', amountFen: 100_000 });
  await shippedOrder(db, { dealerId: c.id, productId, orderDate: '2026-07-02', shippedOn: '2026-07-03', amountFen: 100_000 });

  const targets = await t.inject({
    method: 'PUT',
    url: '/api/v1/targets',
    headers: { cookie: admin, 'content-type': 'application/json' },
    payload: JSON.stringify({
      items: [
        { dealerId: a.id, period: '2026-Q3', targetFen: 1_000_000 },
        { dealerId: c.id, period: '2026-Q2', targetFen: 1_000_000 },
        { dealerId: c.id, period: '2026-Q3', targetFen: 1_000_000 },
      ],
    }),
  });
  expect(targets.statusCode, targets.body).toBe(200);
  const index = await t.inject({
    method: 'PUT',
    url: '/api/v1/market-index',
    headers: { cookie: admin, 'content-type': 'application/json' },
    payload: JSON.stringify({ items: [{ regionCode: '440100', period: '2026-Q3', demandIndex: 0.8 }] }),
  });
  expect(index.statusCode, index.body).toBe(200);
});

const run = async (period: string, key?: string) =>
  t.inject({
    method: 'POST',
    url: '/api/v1/evaluations/runs',
    headers: { cookie: admin, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    payload: JSON.stringify({ period }),
  });
const evaluationOf = async (dealerId: string, period: string, cookie = admin) => {
  const res = await t.inject({ method: 'GET', url: `/api/v1/evaluations?period=${period}&dealerId=${dealerId}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0];
};

describe('evaluation runs', () => {
  it('scores a dealer against its elastic target, redistributing nothing that has data', async () => {
    const res = await run('2026-Q2');
    expect(res.statusCode, res.body).toBe(201);
    const q3 = await run('2026-Q3');
    expect(q3.statusCode, q3.body).toBe(201);
    expect(q3.json()).toMatchObject({ period: '2026-Q3', evaluated: 3, version: 1 });
    const e = await evaluationOf(a.id, '2026-Q3');
    // index 0.8 of 440100 (ancestor of 440106) < 0.9: target x 0.8
    expect(e).toMatchObject({ targetFen: 1_000_000, adjustedTargetFen: 800_000, adjustmentFactor: 0.8, actualFen: 600_000, salesCompletion: 0.75, salesScore: 75 });
    expect(e.adjustmentReason).toContain('0.8');
    // satisfaction: fulfilment 1/2 and renewal 1/2 -> 50 (tickets: no data)
    expect(e.satisfactionScore).toBe(50);
    // inventory: 100 units x 10 yuan held, 50 sold in 92 days -> 184 days vs 60 -> 32.61; no slow stock -> 100
    expect(e.inventoryScore).toBe(59.57);
    expect(e.composite).toBe(64.41);
    expect(e.grade).toBe('C');
  });

  it('shows no data (null) instead of zero for a dealer without sources', async () => {
    const e = await evaluationOf(b.id, '2026-Q3');
    expect(e).toMatchObject({ targetFen: null, salesCompletion: null, salesScore: null, satisfactionScore: null, inventoryScore: null, composite: null, grade: null });
  });

  it('keeps the superseded version when a period is re-run, and replays an idempotent run', async () => {
    const first = await evaluationOf(a.id, '2026-Q3');
    const again = await run('2026-Q3', 'rerun-1');
    expect(again.json().version).toBe(2);
    const replay = await run('2026-Q3', 'rerun-1');
    expect(replay.json().id).toBe(again.json().id);
    const now = await evaluationOf(a.id, '2026-Q3');
    expect(now.id).not.toBe(first.id);
    expect(now.composite).toBe(first.composite);
    const old = await t.inject({ method: 'GET', url: `/api/v1/evaluations?runId=${first.runId}`, headers: { cookie: admin } });
    expect(old.json().items.map((x: { id: string; current: boolean }) => [x.id === first.id, x.current])).toContainEqual([true, false]);
    const runs = await t.inject({ method: 'GET', url: '/api/v1/evaluations/runs?period=2026-Q3', headers: { cookie: admin } });
    expect(
      runs
        .json()
        .items.map((r: { status: string }) => r.status)
        .sort(),
    ).toEqual(['current', 'superseded']);
  });

  it('opens every KPI down to its source rows', async () => {
    const e = await evaluationOf(a.id, '2026-Q3');
    const sales = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${e.id}/sources?kpi=sales`, headers: { cookie: admin } });
    expect(sales.json().items.reduce((s: number, r: { values: { amountFen: number } }) => s + r.values.amountFen, 0)).toBe(600_000);
    const ful = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${e.id}/sources?kpi=fulfilment`, headers: { cookie: admin } });
    expect(ful.json().items.map((r: { values: { onTime: boolean } }) => r.values.onTime)).toEqual([true, false]);
    const renewal = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${e.id}/sources?kpi=renewal`, headers: { cookie: admin } });
    expect(renewal.json().items).toHaveLength(2);
    const xlsx = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${e.id}/sources?kpi=inventory&format=xlsx`, headers: { cookie: admin } });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('ranks dealers within their province', async () => {
    const e = await evaluationOf(a.id, '2026-Q3');
    const cEval = await evaluationOf(c.id, '2026-Q3');
    expect([e.regionRank, e.regionSize, cEval.regionRank]).toEqual([1, 2, 2]);
  });

  it('shows a dealer only its own scorecards', async () => {
    const cookie = await t.loginAs('dealer_admin', { dealerId: b.id });
    const list = await t.inject({ method: 'GET', url: '/api/v1/evaluations?period=2026-Q3', headers: { cookie } });
    expect(list.json().items.map((x: { dealerId: string }) => x.dealerId)).toEqual([b.id]);
    const other = await evaluationOf(a.id, '2026-Q3');
    const res = await t.inject({ method: 'GET', url: `/api/v1/evaluations/${other.id}/sources?kpi=sales`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
  });

  it('warns yellow after one quarter below baseline and orange after two', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/warnings?dealerId=${c.id}`, headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    const [w] = res.json().items;
    expect(w).toMatchObject({ dealerId: c.id, level: 'orange', status: 'open', openedPeriod: '2026-Q2' });
    expect(w.reasons.map((r: { code: string }) => r.code)).toContain('two_quarters_below');
    const dealer = await t.inject({ method: 'GET', url: `/api/v1/dealers/${c.id}`, headers: { cookie: admin } });
    expect(dealer.json().status).toBe('warning');
  });

  it('resolves a yellow warning when the dealer recovers', async () => {
    // A in Q2: only inventory has data. 100 units arrive on 06-01 (day 61 of 91): the daily average
    // on hand is 100 x 30 / 91 units, 2 sold in 91 days -> (3000/91) / (2/91) = 1500 days: 60/1500 = 4;
    // last sale 06-10, 20 days before the end: not slow -> 100. Composite 0.6*4 + 0.4*100 = 42.4 < 60:
    // yellow; Q3 composite 64.41: resolved.
    const q2 = await evaluationOf(a.id, '2026-Q2');
    expect([q2.inventoryScore, q2.composite, q2.salesScore]).toEqual([42.4, 42.4, null]);
    const res = await t.inject({ method: 'GET', url: `/api/v1/warnings?dealerId=${a.id}`, headers: { cookie: admin } });
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({ level: 'yellow', status: 'resolved', openedPeriod: '2026-Q2', lastPeriod: '2026-Q3' });
    const dealer = await t.inject({ method: 'GET', url: `/api/v1/dealers/${a.id}`, headers: { cookie: admin } });
    expect(dealer.json().status).toBe('active');
    const detail = await t.inject({ method: 'GET', url: `/api/v1/warnings/${res.json().items[0].id}`, headers: { cookie: admin } });
    expect(detail.json().events.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'resolved']);
  });

  it('applies an approved credit-limit step for a D grade and audits it', async () => {
    const list = await t.inject({ method: 'GET', url: `/api/v1/evaluation-proposals?dealerId=${c.id}&status=pending`, headers: { cookie: admin } });
    const credit = list.json().items.find((p: { kind: string }) => p.kind === 'credit_limit');
    expect(credit).toMatchObject({ grade: 'D', currentValue: 1_000_000, proposedValue: 900_000 });
    const ok = await t.inject({
      method: 'POST',
      url: `/api/v1/evaluation-proposals/${credit.id}/decision`,
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ decision: 'approve' }),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const dealer = await t.inject({ method: 'GET', url: `/api/v1/dealers/${c.id}`, headers: { cookie: admin } });
    expect(dealer.json().creditLimitFen).toBe(900_000);
    const twice = await t.inject({
      method: 'POST',
      url: `/api/v1/evaluation-proposals/${credit.id}/decision`,
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ decision: 'approve' }),
    });
    expect(twice.statusCode).toBe(409);
    const audit = await t.inject({ method: 'GET', url: `/api/v1/audit?entityType=evaluation_proposal&entityId=${credit.id}`, headers: { cookie: admin } });
    expect(audit.json().items).toHaveLength(1);
  });

  it('tells a dealer what it needs for the next tier', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/dealers/${a.id}/tier-progress?year=2026`, headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    // The incentive policy's ladder (DEFAULT_POLICY): 600,000 shipped in the 12 full months before
    // 2026-11-20, one county of territory; silver needs 300,000,000 and 1 county.
    expect(res.json()).toMatchObject({
      reachedTier: 'bronze',
      nextTier: 'silver',
      annualSalesFen: 600_000,
      coverage: 1,
      salesGapFen: 299_400_000,
      coverageGap: 0,
      from: '2025-11-01',
      to: '2026-10-31',
      policyVersion: 0,
    });
    expect(res.json().tiers.map((x: { tier: string; minAnnualSalesFen: number }) => [x.tier, x.minAnnualSalesFen])).toEqual([
      ['bronze', 0],
      ['silver', 300_000_000],
      ['gold', 1_000_000_000],
    ]);
  });

  it('names the bad field of a target for an unknown dealer', async () => {
    const res = await t.inject({
      method: 'PUT',
      url: '/api/v1/targets',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ items: [{ dealerId: 'nope', period: '2026-Q1', targetFen: 1 }] }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/body/items/0/dealerId');
  });

  it('refuses a run of a period that has not started', async () => {
    const res = await run('2027-Q1');
    expect(res.statusCode).toBe(400);
  });
});
