import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product, TransferPlan } from '../src/shared/schemas/index.js';
import { reportSellout } from '../src/server/modules/sellout/sellout.service.js';
import { recordSnapshot } from '../src/server/modules/inventory/inventory.service.js';
import { onHandOf } from '../src/server/modules/inventory/inventory.repo.js';
import { addDays } from '../src/shared/dates.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

// Targets with the default settings (90-day window, lead time 7, order cycle 14, z 1.645): a dealer
// selling exactly 2 a day every day has s_d = 0, so SS = 0, ROP = 14, order-up-to = 42; a dealer
// with no sale has ROP = order-up-to = 0, so all its stock is overstock.
describe('transfers (调拨)', () => {
  let t: TestApp;
  let admin: string;
  let p: Product;
  const today = '2026-11-20';

  const post = (url: string, cookie: string, body: unknown) => t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const patch = (url: string, cookie: string, body: unknown) => t.inject({ method: 'PATCH', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });

  async function stocked(regionCode: string, opts: { dailySale: number; onHand: number; exclusive?: boolean; product?: Product }): Promise<Dealer> {
    const d = await t.dealer({ territory: [{ regionCode, exclusive: opts.exclusive ?? false }], creditLimitFen: 100_000_000 });
    return stock(d, opts);
  }
  async function stock(d: Dealer, opts: { dailySale: number; onHand: number; product?: Product }): Promise<Dealer> {
    const sku = (opts.product ?? p).sku;
    if (opts.dailySale > 0) {
      const lines = Array.from({ length: 90 }, (_, k) => ({ date: addDays(today, -k), sku, quantity: opts.dailySale, amountFen: 100 * opts.dailySale }));
      await reportSellout(t.system, { dealerId: d.id, lines });
    }
    await recordSnapshot(t.system, { dealerId: d.id, takenAt: '2026-11-20T02:00:00.000Z', items: [{ sku, quantity: opts.onHand }] });
    return d;
  }
  const onHand = async (d: Dealer) => (await onHandOf(t.system.db, d.id, [p.id])).get(p.id) ?? 0;

  // Two overstocked dealers (10 spare each) and two short ones (14 - 4 = 10 short each), all in
  // Guangzhou, with a cost table where the cheapest pair first is the wrong choice:
  //   S1->D1 1.00, S1->D2 2.00, S2->D1 2.00, S2->D2 10.00 (yuan per unit)
  // greedy: S1->D1 10 + S2->D2 10 = 110.00; optimum: S1->D2 10 + S2->D1 10 = 40.00.
  let s1: Dealer;
  let s2: Dealer;
  let d1: Dealer;
  let d2: Dealer;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    p = await product(t);
    s1 = await stocked('440103', { dailySale: 0, onHand: 10 });
    s2 = await stocked('440104', { dailySale: 0, onHand: 10 });
    d1 = await stocked('440105', { dailySale: 2, onHand: 4 });
    d2 = await stocked('440106', { dailySale: 2, onHand: 4 });
    for (const [from, to, unitCostFen] of [
      ['440103', '440105', 100],
      ['440103', '440106', 200],
      ['440104', '440105', 200],
      ['440104', '440106', 1000],
    ] as const) {
      const res = await post('/api/v1/transfers/costs', admin, { fromRegionCode: from, toRegionCode: to, unitCostFen });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  it('moves overstock to shortage at the least total cost and shows the greedy cost beside it', async () => {
    const res = await post('/api/v1/transfers/plan', admin, { sku: p.sku, regionCode: '440100' });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json() as TransferPlan;
    const moves = plan.moves.map((m) => [m.fromDealerId, m.toDealerId, m.quantity, m.costFen]).sort();
    expect(moves).toEqual(
      [
        [s1.id, d2.id, 10, 2000],
        [s2.id, d1.id, 10, 2000],
      ].sort(),
    );
    expect(plan.totalCostFen).toBe(4000);
    expect(plan.greedy).toEqual({ totalQuantity: 20, totalCostFen: 11_000 });
    expect(plan.supplyQuantity).toBe(20);
    expect(plan.demandQuantity).toBe(20);
    expect(plan.moves.every((m) => m.costSource === 'table' && m.sku === p.sku)).toBe(true);
    expect(plan.status).toBe('proposed');
    expect(plan.number).toMatch(/^TP202611-\d{6}$/);
  });

  it('prices pairs without a table entry by the distance between region centroids', async () => {
    // 天河区 (440106) to 罗湖区 (440303), Guangzhou to Shenzhen: about 105 km between the district
    // centroids, so ¥3 + 105 x ¥0.01 per unit. No table entry covers the pair.
    const other = await product(t);
    await stock(d2, { dailySale: 0, onHand: 10, product: other });
    const far = await stocked('440303', { dailySale: 2, onHand: 10, product: other }); // short by 4
    const plan = (await post('/api/v1/transfers/plan', admin, { sku: other.sku })).json() as TransferPlan;
    expect(plan.moves).toHaveLength(1);
    const [move] = plan.moves;
    expect([move.fromDealerId, move.toDealerId, move.quantity, move.costSource]).toEqual([d2.id, far.id, 4, 'distance']);
    expect(move.distanceKm!).toBeGreaterThan(90);
    expect(move.distanceKm!).toBeLessThan(130);
    expect(move.unitCostFen).toBe(Math.round(300 + move.distanceKm!));
    expect(plan.totalCostFen).toBe(4 * move.unitCostFen);
    // Beyond the longest-transfer setting, a pair without a contracted cost is not planned.
    expect((await patch('/api/v1/transfers/settings', admin, { maxDistanceKm: 50 })).json().maxDistanceKm).toBe(50);
    expect(((await post('/api/v1/transfers/plan', admin, { sku: other.sku })).json() as TransferPlan).moves).toEqual([]);
    await patch('/api/v1/transfers/settings', admin, { maxDistanceKm: 1000 });
  });

  it("keeps an exclusive dealer's stock inside its bound (county bound: it may send nowhere else)", async () => {
    await t.system.db.updateTable('dealer_territories').set({ exclusive: 1 }).where('dealer_id', '=', s1.id).execute();
    expect((await patch('/api/v1/transfers/settings', admin, { exclusiveBoundLevel: 'county' })).statusCode).toBe(200);
    const plan = (await post('/api/v1/transfers/plan', admin, { sku: p.sku, regionCode: '440100' })).json() as TransferPlan;
    expect(plan.boundLevel).toBe('county');
    expect(plan.moves.some((m) => m.fromDealerId === s1.id)).toBe(false);
    expect(plan.moves.map((m) => [m.fromDealerId, m.toDealerId, m.quantity])).toEqual([[s2.id, d1.id, 10]]);
    // With the default city bound, all four dealers are in 广州市 and s1 may send again.
    expect((await patch('/api/v1/transfers/settings', admin, { exclusiveBoundLevel: 'city' })).statusCode).toBe(200);
    const again = (await post('/api/v1/transfers/plan', admin, { sku: p.sku, regionCode: '440100' })).json() as TransferPlan;
    expect(again.totalCostFen).toBe(4000);
    await t.system.db.updateTable('dealer_territories').set({ exclusive: 0 }).where('dealer_id', '=', s1.id).execute();
  });

  it('executes an approved plan as transfer orders that move stock out of one dealer and into another', async () => {
    const plan = (await post('/api/v1/transfers/plan', admin, { sku: p.sku, regionCode: '440100' })).json() as TransferPlan;
    const early = await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'executed' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');
    expect((await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'approved' })).statusCode).toBe(200);
    const done = await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'executed' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('executed');
    expect([await onHand(s1), await onHand(s2), await onHand(d1), await onHand(d2)]).toEqual([0, 0, 14, 14]);
    const orders = (await get(`/api/v1/transfers/orders?planId=${plan.id}`, admin)).json();
    expect(orders.items).toHaveLength(2);
    const movements = await t.system.db.selectFrom('stock_movements').select(['dealer_id', 'quantity', 'kind', 'ref_id']).where('ref_type', '=', 'transfer_order').execute();
    expect(movements.map((m) => [m.dealer_id, Number(m.quantity), m.kind]).sort()).toEqual(
      [
        [s1.id, -10, 'transfer_out'],
        [d2.id, 10, 'transfer_in'],
        [s2.id, -10, 'transfer_out'],
        [d1.id, 10, 'transfer_in'],
      ].sort(),
    );
    const audit = (await get(`/api/v1/audit?entityType=transfer_plan&entityId=${plan.id}`, admin)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['transfer_plan.approve', 'transfer_plan.create', 'transfer_plan.execute']);
    const twice = await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'executed' });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to execute a plan whose sender no longer holds the stock, moving nothing', async () => {
    await recordSnapshot(t.system, { dealerId: s1.id, takenAt: '2026-11-20T02:00:00.000Z', items: [{ sku: p.sku, quantity: 10 }] });
    await recordSnapshot(t.system, { dealerId: d1.id, takenAt: '2026-11-20T02:00:00.000Z', items: [{ sku: p.sku, quantity: 4 }] });
    const plan = (await post('/api/v1/transfers/plan', admin, { sku: p.sku, regionCode: '440100' })).json() as TransferPlan;
    expect(plan.moves.map((m) => [m.fromDealerId, m.toDealerId, m.quantity])).toEqual([[s1.id, d1.id, 10]]);
    await recordSnapshot(t.system, { dealerId: s1.id, takenAt: '2026-11-20T02:00:00.000Z', items: [{ sku: p.sku, quantity: 3 }] });
    await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'approved' });
    const res = await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'executed' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('Plan again');
    expect(await onHand(s1)).toBe(3);
  });

  it('requires a reason to reject and names unknown SKUs and regions', async () => {
    const plan = (await post('/api/v1/transfers/plan', admin, { sku: p.sku })).json() as TransferPlan;
    const res = await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'rejected' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/reason');
    expect((await post(`/api/v1/transfers/plans/${plan.id}/transitions`, admin, { to: 'rejected', reason: '运力不足' })).json().status).toBe('rejected');
    const badSku = await post('/api/v1/transfers/plan', admin, { sku: 'NO-SUCH' });
    expect(badSku.statusCode).toBe(400);
    expect(badSku.json().errors[0].path).toBe('/sku');
    const badRegion = await post('/api/v1/transfers/plan', admin, { regionCode: '999999' });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().errors[0].path).toBe('/regionCode');
  });

  it('lets a regional manager plan only among its own dealers, and hides plans with others from it', async () => {
    const shanghai = await stocked('310101', { dailySale: 0, onHand: 50 }); // spare stock outside the manager's region
    const rm = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
    const own = (await post('/api/v1/transfers/plan', rm, { sku: p.sku })).json() as TransferPlan;
    expect(own.moves.some((m) => m.fromDealerId === shanghai.id || m.toDealerId === shanghai.id)).toBe(false);
    // Shanghai to Guangzhou is about 1,200 km: beyond the default longest transfer of 1,000 km.
    expect(((await post('/api/v1/transfers/plan', admin, { sku: p.sku })).json() as TransferPlan).moves.some((m) => m.fromDealerId === shanghai.id)).toBe(false);
    await patch('/api/v1/transfers/settings', admin, { maxDistanceKm: 3000 });
    const hq = (await post('/api/v1/transfers/plan', admin, { sku: p.sku })).json() as TransferPlan;
    await patch('/api/v1/transfers/settings', admin, { maxDistanceKm: 1000 });
    // d1 is 10 short and s1 holds 3 spare: HQ fills the rest from Shanghai, the manager cannot.
    expect(hq.moves.filter((m) => m.fromDealerId === shanghai.id).map((m) => [m.toDealerId, m.quantity])).toEqual([[d1.id, 7]]);
    expect(own.moves.map((m) => [m.fromDealerId, m.toDealerId, m.quantity])).toEqual([[s1.id, d1.id, 3]]);
    expect((await get(`/api/v1/transfers/plans/${hq.id}`, rm)).statusCode).toBe(404);
    expect((await get(`/api/v1/transfers/plans/${own.id}`, rm)).statusCode).toBe(200);
    const list = (await get('/api/v1/transfers/plans?limit=500', rm)).json();
    expect(JSON.stringify(list)).not.toContain(shanghai.id);
    expect((await post(`/api/v1/transfers/plans/${own.id}/transitions`, rm, { to: 'approved' })).statusCode).toBe(403);
    const dealerUser = await t.loginAs('dealer_admin', { dealerId: d1.id });
    expect((await get('/api/v1/transfers/plans', dealerUser)).statusCode).toBe(403);
  });

  it('keeps one cost per region pair whichever way it was entered, and exports plans to Excel', async () => {
    const dup = await post('/api/v1/transfers/costs', admin, { fromRegionCode: '440106', toRegionCode: '440103', unitCostFen: 5 });
    expect(dup.statusCode).toBe(409);
    const costs = (await get('/api/v1/transfers/costs', admin)).json();
    const one = costs.items.find((c: { fromRegionCode: string; toRegionCode: string }) => c.fromRegionCode === '440103' && c.toRegionCode === '440106');
    expect((await patch(`/api/v1/transfers/costs/${one.id}`, admin, { unitCostFen: 250 })).json().unitCostFen).toBe(250);
    const del = await t.inject({ method: 'DELETE', url: `/api/v1/transfers/costs/${one.id}`, headers: { cookie: admin } });
    expect(del.statusCode).toBe(204);
    const xlsx = await get('/api/v1/transfers/plans?format=xlsx', admin);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
