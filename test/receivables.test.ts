import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

describe('receivables', () => {
  let t: TestApp;
  let widget: Product; // 10,000 fen
  let dealer: Dealer;
  const start = new Date('2026-11-20T02:00:00.000Z');

  // One admin, signed in again only when the clock has jumped past its session.
  let admin: { cookie: string; at: number } | null = null;
  async function adminCookie() {
    const now = t.clock.now().getTime();
    if (!admin || now - admin.at > 6 * 3600_000 || now < admin.at) admin = { cookie: await t.loginAs('hq_admin'), at: now };
    return admin.cookie;
  }
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.inject({
      method,
      url,
      headers: { cookie: await adminCookie(), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  /** An order of `units` widgets, approved and shipped on `date` (one invoice, due date + 30). */
  async function invoiceOn(date: string, units: number) {
    t.clock.set(new Date(`${date}T02:00:00.000Z`));
    const o = await call('POST', '/api/v1/orders', { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: units }] });
    expect(o.statusCode, o.body).toBe(201);
    expect((await call('POST', `/api/v1/orders/${o.json().id}/transitions`, { to: 'approved' })).statusCode).toBe(200);
    const s = await call('POST', `/api/v1/orders/${o.json().id}/shipments`, { lines: [{ sku: widget.sku, quantity: units }] });
    expect(s.statusCode, s.body).toBe(201);
    return s.json().invoice as { id: string; docNo: string; amountFen: number; dueOn: string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    widget = await product(t, { listPriceFen: 10_000 });
    dealer = await t.dealer({ creditLimitFen: 100_000_000, paymentTermDays: 30 });
  });
  afterAll(async () => t?.close());

  it('applies payments to the oldest invoices first and ages the rest by days past due', async () => {
    // Newest first, so no earlier invoice is overdue enough to put the dealer on credit hold.
    const d = await invoiceOn('2026-11-20', 4); // due 12-20
    const c = await invoiceOn('2026-09-15', 3); // due 10-15
    const b = await invoiceOn('2026-08-01', 2); // due 08-31
    const a = await invoiceOn('2026-07-01', 1); // due 07-31
    expect([a.dueOn, b.dueOn, c.dueOn, d.dueOn]).toEqual(['2026-07-31', '2026-08-31', '2026-10-15', '2026-12-20']);
    t.clock.set(start);

    const before = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json();
    expect(before.openFen).toBe(100_000);
    expect(before.buckets).toEqual({ '0-30': 40_000, '31-60': 30_000, '61-90': 20_000, '90+': 10_000 });
    expect(before.invoices.map((i: { daysPastDue: number }) => i.daysPastDue)).toEqual([112, 81, 36, -30]);

    const pay = await call('POST', '/api/v1/payments', { dealerId: dealer.id, amountFen: 20_000, receivedOn: '2026-11-20', reference: '银行回单 001' });
    expect(pay.statusCode, pay.body).toBe(201);
    expect(pay.json().allocations).toEqual([
      { invoiceId: a.id, docNo: a.docNo, amountFen: 10_000 },
      { invoiceId: b.id, docNo: b.docNo, amountFen: 10_000 },
    ]);
    expect(pay.json().unappliedFen).toBe(0);
    expect(pay.json().docNo).toMatch(/^PAY202611-\d{6}$/);

    const after = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json();
    expect(after.openFen).toBe(80_000);
    expect(after.buckets).toEqual({ '0-30': 40_000, '31-60': 30_000, '61-90': 10_000, '90+': 0 });
    expect(after.overdueFen).toBe(40_000);

    // Time passes: the same invoices age into older buckets.
    t.clock.set(new Date('2027-01-10T02:00:00.000Z'));
    const later = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json();
    expect(later.buckets).toEqual({ '0-30': 40_000, '31-60': 0, '61-90': 30_000, '90+': 10_000 });
    expect(later.creditHold).toBe(true);
    t.clock.set(start);
  });

  it('keeps an overpayment as unapplied credit and settles the next invoice with it', async () => {
    const pay = await call('POST', '/api/v1/payments', { dealerId: dealer.id, amountFen: 80_500, receivedOn: '2026-11-20' });
    expect(pay.json().unappliedFen).toBe(500);
    const summary = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json();
    expect(summary).toMatchObject({ openFen: -500, unappliedCreditFen: 500, invoices: [], creditHold: false });
    // Money paid ahead adds to the credit the order check grants; the receivables view and the quote say the same.
    const quote = await call('POST', '/api/v1/orders/quote', { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: 1 }] });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(summary.availableCreditFen).toBe(quote.json().credit.availableCreditFen);
    expect(summary.availableCreditFen).toBe(100_000_000 + 500 - quote.json().credit.openOrdersFen);
    await invoiceOn('2026-11-20', 1);
    const next = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json();
    expect(next.openFen).toBe(9_500);
    expect(next.unappliedCreditFen).toBe(0);
    expect(next.invoices[0].openFen).toBe(9_500);
  });

  it('replays an idempotent payment and refuses bad ones', async () => {
    const body = { dealerId: dealer.id, amountFen: 100, receivedOn: '2026-11-19' };
    const first = await call('POST', '/api/v1/payments', body, { 'idempotency-key': 'bank-77' });
    const again = await call('POST', '/api/v1/payments', body, { 'idempotency-key': 'bank-77' });
    expect(again.json()).toEqual(first.json());
    expect((await call('POST', '/api/v1/payments', { ...body, amountFen: 101 }, { 'idempotency-key': 'bank-77' })).statusCode).toBe(422);
    expect((await call('POST', '/api/v1/payments', { ...body, receivedOn: '2026-12-01' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/payments', { ...body, amountFen: 0 })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/payments', { ...body, dealerId: 'dlr_nope' })).statusCode).toBe(404);
    const dealerUser = await t.loginAs('dealer_admin', { dealerId: dealer.id });
    const res = await t.inject({ method: 'POST', url: '/api/v1/payments', headers: { cookie: dealerUser, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(res.statusCode).toBe(403);
  });

  it('takes today as the date in China: at 07:00 Beijing a payment received that day is not in the future', async () => {
    t.clock.set(new Date('2026-11-20T23:00:00.000Z')); // 2026-11-21 07:00 in Beijing
    const res = await call('POST', '/api/v1/payments', { dealerId: dealer.id, amountFen: 100, receivedOn: '2026-11-21' });
    expect(res.statusCode).toBe(201);
    expect((await call('POST', '/api/v1/payments', { dealerId: dealer.id, amountFen: 100, receivedOn: '2026-11-22' })).statusCode).toBe(400);
    t.clock.set(start);
  });

  it('allocates parallel payments without applying any fen twice', async () => {
    await invoiceOn('2026-11-20', 3);
    t.clock.set(start);
    const before = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json().openFen;
    const cookie = await adminCookie();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.inject({
          method: 'POST',
          url: '/api/v1/payments',
          headers: { cookie, 'content-type': 'application/json' },
          payload: JSON.stringify({ dealerId: dealer.id, amountFen: 7_000, receivedOn: '2026-11-20' }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const applied = results.reduce((s, r) => s + r.json().allocations.reduce((x: number, a: { amountFen: number }) => x + a.amountFen, 0), 0);
    expect(applied).toBe(Math.min(42_000, before));
    expect((await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json().openFen).toBe(before - 42_000);
  });

  it('keeps the ledger balanced: balance = invoices - payments - credit notes, allocations never exceed either side', async () => {
    const entries = await t.system.db.selectFrom('receivable_entries').selectAll().where('dealer_id', '=', dealer.id).execute();
    const allocations = await t.system.db.selectFrom('receivable_allocations').selectAll().where('dealer_id', '=', dealer.id).execute();
    for (const e of entries) {
      const mine = allocations.filter((a) => (e.kind === 'invoice' ? a.invoice_id === e.id : a.credit_id === e.id)).reduce((s, a) => s + Number(a.amount_fen), 0);
      expect(mine).toBeLessThanOrEqual(Math.abs(Number(e.amount_fen)));
    }
    const balance = entries.reduce((s, e) => s + Number(e.amount_fen), 0);
    expect((await call('GET', `/api/v1/dealers/${dealer.id}/receivables`)).json().openFen).toBe(balance);
  });

  it('exports a dealer statement with running balances, as JSON and Excel', async () => {
    const statement = await call('GET', `/api/v1/dealers/${dealer.id}/statement?from=2026-08-01&to=2026-11-30`);
    expect(statement.statusCode, statement.body).toBe(200);
    const s = statement.json();
    expect(s.openingFen).toBe(10_000); // the July invoice
    expect(s.entries[0]).toMatchObject({ kind: 'invoice', entryOn: '2026-08-01', balanceFen: 30_000 });
    expect(s.closingFen).toBe(s.entries[s.entries.length - 1].balanceFen);
    const xlsx = await call('GET', `/api/v1/dealers/${dealer.id}/statement?from=2026-08-01&to=2026-11-30&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    expect(sheet.rowCount).toBe(s.entries.length + 3); // header, opening, entries, closing
    expect((await call('GET', `/api/v1/dealers/${dealer.id}/statement?from=2026-12-01&to=2026-11-01`)).statusCode).toBe(400);
  });

  it('lists overdue invoices for reminders and the ledger, scoped and exportable', async () => {
    const other = await t.dealer({ creditLimitFen: 100_000_000, paymentTermDays: 0 });
    const keep = dealer;
    dealer = other;
    await invoiceOn('2026-10-01', 1);
    dealer = keep;
    t.clock.set(start);
    const overdue = (await call('GET', '/api/v1/receivables/overdue?limit=500')).json();
    expect(overdue.items.map((i: { dealerId: string; daysOverdue: number; openFen: number }) => [i.dealerId, i.daysOverdue, i.openFen])).toContainEqual([other.id, 50, 10_000]);
    expect((await call('GET', '/api/v1/receivables/overdue?minDays=60')).json().items).toEqual([]);
    const own = await t.loginAs('dealer_staff', { dealerId: dealer.id });
    const scoped = (await t.inject({ method: 'GET', url: '/api/v1/receivables/overdue', headers: { cookie: own } })).json();
    expect(scoped.items.every((i: { dealerId: string }) => i.dealerId === dealer.id)).toBe(true);
    const ledger = (await t.inject({ method: 'GET', url: '/api/v1/receivables/entries?limit=500', headers: { cookie: own } })).json();
    expect(ledger.items.length).toBeGreaterThan(0);
    expect(ledger.items.every((e: { dealerId: string }) => e.dealerId === dealer.id)).toBe(true);
    const xlsx = await call('GET', '/api/v1/receivables/overdue?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await t.inject({ method: 'GET', url: `/api/v1/dealers/${other.id}/statement`, headers: { cookie: own } })).statusCode).toBe(404);
  });
});
