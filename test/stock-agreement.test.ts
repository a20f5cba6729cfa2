// One truth for stock targets: a transfer plan and the VMI proposals must agree with the alert
// centre (GET /api/v1/inventory/health) on every dealer x SKU, with stock-health settings far from
// the defaults (window, order cycle, per-category service levels, product lead times and a
// per-dealer override). The data is pseudo-random but seeded, so every run sees the same world.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, HealthItem, Product, TransferPlan, VmiProposal } from '../src/shared/schemas/index.js';
import { createProduct } from '../src/server/modules/products/products.service.js';
import { reportSellout } from '../src/server/modules/sellout/sellout.service.js';
import { recordSnapshot } from '../src/server/modules/inventory/inventory.service.js';
import { createOrder } from '../src/server/modules/orders/orders.service.js';
import { addDays } from '../src/shared/dates.js';
import { createTestApp, type TestApp } from './helpers/app.js';

/** mulberry32: a tiny seeded generator, so the "random" data is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TODAY = '2026-11-20'; // the test clock
const WINDOW = 60;
// Guangzhou and Shenzhen districts: close enough that every pair is within the distance limit.
const REGIONS = ['440103', '440104', '440105', '440106', '440111', '440112', '440303', '440304', '440305'];
const SHORT = new Set(['critical', 'reorder']);
const OVER = new Set(['overstock', 'slow']);

describe('stock targets agree across the alert centre, transfers and VMI', () => {
  let t: TestApp;
  let admin: string;
  const dealers: Dealer[] = [];
  const products: Product[] = [];
  let health: HealthItem[] = [];
  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown) =>
    t.inject({ method, url, headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const healthOf = (dealerId: string, sku: string) => health.find((h) => h.dealerId === dealerId && h.sku === sku);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    const run = Date.now() % 100_000;
    for (const [k, category] of ['甲类', '乙类', '丙类'].entries()) {
      products.push(await createProduct(t.system, { sku: `AGR-${run}-${k}`, name: `一致性商品${k}`, category, unit: '箱', listPriceFen: 1_000, minRetailPriceFen: 1_200, active: true }));
    }
    for (const [k, regionCode] of REGIONS.entries()) {
      dealers.push(await t.dealer({ vmi: k % 3 === 0, creditLimitFen: 1_000_000_000, territory: [{ regionCode, exclusive: false }] }));
    }
    // Settings unlike transfers' old fixed ones (90 d window, L 7 d, cycle 14 d, z 1.645).
    const settings = {
      windowDays: WINDOW,
      orderCycleDays: 21,
      defaultLeadTimeDays: 4,
      defaultLeadTimeSdDays: 1,
      defaultServiceLevel: 0.9,
      serviceLevels: [
        { category: '甲类', serviceLevel: 0.99 },
        { category: '乙类', serviceLevel: 0.8 },
      ],
    };
    expect((await send('PUT', '/api/v1/inventory/settings/stock-health', settings)).statusCode).toBe(200);
    for (const body of [
      { sku: products[0].sku, days: 20, sdDays: 3 },
      { sku: products[1].sku, days: 2, sdDays: 0 },
      { sku: products[0].sku, dealerId: dealers[1].id, days: 1, sdDays: 0 },
    ]) {
      const res = await send('PUT', '/api/v1/inventory/settings/lead-times', body);
      expect(res.statusCode, res.body).toBeLessThan(300);
    }

    const rnd = prng(20261120);
    for (const d of dealers) {
      for (const p of products) {
        const rate = [0, 1, 2, 5][Math.floor(rnd() * 4)];
        const lines = [];
        for (let k = 1; k <= WINDOW; k++) {
          const quantity = rate === 0 ? 0 : Math.floor(rnd() * (2 * rate + 1));
          if (quantity > 0) lines.push({ date: addDays(TODAY, -k), sku: p.sku, quantity, amountFen: quantity * 1_500 });
        }
        if (lines.length) await reportSellout(t.system, { dealerId: d.id, lines });
        // From nothing to ~6 weeks of sales on hand; some pairs also wait for a large order.
        const onHand = Math.floor(rnd() * (rate * 40 + 12));
        await recordSnapshot(t.system, { dealerId: d.id, takenAt: `${TODAY}T01:00:00.000Z`, items: [{ sku: p.sku, quantity: onHand }] });
        if (rnd() < 0.25) await createOrder(t.system, { dealerId: d.id, lines: [{ sku: p.sku, quantity: 20 + Math.floor(rnd() * 200) }], creditOverride: { reason: 'agreement test' } });
      }
    }
    // Two pairs the old fixed targets got wrong on purpose: little on hand but much on order
    // (critical, yet "overstock" of the position), and a 99% / 20-day SKU short by the real lead time.
    await recordSnapshot(t.system, { dealerId: dealers[2].id, takenAt: `${TODAY}T01:30:00.000Z`, items: [{ sku: products[1].sku, quantity: 1 }] });
    await reportSellout(t.system, {
      dealerId: dealers[2].id,
      lines: Array.from({ length: WINDOW }, (_, k) => ({ date: addDays(TODAY, -k - 1), sku: products[1].sku, quantity: 1 + (k % 3), amountFen: 1_500 })),
    });
    await createOrder(t.system, { dealerId: dealers[2].id, lines: [{ sku: products[1].sku, quantity: 900 }], creditOverride: { reason: 'agreement test' } });
    await reportSellout(t.system, {
      dealerId: dealers[4].id,
      lines: Array.from({ length: WINDOW }, (_, k) => ({ date: addDays(TODAY, -k - 1), sku: products[0].sku, quantity: k % 2 ? 6 : 0, amountFen: 1_500 })),
    });
    await recordSnapshot(t.system, { dealerId: dealers[4].id, takenAt: `${TODAY}T01:30:00.000Z`, items: [{ sku: products[0].sku, quantity: 110 }] });

    const res = await t.inject({ method: 'GET', url: '/api/v1/inventory/health?limit=500', headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    const ours = new Set(dealers.map((d) => d.id));
    health = (res.json().items as HealthItem[]).filter((h) => ours.has(h.dealerId));
  });
  afterAll(async () => t?.close());

  it('has a world with shortages and overstock at once', () => {
    expect(health).toHaveLength(dealers.length * products.length);
    expect(health.filter((h) => h.level && SHORT.has(h.level)).length).toBeGreaterThan(3);
    expect(health.filter((h) => h.level && OVER.has(h.level)).length).toBeGreaterThan(3);
    expect(healthOf(dealers[2].id, products[1].sku)?.level).toBe('critical');
  });

  it('never moves stock out of a pair the alert centre calls short, nor into one it calls overstocked', async () => {
    const res = await send('POST', '/api/v1/transfers/plan', { regionCode: '440000' });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json() as TransferPlan;
    expect(plan.moves.length).toBeGreaterThan(0);
    const received = new Map<string, number>();
    const sent = new Map<string, number>();
    for (const m of plan.moves) {
      const from = healthOf(m.fromDealerId, m.sku);
      const to = healthOf(m.toDealerId, m.sku);
      expect(from, `${m.fromDealerCode} ${m.sku}`).toBeDefined();
      expect(to, `${m.toDealerCode} ${m.sku}`).toBeDefined();
      expect(SHORT.has(from!.level ?? ''), `moves out of ${m.fromDealerCode} ${m.sku}, which is ${from!.level}`).toBe(false);
      expect(OVER.has(to!.level ?? ''), `moves into ${m.toDealerCode} ${m.sku}, which is ${to!.level}`).toBe(false);
      // Only real shortages are filled, and only from stock above the order-up-to level.
      expect(SHORT.has(to!.level ?? ''), `moves into ${m.toDealerCode} ${m.sku}, which is ${to!.level}`).toBe(true);
      expect(from!.position).toBeGreaterThan(from!.orderUpTo);
      received.set(`${m.toDealerId}|${m.sku}`, (received.get(`${m.toDealerId}|${m.sku}`) ?? 0) + m.quantity);
      sent.set(`${m.fromDealerId}|${m.sku}`, (sent.get(`${m.fromDealerId}|${m.sku}`) ?? 0) + m.quantity);
    }
    // After the plan no receiver sits above the reorder point it was filled to, and no sender
    // drops below its safety stock or its order-up-to position (it would be short next).
    for (const [k, q] of received) {
      const [dealerId, sku] = k.split('|');
      const h = healthOf(dealerId, sku)!;
      expect(h.position + q).toBeLessThanOrEqual(h.reorderPoint);
    }
    for (const [k, q] of sent) {
      const [dealerId, sku] = k.split('|');
      const h = healthOf(dealerId, sku)!;
      expect(h.onHand - q).toBeGreaterThanOrEqual(h.safetyStock);
      expect(h.position - q).toBeGreaterThanOrEqual(h.orderUpTo);
    }
  });

  it('proposes VMI replenishment with the reorder point and order-up-to of stock health', async () => {
    const vmi = dealers.filter((d) => d.vmi);
    let lines = 0;
    for (const d of vmi) {
      const res = await send('POST', '/api/v1/vmi/proposals/generate', { dealerId: d.id });
      expect(res.statusCode, res.body).toBe(200);
      const [proposal] = (res.json() as { created: VmiProposal[] }).created;
      const bySku = new Map((proposal?.lines ?? []).map((l) => [l.sku, l]));
      for (const p of products) {
        const h = healthOf(d.id, p.sku)!;
        const line = bySku.get(p.sku);
        if (!SHORT.has(h.level ?? '')) {
          expect(line, `${d.code} ${p.sku} is ${h.level}: nothing to order`).toBeUndefined();
          continue;
        }
        lines++;
        expect(line, `${d.code} ${p.sku} is ${h.level}`).toBeDefined();
        expect({ ss: line!.safetyStock, rop: line!.reorderPoint, max: line!.targetLevel, onHand: line!.onHand, inTransit: line!.inTransit, quantity: line!.quantity }).toEqual({
          ss: h.safetyStock,
          rop: h.reorderPoint,
          max: h.orderUpTo,
          onHand: h.onHand,
          inTransit: h.onOrder,
          quantity: h.suggestedQuantity,
        });
      }
    }
    expect(lines).toBeGreaterThan(0);
  });
});
