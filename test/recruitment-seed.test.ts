// The recruitment demo season (src/server/seed/recruitment.ts): every stage, deterministic, and
// consistent with the demo dealers' territories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedRecruitment, type RecruitmentSummary } from '../src/server/seed/recruitment.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const snapshot = (t: TestApp) =>
  t.deps.db.selectFrom('prospects').select(['number', 'name', 'stage', 'screening_total_centi', 'decision', 'source', 'unified_social_credit_code']).orderBy('number').execute();

describe('recruitment demo season', () => {
  let a: TestApp;
  let b: TestApp;
  let summary: RecruitmentSummary;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestApp(), createTestApp()]);
    await seedDemo(a.deps.db, a.clock);
    summary = await seedRecruitment(a.deps.db, a.clock);
    await seedRecruitment(b.deps.db, b.clock);
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it('puts about 30 prospects in every stage of the pipeline', () => {
    expect(summary.prospects).toBe(30);
    expect(summary.byStage).toEqual({ new: 6, screening: 6, due_diligence: 6, decision: 5, converted: 3, rejected: 4 });
  });

  it('is the same season every time', async () => {
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('converts into active dealers with contracts, and audits every step', async () => {
    const converted = await a.deps.db.selectFrom('prospects').innerJoin('dealers', 'dealers.id', 'prospects.dealer_id').select(['dealers.status']).execute();
    expect(converted.map((c) => c.status)).toEqual(['active', 'active', 'active']);
    expect(await a.deps.db.selectFrom('dealer_contracts').select('id').execute()).toHaveLength(3);
    const cookie = await a.loginAs('hq_admin');
    expect((await a.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } })).json().valid).toBe(true);
    const list = await a.inject({ method: 'GET', url: '/api/v1/prospects?limit=500', headers: { cookie } });
    expect(list.json().items).toHaveLength(30);
    // The regional manager of South China sees the Guangdong and Guangxi prospects only.
    const south = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'manager.south', password: 'Qudao@2026' } });
    const southCookie = String(south.headers['set-cookie']).split(';')[0];
    const seen = (await a.inject({ method: 'GET', url: '/api/v1/prospects?limit=500', headers: { cookie: southCookie } })).json().items as { regionCodes: string[] }[];
    expect(seen.length).toBeGreaterThan(5);
    for (const p of seen) expect(p.regionCodes.some((c) => /^(44|45|46)/.test(c))).toBe(true);
  });
});
