import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

/** A multipart/form-data body with one file field. */
function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = '----qudao-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('sell-out', () => {
  let t: TestApp;
  let admin: string;
  let widget: Product;
  let gadget: Product;
  let dealer: Dealer;
  let dealerUser: string;

  const post = (url: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const upload = (cookie: string, filename: string, content: Buffer, query = '') => {
    const form = multipart(filename, content);
    return t.inject({ method: 'POST', url: `/api/v1/sellout/upload${query}`, headers: { cookie, 'content-type': form.contentType }, payload: form.payload });
  };
  const onHand = async (dealerId: string, sku: string) => ((await get(`/api/v1/inventory/stock?dealerId=${dealerId}&sku=${sku}`, admin)).json().items[0]?.onHand as number | undefined) ?? 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    widget = await product(t, { sku: 'SO-WIDGET', listPriceFen: 10_000 });
    gadget = await product(t, { sku: 'SO-GADGET', listPriceFen: 20_000 });
    dealer = await t.dealer({ creditLimitFen: 100_000_000 });
    dealerUser = await t.loginAs('dealer_staff', { dealerId: dealer.id });
  });
  afterAll(async () => t?.close());

  it('keeps the good lines and names each bad one', async () => {
    const res = await post('/api/v1/sellout', dealerUser, {
      dealerId: dealer.id,
      lines: [
        { date: '2026-11-18', sku: widget.sku, quantity: 3, amountFen: 36_000, customerRef: 'C-001' },
        { date: '2026-02-30', sku: widget.sku, quantity: 1, amountFen: 100 },
        { date: '2026-11-21', sku: widget.sku, quantity: 1, amountFen: 100 },
        { date: '2026-11-18', sku: 'NOPE', quantity: 1, amountFen: 100 },
        { date: '2026-11-18', sku: gadget.sku, quantity: 0, amountFen: 100 },
        { date: '2026-11-18', sku: gadget.sku, quantity: 1, amountFen: -5 },
        { date: '2026-11-19', sku: gadget.sku, quantity: 2, amountFen: 45_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(2);
    expect(res.json().rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'INVALID_DATE'],
      [2, 'FUTURE_DATE'],
      [3, 'UNKNOWN_SKU'],
      [4, 'INVALID_QUANTITY'],
      [5, 'INVALID_AMOUNT'],
    ]);
    expect(await onHand(dealer.id, widget.sku)).toBe(-3);
    const list = (await get(`/api/v1/sellout?dealerId=${dealer.id}`, dealerUser)).json();
    expect(list.items.map((r: { sku: string; quantity: number; source: string }) => [r.sku, r.quantity, r.source]).sort()).toEqual([
      [gadget.sku, 2, 'api'],
      [widget.sku, 3, 'api'],
    ]);
  });

  it('refuses sell-out for another dealer and malformed bodies', async () => {
    const other = await t.dealer();
    expect((await post('/api/v1/sellout', dealerUser, { dealerId: other.id, lines: [{ date: '2026-11-18', sku: widget.sku, quantity: 1, amountFen: 1 }] })).statusCode).toBe(403);
    expect((await post('/api/v1/sellout', dealerUser, { dealerId: dealer.id, lines: [{ date: '2026-11-18', sku: widget.sku, quantity: '1', amountFen: 1 }] })).statusCode).toBe(400);
    expect((await post('/api/v1/sellout', dealerUser, { dealerId: dealer.id, lines: [] })).statusCode).toBe(400);
  });

  it('replays an idempotent report instead of counting it twice', async () => {
    const body = { dealerId: dealer.id, lines: [{ date: '2026-11-19', sku: gadget.sku, quantity: 5, amountFen: 100_000 }] };
    const key = { 'idempotency-key': 'pos-batch-42' };
    const before = await onHand(dealer.id, gadget.sku);
    const first = await post('/api/v1/sellout', dealerUser, body, key);
    const again = await post('/api/v1/sellout', dealerUser, body, key);
    expect(again.json()).toEqual(first.json());
    expect(await onHand(dealer.id, gadget.sku)).toBe(before - 5);
    expect((await post('/api/v1/sellout', dealerUser, { ...body, lines: [{ ...body.lines[0], quantity: 6 }] }, key)).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('reads a CSV upload (Chinese headers, yuan amounts) and names bad rows by their row number', async () => {
    const csv = [
      '日期,商品编码,数量,金额(元),客户',
      `2026-11-10,${widget.sku},2,240.50,张三`,
      '',
      `2026-11-11,NOPE,1,10,李四`,
      `2026-11-12,${gadget.sku},x,10,`,
      `2026-11-12,${gadget.sku},1,1，0,`,
    ].join('\n');
    const res = await upload(dealerUser, 'sellout.csv', Buffer.from(`\ufeff${csv}`, 'utf8'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(1);
    expect(res.json().rejected.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [4, 'UNKNOWN_SKU'],
      [5, 'INVALID_QUANTITY'],
      [6, 'INVALID_AMOUNT'],
    ]);
    const rows = await t.system.db.selectFrom('sellout_records').selectAll().where('dealer_id', '=', dealer.id).where('source', '=', 'upload').execute();
    expect(rows.map((r) => [r.sold_on, r.quantity, Number(r.amount_fen), r.customer_ref])).toEqual([['2026-11-10', 2, 24_050, '张三']]);
  });

  it('reads an XLSX upload, and HQ names the dealer in the query', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('sales');
    sheet.addRow(['date', 'sku', 'quantity', 'amountFen', 'customerRef']);
    sheet.addRow([new Date('2026-11-15T00:00:00Z'), widget.sku, 4, 48_000, 'K-9']);
    sheet.addRow(['2026-11-16', gadget.sku, 1, 25_000, null]);
    sheet.addRow(['2026-13-01', gadget.sku, 1, 25_000, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload(admin, 'sales.xlsx', buffer)).statusCode).toBe(400); // HQ must say which dealer
    const res = await upload(admin, 'sales.xlsx', buffer, `?dealerId=${dealer.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, rejected: [{ index: 2, row: 4, code: 'INVALID_DATE', message: expect.any(String) }] });
  });

  it('answers a bad upload with 4xx, never 500', async () => {
    expect((await upload(dealerUser, 'x.csv', Buffer.from('a,b\n1,2\n'))).statusCode).toBe(400); // no date/sku/quantity columns
    expect((await upload(dealerUser, 'x.xlsx', Buffer.from('PK\u0003\u0004garbage'))).statusCode).toBe(400);
    expect((await upload(dealerUser, 'x.csv', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await post('/api/v1/sellout/upload', dealerUser, { file: 'x' })).statusCode).toBe(415);
    const wrongField = multipart('x.csv', Buffer.from('date,sku,quantity,amountFen\n'), 'document');
    expect((await t.inject({ method: 'POST', url: '/api/v1/sellout/upload', headers: { cookie: dealerUser, 'content-type': wrongField.contentType }, payload: wrongField.payload })).statusCode).toBe(
      400,
    );
  });

  it("counts a level-2 dealer's order from its level-1 as the level-1's sell-out and the level-2's sell-in", async () => {
    const parent = await t.dealer({ creditLimitFen: 100_000_000 });
    const sub = await t.dealer({ level: 2, parentDealerId: parent.id, creditLimitFen: 100_000_000 });
    const subUser = await t.loginAs('dealer_admin', { dealerId: sub.id });
    const o = await post('/api/v1/orders', subUser, { dealerId: sub.id, lines: [{ sku: widget.sku, quantity: 6 }] });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json().supplierDealerId).toBe(parent.id);
    const id = o.json().id;
    await post(`/api/v1/orders/${id}/transitions`, admin, { to: 'approved' });
    await post(`/api/v1/orders/${id}/shipments`, admin, { lines: [{ sku: widget.sku, quantity: 6 }] });
    expect((await post(`/api/v1/orders/${id}/transitions`, subUser, { to: 'received' })).json().status).toBe('received');
    expect(await onHand(sub.id, widget.sku)).toBe(6);
    expect(await onHand(parent.id, widget.sku)).toBe(-6);
    const parentSales = (await get(`/api/v1/sellout?dealerId=${parent.id}`, admin)).json().items;
    expect(parentSales).toEqual([expect.objectContaining({ sku: widget.sku, quantity: 6, amountFen: 60_000, source: 'sub_dealer_order', orderId: id, customerRef: sub.code })]);
    // A return after receipt goes back to the level-1.
    await post(`/api/v1/orders/${id}/returns`, admin, { reason: '滞销退回', lines: [{ sku: widget.sku, quantity: 2 }] });
    expect(await onHand(sub.id, widget.sku)).toBe(4);
    expect(await onHand(parent.id, widget.sku)).toBe(-4);
    const net = (await get(`/api/v1/sellout?dealerId=${parent.id}`, admin)).json().items.reduce((s: number, r: { quantity: number }) => s + r.quantity, 0);
    expect(net).toBe(4);
  });

  it('exports sell-out as Excel', async () => {
    const res = await get(`/api/v1/sellout?dealerId=${dealer.id}&format=xlsx`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses sell-out from a dealer that no longer trades and stores nothing', async () => {
    const gone = await t.dealer({ creditLimitFen: 0 });
    await t.system.db.updateTable('dealers').set({ status: 'terminated' }).where('id', '=', gone.id).execute();
    const res = await post('/api/v1/sellout', admin, { dealerId: gone.id, lines: [{ date: '2026-11-18', sku: widget.sku, quantity: 1, amountFen: 100 }] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'BUSINESS_RULE', dealerStatus: 'terminated' });
    const stored = await t.system.db.selectFrom('sellout_records').select('id').where('dealer_id', '=', gone.id).execute();
    expect(stored).toHaveLength(0);
  });
});
