// The one upload path (src/server/core/uploads.ts): decompression bombs and zips that lie about
// their sizes are refused as problem+json without stalling the server; types are judged by content.
import { createHash } from 'node:crypto';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, Product } from '../src/shared/schemas/index.js';
import { DOCUMENT_KINDS, SPREADSHEET_KINDS, checkUpload, safeFileName, sniffType } from '../src/server/core/uploads.js';
import { readTable } from '../src/server/core/upload-tables.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

// --- files built by hand --------------------------------------------------------------------------

function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----qudao${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Deflated {
  name: string;
  compressed: Buffer;
  crc: number;
  size: number;
}

const small = (name: string, text: string): Deflated => {
  const data = Buffer.from(text, 'utf8');
  return { name, compressed: deflateRawSync(data), crc: crc32(data), size: data.length };
};

/** head + unit x times + tail, deflated as a stream: hundreds of MB cost a second, not the memory. */
async function repeated(name: string, head: string, unit: string, times: number, tail: string): Promise<Deflated> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(head));
  const perChunk = Math.max(1, Math.floor(1_048_576 / unit.length));
  const block = Buffer.from(unit.repeat(perChunk));
  for (let left = times; left > 0; left -= perChunk) await write(left >= perChunk ? block : Buffer.from(unit.repeat(left)));
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(out), crc, size };
}

/** A zip of deflated entries; `declare` overrides the uncompressed size written in both headers. */
function zipOf(entries: Deflated[], declare: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = declare[e.name] ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.compressed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.compressed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const workbookParts = () => [
  small(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  ),
  small(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ),
  small('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="sales" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  small(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  ),
];
const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1">${['date', 'sku', 'quantity', 'amountFen'].map(inline).join('')}</row>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const BOMB_ROW = `<row>${inline('2026-11-01')}${inline('SO-WIDGET')}<c><v>1</v></c><c><v>100</v></c></row>`;
const BOMB_ROWS = Math.ceil((320 * 1_048_576) / BOMB_ROW.length); // ~320 MB of sheet XML

let bombCache: Promise<Deflated> | undefined;
const bombSheet = () => (bombCache ??= repeated('xl/worksheets/sheet1.xml', SHEET_HEAD, BOMB_ROW, BOMB_ROWS, SHEET_TAIL));

// --- the app ---------------------------------------------------------------------------------------

describe('uploads', () => {
  let t: TestApp;
  let admin: string;
  let dealer: Dealer;
  let dealerUser: string;
  let widget: Product;

  const post = (url: string, cookie: string, filename: string, content: Buffer) => {
    const form = multipart(filename, content);
    return t.inject({ method: 'POST', url, headers: { cookie, 'content-type': form.contentType }, payload: form.payload });
  };
  const sellout = (filename: string, content: Buffer) => post('/api/v1/sellout/upload', dealerUser, filename, content);
  const importProducts = (filename: string, content: Buffer) => post('/api/v1/imports/products', admin, filename, content);

  /** Runs the work while probing GET /api/health; answers the work's result and the slowest probe. */
  async function whileProbing<T>(work: () => Promise<T>) {
    let done = false;
    let worst = 0;
    let probes = 0;
    const probe = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await t.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(200);
        worst = Math.max(worst, performance.now() - started);
        probes++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const result = await work().finally(() => {
      done = true;
    });
    await probe;
    return { result, worst, probes };
  }

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string; errors?: { path: string }[] } }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    expect(res.json().errors?.[0]?.path).toBe('/file');
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    widget = await product(t, { sku: 'SO-WIDGET', listPriceFen: 10_000 });
    dealer = await t.dealer({ creditLimitFen: 100_000_000 });
    dealerUser = await t.loginAs('dealer_staff', { dealerId: dealer.id });
  });
  afterAll(async () => t?.close());

  it('should refuse a decompression bomb as 413 problem+json while the server keeps answering', async () => {
    const sheet = await bombSheet();
    const bomb = zipOf([...workbookParts(), sheet]);
    expect(bomb.length).toBeLessThan(2 * 1_048_576); // a small upload...
    expect(sheet.size).toBeGreaterThan(300 * 1_048_576); // ...that unpacks to hundreds of MB
    const { result, worst } = await whileProbing(() => sellout('sales.xlsx', bomb));
    expectProblem(result, 413, 'PAYLOAD_TOO_LARGE');
    expect(result.json().detail).toMatch(/unpacks to/);
    expect(worst).toBeLessThan(200);
    // The admin import shares the path.
    expectProblem(await importProducts('products.xlsx', bomb), 413, 'PAYLOAD_TOO_LARGE');
  }, 60_000);

  it('should refuse a zip whose directory declares small sizes but inflates to hundreds of MB', async () => {
    const sheet = await bombSheet();
    const liar = zipOf([...workbookParts(), sheet], { 'xl/worksheets/sheet1.xml': 4096 });
    const { result, worst } = await whileProbing(() => sellout('sales.xlsx', liar));
    expectProblem(result, 400, 'VALIDATION_FAILED');
    expect(result.json().detail).toMatch(/more than the 4096 bytes it declares/);
    expect(worst).toBeLessThan(200);
  }, 60_000);

  it('should read a large workbook within the budget without blocking other requests', async () => {
    // One data row, then ~8 MB of empty styled cells: within the byte budget, slow to parse whole.
    const sheet = await repeated(
      'xl/worksheets/sheet1.xml',
      `${SHEET_HEAD}<row r="2">${inline('2026-11-10')}${inline('SO-WIDGET')}<c><v>2</v></c><c><v>240</v></c></row><row r="3">`,
      '<c r="E3" s="0"/>',
      500_000,
      `</row>${SHEET_TAIL}`,
    );
    expect(sheet.size).toBeGreaterThan(8 * 1_000_000);
    const file = zipOf([...workbookParts(), sheet]);
    const { result, worst, probes } = await whileProbing(() => sellout('big.xlsx', file));
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toEqual({ accepted: 1, rejected: [] });
    expect(probes).toBeGreaterThan(1);
    expect(worst).toBeLessThan(200);
    // The same file against a time budget of 1 ms is refused, not read on and on.
    await expect(readTable(checkUpload('big.xlsx', file, { kinds: SPREADSHEET_KINDS }), { ms: 1 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  }, 60_000);

  it('should refuse content whose real type is not what the endpoint takes or what the name says', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expectProblem(await sellout('sales.xlsx', pdf), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await sellout('sales.csv', png), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await sellout('sales.xlsx', Buffer.from('date,sku,quantity,amountFen\n')), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const plainZip = new JSZip();
    plainZip.file('a.txt', 'hello');
    expectProblem(await importProducts('p.xlsx', await plainZip.generateAsync({ type: 'nodebuffer' })), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await importProducts('p.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('should judge types by magic bytes and the parts of an Office zip', async () => {
    const office = async (mainPart: string, extra?: string) => {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file(mainPart, '<x/>');
      if (extra) zip.file(extra, 'x');
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    expect(sniffType(Buffer.from('%PDF-1.7\n...')).kind).toBe('pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).kind).toBe('jpg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).kind).toBe('png');
    expect(sniffType(await office('word/document.xml')).kind).toBe('docx');
    expect(sniffType(await office('xl/workbook.xml')).kind).toBe('xlsx');
    expect(sniffType(await office('xl/workbook.xml', 'xl/vbaProject.bin')).kind).toBe('xlsm');
    expect(sniffType(Buffer.from('日期,商品编码\n', 'utf8')).kind).toBe('csv');
    expect(sniffType(Buffer.from('MZ\x90\x00')).kind).toBeNull();
    expect(() => sniffType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/damaged zip/);
    // Evidence and attachments: documents only, and a macro workbook is not one.
    expect(checkUpload('scan.pdf', Buffer.from('%PDF-1.7\n'), { kinds: DOCUMENT_KINDS }).contentType).toBe('application/pdf');
    expect(() => checkUpload('book.xlsx', Buffer.alloc(0), { kinds: DOCUMENT_KINDS })).toThrow(/empty/);
    expect(() => checkUpload('page.html', Buffer.from('<html></html>'), { kinds: DOCUMENT_KINDS })).toThrow(/judged by its content/);
    expect(() => checkUpload('photo.png', Buffer.from('%PDF-1.7\n'), { kinds: DOCUMENT_KINDS })).toThrow(/content is PDF/);
    await expect(office('xl/workbook.xml', 'xl/vbaProject.bin').then((b) => checkUpload('macro.xlsx', b, { kinds: DOCUMENT_KINDS }))).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\scans\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(safeFileName('a"b\u0000c.png')).toBe('abc.png');
    expect(safeFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
  });

  it('should still import a normal small XLSX and CSV, in UTF-8 or GB18030, with the file in the audit', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('sales');
    ws.addRow(['日期', '商品编码', '数量', '金额(元)', '客户']);
    ws.addRow([new Date('2026-11-15T00:00:00Z'), widget.sku, 4, 480, 'K-9']);
    ws.addRow(['2026-11-16', widget.sku, { formula: '1+1', result: 2 }, 240, null]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const fromXlsx = await sellout('sales.xlsx', xlsx);
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    expect(fromXlsx.json()).toEqual({ accepted: 2, rejected: [] });
    // Chinese Excel saves CSV in GB18030: the same headers, decoded.
    const gbCsv = encodeGb18030(`日期,商品编码,数量,金额(元),客户\r\n2026-11-17,${widget.sku},1,120,王五\r\n`);
    const fromGb = await sellout('销售.csv', gbCsv);
    expect(fromGb.statusCode, fromGb.body).toBe(200);
    expect(fromGb.json()).toEqual({ accepted: 1, rejected: [] });
    const rows = await t.system.db
      .selectFrom('sellout_records')
      .select(['sold_on', 'quantity', 'amount_fen', 'customer_ref'])
      .where('dealer_id', '=', dealer.id)
      .where('sold_on', '>=', '2026-11-15')
      .orderBy('sold_on')
      .execute();
    expect(rows.map((r) => [r.sold_on, r.quantity, Number(r.amount_fen), r.customer_ref])).toEqual([
      ['2026-11-15', 4, 48_000, 'K-9'],
      ['2026-11-16', 2, 24_000, null],
      ['2026-11-17', 1, 12_000, '王五'],
    ]);

    const header = ['sku', 'name', 'category', 'unit', 'listPrice', 'minRetailPrice', 'active'];
    const csv = Buffer.from(`${header.join(',')}\r\nUP-1,绿茶,茶饮,瓶,3.50,2.00,1\r\n`, 'utf8');
    const csvReport = await importProducts('products.csv', csv);
    expect(csvReport.json()).toMatchObject({ total: 1, valid: 1, errors: [] });
    const pwb = new ExcelJS.Workbook();
    const pws = pwb.addWorksheet('products');
    pws.addRow(header);
    pws.addRow(['UP-2', '红茶', '茶饮', '瓶', 4.5, 3, 'yes']);
    const productsXlsx = Buffer.from(await pwb.xlsx.writeBuffer());
    const form = multipart('p.xlsx', productsXlsx);
    const applied = await t.inject({ method: 'POST', url: '/api/v1/imports/products?dryRun=false', headers: { cookie: admin, 'content-type': form.contentType }, payload: form.payload });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ total: 1, applied: 1 });
    const audit = await t.inject({ method: 'GET', url: '/api/v1/audit?action=import.apply', headers: { cookie: admin } });
    expect(audit.json().items[0].change).toMatchObject({ kind: 'products', format: 'xlsx', sha256: createHash('sha256').update(productsXlsx).digest('hex'), sizeBytes: productsXlsx.length });
  });
});

/** GB18030 bytes of a text (the two-byte range covers common Chinese), as Chinese Excel saves CSV. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}
