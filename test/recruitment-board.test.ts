// The board's feeds added for the web app (issue 3): moves across prospects ("who moved what and
// when") and the region list the login-free application form needs.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prospect, ProspectMove, Region } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let admin: string;
let manager: string;
let dealerUser: string;

const get = (url: string, cookie?: string) => t.inject({ method: 'GET', url: `/api/v1${url}`, headers: cookie ? { cookie } : {} });
const post = (cookie: string, url: string, payload: object) => t.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload });

async function prospect(name: string, regionCode: string): Promise<Prospect> {
  const res = await post(admin, '/prospects', { name, contactName: '王芳', phone: `139${String(name.length).padStart(8, '0')}`, regionCodes: [regionCode] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('hq_admin', { username: 'board.admin' });
  manager = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
  const dealer = await t.dealer();
  dealerUser = await t.loginAs('dealer_admin', { dealerId: dealer.id });
});
afterAll(async () => t?.close());

describe('GET /prospects/moves', () => {
  let canton: Prospect;
  let hangzhou: Prospect;

  beforeAll(async () => {
    canton = await prospect('广州看板测试商贸有限公司', '440106');
    hangzhou = await prospect('杭州看板测试商贸有限公司', '330106');
    const moved = await post(admin, `/prospects/${canton.id}/transitions`, { to: 'screening', reason: '电话初筛：网点多' });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('lists moves newest first with who, when, why and the prospect they concern', async () => {
    const res = await get('/prospects/moves', admin);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as ProspectMove[];
    // Three events: two creations, then Guangzhou's move to screening, which comes first.
    expect(items.map((m) => [m.prospectNumber, m.fromStage, m.toStage])).toEqual([
      [canton.number, 'new', 'screening'],
      [hangzhou.number, null, 'new'],
      [canton.number, null, 'new'],
    ]);
    expect(items[0]).toMatchObject({ prospectId: canton.id, prospectName: canton.name, reason: '电话初筛：网点多', actorName: 'board.admin' });
  });

  it('pages with a cursor without repeating or losing a move', async () => {
    const first = (await get('/prospects/moves?limit=2', admin)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(`/prospects/moves?limit=2&cursor=${first.nextCursor}`, admin)).json();
    expect(second.items.map((m: ProspectMove) => m.prospectId)).toEqual([canton.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('shows a regional manager only the moves of prospects in its regions, and filters by region', async () => {
    const mine = (await get('/prospects/moves', manager)).json().items as ProspectMove[];
    expect(new Set(mine.map((m) => m.prospectId))).toEqual(new Set([canton.id]));
    const zhejiang = (await get('/prospects/moves?regionCode=330000', admin)).json().items as ProspectMove[];
    expect(zhejiang.map((m) => m.prospectId)).toEqual([hangzhou.id]);
  });

  it('refuses dealers', async () => {
    expect((await get('/prospects/moves', dealerUser)).statusCode).toBe(403);
  });

  it('exports the moves as Excel', async () => {
    const res = await get('/prospects/moves?format=xlsx', admin);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe('编号');
    expect(sheet.rowCount).toBe(4); // header + three moves
    expect(sheet.getRow(2).getCell(7).value).toBe('电话初筛：网点多');
  });
});

describe('GET /public/regions', () => {
  it('answers without a session: provinces, then children of a parent, then a name search with full paths', async () => {
    const provinces = (await get('/public/regions')).json().items as Region[];
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces.every((r) => r.level === 'province')).toBe(true);
    const turpan = (await get('/public/regions?parentCode=650400')).json().items as Region[];
    expect(turpan.map((r) => r.name)).toContain('高昌区');
    const found = (await get(`/public/regions?q=${encodeURIComponent('高昌')}`)).json().items as Region[];
    expect(found.find((r) => r.code === '650402')?.path).toBe('新疆维吾尔自治区 / 吐鲁番市 / 高昌区');
  });

  it('refuses a malformed region code naming the parameter', async () => {
    const res = await get('/public/regions?parentCode=12');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('parentCode');
  });
});
