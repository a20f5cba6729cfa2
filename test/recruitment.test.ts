// Recruitment, screening, due diligence and contracting (issue 3): the whole pipeline through the
// API, with every refusal, on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistItem, Dealer, Prospect, RankedProspect, ScreeningCriteria } from '../src/shared/schemas/index.js';
import { DEFAULT_SCREENING } from '../src/server/modules/screening/screening.rules.js';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let dataDir: string;
let admin: string;
let analyst: string;
let manager: string;
let dealerUser: string;
let holder: Dealer;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const api = (cookie: string, method: Method, url: string, payload?: unknown, extra: { remoteAddress?: string } = {}) =>
  t.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }), ...extra });
const show = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 500)}`;
function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, show(res)).toBe(status);
  return res.json();
}
function problem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, show(res)).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
  return res.json() as { detail: string; errors?: { path: string; message: string }[]; [k: string]: unknown };
}

let seq = 0;
/** A prospect with only the four required fields, in Guangzhou by default. */
async function newProspect(overrides: Record<string, unknown> = {}, cookie = admin): Promise<Prospect> {
  seq++;
  return ok(
    await api(cookie, 'POST', '/prospects', { name: `广州测试商贸${seq}有限公司`, contactName: '张伟', phone: `1380000${String(seq).padStart(4, '0')}`, regionCodes: ['440106'], ...overrides }),
    201,
  );
}
const scores = (score: number) => DEFAULT_SCREENING.criteria.map((c) => ({ criterion: c.key, score }));
const screen = (id: string, score: number, knockOuts: string[] = []) => api(admin, 'POST', `/prospects/${id}/screenings`, { scores: scores(score), knockOuts });
const move = (id: string, to: string, cookie = admin) => api(cookie, 'POST', `/prospects/${id}/transitions`, { to, reason: `to ${to}` });
const items = async (id: string): Promise<ChecklistItem[]> => (ok(await api(admin, 'GET', `/prospects/${id}/checklists`)).checklists as { items: ChecklistItem[] }[]).flatMap((c) => c.items);
async function closeAll(id: string) {
  for (const item of await items(id)) ok(await api(admin, 'PATCH', `/prospects/${id}/checklist-items/${item.id}`, { status: 'verified', owner: '法务部 李娜' }));
}
/** A prospect screened (passed) and in due diligence. */
async function inDueDiligence(overrides: Record<string, unknown> = {}) {
  const p = await newProspect(overrides);
  ok(await screen(p.id, 85), 201);
  ok(await move(p.id, 'due_diligence'));
  return p;
}
async function approved(overrides: Record<string, unknown> = {}, decision: 'approve' | 'conditional' = 'approve') {
  const p = await inDueDiligence(overrides);
  await closeAll(p.id);
  ok(await api(admin, 'POST', `/prospects/${p.id}/decision`, { decision, reasons: ['网点覆盖好', '财务稳健'] }));
  return p;
}
const contract = (regionCode: string, exclusive = false) => ({ contract: { territory: [{ regionCode, exclusive }], tier: 'silver', creditLimitFen: 50_000_000, paymentTermDays: 45 } });

function multipart(fileName: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----qudao${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (id: string, itemId: string, fileName: string, data: Buffer, cookie = admin) => {
  const body = multipart(fileName, data);
  return t.inject({ method: 'POST', url: `/api/v1/prospects/${id}/checklist-items/${itemId}/evidence`, headers: { cookie, ...body.headers }, payload: body.payload });
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'qudao-recruit-'));
  t = await createTestApp({ config: { dataDir } });
  admin = await t.loginAs('hq_admin');
  analyst = await t.loginAs('hq_analyst');
  manager = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
  // An existing dealer holding Tianhe district (440106) exclusively.
  holder = await t.dealer({ code: 'GZTH01', name: '天河独家总代', territory: [{ regionCode: '440106', exclusive: true }] });
  dealerUser = await t.loginAs('dealer_admin', { dealerId: holder.id });
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('prospects', () => {
  it('enters a prospect from a phone call with only name, contact, phone and regions', async () => {
    const p = await newProspect({ regionCodes: ['440105'] });
    expect(p).toMatchObject({
      stage: 'new',
      source: 'hq',
      regionCodes: ['440105'],
      unifiedSocialCreditCode: null,
      latestScreening: null,
      decision: null,
      dealerId: null,
      keyAccounts: [],
      outletCount: null,
    });
    expect(p.number).toMatch(/^P2026\d{4}$/);
    expect(p.regions[0].regionName).toContain('广州市');
    const events = ok(await api(admin, 'GET', `/prospects/${p.id}/events`));
    expect(events.items).toEqual([expect.objectContaining({ fromStage: null, toStage: 'new', reason: 'Entered by HQ' })]);
  });

  it('numbers prospects from one yearly counter, gap-free under parallel creates and continuing numbers issued before it', async () => {
    // A database from before the counter: numbers up to P20260500 exist, no counter row for the year.
    await t.deps.db.deleteFrom('doc_counters').where('name', '=', 'P2026').execute();
    const old = ok(await api(admin, 'POST', '/prospects', { name: '升级前商贸有限公司', contactName: '李', phone: '13900000500', regionCodes: ['440106'] }), 201) as Prospect;
    await t.deps.db.updateTable('prospects').set({ number: 'P20260500' }).where('id', '=', old.id).execute();
    await t.deps.db.deleteFrom('doc_counters').where('name', '=', 'P2026').execute();
    const made = (await Promise.all([1, 2, 3, 4].map(() => newProspect()))).map((p) => p.number).sort();
    expect(made).toEqual(['P20260501', 'P20260502', 'P20260503', 'P20260504']);
  });

  it('keeps the C1 details and completes them later', async () => {
    const p = await newProspect({
      unifiedSocialCreditCode: '91440300708461136t',
      outletCount: 120,
      citiesCovered: 3,
      countiesCovered: 18,
      keyAccounts: ['华润万家', '永辉超市'],
      liquidFundsFen: 800_000_000,
      debtToAssetRatio: 0.45,
      profitableYears: 5,
      dsoDays: 42,
      inventoryTurnover: 8.5,
      salesHeadcount: 35,
      yearsOfExperience: 12,
      afterSales: '自有售后团队 8 人，24 小时响应',
      references: [{ name: '王总', company: '某品牌华南大区', relation: '前合作方' }],
    });
    expect(p).toMatchObject({ unifiedSocialCreditCode: '91440300708461136T', outletCount: 120, keyAccounts: ['华润万家', '永辉超市'], debtToAssetRatio: 0.45 });
    const patched = ok(await api(admin, 'PATCH', `/prospects/${p.id}`, { email: 'gm@example.com', outletCount: null, salesHeadcount: 40 }));
    expect(patched).toMatchObject({ email: 'gm@example.com', outletCount: null, salesHeadcount: 40, citiesCovered: 3 });
  });

  it('validates the credit code check digit and the regions', async () => {
    const bad = problem(
      await api(admin, 'POST', '/prospects', { name: '某公司', contactName: '李', phone: '13900000000', regionCodes: ['440106'], unifiedSocialCreditCode: '91440300708461136X' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors).toEqual([{ path: '/unifiedSocialCreditCode', message: expect.stringContaining('check digit') }]);
    const region = problem(await api(admin, 'POST', '/prospects', { name: '某公司', contactName: '李', phone: '13900000000', regionCodes: ['440106', '999999'] }), 400, 'VALIDATION_FAILED');
    expect(region.errors![0].path).toBe('/regionCodes/1');
    const missing = problem(await api(admin, 'POST', '/prospects', { name: '某公司', contactName: '李', regionCodes: ['440106'] }), 400, 'VALIDATION_FAILED');
    expect(missing.errors).toEqual([{ path: '/phone', message: 'is required' }]);
  });

  it('refuses duplicates by credit code and by name + phone, naming the existing prospect', async () => {
    const first = await newProspect({ name: '华瑞（深圳）贸易有限公司', phone: '0755-8888 1234', unifiedSocialCreditCode: '91110000802100433B' });
    const byCode = problem(
      await api(admin, 'POST', '/prospects', { name: '另一个名字', contactName: '赵', phone: '13700000000', regionCodes: ['440106'], unifiedSocialCreditCode: '91110000802100433B' }),
      409,
      'CONFLICT',
    );
    expect(byCode.detail).toContain(first.number);
    expect(byCode.existingProspectId).toBe(first.id);
    const byNamePhone = problem(await api(admin, 'POST', '/prospects', { name: '华瑞(深圳)贸易有限公司', contactName: '钱', phone: '075588881234', regionCodes: ['440104'] }), 409, 'CONFLICT');
    expect(byNamePhone.detail).toContain(first.number);
    const other = await newProspect();
    problem(await api(admin, 'PATCH', `/prospects/${other.id}`, { unifiedSocialCreditCode: '91110000802100433B' }), 409, 'CONFLICT');
  });

  it("warns when a wanted region overlaps another dealer's exclusive territory", async () => {
    const p = await newProspect({ regionCodes: ['440100', '440303'] });
    const got = ok(await api(admin, 'GET', `/prospects/${p.id}`)) as Prospect;
    expect(got.warnings).toEqual([
      expect.objectContaining({ code: 'TERRITORY_OVERLAP', regionCode: '440100', heldRegionCode: '440106', dealerId: holder.id, dealerCode: 'GZTH01', dealerName: '天河独家总代' }),
    ]);
    const free = await newProspect({ regionCodes: ['440303'] });
    expect((ok(await api(admin, 'GET', `/prospects/${free.id}`)) as Prospect).warnings).toEqual([]);
  });

  it('lists with filters by stage, region and text, and exports the same rows to Excel', async () => {
    const p = await newProspect({ name: '佛山顺德筛选测试公司', regionCodes: ['440606'] });
    const byRegion = ok(await api(admin, 'GET', '/prospects?regionCode=440600&limit=500'));
    expect(byRegion.items.map((x: Prospect) => x.id)).toEqual([p.id]);
    const byProvince = ok(await api(admin, 'GET', '/prospects?regionCode=440000&stage=new&limit=500'));
    expect(byProvince.items.map((x: Prospect) => x.id)).toContain(p.id);
    expect(ok(await api(admin, 'GET', `/prospects?q=${encodeURIComponent('顺德筛选')}`)).items).toHaveLength(1);
    expect(ok(await api(admin, 'GET', '/prospects?stage=converted&regionCode=440600')).items).toEqual([]);
    const paged = ok(await api(admin, 'GET', '/prospects?limit=2'));
    expect(paged.items).toHaveLength(2);
    expect(paged.nextCursor).toEqual(expect.any(String));
    const xlsx = await api(admin, 'GET', '/prospects?format=xlsx&regionCode=440600');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(2);
    expect(String(workbook.worksheets[0].getRow(2).getCell(2).value)).toBe('佛山顺德筛选测试公司');
  });

  it('keeps prospects to HQ and the regional managers of their regions', async () => {
    const mine = await newProspect({ regionCodes: ['440104'] }, manager);
    problem(await api(manager, 'POST', '/prospects', { name: '上海某公司', contactName: '周', phone: '13600000001', regionCodes: ['310101'] }), 403, 'FORBIDDEN');
    const shanghai = await newProspect({ regionCodes: ['310101'] });
    problem(await api(manager, 'GET', `/prospects/${shanghai.id}`), 404, 'NOT_FOUND');
    problem(await api(manager, 'PATCH', `/prospects/${shanghai.id}`, { contactName: '改' }), 404, 'NOT_FOUND');
    const listed = ok(await api(manager, 'GET', '/prospects?limit=500')).items.map((x: Prospect) => x.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(shanghai.id);
    ok(await api(analyst, 'GET', `/prospects/${shanghai.id}`));
    problem(await api(analyst, 'POST', '/prospects', { name: 'x', contactName: 'y', phone: '13600000002', regionCodes: ['440106'] }), 403, 'FORBIDDEN');
    problem(await api(dealerUser, 'GET', '/prospects'), 403, 'FORBIDDEN');
    problem(await api(dealerUser, 'GET', `/prospects/${mine.id}/risk`), 403, 'FORBIDDEN');
  });
});

describe('screening scorecard', () => {
  it('serves the C1 defaults', async () => {
    const criteria = ok(await api(analyst, 'GET', '/screening-criteria')) as ScreeningCriteria;
    expect(criteria.passMark).toBe(70);
    expect(criteria.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(criteria.knockOuts.map((k) => k.key)).toEqual(['major_debt_dispute', 'licence_revoked']);
  });

  it('lets only an HQ admin change it, and only to weights totalling 100', async () => {
    const edited: ScreeningCriteria = { ...DEFAULT_SCREENING, passMark: 75 };
    problem(await api(analyst, 'PUT', '/screening-criteria', edited), 403, 'FORBIDDEN');
    problem(await api(manager, 'PUT', '/screening-criteria', edited), 403, 'FORBIDDEN');
    const short = problem(await api(admin, 'PUT', '/screening-criteria', { ...DEFAULT_SCREENING, criteria: DEFAULT_SCREENING.criteria.slice(1) }), 400, 'VALIDATION_FAILED');
    expect(short.detail).toContain('weights total 90');
    ok(await api(admin, 'PUT', '/screening-criteria', edited));
    expect(ok(await api(admin, 'GET', '/screening-criteria')).passMark).toBe(75);
    const p = await newProspect();
    expect(ok(await screen(p.id, 72), 201)).toMatchObject({ total: 72, passed: false, passMark: 75 });
    ok(await api(admin, 'PUT', '/screening-criteria', DEFAULT_SCREENING));
  });

  it('scores a prospect: weighted total, pass mark, knock-outs; screening a new prospect starts its screening', async () => {
    const p = await newProspect();
    const result = ok(await screen(p.id, 80), 201);
    expect(result).toMatchObject({ total: 80, passed: true, knockedOut: false, knockOuts: [] });
    expect(result.breakdown).toHaveLength(DEFAULT_SCREENING.criteria.length);
    expect(result.breakdown[0]).toMatchObject({ criterion: 'outlet_network', weight: 10, score: 80, weighted: 8 });
    expect(ok(await api(admin, 'GET', `/prospects/${p.id}`)) as Prospect).toMatchObject({ stage: 'screening', latestScreening: { total: 80, passed: true, knockedOut: false } });
    const knocked = ok(await screen(p.id, 95, ['major_debt_dispute']), 201);
    expect(knocked).toMatchObject({ total: 95, passed: false, knockedOut: true, knockOuts: ['major_debt_dispute'] });
    expect(ok(await api(admin, 'GET', `/prospects/${p.id}/screenings`)).items).toHaveLength(2);
  });

  it('refuses a missing, an unknown or an out-of-range score, naming it', async () => {
    const p = await newProspect();
    const missing = problem(await api(admin, 'POST', `/prospects/${p.id}/screenings`, { scores: scores(80).slice(1) }), 400, 'VALIDATION_FAILED');
    expect(missing.detail).toContain('outlet_network');
    const unknown = problem(await api(admin, 'POST', `/prospects/${p.id}/screenings`, { scores: [...scores(80), { criterion: 'golf_handicap', score: 50 }] }), 400, 'VALIDATION_FAILED');
    expect(unknown.errors).toEqual([{ path: `/scores/${DEFAULT_SCREENING.criteria.length}/criterion`, message: expect.stringContaining('golf_handicap') }]);
    const high = scores(80);
    high[2] = { ...high[2], score: 101 };
    expect(problem(await api(admin, 'POST', `/prospects/${p.id}/screenings`, { scores: high }), 400, 'VALIDATION_FAILED').errors![0].path).toBe('/scores/2/score');
    problem(await api(admin, 'POST', `/prospects/${p.id}/screenings`, { scores: scores(80), knockOuts: ['bad_luck'] }), 400, 'VALIDATION_FAILED');
    expect((ok(await api(admin, 'GET', `/prospects/${p.id}`)) as Prospect).stage).toBe('new');
  });

  it('ranks the open prospects of a region by their latest score', async () => {
    const a = await newProspect({ regionCodes: ['441302'] });
    const b = await newProspect({ regionCodes: ['441303'] });
    const c = await newProspect({ regionCodes: ['441300'] });
    const knocked = await newProspect({ regionCodes: ['441302'] });
    const unscreened = await newProspect({ regionCodes: ['441302'] });
    ok(await screen(a.id, 75), 201);
    ok(await screen(b.id, 91), 201);
    ok(await screen(c.id, 60), 201);
    ok(await screen(knocked.id, 99, ['licence_revoked']), 201);
    const ranking = ok(await api(analyst, 'GET', '/prospects/ranking?regionCode=441300')).items as RankedProspect[];
    // Best score first, unscreened after the screened, a knock-out last whatever its score.
    expect(ranking.map((r) => [r.rank, r.id, r.total, r.knockedOut])).toEqual([
      [1, b.id, 91, false],
      [2, a.id, 75, false],
      [3, c.id, 60, false],
      [4, unscreened.id, null, null],
      [5, knocked.id, 99, true],
    ]);
    // A county sees the prospects wanting it or the whole city.
    expect((ok(await api(analyst, 'GET', '/prospects/ranking?regionCode=441302')).items as RankedProspect[]).map((r) => r.id).slice(0, 2)).toEqual([a.id, c.id]);
    const xlsx = await api(analyst, 'GET', '/prospects/ranking?regionCode=441300&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the pipeline', () => {
  it('refuses wrong moves with 409 INVALID_TRANSITION', async () => {
    const p = await newProspect();
    const skip = problem(await move(p.id, 'decision'), 409, 'INVALID_TRANSITION');
    expect(skip).toMatchObject({ from: 'new', to: 'decision', allowed: ['screening', 'rejected'] });
    problem(await move(p.id, 'due_diligence'), 409, 'INVALID_TRANSITION');
    problem(await move(p.id, 'converted'), 409, 'INVALID_TRANSITION');
    problem(await api(admin, 'POST', `/prospects/${p.id}/decision`, { decision: 'approve', reasons: '好' }), 409, 'INVALID_TRANSITION');
  });

  it('lets only a passed screening into due diligence', async () => {
    const p = await newProspect();
    ok(await move(p.id, 'screening'));
    expect(problem(await move(p.id, 'due_diligence'), 422, 'BUSINESS_RULE').detail).toContain('not been screened');
    ok(await screen(p.id, 65), 201);
    expect(problem(await move(p.id, 'due_diligence'), 422, 'BUSINESS_RULE').detail).toContain('did not pass');
    ok(await screen(p.id, 100, ['licence_revoked']), 201);
    expect(problem(await move(p.id, 'due_diligence'), 422, 'BUSINESS_RULE').detail).toContain('knocked out');
    ok(await screen(p.id, 78), 201);
    expect(ok(await move(p.id, 'due_diligence')).stage).toBe('due_diligence');
  });

  it('records who moved what, when and why', async () => {
    const p = await inDueDiligence();
    const events = ok(await api(analyst, 'GET', `/prospects/${p.id}/events`)).items;
    expect(events.map((e: { fromStage: string | null; toStage: string }) => [e.fromStage, e.toStage])).toEqual([
      [null, 'new'],
      ['new', 'screening'],
      ['screening', 'due_diligence'],
    ]);
    expect(events[2]).toMatchObject({ reason: 'to due_diligence', actorName: expect.stringContaining('hq.admin'), at: expect.any(String) });
  });
});

describe('due diligence', () => {
  it('creates checklists A, B and C on entering due diligence and tracks owner, status and note', async () => {
    const p = await newProspect();
    expect(ok(await api(admin, 'GET', `/prospects/${p.id}/checklists`)).checklists).toEqual([]);
    ok(await screen(p.id, 88), 201);
    ok(await move(p.id, 'due_diligence'));
    const lists = ok(await api(admin, 'GET', `/prospects/${p.id}/checklists`)).checklists;
    expect(lists.map((c: { checklist: string; total: number; open: number }) => [c.checklist, c.total, c.open])).toEqual([
      ['A', 7, 7],
      ['B', 6, 6],
      ['C', 7, 7],
    ]);
    const stress = lists[2].items.find((i: ChecklistItem) => i.key === 'stress_scenario');
    expect(stress.name).toContain('20%');
    const updated = ok(await api(manager, 'PATCH', `/prospects/${p.id}/checklist-items/${stress.id}`, { owner: '区域经理 王磊', status: 'issue', note: '库存资金仅够 35 天' }));
    expect(updated).toMatchObject({ owner: '区域经理 王磊', status: 'issue', note: '库存资金仅够 35 天', updatedBy: expect.any(String) });
    problem(await api(analyst, 'PATCH', `/prospects/${p.id}/checklist-items/${stress.id}`, { status: 'verified' }), 403, 'FORBIDDEN');
    problem(await api(admin, 'PATCH', `/prospects/${p.id}/checklist-items/pci_nonexistent`, { status: 'verified' }), 404, 'NOT_FOUND');
  });

  it('stores evidence files by content type under the data directory and serves them back', async () => {
    const p = await inDueDiligence();
    const item = (await items(p.id)).find((i) => i.code === 'A1')!;
    const uploaded = ok(await upload(p.id, item.id, '营业执照.pdf', PDF), 201);
    expect(uploaded).toMatchObject({ itemId: item.id, fileName: '营业执照.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    const png = ok(await upload(p.id, item.id, 'site.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])), 201);
    expect(png.contentType).toBe('image/png');
    const listed = (await items(p.id)).find((i) => i.id === item.id)!;
    expect(listed.evidence.map((e) => e.fileName)).toEqual(['营业执照.pdf', 'site.PNG']);

    // Stored under the data directory, one folder per prospect.
    expect(readdirSync(path.join(dataDir, 'evidence', p.id)).sort()).toEqual([`${png.id}.png`, `${uploaded.id}.pdf`].sort());
    const download = await api(analyst, 'GET', `/prospects/${p.id}/evidence/${uploaded.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('营业执照.pdf'));
    expect(download.rawPayload.equals(PDF)).toBe(true);
    problem(await api(dealerUser, 'GET', `/prospects/${p.id}/evidence/${uploaded.id}`), 403, 'FORBIDDEN');

    expect((await api(admin, 'DELETE', `/prospects/${p.id}/evidence/${png.id}`)).statusCode).toBe(204);
    expect(readdirSync(path.join(dataDir, 'evidence', p.id))).toEqual([`${uploaded.id}.pdf`]);
    problem(await api(admin, 'GET', `/prospects/${p.id}/evidence/${png.id}`), 404, 'NOT_FOUND');
  });

  it('refuses evidence whose content is not an allowed type, whose name lies, or that is too large', async () => {
    const p = await inDueDiligence();
    const item = (await items(p.id))[0];
    problem(await upload(p.id, item.id, 'invoice.pdf', Buffer.from('MZ\x90\x00 this is an executable')), 415, 'UNSUPPORTED_MEDIA_TYPE');
    problem(await upload(p.id, item.id, 'photo.png', PDF), 415, 'UNSUPPORTED_MEDIA_TYPE');
    problem(await upload(p.id, item.id, 'page.html', Buffer.from('<html></html>')), 415, 'UNSUPPORTED_MEDIA_TYPE');
    problem(await upload(p.id, item.id, 'empty.pdf', Buffer.alloc(0)), 400, 'VALIDATION_FAILED');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    problem(await upload(p.id, item.id, 'big.pdf', big), 413, 'PAYLOAD_TOO_LARGE');
    problem(await api(admin, 'POST', `/prospects/${p.id}/checklist-items/${item.id}/evidence`, { file: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await items(p.id))[0].evidence).toEqual([]);
  });

  it('rates the risk from the findings: worst band, counts per band, the heat grid', async () => {
    const p = await inDueDiligence();
    expect(ok(await api(admin, 'GET', `/prospects/${p.id}/risk`))).toMatchObject({ rating: 'low', counts: { low: 0, medium: 0, high: 0, critical: 0 }, findings: [] });
    const linked = ok(await api(admin, 'POST', `/prospects/${p.id}/findings`, { checklist: 'A', item: 'legal_disputes', likelihood: 2, impact: 3, note: '一起已结案的合同纠纷' }), 201);
    expect(linked).toMatchObject({ item: 'A5', itemId: expect.any(String), score: 6, band: 'medium' });
    ok(await api(admin, 'POST', `/prospects/${p.id}/findings`, { checklist: 'B', item: 'B3', likelihood: 1, impact: 2, note: '流水与报表小额差异' }), 201);
    ok(await api(manager, 'POST', `/prospects/${p.id}/findings`, { checklist: 'C', item: '仓库消防验收', likelihood: 3, impact: 4, note: '消防验收过期' }), 201);
    const risk = ok(await api(analyst, 'GET', `/prospects/${p.id}/risk`));
    expect(risk.rating).toBe('high');
    expect(risk.counts).toEqual({ low: 1, medium: 1, high: 1, critical: 0 });
    expect(risk.findings.map((f: { score: number }) => f.score)).toEqual([12, 6, 2]);
    expect(risk.findings[0]).toMatchObject({ item: '仓库消防验收', itemId: null });
    expect(risk.grid[2][3]).toBe(1);
    problem(await api(admin, 'POST', `/prospects/${p.id}/findings`, { checklist: 'D', item: 'x', likelihood: 6, impact: 0, note: '' }), 400, 'VALIDATION_FAILED');
  });
});

describe('financial analysis', () => {
  const years = [
    {
      year: 2023,
      revenueFen: 100_000_000,
      netProfitFen: 6_000_000,
      totalAssetsFen: 80_000_000,
      equityFen: 32_000_000,
      totalLiabilitiesFen: 48_000_000,
      currentAssetsFen: 50_000_000,
      currentLiabilitiesFen: 25_000_000,
      inventoryFen: 15_000_000,
      receivablesFen: 20_000_000,
      cogsFen: 75_000_000,
    },
    {
      year: 2024,
      revenueFen: 120_000_000,
      netProfitFen: 9_000_000,
      totalAssetsFen: 80_000_000,
      equityFen: 32_000_000,
      totalLiabilitiesFen: 48_000_000,
      currentAssetsFen: 50_000_000,
      currentLiabilitiesFen: 25_000_000,
      inventoryFen: 15_000_000,
      receivablesFen: 20_000_000,
      cogsFen: 90_000_000,
    },
    { year: 2025, revenueFen: 150_000_000, netProfitFen: 12_000_000, totalAssetsFen: 100_000_000, equityFen: 40_000_000 },
  ];

  it('computes DuPont and the other ratios (pure), null where inputs are missing', async () => {
    const res = ok(await api(analyst, 'POST', '/analysis/dupont', { years }));
    expect(res.years[1]).toEqual({
      year: 2024,
      netMargin: 0.075,
      assetTurnover: 1.5,
      equityMultiplier: 2.5,
      roe: 0.28125,
      currentRatio: 2,
      quickRatio: 1.4,
      debtToAsset: 0.6,
      dsoDays: 60.83,
      inventoryDays: 60.83,
    });
    expect(res.years[2]).toMatchObject({ roe: 0.3, currentRatio: null, quickRatio: null, debtToAsset: null, dsoDays: null, inventoryDays: null });
    const zero = ok(await api(analyst, 'POST', '/analysis/dupont', { years: [{ year: 2025, revenueFen: 0, netProfitFen: 0, totalAssetsFen: 0, equityFen: 0 }] }));
    expect(zero.years[0]).toEqual({
      year: 2025,
      netMargin: null,
      assetTurnover: null,
      equityMultiplier: null,
      roe: null,
      currentRatio: null,
      quickRatio: null,
      debtToAsset: null,
      dsoDays: null,
      inventoryDays: null,
    });
    problem(await api(analyst, 'POST', '/analysis/dupont', { years: [{ ...years[0], extra: 1 }] }), 400, 'VALIDATION_FAILED');
    problem(await api(dealerUser, 'POST', '/analysis/dupont', { years }), 403, 'FORBIDDEN');
  });

  it('keeps three years of statements per prospect with ratios and the year-on-year trend', async () => {
    const p = await inDueDiligence();
    const saved = ok(await api(admin, 'PUT', `/prospects/${p.id}/statements`, { years: [years[2], years[0], { ...years[1], operatingCashFlowFen: -1_500_000 }] }));
    expect(saved.statements.map((s: { year: number }) => s.year)).toEqual([2023, 2024, 2025]);
    expect(saved.statements[1].operatingCashFlowFen).toBe(-1_500_000);
    const analysis = ok(await api(analyst, 'GET', `/prospects/${p.id}/analysis`));
    expect(analysis.years.map((y: { roe: number }) => y.roe)).toEqual([0.1875, 0.28125, 0.3]);
    expect(analysis.trend).toEqual([
      expect.objectContaining({ year: 2024, previousYear: 2023, revenueGrowth: 0.2, netProfitGrowth: 0.5, roeChange: 0.09375 }),
      expect.objectContaining({ year: 2025, previousYear: 2024, revenueGrowth: 0.25, totalAssetsGrowth: 0.25, currentRatioChange: null }),
    ]);
    problem(await api(admin, 'PUT', `/prospects/${p.id}/statements`, { years: [years[0], years[0]] }), 400, 'VALIDATION_FAILED');
  });
});

describe('decision and contract', () => {
  it('approves only after due diligence is complete, by an HQ admin', async () => {
    const p = await inDueDiligence();
    const open = problem(await move(p.id, 'decision'), 422, 'BUSINESS_RULE');
    expect(open.openItems).toHaveLength(20);
    problem(await api(admin, 'POST', `/prospects/${p.id}/decision`, { decision: 'approve', reasons: '好' }), 422, 'BUSINESS_RULE');
    await closeAll(p.id);
    problem(await api(manager, 'POST', `/prospects/${p.id}/decision`, { decision: 'approve', reasons: '好' }), 403, 'FORBIDDEN');
    const decided = ok(await api(admin, 'POST', `/prospects/${p.id}/decision`, { decision: 'conditional', reasons: ['首年信用额度减半', '半年内补齐环保许可'] }));
    expect(decided).toMatchObject({ stage: 'decision', decision: { decision: 'conditional', reasons: ['首年信用额度减半', '半年内补齐环保许可'], decidedBy: expect.any(String) } });
    problem(await api(admin, 'POST', `/prospects/${p.id}/decision`, { decision: 'approve', reasons: '   ' }), 400, 'VALIDATION_FAILED');
  });

  it('converts an approved prospect into an active dealer with its contract', async () => {
    const p = await approved({ regionCodes: ['440303'], unifiedSocialCreditCode: '91440300MA5F2K8Q19', contactTitle: '总经理', email: 'boss@example.com', address: '深圳市罗湖区人民南路 1 号' });
    const dealer = ok(
      await api(admin, 'POST', `/prospects/${p.id}/convert`, {
        contract: {
          territory: [{ regionCode: '440303', exclusive: true }],
          tier: 'gold',
          creditLimitFen: 123_456_78,
          paymentTermDays: 60,
          startsOn: '2027-01-01',
          endsOn: '2029-12-31',
          vmi: true,
          rebatePolicy: 'RB-2027-GOLD',
          annualTargetFen: 3_000_000_000,
        },
      }),
      201,
    ) as Dealer;
    expect(dealer).toMatchObject({
      code: `D${p.number.slice(1)}`,
      name: p.name,
      status: 'active',
      tier: 'gold',
      level: 1,
      territory: [expect.objectContaining({ regionCode: '440303', exclusive: true })],
      creditLimitFen: 123_456_78,
      paymentTermDays: 60,
      vmi: true,
      unifiedSocialCreditCode: '91440300MA5F2K8Q19',
      address: '深圳市罗湖区人民南路 1 号',
      contractStartsOn: '2027-01-01',
      contractEndsOn: '2029-12-31',
      contacts: [expect.objectContaining({ name: '张伟', title: '总经理', email: 'boss@example.com', primary: true })],
    });
    expect(ok(await api(admin, 'GET', `/prospects/${p.id}`))).toMatchObject({ stage: 'converted', dealerId: dealer.id, warnings: [] });
    expect(ok(await api(admin, 'GET', `/dealers/${dealer.id}`)).status).toBe('active');
    // Converted is final.
    problem(await api(admin, 'POST', `/prospects/${p.id}/convert`, contract('440304')), 409, 'INVALID_TRANSITION');
    problem(await api(admin, 'PATCH', `/prospects/${p.id}`, { contactName: '改' }), 409, 'CONFLICT');

    const doc = await api(analyst, 'GET', `/prospects/${p.id}/contract.docx`);
    expect(doc.statusCode, show(doc)).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(doc.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('经销商合作协议');
    expect(xml).toContain(p.name);
    expect(xml).toContain('独家');
    expect(xml).toContain('金牌');
    expect(xml).toContain('壹拾贰万叁仟肆佰伍拾陆元柒角捌分');
    expect(xml).toContain('RB-2027-GOLD');
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:eastAsia="zh-CN"');
    // The dealer can fetch its own contract; another dealer cannot see it.
    const dealerLogin = await t.loginAs('dealer_staff', { dealerId: dealer.id });
    expect((await api(dealerLogin, 'GET', `/dealers/${dealer.id}/contract.docx`)).statusCode).toBe(200);
    problem(await api(dealerUser, 'GET', `/dealers/${dealer.id}/contract.docx`), 404, 'NOT_FOUND');
  });

  it('writes the conditions of a conditional approval into the contract', async () => {
    const p = await approved({ regionCodes: ['440304'] }, 'conditional');
    ok(await api(admin, 'POST', `/prospects/${p.id}/convert`, contract('440304')), 201);
    const zip = await JSZip.loadAsync((await api(admin, 'GET', `/prospects/${p.id}/contract.docx`)).rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('附加条件');
    expect(xml).toContain('网点覆盖好');
  });

  it('refuses to convert a prospect that is not approved, or a rejected one', async () => {
    const fresh = await newProspect();
    expect(problem(await api(admin, 'POST', `/prospects/${fresh.id}/convert`, contract('440305')), 409, 'INVALID_TRANSITION').detail).toContain('only an approved prospect');
    problem(await api(admin, 'GET', `/prospects/${fresh.id}/contract.docx`), 404, 'NOT_FOUND');
    const dd = await inDueDiligence();
    await closeAll(dd.id);
    ok(await move(dd.id, 'decision'));
    problem(await api(admin, 'POST', `/prospects/${dd.id}/convert`, contract('440305')), 409, 'INVALID_TRANSITION');
    const rejected = ok(await api(admin, 'POST', `/prospects/${dd.id}/decision`, { decision: 'reject', reasons: '压力测试不通过' }));
    expect(rejected).toMatchObject({ stage: 'rejected', decision: { decision: 'reject', reasons: ['压力测试不通过'] } });
    problem(await api(admin, 'POST', `/prospects/${dd.id}/convert`, contract('440305')), 409, 'INVALID_TRANSITION');
    problem(await api(admin, 'POST', `/prospects/${dd.id}/decision`, { decision: 'approve', reasons: '再议' }), 409, 'INVALID_TRANSITION');
    problem(await api(admin, 'POST', `/prospects/${dd.id}/screenings`, { scores: scores(90) }), 409, 'INVALID_TRANSITION');
    problem(await api(manager, 'POST', `/prospects/${dd.id}/convert`, contract('440305')), 403, 'FORBIDDEN');
  });

  it('refuses a contract whose exclusive territory conflicts, naming the holder', async () => {
    const p = await approved({ regionCodes: ['440106'] });
    const clash = problem(await api(admin, 'POST', `/prospects/${p.id}/convert`, contract('440100', true)), 409, 'CONFLICT');
    expect(clash.detail).toContain('GZTH01');
    expect(clash.detail).toContain('天河独家总代');
    problem(await api(admin, 'POST', `/prospects/${p.id}/convert`, { contract: { ...contract('440106').contract, priceListId: 'pl_missing' } }), 400, 'VALIDATION_FAILED');
    problem(await api(admin, 'POST', `/prospects/${p.id}/convert`, { contract: { ...contract('440303').contract, startsOn: '2027-02-30' } }), 400, 'VALIDATION_FAILED');
    expect((ok(await api(admin, 'GET', `/prospects/${p.id}`)) as Prospect).stage).toBe('decision');
    // Non-exclusive next to the exclusive holder's county is fine.
    expect(ok(await api(admin, 'POST', `/prospects/${p.id}/convert`, contract('440111')), 201).status).toBe('active');
  });

  it('rejects and reopens only by HQ decision', async () => {
    const p = await newProspect();
    problem(await move(p.id, 'rejected', manager), 403, 'FORBIDDEN');
    expect(ok(await move(p.id, 'rejected')).stage).toBe('rejected');
    problem(await move(p.id, 'screening'), 409, 'INVALID_TRANSITION');
    problem(await move(p.id, 'new', manager), 403, 'FORBIDDEN');
    expect(ok(await move(p.id, 'new'))).toMatchObject({ stage: 'new', decision: null });
  });
});

describe('successor pool', () => {
  it('keeps rejected and not yet converted prospects with their scores, searchable by region', async () => {
    const rejected = await newProspect({ regionCodes: ['450102'] });
    ok(await screen(rejected.id, 66), 201);
    ok(await api(admin, 'POST', `/prospects/${rejected.id}/decision`, { decision: 'reject', reasons: '得分不足' }));
    const open = await newProspect({ regionCodes: ['450100'] });
    ok(await screen(open.id, 83), 201);
    const converted = await approved({ regionCodes: ['450103'] });
    ok(await api(admin, 'POST', `/prospects/${converted.id}/convert`, contract('450103')), 201);
    const pool = ok(await api(analyst, 'GET', '/prospects/successors?regionCode=450100')).items as RankedProspect[];
    expect(pool.map((r) => [r.id, r.stage, r.total])).toEqual([
      [open.id, 'screening', 83],
      [rejected.id, 'rejected', 66],
    ]);
    expect(pool[1]).toMatchObject({ decision: 'reject', reasons: ['得分不足'] });
    const ranking = ok(await api(analyst, 'GET', '/prospects/ranking?regionCode=450100')).items as RankedProspect[];
    expect(ranking.map((r) => r.id)).toEqual([open.id]);
  });
});

describe('public application form', () => {
  const form = (n: number, extra: Record<string, unknown> = {}) => ({
    name: `网络申请商贸${n}有限公司`,
    contactName: '申请人',
    phone: `1590000${String(n).padStart(4, '0')}`,
    regionCodes: ['330106'],
    outletCount: 12,
    ...extra,
  });
  const apply = (payload: unknown, remoteAddress: string) => t.inject({ method: 'POST', url: '/api/v1/public/prospect-applications', payload: payload as object, remoteAddress });
  const countByName = async (name: string) => ok(await api(admin, 'GET', `/prospects?q=${encodeURIComponent(name)}`)).items.length;

  it('takes an application without login as a new prospect', async () => {
    const res = await apply(form(1), '10.0.0.1');
    expect(ok(res, 202)).toEqual({ status: 'received' });
    const [p] = ok(await api(admin, 'GET', `/prospects?q=${encodeURIComponent('网络申请商贸1有限公司')}`)).items as Prospect[];
    expect(p).toMatchObject({ source: 'public_form', stage: 'new', outletCount: 12 });
  });

  it('answers a bot that filled the honeypot like anyone else, and stores nothing', async () => {
    expect(ok(await apply(form(2, { website: 'http://spam.example' }), '10.0.0.2'), 202)).toEqual({ status: 'received' });
    expect(await countByName('网络申请商贸2有限公司')).toBe(0);
  });

  it('does not reveal a duplicate: the existing prospect notes the new application', async () => {
    ok(await apply(form(3), '10.0.0.3'), 202);
    expect(ok(await apply(form(3, { contactName: '另一个人' }), '10.0.0.3'), 202)).toEqual({ status: 'received' });
    const [p] = ok(await api(admin, 'GET', `/prospects?q=${encodeURIComponent('网络申请商贸3有限公司')}`)).items as Prospect[];
    const events = ok(await api(admin, 'GET', `/prospects/${p.id}/events`)).items;
    expect(events.map((e: { reason: string }) => e.reason)).toEqual(['Applied through the public form', 'Applied again through the public form']);
  });

  it('validates the form like the HQ entry', async () => {
    problem(await apply(form(4, { unifiedSocialCreditCode: '91350100M000100Y44' }), '10.0.0.4'), 400, 'VALIDATION_FAILED');
    problem(await apply({ ...form(4), admin: true }, '10.0.0.4'), 400, 'VALIDATION_FAILED');
  });

  it('is rate-limited per client: the sixth application in a minute is a 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await apply(form(100 + i), '10.0.0.99')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    problem(await apply(form(200), '10.0.0.99'), 429, 'RATE_LIMITED');
    expect(await countByName('网络申请商贸105有限公司')).toBe(0);
    // Another client is not affected.
    ok(await apply(form(201), '10.0.0.100'), 202);
  });
});

describe('audit', () => {
  it('recorded every change in a chain that still verifies', async () => {
    const verify = ok(await api(admin, 'GET', '/audit/verify'));
    expect(verify.valid).toBe(true);
    const actions = ok(await api(admin, 'GET', '/audit?entityType=prospect&limit=500')).items.map((e: { action: string }) => e.action);
    for (const action of [
      'prospect.create',
      'prospect.update',
      'prospect.screen',
      'prospect.transition',
      'prospect.decide',
      'prospect.convert',
      'prospect.evidence.add',
      'prospect.finding.add',
      'prospect.statements.save',
      'prospect.reapply',
    ]) {
      expect(actions, action).toContain(action);
    }
  });
});
