import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Order, Product } from '../src/shared/schemas/index.js';
import { createPriceList, updatePriceList } from '../src/server/modules/price-lists/price-lists.service.js';
import { updateProduct } from '../src/server/modules/products/products.service.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { orderOfDealer, product } from './helpers/orders.js';

const DAY = 86_400_000;

describe('orders', () => {
  let t: TestApp;
  let admin: string;
  let widget: Product; // list 10,000 fen; gold override 8,000
  let gadget: Product; // list 25,000 fen; no override
  let gold: Dealer;
  let goldUser: string;

  const post = (url: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const order = (cookie: string, dealerId: string, lines: { sku: string; quantity: number }[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post('/api/v1/orders', cookie, { dealerId, lines, ...extra }, headers);
  const move = (cookie: string, id: string, to: string, extra: Record<string, unknown> = {}) => post(`/api/v1/orders/${id}/transitions`, cookie, { to, ...extra });
  const ship = (cookie: string, id: string, lines: unknown[]) => post(`/api/v1/orders/${id}/shipments`, cookie, { lines });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    widget = await product(t, { listPriceFen: 10_000 });
    gadget = await product(t, { listPriceFen: 25_000 });
    await createPriceList(t.system, { name: 'gold 2026', tier: 'gold', effectiveFrom: '2026-01-01', items: [{ sku: widget.sku, priceFen: 8_000 }] });
    gold = await t.dealer({ tier: 'gold', creditLimitFen: 100_000_000, paymentTermDays: 30 });
    goldUser = await t.loginAs('dealer_staff', { dealerId: gold.id });
  });
  afterAll(async () => t?.close());

  describe('pricing', () => {
    it('prices each line from the tier price list in force, else the list price, and numbers the order', async () => {
      const res = await order(goldUser, gold.id, [
        { sku: widget.sku, quantity: 3 },
        { sku: gadget.sku, quantity: 2 },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json() as Order;
      expect(o.number).toMatch(/^PO202611-\d{6}$/);
      expect(o.status).toBe('submitted');
      expect(o.lines.map((l) => [l.sku, l.quantity, l.unitPriceFen, l.amountFen])).toEqual([
        [widget.sku, 3, 8_000, 24_000],
        [gadget.sku, 2, 25_000, 50_000],
      ]);
      expect(o.totalFen).toBe(74_000);
      expect(o.subtotalFen).toBe(74_000);
    });

    it('never changes an existing order when prices change later', async () => {
      const first = (await order(goldUser, gold.id, [{ sku: gadget.sku, quantity: 1 }])).json() as Order;
      await updateProduct(t.system, gadget.id, { listPriceFen: 30_000 });
      const lists = await t.system.db.selectFrom('price_lists').select('id').where('tier', '=', 'gold').execute();
      await updatePriceList(t.system, lists[0].id, { items: [{ sku: widget.sku, priceFen: 7_000 }] });
      const again = (await get(`/api/v1/orders/${first.id}`, goldUser)).json() as Order;
      expect(again.lines[0].unitPriceFen).toBe(25_000);
      expect(again.totalFen).toBe(25_000);
      const next = (await order(goldUser, gold.id, [{ sku: gadget.sku, quantity: 1 }])).json() as Order;
      expect(next.lines[0].unitPriceFen).toBe(30_000);
      await updateProduct(t.system, gadget.id, { listPriceFen: 25_000 });
      await updatePriceList(t.system, lists[0].id, { items: [{ sku: widget.sku, priceFen: 8_000 }] });
    });

    it('names unknown, inactive and repeated SKUs by line', async () => {
      const old = await product(t, { active: false });
      const res = await order(goldUser, gold.id, [
        { sku: widget.sku, quantity: 1 },
        { sku: 'NO-SUCH-SKU', quantity: 1 },
        { sku: old.sku, quantity: 1 },
        { sku: widget.sku, quantity: 2 },
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/lines/1/sku', '/lines/2/sku', '/lines/3/sku']);
    });

    it('refuses malformed bodies with 400, never 500', async () => {
      for (const body of [
        {},
        { dealerId: gold.id, lines: [] },
        { dealerId: gold.id, lines: [{ sku: widget.sku, quantity: '2' }] },
        { dealerId: gold.id, lines: [{ sku: widget.sku, quantity: 1 }], extra: 1 },
        [1, 2],
      ]) {
        const res = await post('/api/v1/orders', goldUser, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
    });
  });

  describe('promotions', () => {
    it('gives the threshold discount, spreads it over the lines, and never overspends its budget under concurrency', async () => {
      const dealer = await t.dealer({ tier: 'silver', creditLimitFen: 100_000_000 });
      const promo = await post('/api/v1/promotions', admin, {
        name: '满1000减150',
        tier: 'silver',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        thresholdFen: 100_000,
        discountFen: 15_000,
        budgetFen: 100_000,
      });
      expect(promo.statusCode, promo.body).toBe(201);
      const below = (await order(admin, dealer.id, [{ sku: gadget.sku, quantity: 3 }])).json() as Order;
      expect(below.discountFen).toBe(0);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          order(admin, dealer.id, [
            { sku: gadget.sku, quantity: 3 },
            { sku: widget.sku, quantity: 4 },
          ]),
        ),
      );
      const orders = results.map((r) => r.json() as Order);
      for (const o of orders) {
        expect(o.totalFen).toBe(o.lines.reduce((s, l) => s + l.amountFen, 0));
        expect(o.discountFen).toBe(o.lines.reduce((s, l) => s + l.discountFen, 0));
        expect(o.subtotalFen).toBe(o.lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0));
      }
      const given = orders.reduce((s, o) => s + o.discountFen, 0);
      expect(given).toBe(100_000); // 6 x 15,000 + one capped at 10,000, then nothing
      expect(orders.filter((o) => o.discountFen === 15_000)).toHaveLength(6);
      const after = (await get(`/api/v1/promotions/${promo.json().id}`, admin)).json();
      expect(after.usedFen).toBe(100_000);
      expect(after.remainingFen).toBe(0);
      // Cancelling an order gives its discount back to the budget.
      const discounted = orders.find((o) => o.discountFen === 15_000)!;
      expect((await move(admin, discounted.id, 'cancelled', { reason: 'duplicate' })).statusCode).toBe(200);
      expect((await get(`/api/v1/promotions/${promo.json().id}`, admin)).json().usedFen).toBe(85_000);
    });

    it('takes a rate discount and refuses a promotion with both or neither discount', async () => {
      const both = await post('/api/v1/promotions', admin, { name: 'x', startsOn: '2026-11-01', endsOn: '2026-11-30', thresholdFen: 1, discountFen: 1, discountRate: 0.1, budgetFen: 1 });
      expect(both.statusCode).toBe(400);
      const dealer = await t.dealer({ tier: 'bronze', creditLimitFen: 100_000_000 });
      const promo = await post('/api/v1/promotions', admin, { name: '9折', tier: 'bronze', startsOn: '2026-11-20', endsOn: '2026-11-20', thresholdFen: 0, discountRate: 0.1, budgetFen: 1_000_000 });
      const o = (
        await order(admin, dealer.id, [
          { sku: widget.sku, quantity: 1 },
          { sku: gadget.sku, quantity: 1 },
        ])
      ).json() as Order;
      expect(o.subtotalFen).toBe(35_000);
      expect(o.discountFen).toBe(3_500);
      expect(o.totalFen).toBe(31_500);
      expect(o.lines.map((l) => l.discountFen)).toEqual([1_000, 2_500]);
      const off = await t.inject({
        method: 'PATCH',
        url: `/api/v1/promotions/${promo.json().id}`,
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: JSON.stringify({ active: false }),
      });
      expect(off.json().active).toBe(false);
    });
  });

  describe('credit', () => {
    it('lets 20 parallel orders against one limit never exceed it together', async () => {
      const dealer = await t.dealer({ creditLimitFen: 1_000_000 });
      const cookie = await t.loginAs('dealer_admin', { dealerId: dealer.id });
      const results = await Promise.all(Array.from({ length: 20 }, () => order(cookie, dealer.id, [{ sku: gadget.sku, quantity: 6 }]))); // 150,000 each
      const accepted = results.filter((r) => r.statusCode === 201);
      const refused = results.filter((r) => r.statusCode !== 201);
      expect(accepted).toHaveLength(6);
      for (const r of refused) {
        expect(r.statusCode, r.body).toBe(422);
        expect(r.json().code).toBe('CREDIT_LIMIT_EXCEEDED');
        expect(r.json().shortfallFen).toBe(50_000);
      }
      const total = accepted.reduce((s, r) => s + (r.json() as Order).totalFen, 0);
      expect(total).toBeLessThanOrEqual(1_000_000);
      const summary = (await get(`/api/v1/dealers/${dealer.id}/receivables`, cookie)).json();
      expect(summary.openOrdersFen).toBe(900_000);
      expect(summary.availableCreditFen).toBe(100_000);
    });

    it('refuses with the shortfall, and lets only an HQ admin override with a reason (audited)', async () => {
      const dealer = await t.dealer({ creditLimitFen: 100_000 });
      const cookie = await t.loginAs('dealer_admin', { dealerId: dealer.id });
      const over = await order(cookie, dealer.id, [{ sku: gadget.sku, quantity: 5 }]);
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED', shortfallFen: 25_000, creditLimitFen: 100_000, orderFen: 125_000 });
      const byDealer = await order(cookie, dealer.id, [{ sku: gadget.sku, quantity: 5 }], { creditOverride: { reason: 'please' } });
      expect(byDealer.statusCode).toBe(403);
      const byAdmin = await order(admin, dealer.id, [{ sku: gadget.sku, quantity: 5 }], { creditOverride: { reason: '年底冲量，总经理批准' } });
      expect(byAdmin.statusCode, byAdmin.body).toBe(201);
      expect(byAdmin.json().creditOverrideReason).toBe('年底冲量，总经理批准');
      const audit = await get(`/api/v1/audit?entityType=order&entityId=${byAdmin.json().id}`, admin);
      expect(audit.statusCode, audit.body).toBe(200);
      expect(JSON.stringify(audit.json())).toContain('年底冲量');
      // Approval checks again: the order is over the limit, so a regional manager cannot approve it.
      const manager = await t.loginAs('regional_manager', { regionCodes: ['110000'] });
      const approve = await move(admin, byAdmin.json().id, 'approved');
      expect(approve.statusCode).toBe(422);
      const overridden = await move(admin, byAdmin.json().id, 'approved', { creditOverride: { reason: '同上' } });
      expect(overridden.statusCode, overridden.body).toBe(200);
      expect(manager).toBeTruthy();
    });

    it('puts a dealer with invoices more than 90 days overdue on credit hold (a setting)', async () => {
      const dealer = await t.dealer({ creditLimitFen: 10_000_000, paymentTermDays: 30 });
      const id = await orderOfDealer(t, dealer.id, [{ sku: widget.sku, quantity: 1 }]);
      expect((await move(admin, id, 'approved')).statusCode).toBe(200);
      expect((await ship(admin, id, [{ sku: widget.sku, quantity: 1 }])).statusCode).toBe(201);
      const start = t.clock.now();
      try {
        t.clock.set(new Date(start.getTime() + 120 * DAY)); // due at +30: 90 days overdue, not yet on hold
        expect((await order(await t.loginAs('hq_admin'), dealer.id, [{ sku: widget.sku, quantity: 1 }])).statusCode).toBe(201);
        t.clock.set(new Date(start.getTime() + 121 * DAY));
        const admin = await t.loginAs('hq_admin'); // sessions expire while the clock moves
        const held = await order(admin, dealer.id, [{ sku: widget.sku, quantity: 1 }]);
        expect(held.statusCode).toBe(422);
        expect(held.json()).toMatchObject({ code: 'BUSINESS_RULE', rule: 'CREDIT_HOLD', oldestDaysPastDue: 91, holdDays: 90 });
        expect((await get(`/api/v1/dealers/${dealer.id}/receivables`, admin)).json().creditHold).toBe(true);
        // The trade rules document (src/server/modules/orders/orders.settings.ts), written as a hand edit would.
        await t.system.db
          .insertInto('settings')
          .values({ key: 'orders.trade', value: JSON.stringify({ creditHoldOverdueDays: 120 }), updated_at: new Date().toISOString() })
          .execute();
        expect((await order(admin, dealer.id, [{ sku: widget.sku, quantity: 1 }])).statusCode).toBe(201);
        await t.system.db.deleteFrom('settings').where('key', '=', 'orders.trade').execute();
        expect((await order(admin, dealer.id, [{ sku: widget.sku, quantity: 1 }], { creditOverride: { reason: '已承诺本周回款' } })).statusCode).toBe(201);
      } finally {
        t.clock.set(start);
      }
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body, and refuses the key with another body', async () => {
      const body = [{ sku: widget.sku, quantity: 2 }];
      const key = { 'idempotency-key': 'erp-order-0001' };
      const first = await order(goldUser, gold.id, body, {}, key);
      expect(first.statusCode).toBe(201);
      const again = await order(goldUser, gold.id, body, {}, key);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await order(goldUser, gold.id, [{ sku: widget.sku, quantity: 3 }], {}, key);
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
      const count = await t.system.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dealer_id', '=', gold.id)
        .where('total_fen', '=', 16_000)
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(1);
    });

    it('runs concurrent duplicates once', async () => {
      const dealer = await t.dealer({ creditLimitFen: 100_000_000 });
      const key = { 'idempotency-key': `race-${dealer.id}` };
      const results = await Promise.all(Array.from({ length: 8 }, () => order(admin, dealer.id, [{ sku: gadget.sku, quantity: 1 }], {}, key)));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      const rows = await t.system.db.selectFrom('orders').select('id').where('dealer_id', '=', dealer.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps keys per caller', async () => {
      const key = { 'idempotency-key': 'shared-key' };
      const a = await order(goldUser, gold.id, [{ sku: widget.sku, quantity: 1 }], {}, key);
      const b = await order(admin, gold.id, [{ sku: widget.sku, quantity: 1 }], {}, key);
      expect(a.statusCode).toBe(201);
      expect(b.statusCode).toBe(201);
      expect(a.json().id).not.toBe(b.json().id);
    });
  });

  describe('lifecycle, shipments and returns', () => {
    it('moves submitted -> approved -> partially shipped -> shipped -> received -> closed and refuses wrong moves with 409', async () => {
      const res = await order(goldUser, gold.id, [
        { sku: widget.sku, quantity: 10 },
        { sku: gadget.sku, quantity: 3 },
      ]);
      const o = res.json() as Order;
      expect((await move(admin, o.id, 'shipped')).statusCode).toBe(409);
      expect((await move(admin, o.id, 'received')).json().code).toBe('INVALID_TRANSITION');
      expect((await move(goldUser, o.id, 'approved')).statusCode).toBe(403);
      expect((await ship(admin, o.id, [{ sku: widget.sku, quantity: 1 }])).statusCode).toBe(409);
      expect((await move(admin, o.id, 'approved')).json().status).toBe('approved');

      const first = await ship(admin, o.id, [{ sku: widget.sku, quantity: 3, batchNo: 'B2611A' }]);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ orderStatus: 'partially_shipped', amountFen: 24_000, invoice: { amountFen: 24_000, dueOn: '2026-12-20' } });
      const tooMany = await ship(admin, o.id, [{ sku: widget.sku, quantity: 8 }]);
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json().errors[0]).toEqual({ path: '/lines/0/quantity', message: `exceeds the 7 units of ${widget.sku} left to ship` });
      expect((await ship(admin, o.id, [{ sku: 'NOT-ON-ORDER', quantity: 1 }])).statusCode).toBe(400);
      const second = await ship(admin, o.id, [
        { sku: widget.sku, quantity: 4 },
        { sku: widget.sku, quantity: 3, batchNo: 'B2611B' },
        { sku: gadget.sku, quantity: 3 },
      ]);
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json().orderStatus).toBe('shipped');
      const shipped = (await get(`/api/v1/orders/${o.id}`, goldUser)).json() as Order;
      expect(shipped.shippedFen).toBe(shipped.totalFen);
      expect(shipped.lines.map((l) => l.shippedQuantity)).toEqual([10, 3]);
      expect((await move(goldUser, o.id, 'received')).json().status).toBe('received');
      expect((await move(goldUser, o.id, 'closed')).statusCode).toBe(403);
      expect((await move(admin, o.id, 'closed')).json().status).toBe('closed');
      const events = (await get(`/api/v1/orders/${o.id}/events`, goldUser)).json().items.map((e: { toStatus: string }) => e.toStatus);
      expect(events).toEqual(['submitted', 'approved', 'partially_shipped', 'shipped', 'received', 'closed']);
      expect((await get(`/api/v1/orders/${o.id}/shipments`, goldUser)).json().items).toHaveLength(2);
      const stock = (await get(`/api/v1/inventory/stock?dealerId=${gold.id}&sku=${widget.sku}`, goldUser)).json();
      expect(stock.items[0].onHand).toBeGreaterThanOrEqual(10);
    });

    it('never ships more than was ordered, even with parallel shipments', async () => {
      const o = (await order(admin, gold.id, [{ sku: gadget.sku, quantity: 10 }])).json() as Order;
      await move(admin, o.id, 'approved');
      const results = await Promise.all(Array.from({ length: 8 }, () => ship(admin, o.id, [{ sku: gadget.sku, quantity: 2 }])));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect([409, 422]).toContain(r.statusCode);
      const after = (await get(`/api/v1/orders/${o.id}`, admin)).json() as Order;
      expect(after.status).toBe('shipped');
      expect(after.lines[0].shippedQuantity).toBe(10);
      expect(after.shippedFen).toBe(after.totalFen);
      const invoiced = await t.system.db.selectFrom('receivable_entries').select('amount_fen').where('order_id', '=', o.id).where('kind', '=', 'invoice').execute();
      expect(invoiced.reduce((s, e) => s + Number(e.amount_fen), 0)).toBe(after.totalFen);
    });

    it('lets a dealer cancel its own submitted order but not an approved one', async () => {
      const o = (await order(goldUser, gold.id, [{ sku: widget.sku, quantity: 1 }])).json() as Order;
      expect((await move(goldUser, o.id, 'cancelled')).json().status).toBe('cancelled');
      expect((await move(goldUser, o.id, 'approved')).statusCode).toBe(409);
      const p = (await order(goldUser, gold.id, [{ sku: widget.sku, quantity: 1 }])).json() as Order;
      await move(admin, p.id, 'approved');
      expect((await move(goldUser, p.id, 'cancelled')).statusCode).toBe(403);
      expect((await move(admin, p.id, 'cancelled')).json().status).toBe('cancelled');
    });

    it('binds unit codes to the receiving dealer, unique system-wide, naming the first duplicate', async () => {
      const o = (await order(admin, gold.id, [{ sku: widget.sku, quantity: 5 }])).json() as Order;
      await move(admin, o.id, 'approved');
      const inRequest = await ship(admin, o.id, [{ sku: widget.sku, quantity: 3, codes: ['C-1', 'C-2', 'C-1'] }]);
      expect(inRequest.statusCode).toBe(409);
      expect(inRequest.json()).toMatchObject({ code: 'CONFLICT', duplicateCode: 'C-1' });
      const wrongCount = await ship(admin, o.id, [{ sku: widget.sku, quantity: 3, codes: ['C-1'] }]);
      expect(wrongCount.statusCode).toBe(400);
      expect((await ship(admin, o.id, [{ sku: widget.sku, quantity: 2, codes: ['C-1', 'C-2'] }])).statusCode).toBe(201);
      const again = await ship(admin, o.id, [{ sku: widget.sku, quantity: 3, codes: ['C-3', 'C-2', 'C-1'] }]);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CONFLICT');
      expect(again.json().duplicateCode).toBe('C-2');
      const codes = await t.system.db.selectFrom('unit_codes').selectAll().where('code', 'in', ['C-1', 'C-2', 'C-3']).orderBy('code').execute();
      expect(codes.map((c) => [c.code, c.dealer_id])).toEqual([
        ['C-1', gold.id],
        ['C-2', gold.id],
      ]);
      // Nothing of the refused shipment remains.
      expect((await get(`/api/v1/orders/${o.id}`, admin)).json().lines[0].shippedQuantity).toBe(2);
    });

    it('accepts 100,000 codes in one shipment', async () => {
      const dealer = await t.dealer({ creditLimitFen: 100_000_000_000 });
      const o = (await order(admin, dealer.id, [{ sku: widget.sku, quantity: 100_000 }], { creditOverride: { reason: 'bulk' } })).json() as Order;
      await move(admin, o.id, 'approved', { creditOverride: { reason: 'bulk' } });
      const codes = Array.from({ length: 100_000 }, (_, i) => `HR${dealer.code}${String(i).padStart(8, '0')}`);
      const started = Date.now();
      const res = await ship(admin, o.id, [{ sku: widget.sku, quantity: 100_000, batchNo: 'BIG', codes }]);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      expect(res.json().codeCount).toBe(100_000);
      const n = await t.system.db
        .selectFrom('unit_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dealer_id', '=', dealer.id)
        .executeTakeFirst();
      expect(Number(n?.n)).toBe(100_000);
      expect(Date.now() - started).toBeLessThan(30_000);
    }, 60_000);

    it('takes returns of delivered goods with a reason, as a credit note', async () => {
      const dealer = await t.dealer({ creditLimitFen: 100_000_000, paymentTermDays: 30 });
      const o = (await order(admin, dealer.id, [{ sku: widget.sku, quantity: 3 }])).json() as Order; // 3 x 10,000
      expect((await post(`/api/v1/orders/${o.id}/returns`, admin, { reason: '破损', lines: [{ sku: widget.sku, quantity: 1 }] })).statusCode).toBe(409);
      await move(admin, o.id, 'approved');
      await ship(admin, o.id, [{ sku: widget.sku, quantity: 3 }]);
      await move(admin, o.id, 'received');
      const ret = await post(`/api/v1/orders/${o.id}/returns`, admin, { reason: '运输破损', lines: [{ sku: widget.sku, quantity: 2 }] });
      expect(ret.statusCode, ret.body).toBe(201);
      expect(ret.json()).toMatchObject({ amountFen: 20_000, reason: '运输破损', creditNote: { amountFen: 20_000 } });
      expect(ret.json().number).toMatch(/^RT202611-\d{6}$/);
      const tooMany = await post(`/api/v1/orders/${o.id}/returns`, admin, { reason: 'x', lines: [{ sku: widget.sku, quantity: 2 }] });
      expect(tooMany.statusCode).toBe(422);
      const summary = (await get(`/api/v1/dealers/${dealer.id}/receivables`, admin)).json();
      expect(summary.openFen).toBe(10_000);
      expect(summary.invoices[0].openFen).toBe(10_000);
      const stock = (await get(`/api/v1/inventory/stock?dealerId=${dealer.id}`, admin)).json();
      expect(stock.items).toEqual([expect.objectContaining({ sku: widget.sku, onHand: 1 })]);
      expect((await get(`/api/v1/orders/${o.id}`, admin)).json().lines[0].returnedQuantity).toBe(2);
      const dealerUser = await t.loginAs('dealer_admin', { dealerId: dealer.id });
      expect((await post(`/api/v1/orders/${o.id}/returns`, dealerUser, { reason: 'x', lines: [{ sku: widget.sku, quantity: 1 }] })).statusCode).toBe(403);
    });
  });

  describe('access', () => {
    it("does not let a dealer user see or create another dealer's orders", async () => {
      const other = await t.dealer({ creditLimitFen: 100_000_000 });
      const otherOrder = await orderOfDealer(t, other.id);
      expect((await get(`/api/v1/orders/${otherOrder}`, goldUser)).statusCode).toBe(404);
      expect((await get(`/api/v1/orders/${otherOrder}/shipments`, goldUser)).statusCode).toBe(404);
      expect((await move(goldUser, otherOrder, 'cancelled')).statusCode).toBe(404);
      const create = await order(goldUser, other.id, [{ sku: widget.sku, quantity: 1 }]);
      expect(create.statusCode).toBe(403);
      const list = (await get('/api/v1/orders?limit=500', goldUser)).json();
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((o: Order) => o.dealerId === gold.id)).toBe(true);
      const filtered = (await get(`/api/v1/orders?dealerId=${other.id}`, goldUser)).json();
      expect(filtered.items).toEqual([]);
      expect((await get(`/api/v1/dealers/${other.id}/receivables`, goldUser)).statusCode).toBe(404);
    });

    it('exports the order list as Excel', async () => {
      const res = await get('/api/v1/orders?format=xlsx', admin);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    });
  });
});
