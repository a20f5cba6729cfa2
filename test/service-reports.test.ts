// Service reports, KPIs, knowledge search, surveys and mediation through the API (both databases).
// Times are Beijing (UTC+8, working day 09:00-18:00); Mon 2026-11-23 09:00 Beijing = 01:00Z.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer } from '../src/shared/schemas/index.js';
import { dealerServiceKpis } from '../src/server/modules/tickets/ticket-kpis.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const bj = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('service reports and relations', () => {
  let t: TestApp;
  let gz: Dealer;
  let sh: Dealer;
  const c: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.inject({ method, url, headers: { cookie: c[who], ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
  const at = (local: string) => t.clock.set(bj(local));
  const step = async (who: string, id: string, to: string, extra: Record<string, unknown> = {}) => {
    const res = await call(who, 'POST', `/api/v1/tickets/${id}/steps`, { to, ...extra });
    expect(res.statusCode, res.body).toBe(200);
  };
  const request = async (dealerId: string, priority = 'normal') =>
    (await call('admin', 'POST', '/api/v1/tickets', { kind: 'dealer_request', dealerId, channel: 'portal', type: 'supply', priority, subject: '备货', description: '追加备货' })).json().id as string;

  beforeAll(async () => {
    t = await createTestApp();
    at('2026-11-23 09:00');
    gz = await t.dealer({ territory: [{ regionCode: '440106', exclusive: true }] });
    sh = await t.dealer({ territory: [{ regionCode: '310101', exclusive: true }] });
    c.admin = await t.loginAs('hq_admin');
    c.rm = await t.loginAs('regional_manager', { regionCodes: ['440100'], username: 'rm.gz' });
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id });
    c.sh = await t.loginAs('dealer_admin', { dealerId: sh.id });
  });
  afterAll(async () => t?.close());

  it('reports median and p90 per stage in business hours, breach rate and the lagging stage, scoped to the manager', async () => {
    at('2026-11-23 09:00');
    const a = await request(gz.id);
    const b = await request(gz.id);
    const cc = await request(gz.id, 'urgent'); // first response due 11:00
    await request(sh.id);
    at('2026-11-23 10:00');
    await step('rm', a, 'classified');
    await step('rm', a, 'responded'); // response 1 h
    at('2026-11-23 11:30');
    await step('rm', cc, 'classified');
    await step('rm', cc, 'responded'); // response 2.5 h: late (due 11:00)
    at('2026-11-23 12:00');
    await step('rm', b, 'classified');
    await step('rm', b, 'responded'); // response 3 h
    await step('rm', a, 'processing');
    await step('rm', b, 'processing');
    at('2026-11-23 14:00');
    expect((await call('rm', 'POST', `/api/v1/tickets/${a}/resolve`, { solution: '已排产' })).statusCode).toBe(200); // resolution 10:00-14:00 = 4 h
    at('2026-11-24 10:00');
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id });
    c.rm = await t.loginAs('regional_manager', { regionCodes: ['440100'], username: 'rm.gz2' });
    c.admin = await t.loginAs('hq_admin');
    await step('gz', a, 'verified', { rating: 5 }); // confirmation Mon 14:00-18:00 + Tue 09:00-10:00 = 5 h
    at('2026-11-24 12:00');
    expect((await call('rm', 'POST', `/api/v1/tickets/${b}/resolve`, { solution: '已调拨' })).statusCode).toBe(200); // resolution Mon 12-18 + Tue 9-12 = 9 h
    at('2026-11-24 13:00');
    await step('gz', b, 'verified', { rating: 4 }); // confirmation 1 h

    const hq = (await call('admin', 'GET', '/api/v1/reports/communication-quarterly?quarter=2026-Q4')).json();
    expect(hq.overall.tickets).toBe(4);
    const mine = (await call('rm', 'GET', '/api/v1/reports/communication-quarterly?quarter=2026-Q4')).json();
    expect(mine.overall.tickets).toBe(3); // the Shanghai request is not this manager's
    // response [1, 2.5, 3]: median 2.5, p90 (nearest rank: 3rd of 3) 3; resolution [4, 9]: 6.5 / 9; confirmation [5, 1]: 3 / 5
    expect(mine.overall.stages).toEqual({
      response: { n: 3, medianHours: 2.5, p90Hours: 3 },
      resolution: { n: 2, medianHours: 6.5, p90Hours: 9 },
      confirmation: { n: 2, medianHours: 3, p90Hours: 5 },
    });
    expect(mine.overall).toMatchObject({ breached: 1, laggingStage: 'resolution' });
    expect(mine.overall.breachRate).toBeCloseTo(1 / 3, 10);
    expect(mine.byRegion.map((g: { label: string; tickets: number }) => [g.label, g.tickets])).toEqual([['广东省', 3]]);
    expect(mine.byManager.map((g: { label: string }) => g.label)).toEqual(['rm.gz']);
    const xlsx = await call('rm', 'GET', '/api/v1/reports/communication-quarterly?quarter=2026-Q4&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // a dealer has no access to the management reports
    expect((await call('gz', 'GET', '/api/v1/reports/communication-quarterly?quarter=2026-Q4')).statusCode).toBe(403);

    // KPIs for the evaluation: of gz's three requests, two answered in time, two confirmed (5 and 4)
    const kpi = (await dealerServiceKpis(t.deps.db, '2026-11', t.clock.now(), [gz.id])).get(gz.id)!;
    expect(kpi).toMatchObject({ tickets: 3, firstResponseJudged: 3, firstResponseInSla: 2, resolved: 2, averageRating: 4.5 });
    expect(kpi.firstResponseInSlaShare).toBeCloseTo(2 / 3, 10);
    expect(kpi.resolutionRate).toBeCloseTo(2 / 3, 10);
  });

  it('lists recurring feedback (same type and product three times) with its root cause and preventive action', async () => {
    at('2026-11-24 14:00');
    const fb = (sku: string, type = 'technical') =>
      call('gz', 'POST', '/api/v1/tickets', { kind: 'customer_feedback', dealerId: gz.id, channel: 'hotline', type, priority: 'normal', subject: '异响', description: '压缩机异响', productSku: sku });
    for (const sku of ['AC-1', 'AC-1', 'AC-1', 'AC-2', 'AC-2']) expect((await fb(sku)).statusCode).toBe(201);
    expect((await fb('AC-2', 'product')).statusCode).toBe(201);
    const before = (await call('admin', 'GET', '/api/v1/reports/feedback-monthly?month=2026-11')).json();
    expect(before.recurring).toEqual([{ type: 'technical', productSku: 'AC-1', count: 3, ticketNumbers: expect.any(Array), rootCause: null, preventiveAction: null }]);
    expect(before.totals).toMatchObject({ received: 6, unresolved: 6 });
    const saved = await call('admin', 'PUT', '/api/v1/reports/feedback-monthly/reviews', {
      month: '2026-11',
      type: 'technical',
      productSku: 'AC-1',
      rootCause: '减震垫批次不良',
      preventiveAction: '更换供应商并加严来料检验',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = (await call('rm', 'GET', '/api/v1/reports/feedback-monthly?month=2026-11')).json();
    expect(after.recurring[0]).toMatchObject({ rootCause: '减震垫批次不良', preventiveAction: '更换供应商并加严来料检验' });
    expect((await call('admin', 'GET', '/api/v1/reports/feedback-monthly?month=2026-10')).json().totals.received).toBe(0);
  });

  it('finds knowledge articles by Chinese words, ranked by how many query words they hold', async () => {
    const post = (title: string, body: string) => call('admin', 'POST', '/api/v1/kb/articles', { title, body, status: 'published' });
    const ac = (await post('空调异响排查', '压缩机减震垫偏位会导致空调运行异响。')).json().id;
    const wp = (await post('净水器滤芯更换', '滤芯接口漏水时更换密封圈。')).json().id;
    await post('冰箱不制冷', '检查温控器。');
    const hits = (await call('gz', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('空调压缩机异响')}`)).json().items.map((h: { id: string }) => h.id);
    expect(hits).toEqual([ac]);
    expect((await call('gz', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('滤芯')}`)).json().items.map((h: { id: string }) => h.id)).toEqual([wp]);
    // a substring that is not a word of the text is not a match (no LIKE '%x%'): 调异 spans two words
    expect((await call('gz', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('调异')}`)).json().items).toEqual([]);
  });

  it('records read receipts once per reader and shows HQ which dealers have not read', async () => {
    const ann = (await call('admin', 'POST', '/api/v1/announcements', { kind: 'policy', title: '返利政策', body: '新政策' })).json();
    expect((await call('gz', 'GET', '/api/v1/announcements')).json().items.find((a: { id: string }) => a.id === ann.id).readByMe).toBe(false);
    const first = (await call('gz', 'POST', `/api/v1/announcements/${ann.id}/read`)).json();
    t.clock.advance(60_000);
    expect((await call('gz', 'POST', `/api/v1/announcements/${ann.id}/read`)).json().readAt).toBe(first.readAt);
    const receipts = (await call('admin', 'GET', `/api/v1/announcements/${ann.id}/receipts`)).json();
    expect(receipts.readers).toHaveLength(1);
    expect(receipts.unreadDealers.map((d: { id: string }) => d.id)).toContain(sh.id);
    expect(receipts.unreadDealers.map((d: { id: string }) => d.id)).not.toContain(gz.id);
    expect((await call('gz', 'GET', `/api/v1/announcements/${ann.id}/receipts`)).statusCode).toBe(403);
  });

  it('collects a survey answer once per dealer and scores CSAT and NPS', async () => {
    c.sh = await t.loginAs('dealer_admin', { dealerId: sh.id }); // Monday's session has expired
    const survey = (await call('admin', 'POST', '/api/v1/surveys', { title: '满意度调查' })).json();
    expect((await call('gz', 'GET', '/api/v1/surveys/pending')).json().items.map((s: { id: string }) => s.id)).toContain(survey.id);
    expect((await call('gz', 'POST', `/api/v1/surveys/${survey.id}/responses`, { csat: 5, nps: 10 })).statusCode).toBe(201);
    expect((await call('gz', 'POST', `/api/v1/surveys/${survey.id}/responses`, { csat: 1, nps: 0 })).statusCode).toBe(409);
    expect((await call('sh', 'POST', `/api/v1/surveys/${survey.id}/responses`, { csat: 3, nps: 6 })).statusCode).toBe(201);
    // CSAT: one of two answered 4-5 = 50 %; NPS: one promoter, one detractor of two = 0
    const result = (await call('admin', 'GET', '/api/v1/surveys')).json().items.find((s: { id: string }) => s.id === survey.id);
    expect(result).toMatchObject({ responses: 2, csat: 50, nps: 0 });
    // the Guangzhou manager scores only its own dealers' answers: gz's 5 / 10
    expect((await call('rm', 'GET', '/api/v1/surveys')).json().items.find((s: { id: string }) => s.id === survey.id)).toMatchObject({ responses: 1, csat: 100, nps: 100 });
  });

  it('splits a contested amount by contribution and keeps a cross-region dispute from a regional manager', async () => {
    const dispute = await call('admin', 'POST', '/api/v1/disputes', {
      title: '客户归属',
      kind: 'dealer_dealer',
      facts: '甲方留资，乙方成交',
      contestedFen: 100_000,
      parties: [
        { dealerId: gz.id, claim: '客户是我方开发' },
        { dealerId: sh.id, claim: '我方成交并安装' },
      ],
    });
    expect(dispute.statusCode, dispute.body).toBe(201);
    const id = dispute.json().id;
    const split = await call('admin', 'POST', `/api/v1/disputes/${id}/split`, {
      shares: [
        { dealerId: gz.id, shares: { leadOrigin: 100, salesEffort: 40, delivery: 0, service: 0 } },
        { dealerId: sh.id, shares: { leadOrigin: 0, salesEffort: 60, delivery: 100, service: 100 } },
      ],
      compensationFen: 10_001,
      planStartOn: '2026-11-24',
    });
    expect(split.statusCode, split.body).toBe(200);
    // 30*1 + 30*0.4 = 42 % and 58 % of 100,000 fen; plan 50/30/20 of 10,001 fen
    expect(split.json().split.parts.map((p: { amountFen: number }) => p.amountFen)).toEqual([42_000, 58_000]);
    expect(split.json().plan.map((p: { amountFen: number }) => p.amountFen)).toEqual([5_000, 3_000, 2_001]);
    expect(split.json().status).toBe('mediating');
    expect((await call('rm', 'GET', `/api/v1/disputes/${id}`)).statusCode).toBe(404);
    expect((await call('rm', 'GET', '/api/v1/disputes')).json().items).toEqual([]);
  });
});
