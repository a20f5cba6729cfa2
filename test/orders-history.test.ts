// The demo history (seedHistory): consistent with the rules the API enforces, and deterministic.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, prng, seedDemo } from '../src/server/seed/demo.js';
import { seedHistory, type HistorySummary } from '../src/server/seed/history.js';
import { simulate } from '../src/server/seed/history.model.js';
import { createTestApp, cookieOf, type TestApp } from './helpers/app.js';

describe('demo history', () => {
  let t: TestApp;
  let summary: HistorySummary;
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.system.db)).rows;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.system.db, t.clock);
    summary = await seedHistory(t.system.db, t.clock, { months: 6 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('creates orders, shipments, payments, sell-out and stock for the trading dealers', () => {
    expect(summary.dealers).toBeGreaterThan(100);
    expect(summary.orders).toBeGreaterThan(summary.dealers * 6);
    expect(summary.shipments).toBeGreaterThan(summary.orders * 0.9);
    expect(summary.payments).toBeGreaterThan(summary.dealers);
    expect(summary.selloutRows).toBeGreaterThan(summary.orders);
  });

  it('keeps every total the sum of its lines and every allocation within its documents', async () => {
    expect(
      await rows(
        sql`select o.id from orders o where o.total_fen <> (select sum(amount_fen) from order_lines l where l.order_id = o.id) or o.subtotal_fen <> (select sum(quantity * unit_price_fen) from order_lines l where l.order_id = o.id)`,
      ),
    ).toEqual([]);
    expect(await rows(sql`select s.id from shipments s where s.amount_fen <> (select sum(amount_fen) from shipment_lines l where l.shipment_id = s.id)`)).toEqual([]);
    expect(await rows(sql`select o.id from orders o where (select coalesce(sum(amount_fen), 0) from shipments s where s.order_id = o.id) > o.total_fen`)).toEqual([]);
    expect(
      await rows(
        sql`select e.id from receivable_entries e where abs(e.amount_fen) < (select coalesce(sum(a.amount_fen), 0) from receivable_allocations a where a.invoice_id = e.id or a.credit_id = e.id)`,
      ),
    ).toEqual([]);
    expect(
      await rows(sql`select l.order_id from order_lines l where l.quantity < (select coalesce(sum(quantity), 0) from shipment_lines s where s.order_id = l.order_id and s.line_no = l.line_no)`),
    ).toEqual([]);
  });

  it('leaves the API working on top: a demo dealer orders within its credit and numbers continue', async () => {
    const login = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dealer.admin', password: DEMO_PASSWORD } });
    const cookie = cookieOf(login);
    const me = (await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().user;
    const receivables = (await t.inject({ method: 'GET', url: `/api/v1/dealers/${me.dealerId}/receivables`, headers: { cookie } })).json();
    expect(receivables.creditHold).toBe(false);
    const ledger = await rows<{ balance: number }>(sql`select coalesce(sum(amount_fen), 0) as balance from receivable_entries where dealer_id = ${me.dealerId}`);
    expect(receivables.openFen).toBe(Number(ledger[0].balance));
    const sku = (await t.system.db.selectFrom('products').select('sku').where('active', '=', 1).orderBy('sku').executeTakeFirstOrThrow()).sku;
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ dealerId: me.dealerId, lines: [{ sku, quantity: 1 }] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const seeded = await rows<{ n: number }>(sql`select count(*) as n from orders where number like 'PO202611-%' and created_by = 'demo-seed'`);
    expect(res.json().number).toBe(`PO202611-${String(Number(seeded[0].n) + 1).padStart(6, '0')}`);
  });

  it('is deterministic', () => {
    const input = (seed: number) => ({
      today: '2026-11-20',
      weeks: 26,
      dealers: [
        { id: 'a', code: 'A', level: 1, parentId: null, tier: 'gold', status: 'active', creditLimitFen: 50_000_000, termDays: 30, showcase: false },
        { id: 'b', code: 'B', level: 2, parentId: 'a', tier: 'bronze', status: 'active', creditLimitFen: 5_000_000, termDays: 30, showcase: false },
      ],
      products: [1, 2, 3, 4, 5, 6, 7].map((i) => ({ id: `p${i}`, listPriceFen: i * 10_000, retailPriceFen: i * 12_000 })),
      priceOf: (_tier: string, id: string) => Number(id.slice(1)) * 9_000,
      rand: prng(seed),
    });
    const a = simulate(input(7));
    const b = simulate(input(7));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.orders.length).toBeGreaterThan(5);
    expect(a.sales.some((s) => s.source === 'sub_dealer_order' && s.dealerId === 'a')).toBe(true);
  });
});
