// Trade rules HQ may change, the daily overdue reminders, the idempotency purge, order quotes
// and the stock count list.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product } from '../src/shared/schemas/index.js';
import { runOnce } from '../src/server/core/scheduler.js';
import { createPriceList } from '../src/server/modules/price-lists/price-lists.service.js';
import { overdueRemindersJob, sendOverdueReminders } from '../src/server/modules/receivables/reminders.js';
import { idempotencyPurgeJob } from '../src/server/modules/orders/idempotency-purge.js';
import { scheduledJobs } from '../src/server/jobs.js';
import { seedTradeDemo } from '../src/server/modules/orders/trade.seed.js';
import { TEST_PASSWORD, cookieOf, createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

describe('trade rules, reminders, purge, quotes and counts', () => {
  let t: TestApp;
  let widget: Product; // list 10,000 fen; gold price list 8,000
  let gadget: Product; // list 25,000 fen
  const start = new Date('2026-11-20T02:00:00.000Z');

  // Sessions last hours: sign in again whenever the clock has moved.
  const cookies = new Map<string, { cookie: string; at: number }>();
  async function as(role: 'hq_admin' | 'hq_analyst' | 'dealer_admin', dealerId?: string) {
    const key = `${role}:${dealerId ?? ''}`;
    const now = t.clock.now().getTime();
    const known = cookies.get(key);
    if (known && Math.abs(now - known.at) < 3600_000) return known.cookie;
    const cookie = await t.loginAs(role, { dealerId });
    cookies.set(key, { cookie, at: now });
    return cookie;
  }
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method, url, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });

  /** `units` widgets ordered, approved and shipped on `date` by HQ: one invoice due date + 30. */
  async function invoiceOn(dealer: Dealer, date: string, units: number) {
    t.clock.set(new Date(`${date}T02:00:00.000Z`));
    const admin = await as('hq_admin');
    const o = await call('POST', '/api/v1/orders', admin, { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: units }] });
    expect(o.statusCode, o.body).toBe(201);
    expect((await call('POST', `/api/v1/orders/${o.json().id}/transitions`, admin, { to: 'approved' })).statusCode).toBe(200);
    const s = await call('POST', `/api/v1/orders/${o.json().id}/shipments`, admin, { lines: [{ sku: widget.sku, quantity: units }] });
    expect(s.statusCode, s.body).toBe(201);
    t.clock.set(start);
    return s.json().invoice as { docNo: string; amountFen: number; dueOn: string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    widget = await product(t, { listPriceFen: 10_000 });
    gadget = await product(t, { listPriceFen: 25_000 });
    await createPriceList(t.system, { name: 'gold 2026', tier: 'gold', effectiveFrom: '2026-01-01', items: [{ sku: widget.sku, priceFen: 8_000 }] });
  });
  afterAll(async () => t?.close());

  it('lets only an HQ admin read and change the trade rules, validated and audited', async () => {
    const admin = await as('hq_admin');
    expect((await call('GET', '/api/v1/settings/trade', admin)).json()).toEqual({ creditHoldOverdueDays: 90, overdueReminderDays: 1, idempotencyRetentionDays: 30 });
    expect((await call('GET', '/api/v1/settings/trade', await as('hq_analyst'))).statusCode).toBe(403);
    const dealer = await t.dealer();
    expect((await call('PUT', '/api/v1/settings/trade', await as('dealer_admin', dealer.id), { creditHoldOverdueDays: 10, overdueReminderDays: 1, idempotencyRetentionDays: 30 })).statusCode).toBe(
      403,
    );

    const bad = await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 0, overdueReminderDays: 1 });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path).join(' ');
    expect(paths).toContain('creditHoldOverdueDays');
    expect(paths).toContain('idempotencyRetentionDays');

    const saved = await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 60, overdueReminderDays: 7, idempotencyRetentionDays: 14 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call('GET', '/api/v1/settings/trade', admin)).json()).toEqual({ creditHoldOverdueDays: 60, overdueReminderDays: 7, idempotencyRetentionDays: 14 });
    const audit = (await call('GET', '/api/v1/audit?entityType=setting&entityId=orders.trade', admin)).json().items as { action: string; change: unknown }[];
    expect(audit[0].action).toBe('settings.update');
    expect(JSON.stringify(audit[0].change)).toContain('"creditHoldOverdueDays":90');
    await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 90, overdueReminderDays: 1, idempotencyRetentionDays: 30 });
  });

  it('puts a dealer on credit hold after the configured number of overdue days', async () => {
    const dealer = await t.dealer({ creditLimitFen: 10_000_000, paymentTermDays: 30 });
    await invoiceOn(dealer, '2026-09-20', 1); // due 2026-10-20: 31 days overdue on 11-20
    const admin = await as('hq_admin');
    expect((await call('POST', '/api/v1/orders', admin, { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: 1 }] })).statusCode).toBe(201);
    await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 30, overdueReminderDays: 1, idempotencyRetentionDays: 30 });
    try {
      const held = await call('POST', '/api/v1/orders', admin, { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: 1 }] });
      expect(held.statusCode).toBe(422);
      expect(held.json()).toMatchObject({ rule: 'CREDIT_HOLD', oldestDaysPastDue: 31, holdDays: 30 });
      const receivables = (await call('GET', `/api/v1/dealers/${dealer.id}/receivables`, admin)).json();
      expect(receivables).toMatchObject({ creditHold: true, creditHoldDays: 30 });
    } finally {
      await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 90, overdueReminderDays: 1, idempotencyRetentionDays: 30 });
    }
  });

  it('reminds each dealer once a day of its invoices overdue by at least the configured days', async () => {
    const late = await t.dealer({ creditLimitFen: 10_000_000, paymentTermDays: 30 });
    const paid = await t.dealer({ creditLimitFen: 10_000_000, paymentTermDays: 30 });
    const early = await t.dealer({ creditLimitFen: 10_000_000, paymentTermDays: 30 });
    const first = await invoiceOn(late, '2026-09-01', 1); // 10,000 due 10-01: 50 days overdue
    const second = await invoiceOn(late, '2026-10-15', 2); // 20,000 due 11-14: 6 days overdue
    await invoiceOn(paid, '2026-09-01', 1);
    await invoiceOn(early, '2026-11-10', 1); // due 12-10: not overdue
    const admin = await as('hq_admin');
    expect((await call('POST', '/api/v1/payments', admin, { dealerId: late.id, amountFen: 4_000, receivedOn: '2026-11-18' })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/payments', admin, { dealerId: paid.id, amountFen: 10_000, receivedOn: '2026-11-18' })).statusCode).toBe(201);

    expect(scheduledJobs.map((j) => j.name)).toEqual(expect.arrayContaining(['receivables.overdueReminders', 'idempotency.purge']));
    expect(overdueRemindersJob.occurrenceOf(new Date('2026-11-20T01:00:00.000Z'))).toBe('2026-11-20');
    const outcome = await runOnce(t.deps.db, t.clock, overdueRemindersJob, '2026-11-20');
    expect(outcome.ran).toBe(true);
    expect((await runOnce(t.deps.db, t.clock, overdueRemindersJob, '2026-11-20')).ran).toBe(false);
    expect((await sendOverdueReminders(t.system, '2026-11-20')).dealers).toBe(0); // one per dealer and day

    const all = (await call('GET', '/api/v1/receivables/reminders?limit=500', admin)).json().items as { dealerId: string }[];
    expect(all.filter((r) => [paid.id, early.id].includes(r.dealerId))).toEqual([]);
    const mine = (await call('GET', '/api/v1/receivables/reminders', await as('dealer_admin', late.id))).json().items;
    // 4,000 paid goes to the oldest invoice: 6,000 + 20,000 still open.
    expect(mine).toEqual([
      expect.objectContaining({
        dealerId: late.id,
        remindedOn: '2026-11-20',
        invoiceCount: 2,
        overdueFen: 26_000,
        oldestDaysOverdue: 50,
        invoices: [
          { docNo: first.docNo, dueOn: '2026-10-01', openFen: 6_000 },
          { docNo: second.docNo, dueOn: '2026-11-14', openFen: 20_000 },
        ],
      }),
    ]);
    expect((await call('GET', '/api/v1/receivables/reminders', await as('dealer_admin', paid.id))).json().items).toEqual([]);

    // With a 10-day threshold the 6-day-old invoice is left out on the next day.
    await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 90, overdueReminderDays: 10, idempotencyRetentionDays: 30 });
    try {
      await sendOverdueReminders(t.system, '2026-11-21');
      const next = (await call('GET', `/api/v1/receivables/reminders?dealerId=${late.id}&from=2026-11-21`, admin)).json().items;
      expect(next).toEqual([expect.objectContaining({ remindedOn: '2026-11-21', invoiceCount: 1, overdueFen: 6_000, oldestDaysOverdue: 51 })]);
    } finally {
      await call('PUT', '/api/v1/settings/trade', admin, { creditHoldOverdueDays: 90, overdueReminderDays: 1, idempotencyRetentionDays: 30 });
    }
    const xlsx = await call('GET', `/api/v1/receivables/reminders?dealerId=${late.id}&format=xlsx`, admin);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('purges idempotency keys older than the retention days, so an old key may be used afresh', async () => {
    const dealer = await t.dealer({ creditLimitFen: 100_000_000 });
    const body = { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: 1 }] };
    t.clock.set(new Date('2026-10-01T02:00:00.000Z'));
    const then = await t.loginAs('hq_admin', { username: 'purge.admin' });
    expect((await call('POST', '/api/v1/orders', then, body, { 'idempotency-key': 'purge-old' })).statusCode).toBe(201);
    t.clock.set(start);
    // Keys belong to a caller: the same person signs in again today.
    const login = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'purge.admin', password: TEST_PASSWORD } });
    const now = cookieOf(login);
    expect((await call('POST', '/api/v1/orders', now, body, { 'idempotency-key': 'purge-new' })).statusCode).toBe(201);
    const reusedBefore = await call('POST', '/api/v1/orders', now, { ...body, note: 'another body' }, { 'idempotency-key': 'purge-old' });
    expect(reusedBefore.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const keys = async () => (await t.deps.db.selectFrom('idempotency_keys').select('idem_key').where('idem_key', 'like', 'purge-%').execute()).map((r) => r.idem_key).sort();
    expect(await keys()).toEqual(['purge-new', 'purge-old']);

    const outcome = await runOnce(t.deps.db, t.clock, idempotencyPurgeJob, '2026-11-20');
    // 50 days old against 30 days of retention; every other key of this file is from today.
    expect(outcome).toEqual({ ran: true, result: { before: '2026-10-21T02:00:00.000Z', retentionDays: 30, deleted: 1 } });
    expect(await keys()).toEqual(['purge-new']);
    const afresh = await call('POST', '/api/v1/orders', now, { ...body, note: 'another body' }, { 'idempotency-key': 'purge-old' });
    expect(afresh.statusCode, afresh.body).toBe(201);
    const reused = await call('POST', '/api/v1/orders', now, { ...body, note: 'another body' }, { 'idempotency-key': 'purge-new' });
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('quotes prices, promotion and credit exactly as the order would be priced and checked, writing nothing', async () => {
    const admin = await as('hq_admin');
    const promo = await call('POST', '/api/v1/promotions', admin, {
      name: '满500减50',
      tier: 'gold',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      thresholdFen: 50_000,
      discountFen: 5_000,
      budgetFen: 100_000,
    });
    expect(promo.statusCode, promo.body).toBe(201);
    const dealer = await t.dealer({ tier: 'gold', creditLimitFen: 100_000, paymentTermDays: 30 });
    const user = await as('dealer_admin', dealer.id);
    expect((await call('POST', '/api/v1/orders', user, { dealerId: dealer.id, lines: [{ sku: widget.sku, quantity: 1 }] })).statusCode).toBe(201); // 8,000 open

    const small = await call('POST', '/api/v1/orders/quote', user, {
      dealerId: dealer.id,
      lines: [
        { sku: widget.sku, quantity: 3 },
        { sku: gadget.sku, quantity: 2 },
        { sku: 'NOPE-1', quantity: 1 },
      ],
    });
    expect(small.statusCode, small.body).toBe(200);
    // 3 x 8,000 (gold price) + 2 x 25,000 (list) = 74,000 >= 50,000: 5,000 off.
    expect(small.json()).toMatchObject({
      tier: 'gold',
      subtotalFen: 74_000,
      discountFen: 5_000,
      totalFen: 69_000,
      promotion: { id: promo.json().id, name: '满500减50', discountFen: 5_000 },
      problems: [{ index: 2, sku: 'NOPE-1', message: 'is not a known SKU' }],
      credit: { creditLimitFen: 100_000, openReceivablesFen: 0, openOrdersFen: 8_000, availableCreditFen: 92_000, shortfallFen: 0, creditHold: false },
    });
    expect(small.json().lines.map((l: { unitPriceFen: number; amountFen: number }) => [l.unitPriceFen, l.amountFen])).toEqual([
      [8_000, 24_000 - 1_622],
      [25_000, 50_000 - 3_378],
    ]);

    const lines = [
      { sku: widget.sku, quantity: 10 },
      { sku: gadget.sku, quantity: 2 },
    ];
    const big = (await call('POST', '/api/v1/orders/quote', user, { dealerId: dealer.id, lines })).json();
    expect(big.totalFen).toBe(125_000); // 80,000 + 50,000 - 5,000
    expect(big.credit.shortfallFen).toBe(33_000); // 125,000 - 92,000
    const refused = await call('POST', '/api/v1/orders', user, { dealerId: dealer.id, lines });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED', shortfallFen: big.credit.shortfallFen });
    // Quoting took nothing from the promotion's budget.
    expect((await call('GET', `/api/v1/promotions/${promo.json().id}`, admin)).json().usedFen).toBe(0);

    const other = await t.dealer();
    expect((await call('POST', '/api/v1/orders/quote', user, { dealerId: other.id, lines })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/orders/quote', admin, { dealerId: 'zz_missing', lines: [] })).statusCode).toBe(404);
  });

  it('lists stock counts with their differences, scoped and exportable', async () => {
    const dealer = await t.dealer({ creditLimitFen: 10_000_000 });
    const admin = await as('hq_admin');
    const counted = await call('POST', '/api/v1/inventory/snapshots', admin, {
      dealerId: dealer.id,
      takenAt: '2026-11-20T01:00:00.000Z',
      items: [
        { sku: widget.sku, quantity: 7 },
        { sku: gadget.sku, quantity: 0 },
      ],
    });
    expect(counted.statusCode, counted.body).toBe(201);
    const list = (await call('GET', `/api/v1/inventory/snapshots?dealerId=${dealer.id}`, await as('dealer_admin', dealer.id))).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ dealerId: dealer.id, dealerCode: dealer.code, dealerName: dealer.name, takenAt: '2026-11-20T01:00:00.000Z' });
    const bySku = Object.fromEntries(list[0].items.map((i: { sku: string }) => [i.sku, i]));
    expect(bySku[widget.sku]).toEqual({ sku: widget.sku, countedQuantity: 7, bookQuantity: 0, differenceQuantity: 7 });
    expect(bySku[gadget.sku]).toEqual({ sku: gadget.sku, countedQuantity: 0, bookQuantity: 0, differenceQuantity: 0 });
    const stock = (await call('GET', `/api/v1/inventory/stock?dealerId=${dealer.id}`, admin)).json().items;
    expect(stock).toEqual([{ dealerId: dealer.id, dealerCode: dealer.code, dealerName: dealer.name, sku: widget.sku, productName: widget.name, onHand: 7 }]);

    const stranger = await t.dealer();
    expect((await call('GET', `/api/v1/inventory/snapshots?dealerId=${dealer.id}`, await as('dealer_admin', stranger.id))).json().items).toEqual([]);
    const xlsx = await call('GET', `/api/v1/inventory/snapshots?dealerId=${dealer.id}&format=xlsx`, admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = book.worksheets[0].getRow(2).values as unknown[];
    expect(row).toContain(dealer.code);
    expect(row).toContain(`${widget.sku} +7`);
  });

  it('seeds demo promotions (one ended, one to come) that leave the price of an order placed today unchanged', async () => {
    await seedTradeDemo(t.deps.db, t.clock);
    const admin = await as('hq_admin');
    const promotions = (await call('GET', '/api/v1/promotions?limit=500', admin)).json().items as { name: string; startsOn: string; endsOn: string }[];
    const demo = promotions.filter((p) => p.name.includes('国庆') || p.name.includes('年末'));
    expect(demo.map((p) => [p.startsOn, p.endsOn]).sort()).toEqual([
      ['2026-09-21', '2026-10-21'], // ended 30 days before 2026-11-20
      ['2026-11-30', '2026-12-30'], // starts in 10 days
    ]);
    for (const tier of ['silver', 'gold'] as const) {
      const dealer = await t.dealer({ tier, creditLimitFen: 900_000_000 });
      const quote = (await call('POST', '/api/v1/orders/quote', admin, { dealerId: dealer.id, lines: [{ sku: gadget.sku, quantity: 3_000 }] })).json();
      expect(quote.subtotalFen).toBe(75_000_000);
      // Only this file's own gold promotion (5,000 off) may apply, never a demo one.
      expect(quote.discountFen).toBe(tier === 'gold' ? 5_000 : 0);
    }
  });
});
