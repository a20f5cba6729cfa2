import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

describe('dealer stock', () => {
  let t: TestApp;
  let admin: string;
  let widget: Product;
  let gadget: Product;
  let bolt: Product;
  let dealer: Dealer;
  let dealerUser: string;

  const post = (url: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const stock = async (dealerId: string) =>
    Object.fromEntries(((await get(`/api/v1/inventory/stock?dealerId=${dealerId}`, admin)).json().items as { sku: string; onHand: number }[]).map((i) => [i.sku, i.onHand]));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    widget = await product(t, { sku: 'INV-WIDGET' });
    gadget = await product(t, { sku: 'INV-GADGET' });
    bolt = await product(t, { sku: 'INV-BOLT' });
    dealer = await t.dealer({ creditLimitFen: 100_000_000 });
    dealerUser = await t.loginAs('dealer_admin', { dealerId: dealer.id });
    // Receive 20 widgets and 10 gadgets, then sell 5 widgets.
    const o = (
      await post('/api/v1/orders', dealerUser, {
        dealerId: dealer.id,
        lines: [
          { sku: widget.sku, quantity: 20 },
          { sku: gadget.sku, quantity: 10 },
        ],
      })
    ).json();
    await post(`/api/v1/orders/${o.id}/transitions`, admin, { to: 'approved' });
    await post(`/api/v1/orders/${o.id}/shipments`, admin, {
      lines: [
        { sku: widget.sku, quantity: 20 },
        { sku: gadget.sku, quantity: 10 },
      ],
    });
    await post(`/api/v1/orders/${o.id}/transitions`, dealerUser, { to: 'received' });
    await post('/api/v1/sellout', dealerUser, { dealerId: dealer.id, lines: [{ date: '2026-11-19', sku: widget.sku, quantity: 5, amountFen: 60_000 }] });
  });
  afterAll(async () => t?.close());

  it('follows receipts and sell-out', async () => {
    expect(await stock(dealer.id)).toEqual({ [widget.sku]: 15, [gadget.sku]: 10 });
    const movements = (await get(`/api/v1/inventory/movements?dealerId=${dealer.id}`, dealerUser)).json().items;
    expect(movements.map((m: { kind: string; quantity: number }) => `${m.kind}:${m.quantity}`).sort()).toEqual(['receipt:10', 'receipt:20', 'sellout:-5']);
  });

  it('reconciles a snapshot: records each difference as an adjustment and returns the differences', async () => {
    const res = await post('/api/v1/inventory/snapshots', dealerUser, {
      dealerId: dealer.id,
      takenAt: '2026-11-20T02:00:00Z',
      items: [
        { sku: widget.sku, quantity: 13 },
        { sku: gadget.sku, quantity: 10 },
        { sku: bolt.sku, quantity: 4 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toEqual([
      { sku: widget.sku, countedQuantity: 13, bookQuantity: 15, differenceQuantity: -2 },
      { sku: gadget.sku, countedQuantity: 10, bookQuantity: 10, differenceQuantity: 0 },
      { sku: bolt.sku, countedQuantity: 4, bookQuantity: 0, differenceQuantity: 4 },
    ]);
    expect(await stock(dealer.id)).toEqual({ [widget.sku]: 13, [gadget.sku]: 10, [bolt.sku]: 4 });
  });

  it('compares the count with the book as of takenAt', async () => {
    // A count taken before the receipt (the order arrived at 02:00) finds none of it on the books.
    const res = await post('/api/v1/inventory/snapshots', admin, { dealerId: dealer.id, takenAt: '2026-11-18T12:00:00Z', items: [{ sku: gadget.sku, quantity: 1 }] });
    expect(res.json().items[0]).toEqual({ sku: gadget.sku, countedQuantity: 1, bookQuantity: 0, differenceQuantity: 1 });
    expect((await stock(dealer.id))[gadget.sku]).toBe(11);
  });

  it('replays an idempotent snapshot and refuses bad ones', async () => {
    const body = { dealerId: dealer.id, takenAt: '2026-11-20T02:00:00Z', items: [{ sku: bolt.sku, quantity: 6 }] };
    const first = await post('/api/v1/inventory/snapshots', dealerUser, body, { 'idempotency-key': 'count-1' });
    const again = await post('/api/v1/inventory/snapshots', dealerUser, body, { 'idempotency-key': 'count-1' });
    expect(again.json()).toEqual(first.json());
    expect((await stock(dealer.id))[bolt.sku]).toBe(6);
    const unknown = await post('/api/v1/inventory/snapshots', dealerUser, {
      ...body,
      items: [
        { sku: bolt.sku, quantity: 1 },
        { sku: 'NOPE', quantity: 1 },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: '/items/1/sku', message: 'is not a known SKU (NOPE)' }]);
    expect((await post('/api/v1/inventory/snapshots', dealerUser, { ...body, takenAt: '2027-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await post('/api/v1/inventory/snapshots', dealerUser, { ...body, items: [{ sku: bolt.sku, quantity: -1 }] })).statusCode).toBe(400);
    const other = await t.dealer();
    expect((await post('/api/v1/inventory/snapshots', dealerUser, { ...body, dealerId: other.id })).statusCode).toBe(403);
  });

  it("keeps other dealers' stock out of a dealer user's view", async () => {
    const other = await t.dealer();
    await post('/api/v1/inventory/snapshots', admin, { dealerId: other.id, takenAt: '2026-11-20T02:00:00Z', items: [{ sku: widget.sku, quantity: 9 }] });
    const mine = (await get('/api/v1/inventory/stock?limit=500', dealerUser)).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i: { dealerId: string }) => i.dealerId === dealer.id)).toBe(true);
    expect((await get(`/api/v1/inventory/stock?dealerId=${other.id}`, dealerUser)).json().items).toEqual([]);
    // Paging by (dealer, sku) walks every row once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { dealerId: string; sku: string }[]; nextCursor: string | null } = (
        await get(`/api/v1/inventory/stock?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin)
      ).json();
      seen.push(...page.items.map((i) => `${i.dealerId}/${i.sku}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(4);
    const xlsx = await get('/api/v1/inventory/stock?format=xlsx', admin);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a stock count for a dealer that no longer trades and records no adjustment', async () => {
    const gone = await t.dealer({ creditLimitFen: 0 });
    await t.system.db.updateTable('dealers').set({ status: 'terminated' }).where('id', '=', gone.id).execute();
    const res = await post('/api/v1/inventory/snapshots', admin, { dealerId: gone.id, takenAt: '2026-11-18T12:00:00Z', items: [{ sku: widget.sku, quantity: 5 }] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'BUSINESS_RULE', dealerStatus: 'terminated' });
    const moves = await t.system.db.selectFrom('stock_movements').select('id').where('dealer_id', '=', gone.id).execute();
    expect(moves).toHaveLength(0);
  });
});
