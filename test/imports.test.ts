import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

// --- building real files ------------------------------------------------------------------------

interface FilePart {
  filename: string;
  content: Buffer | string;
  type?: string;
  field?: string;
}

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(file: FilePart) {
  const boundary = `----qudao${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
  const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsxOf(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const csvOf = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n';

let gbTable: Map<string, number[]> | undefined;
/** GB18030 bytes of a text (two-byte range, which covers common Chinese), as Chinese Excel saves CSV. */
function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbTable.get(ch);
      if (!pair) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

// --- helpers on the app -------------------------------------------------------------------------

function importer(t: TestApp, cookie: () => string) {
  return (kind: string, file: FilePart, dryRun?: boolean) => {
    const body = multipart(file);
    return t.inject({
      method: 'POST',
      url: `/api/v1/imports/${kind}${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`,
      headers: { cookie: cookie(), ...body.headers },
      payload: body.payload,
    });
  };
}

async function countRows(t: TestApp) {
  const db = t.system.db;
  const one = async (table: 'products' | 'dealers' | 'audit_entries' | 'dealer_territories') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { products: await one('products'), dealers: await one('dealers'), audit: await one('audit_entries'), territories: await one('dealer_territories') };
}

async function allProducts(t: TestApp, cookie: string) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.inject({ method: 'GET', url: `/api/v1/products?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers: { cookie } });
    const page = res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const PRODUCT_HEADER = ['sku', 'name', 'category', 'unit', 'listPrice', 'minRetailPrice', 'active'];

// --- tests --------------------------------------------------------------------------------------

describe('imports of products', () => {
  let t: TestApp;
  let admin: string;
  let upload: ReturnType<typeof importer>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    upload = importer(t, () => admin);
  });
  afterAll(async () => t?.close());

  it('should name every bad row and field in a dry run and change nothing', async () => {
    const existing = await t.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { cookie: admin },
      payload: { sku: 'P-EXIST', name: '已有产品', category: '饮料', unit: '箱', listPriceFen: 1000, minRetailPriceFen: 900 },
    });
    expect(existing.statusCode).toBe(201);
    const before = await countRows(t);
    const csv = csvOf([
      PRODUCT_HEADER,
      ['P-OK-1', '好产品', '饮料', '箱', '12.34', '10', '1'], // row 2: fine
      ['bad sku!', '坏编码', '饮料', '箱', '1', '1', '1'], // row 3: sku pattern
      ['P-BAD-PRICE', '价格', '饮料', '箱', '1.234', '-5', 'maybe'], // row 4: 3 decimals, negative, boolean
      ['P-NO-NAME', '', '饮料', '箱', '1', '1', ''], // row 5: missing name
      ['P-OK-1', '重复', '饮料', '箱', '1', '1', '0'], // row 6: duplicate of row 2
      ['P-EXIST', '已存在', '饮料', '箱', '1', '1', '1'], // row 7: in the database
      ['P-NO-PRICE', '无价', '饮料', '箱', '', 'abc', '1'], // row 8: missing and malformed price
    ]);
    const res = await upload('products', { filename: 'products.csv', content: csv, type: 'text/csv' });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'products', dryRun: true, total: 7, valid: 1, applied: 0 });
    const cells = report.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(cells).toEqual(['3:sku', '4:listPrice', '4:minRetailPrice', '4:active', '5:name', '6:sku', '7:sku', '8:listPrice', '8:minRetailPrice']);
    expect(report.errors.find((e: { row: number }) => e.row === 6).message).toContain('row 2');
    expect(report.errors.find((e: { row: number }) => e.row === 7).message).toContain('already exists');
    expect(await countRows(t)).toEqual(before);
  });

  it('should apply a valid XLSX with Chinese headers, exact fen and one audit summary', async () => {
    const before = await countRows(t);
    const file = await xlsxOf([
      ['SKU', '名称', '品类', '单位', '出厂价(元)', '最低零售价(元)', '在售'],
      ['X-1', '矿泉水 550ml', '饮料', '箱', 19.99, 15.5, 1],
      ['X-2', '绿茶', '饮料', '箱', '1,234,567.89', '0.01', '否'],
      [],
      ['X-3', '咖啡', '冲饮', '盒', 0.3, 0.1, true], // row 5 (row 4 is blank and skipped)
    ]);
    const res = await upload('products', { filename: 'products.xlsx', content: file, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'products', dryRun: false, total: 3, valid: 3, applied: 3, errors: [] });
    const list = await t.inject({ method: 'GET', url: '/api/v1/products?q=X-', headers: { cookie: admin } });
    const bySku = Object.fromEntries(list.json().items.map((p: { sku: string }) => [p.sku, p]));
    expect(bySku['X-1']).toMatchObject({ name: '矿泉水 550ml', category: '饮料', unit: '箱', listPriceFen: 1999, minRetailPriceFen: 1550, active: true });
    expect(bySku['X-2']).toMatchObject({ listPriceFen: 123456789, minRetailPriceFen: 1, active: false });
    expect(bySku['X-3']).toMatchObject({ listPriceFen: 30, minRetailPriceFen: 10, active: true });
    const after = await countRows(t);
    expect(after.products).toBe(before.products + 3);
    expect(after.audit).toBe(before.audit + 4);
    const summary = await t.inject({ method: 'GET', url: '/api/v1/audit?action=import.apply', headers: { cookie: admin } });
    expect(summary.json().items).toHaveLength(1);
    expect(summary.json().items[0].change).toMatchObject({ kind: 'products', rows: 3, format: 'xlsx' });
    const perEntity = await t.inject({ method: 'GET', url: `/api/v1/audit?entityType=product&entityId=${bySku['X-2'].id}`, headers: { cookie: admin } });
    expect(perEntity.json().items.map((e: { action: string }) => e.action)).toEqual(['product.create']);
    const verify = await t.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: admin } });
    expect(verify.json().valid).toBe(true);
  });

  it('should apply nothing when one row is bad and answer 422 with the report', async () => {
    const before = await countRows(t);
    const csv = csvOf([PRODUCT_HEADER, ['Y-1', 'a', 'c', 'u', '1', '1', '1'], ['Y-2', 'b', 'c', 'u', '1', '1', '1'], ['Y-3', 'c', 'c', 'u', 'x', '1', '1']]);
    const res = await upload('products', { filename: 'p.csv', content: csv }, false);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ code: 'BUSINESS_RULE', kind: 'products', dryRun: false, total: 3, valid: 2, applied: 0 });
    expect(body.errors).toEqual([{ row: 4, field: 'listPrice', message: expect.any(String), path: '/file/4/listPrice' }]);
    expect(await countRows(t)).toEqual(before);
  });

  it('should read UTF-8 with BOM, GB18030 and semicolon or tab separated CSV', async () => {
    const rows = [
      ['SKU', '名称', '品类', '单位', '出厂价(元)', '最低零售价(元)', '在售'],
      ['GB-1', '乌龙茶', '茶饮', '瓶', '5.5', '4', '是'],
    ];
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(rows))]);
    const r1 = await upload('products', { filename: 'bom.csv', content: bom, type: 'text/csv' });
    expect(r1.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
    const gb = gb18030(csvOf(rows));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    const r2 = await upload('products', { filename: 'gb.csv', content: gb, type: 'application/vnd.ms-excel' }, false);
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({ total: 1, applied: 1 });
    const list = await t.inject({ method: 'GET', url: '/api/v1/products?q=GB-1', headers: { cookie: admin } });
    expect(list.json().items[0]).toMatchObject({ name: '乌龙茶', category: '茶饮', unit: '瓶', listPriceFen: 550, minRetailPriceFen: 400 });
    const tsv = rows
      .map((r) => r.join('\t'))
      .join('\n')
      .replace('GB-1', 'TSV-1');
    const r3 = await upload('products', { filename: 'p.txt', content: tsv, type: 'text/plain' });
    expect(r3.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
  });

  it('should name unknown, repeated and missing columns on row 1', async () => {
    const res = await upload('products', {
      filename: 'p.csv',
      content: csvOf([
        ['sku', 'name', 'name', 'colour'],
        ['A', 'b', 'c', 'd'],
      ]),
    });
    expect(res.statusCode).toBe(200);
    const fields = res.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(['1:name', '1:colour', '1:category', '1:unit', '1:listPrice', '1:minRetailPrice']);
    expect(res.json().valid).toBe(0);
  });

  it('should refuse a missing, empty or unsupported file as problem+json', async () => {
    const noFile = await t.inject({ method: 'POST', url: '/api/v1/imports/products', headers: { cookie: admin } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0].path).toBe('/file');
    const otherField = await upload('products', { filename: 'p.csv', content: 'sku\n', field: 'upload' });
    expect(otherField.statusCode).toBe(400);
    expect(otherField.json().errors[0].path).toBe('/file');
    const empty = await upload('products', { filename: 'p.csv', content: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/file' }] });
    const blank = await upload('products', { filename: 'p.csv', content: '\r\n ,, \r\n' });
    expect(blank.statusCode).toBe(400);
    const pdf = await upload('products', { filename: 'p.pdf', content: '%PDF-1.7 ...', type: 'application/pdf' });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const xls = await upload('products', { filename: 'p.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) });
    expect(xls.statusCode).toBe(415);
    // Text named .xlsx: the content is judged, and a name that says another type is refused (core/uploads.ts).
    const brokenXlsx = await upload('products', { filename: 'p.xlsx', content: 'not a zip' });
    expect(brokenXlsx.statusCode).toBe(415);
    const damagedZip = await upload('products', { filename: 'p.xlsx', content: Buffer.from('PK\u0003\u0004garbage') });
    expect(damagedZip.statusCode).toBe(400);
    const json = await t.inject({ method: 'POST', url: '/api/v1/imports/products', headers: { cookie: admin }, payload: { sku: 'x' } });
    expect(json.statusCode).toBe(415);
    const badKind = await upload('widgets', { filename: 'p.csv', content: 'a\n1\n' });
    expect(badKind.statusCode).toBe(400);
    const badQuery = await t.inject({ method: 'POST', url: '/api/v1/imports/products?dryRun=maybe', headers: { cookie: admin } });
    expect(badQuery.statusCode).toBe(400);
    const broken = await t.inject({
      method: 'POST',
      url: '/api/v1/imports/products',
      headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsku',
    });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
  });

  it('should refuse more than 10,000 data rows as too large, naming the limit', async () => {
    const rows: string[][] = [PRODUCT_HEADER];
    for (let i = 0; i <= 10_000; i++) rows.push([`MANY-${i}`, 'n', 'c', 'u', '1', '1', '1']);
    const res = await upload('products', { filename: 'many.csv', content: csvOf(rows) });
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('10000');
  });

  it('should report a header-only file as zero rows', async () => {
    const res = await upload('products', { filename: 'p.csv', content: csvOf([PRODUCT_HEADER]) }, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'products', dryRun: false, total: 0, valid: 0, applied: 0, errors: [] });
  });

  it('should serve a template with Chinese or English headers that imports as is', async () => {
    const zh = await t.inject({ method: 'GET', url: '/api/v1/imports/products/template', headers: { cookie: admin } });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('spreadsheetml');
    const zhRows = await readXlsx(zh.rawPayload);
    expect(zhRows[0]).toEqual(['SKU', '名称', '品类', '单位', '出厂价(元)', '最低零售价(元)', '在售']);
    expect(zhRows).toHaveLength(2);
    const en = await t.inject({ method: 'GET', url: '/api/v1/imports/dealers/template', headers: { cookie: admin, 'accept-language': 'en-US,en;q=0.9' } });
    const enRows = await readXlsx(en.rawPayload);
    expect(enRows[0]).toEqual(['Code', 'Name', 'Level', 'Parent dealer', 'Tier', 'Territory', 'Credit limit (CNY)', 'Payment terms (days)', 'VMI', 'Contact', 'Phone', 'Address']);
    const dry = await upload('products', { filename: 'template.xlsx', content: zh.rawPayload });
    expect(dry.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
    const dealersDry = await upload('dealers', { filename: 'template.xlsx', content: en.rawPayload });
    expect(dealersDry.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
  });

  it('should import 5,000 product rows in one transaction in reasonable time', async () => {
    const rows: (string | number)[][] = [PRODUCT_HEADER];
    for (let i = 0; i < 5000; i++)
      rows.push([`BULK-${String(i).padStart(5, '0')}`, `批量产品 ${i}`, `品类${i % 7}`, '箱', `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`, '1.00', i % 10 ? '1' : '0']);
    const csv = csvOf(rows);
    const started = performance.now();
    const dry = await upload('products', { filename: 'bulk.csv', content: csv });
    const dryMs = performance.now() - started;
    expect(dry.json()).toMatchObject({ total: 5000, valid: 5000, errors: [] });
    const applyStarted = performance.now();
    const res = await upload('products', { filename: 'bulk.csv', content: csv }, false);
    const applyMs = performance.now() - applyStarted;
    expect(res.statusCode).toBe(200);
    expect(res.json().applied).toBe(5000);
    console.log(`[imports] 5,000 product rows on ${process.env.QUDAO_TEST_DB}: dry run ${Math.round(dryMs)} ms, apply ${Math.round(applyMs)} ms`);
    expect(applyMs).toBeLessThan(30_000);
    const p = await t.inject({ method: 'GET', url: '/api/v1/products?q=BULK-04321', headers: { cookie: admin } });
    expect(p.json().items[0]).toMatchObject({ listPriceFen: ((4321 * 37) % 100000) * 100 + 21, active: true });
    const verify = await t.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: admin } });
    expect(verify.json()).toMatchObject({ valid: true });
    const created = await t.system.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'product.create')
      .where('entity_id', 'like', 'prd_%')
      .executeTakeFirstOrThrow();
    expect(Number(created.n)).toBeGreaterThanOrEqual(5000);
  });
});

describe('imports of dealers', () => {
  let t: TestApp;
  let admin: string;
  let upload: ReturnType<typeof importer>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    upload = importer(t, () => admin);
  });
  afterAll(async () => t?.close());

  const HEADER = ['code', 'name', 'level', 'parentCode', 'tier', 'territory', 'creditLimit', 'paymentTermDays', 'vmi', 'contact', 'phone', 'address'];

  it('should name every bad row and field, checking parents and territories against the database and the file', async () => {
    await t.dealer({ code: 'DB-HOLDER', name: '已有经销商', territory: [{ regionCode: '510104', exclusive: true }] });
    await t.dealer({ code: 'DB-L1', name: '已有一级' });
    const before = await countRows(t);
    const csv = csvOf([
      HEADER,
      ['N-1', '一级甲', '1', '', 'gold', '440103*', '100000.50', '45', '1', '李四', '13900000000', '广州'], // 2 ok
      ['N-2', '二级乙', '2', 'N-1', '', '440103', '', '', '', '', '', ''], // 3 ok: parent earlier in the file, inside its exclusive region
      ['N-3', '二级丙', '', 'DB-L1', 'silver', '440104', '', '', '', '', '', ''], // 4 ok: parent in the database, level derived
      ['N-4', '错区域', '1', '', '', '440199,12345x', '', '', '', '', '', ''], // 5 territory token
      ['N-5', '错区域2', '1', '', '', '999999', '', '', '', '', '', ''], // 6 unknown region
      ['N-6', '无上级', '2', '', 'platinum', '', '', '400', 'perhaps', '', '123', ''], // 7 parent, tier, terms, vmi, contact
      ['N-7', '未知上级', '', 'NOPE', '', '', '', '', '', '', '', ''], // 8 unknown parent
      ['N-1', '重复编码', '1', '', '', '', '', '', '', '', '', ''], // 9 duplicate in file
      ['DB-L1', '已存在', '1', '', '', '', '', '', '', '', '', ''], // 10 in database
      ['N-8', '冲突库', '1', '', '', '510100', '', '', '', '', '', ''], // 11 overlaps DB-HOLDER's exclusive 510104
      ['N-9', '冲突文件', '1', '', '', '440105*', '', '', '', '', '', ''], // 12 ok
      ['N-10', '冲突文件2', '1', '', '', '440105', '', '', '', '', '', ''], // 13 overlaps row 12's exclusive
      ['N-11', '二级的二级', '2', 'N-2', '', '', '', '', '', '', '', ''], // 14 parent is level 2
      ['N-12', '', '1', '', '', '440111,440111', '-1', '', '', '', '', ''], // 15 name, duplicate region, negative credit
    ]);
    const res = await upload('dealers', { filename: 'dealers.csv', content: csv });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'dealers', dryRun: true, total: 14, valid: 4, applied: 0 });
    const cells = report.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(cells).toEqual([
      '5:territory',
      '6:territory',
      '7:parentCode',
      '7:tier',
      '7:paymentTermDays',
      '7:vmi',
      '7:contact',
      '8:parentCode',
      '9:code',
      '10:code',
      '11:territory',
      '13:territory',
      '14:parentCode',
      '15:name',
      '15:territory',
      '15:creditLimit',
    ]);
    const message = (row: number) => report.errors.find((e: { row: number }) => e.row === row).message as string;
    expect(message(11)).toContain('DB-HOLDER');
    expect(message(13)).toContain('row 12');
    expect(message(9)).toContain('row 2');
    expect(await countRows(t)).toEqual(before);
  });

  it('should create every dealer of a valid file, parents with their sub-dealers, in one transaction', async () => {
    const before = await countRows(t);
    const file = await xlsxOf([
      ['编码', '名称', '级别', '上级经销商', '等级', '区域', '授信额度(元)', '账期(天)', 'VMI', '联系人', '电话', '地址'],
      ['A-2', '华东二级', 2, 'A-1', '铜牌', '320102', '', '', '', '', '', ''], // parent later in the file
      ['A-1', '华东一级', 1, '', '金牌', '320100*,330106', 2500000.75, 60, '是', '王五', '021-5555 0000', '南京市玄武区'],
    ]);
    const res = await upload('dealers', { filename: 'dealers.xlsx', content: file }, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, valid: 2, applied: 2, errors: [] });
    const parent = (await t.inject({ method: 'GET', url: '/api/v1/dealers?q=A-1', headers: { cookie: admin } })).json().items[0];
    expect(parent).toMatchObject({
      code: 'A-1',
      level: 1,
      status: 'active',
      tier: 'gold',
      creditLimitFen: 250000075,
      paymentTermDays: 60,
      vmi: true,
      address: '南京市玄武区',
      territory: [
        { regionCode: '320100', exclusive: true },
        { regionCode: '330106', exclusive: false },
      ],
      contacts: [{ name: '王五', phone: '021-5555 0000', primary: true }],
    });
    const child = (await t.inject({ method: 'GET', url: '/api/v1/dealers?q=A-2', headers: { cookie: admin } })).json().items[0];
    expect(child).toMatchObject({ level: 2, parentDealerId: parent.id, tier: 'bronze', paymentTermDays: 30, creditLimitFen: 0, vmi: false });
    const events = await t.inject({ method: 'GET', url: `/api/v1/dealers/${child.id}/events`, headers: { cookie: admin } });
    expect(events.json().items[0]).toMatchObject({ fromStatus: null, toStatus: 'active' });
    const after = await countRows(t);
    expect(after.dealers).toBe(before.dealers + 2);
    expect(after.audit).toBe(before.audit + 3);
    const audit = await t.inject({ method: 'GET', url: `/api/v1/audit?entityType=dealer&entityId=${parent.id}`, headers: { cookie: admin } });
    expect(audit.json().items[0]).toMatchObject({ action: 'dealer.create' });
    // The exclusive region now refuses a second holder through the API, as for any dealer.
    const clash = await t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie: admin }, payload: { code: 'A-3', name: 'x', territory: [{ regionCode: '320102', exclusive: false }] } });
    expect(clash.statusCode).toBe(409);
  });

  it('should apply nothing when one dealer row is bad', async () => {
    const before = await countRows(t);
    const csv = csvOf([HEADER, ['B-1', '好', '1', '', '', '310104', '', '', '', '', '', ''], ['B-2', '坏', '1', '', '', '310104*', '', '', '', '', '', '']]);
    const res = await upload('dealers', { filename: 'd.csv', content: csv }, false);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'BUSINESS_RULE', total: 2, valid: 1, applied: 0, errors: [{ row: 3, field: 'territory' }] });
    expect(await countRows(t)).toEqual(before);
  });

  it('should re-import an exported dealer list into a fresh database', async () => {
    await t.dealer({ code: 'EXP-1', name: '导出一', tier: 'silver', creditLimitFen: 12345, territory: [{ regionCode: '110101', exclusive: true }], contacts: [{ name: '赵六', phone: '010-1234' }] });
    const exported = await t.inject({ method: 'GET', url: '/api/v1/dealers?format=xlsx&q=EXP-', headers: { cookie: admin } });
    expect(exported.statusCode).toBe(200);
    const fresh = await createTestApp();
    try {
      const freshAdmin = await fresh.loginAs('hq_admin');
      const res = await importer(fresh, () => freshAdmin)('dealers', { filename: 'dealers.xlsx', content: exported.rawPayload }, false);
      expect(res.json()).toMatchObject({ total: 1, applied: 1, errors: [] });
      const d = (await fresh.inject({ method: 'GET', url: '/api/v1/dealers?q=EXP-1', headers: { cookie: freshAdmin } })).json().items[0];
      expect(d).toMatchObject({
        code: 'EXP-1',
        name: '导出一',
        tier: 'silver',
        creditLimitFen: 12345,
        territory: [{ regionCode: '110101', exclusive: true }],
        contacts: [{ name: '赵六', phone: '010-1234' }],
      });
    } finally {
      await fresh.close();
    }
  });

  it('should refuse roles without import and write permissions', async () => {
    const dealer = await t.dealer();
    const dealerAdmin = await t.loginAs('dealer_admin', { dealerId: dealer.id });
    const analyst = await t.loginAs('hq_analyst');
    const manager = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
    for (const cookie of [dealerAdmin, analyst, manager]) {
      const res = await importer(t, () => cookie)('dealers', { filename: 'd.csv', content: csvOf([HEADER]) });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      const template = await t.inject({ method: 'GET', url: '/api/v1/imports/products/template', headers: { cookie } });
      expect(template.statusCode).toBe(403);
    }
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/imports/products/template' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('product export and re-import', () => {
  it('should give the same products in a fresh database', async () => {
    const source = await createTestApp();
    const target = await createTestApp();
    try {
      const a = await source.loginAs('hq_admin');
      const prices = [0, 1, 10, 99, 1999, 123456789, 100, 5];
      for (let i = 0; i < prices.length; i++) {
        const res = await source.inject({
          method: 'POST',
          url: '/api/v1/products',
          headers: { cookie: a },
          payload: {
            sku: `RT-${i}`,
            name: `往返产品${i}`,
            category: i % 2 ? '饮料' : '零食',
            unit: i % 3 ? '箱' : '袋',
            listPriceFen: prices[i],
            minRetailPriceFen: prices[prices.length - 1 - i],
            active: i !== 3,
          },
        });
        expect(res.statusCode).toBe(201);
      }
      const exported = await source.inject({ method: 'GET', url: '/api/v1/products?format=xlsx', headers: { cookie: a } });
      expect(exported.statusCode).toBe(200);
      const b = await target.loginAs('hq_admin');
      const res = await importer(target, () => b)('products', { filename: 'products.xlsx', content: exported.rawPayload }, false);
      expect(res.json()).toMatchObject({ total: prices.length, applied: prices.length, errors: [] });
      const strip = (items: Record<string, unknown>[]) => items.map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest).sort((x, y) => String(x.sku).localeCompare(String(y.sku)));
      expect(strip(await allProducts(target, b))).toEqual(strip(await allProducts(source, a)));
    } finally {
      await source.close();
      await target.close();
    }
  });
});
