// The ticket engine through the API (both databases): step rules, reopen on a low rating, routing
// to the regional manager, SLA deadlines and breach, the customer's one-time link, attachments,
// knowledge-base drafts, and that a dealer sees its own tickets only.
// The test clock starts Fri 2026-11-20 02:00Z = 10:00 Beijing; working day 09:00-18:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer } from '../src/shared/schemas/index.js';
import { runOnce } from '../src/server/core/scheduler.js';
import { slaBreachJob } from '../src/server/modules/tickets/sla.job.js';
import { createTestApp, type TestApp } from './helpers/app.js';

// A 1x1 PNG (its content decides the type, not its name).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f3c6a70000000049454e44ae426082', 'hex');

describe('tickets', () => {
  let t: TestApp;
  let gz: Dealer; // Guangzhou 440106
  let sh: Dealer; // Shanghai 310101
  const c: Record<string, string> = {};
  const START = new Date('2026-11-20T02:00:00.000Z');

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.inject({ method, url, headers: { ...(c[who] ? { cookie: c[who] } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
  const step = (who: string, id: string, body: Record<string, unknown>) => call(who, 'POST', `/api/v1/tickets/${id}/steps`, body);
  const request = (who: string, dealerId: string, extra: Record<string, unknown> = {}) =>
    call(who, 'POST', '/api/v1/tickets', {
      kind: 'dealer_request',
      dealerId,
      channel: 'portal',
      type: 'supply',
      priority: 'normal',
      subject: '春节前备货需求',
      description: '需要追加500台空调，请确认到货时间',
      ...extra,
    });
  const feedback = (who: string, dealerId: string, extra: Record<string, unknown> = {}) =>
    call(who, 'POST', '/api/v1/tickets', {
      kind: 'customer_feedback',
      dealerId,
      channel: 'hotline',
      type: 'technical',
      priority: 'normal',
      subject: '空调压缩机异响',
      description: '客户反映空调压缩机运行时异响明显',
      productSku: 'AC-100',
      customer: { name: '王女士', phone: '13800000000' },
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp();
    gz = await t.dealer({ territory: [{ regionCode: '440106', exclusive: true }] });
    sh = await t.dealer({ territory: [{ regionCode: '310101', exclusive: true }] });
    c.admin = await t.loginAs('hq_admin');
    c.rmProvince = await t.loginAs('regional_manager', { regionCodes: ['440000'], username: 'rm.guangdong' });
    c.rmCity = await t.loginAs('regional_manager', { regionCodes: ['440100'], username: 'rm.guangzhou' });
    c.rmShanghai = await t.loginAs('regional_manager', { regionCodes: ['310000'], username: 'rm.shanghai' });
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id });
    c.sh = await t.loginAs('dealer_admin', { dealerId: sh.id });
  });
  afterAll(async () => t?.close());

  it('files a dealer request, routes it to the most specific regional manager and sets business-time deadlines', async () => {
    t.clock.set(START);
    const res = await request('gz', gz.id);
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ kind: 'dealer_request', step: 'received', assigneeName: 'rm.guangzhou', department: 'regional_office' });
    expect(ticket.number).toMatch(/^TK202611-\d{6}$/);
    // first response: one working day (540 min) from Fri 10:00 -> 480 min Friday, 60 min Monday -> Mon 10:00 Beijing
    expect(ticket.sla.firstResponseDueAt).toBe('2026-11-23T02:00:00.000Z');
    // supply: two working days (1080 min): 480 Fri + 540 Mon + 60 Tue -> Tue 10:00 Beijing
    expect(ticket.sla.resolutionDueAt).toBe('2026-11-24T02:00:00.000Z');
    expect(ticket.sla.breached).toBe(false);
  });

  it('walks the steps one at a time and answers 409 INVALID_TRANSITION to any other move', async () => {
    t.clock.set(START);
    const id = (await request('gz', gz.id)).json().id;
    for (const to of ['responded', 'processing', 'verified', 'closed', 'received']) {
      const res = await step('rmCity', id, { to, ...(to === 'verified' ? { rating: 5 } : {}) });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', from: 'received', to });
    }
    expect((await step('rmCity', id, { to: 'classified', department: 'logistics' })).json()).toMatchObject({ step: 'classified', department: 'logistics' });
    expect((await step('rmCity', id, { to: 'classified' })).statusCode).toBe(409); // no repeating a step
    t.clock.advance(30 * 60_000);
    const responded = (await step('rmCity', id, { to: 'responded', note: '已联系工厂排产' })).json();
    expect(responded.firstResponseAt).toBe('2026-11-20T02:30:00.000Z');
    expect((await step('rmCity', id, { to: 'processing', rating: 4 })).json().errors[0].path).toBe('/rating');
    expect((await step('rmCity', id, { to: 'processing' })).json().step).toBe('processing');
    const noRating = await step('gz', id, { to: 'verified' });
    expect(noRating.statusCode).toBe(400);
    expect(noRating.json().errors[0].path).toBe('/rating');
    expect((await step('gz', id, { to: 'verified', rating: 4 })).json()).toMatchObject({ step: 'verified', rating: 4, reopenCount: 0 });
    expect((await step('gz', id, { to: 'closed' })).json().step).toBe('closed');
    const after = await step('admin', id, { to: 'closed' });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('INVALID_TRANSITION');
  });

  it('returns a verification below the rating setting to processing, and honours a changed setting', async () => {
    t.clock.set(START);
    const id = (await request('gz', gz.id)).json().id;
    for (const to of ['classified', 'responded', 'processing']) expect((await step('rmCity', id, { to })).statusCode).toBe(200);
    const low = (await step('gz', id, { to: 'verified', rating: 2 })).json();
    expect(low).toMatchObject({ step: 'processing', rating: 2, reopenCount: 1, verifiedAt: null });
    // the default threshold is 3: a 3 passes
    expect((await step('gz', id, { to: 'verified', rating: 3 })).json().step).toBe('verified');

    const settings = (await call('admin', 'GET', '/api/v1/service/settings')).json();
    expect(settings.reopenBelowRating).toBe(3);
    expect((await call('admin', 'PUT', '/api/v1/service/settings', { ...settings, reopenBelowRating: 4 })).statusCode).toBe(200);
    const id2 = (await request('gz', gz.id)).json().id;
    for (const to of ['classified', 'responded', 'processing']) await step('rmCity', id2, { to });
    expect((await step('gz', id2, { to: 'verified', rating: 3 })).json()).toMatchObject({ step: 'processing', reopenCount: 1 });
    await call('admin', 'PUT', '/api/v1/service/settings', settings);
  });

  it('lets a dealer confirm and close its request but not handle it', async () => {
    const id = (await request('gz', gz.id)).json().id;
    const res = await step('gz', id, { to: 'classified' });
    expect(res.statusCode).toBe(403);
    expect((await call('gz', 'GET', `/api/v1/tickets/${id}`)).json().ticket.step).toBe('received');
  });

  it('shows a dealer its own tickets only, by list, filter, export and id', async () => {
    const mine = (await request('gz', gz.id)).json();
    const theirs = (await request('sh', sh.id)).json();
    expect((await request('sh', gz.id)).statusCode).toBe(404); // cannot file for another dealer
    const list = (await call('sh', 'GET', '/api/v1/tickets?limit=500')).json().items as { dealerId: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x) => x.dealerId === sh.id)).toBe(true);
    expect((await call('sh', 'GET', `/api/v1/tickets?dealerId=${gz.id}`)).json().items).toEqual([]);
    expect((await call('sh', 'GET', `/api/v1/tickets/${mine.id}`)).statusCode).toBe(404);
    expect((await step('sh', mine.id, { to: 'verified', rating: 5 })).statusCode).toBe(404);
    const xlsx = await call('sh', 'GET', '/api/v1/tickets?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from(gz.name))).toBe(false);
    // managers see their regions: Shanghai's manager does not see Guangzhou's ticket, and the reverse
    expect((await call('rmShanghai', 'GET', `/api/v1/tickets/${mine.id}`)).statusCode).toBe(404);
    expect((await call('rmProvince', 'GET', `/api/v1/tickets/${theirs.id}`)).statusCode).toBe(404);
    expect((await call('rmProvince', 'GET', `/api/v1/tickets/${mine.id}`)).statusCode).toBe(200);
  });

  it('computes a breach on read and the sweep escalates it once', async () => {
    t.clock.set(START);
    const urgent = (await feedback('gz', gz.id, { priority: 'urgent' })).json();
    expect(urgent.sla.firstResponseDueAt).toBe('2026-11-20T04:00:00.000Z'); // Fri 10:00 + 2 h = 12:00 Beijing
    t.clock.set(new Date('2026-11-20T04:00:01.000Z'));
    const read = (await call('gz', 'GET', `/api/v1/tickets/${urgent.id}`)).json().ticket;
    expect(read.sla).toMatchObject({ breached: true, firstResponseBreached: true, colour: 'red' });
    const breachedList = (await call('gz', 'GET', '/api/v1/tickets?breached=true&limit=500')).json().items.map((x: { id: string }) => x.id);
    expect(breachedList).toContain(urgent.id);
    expect((await call('gz', 'GET', '/api/v1/tickets?breached=false&limit=500')).json().items.map((x: { id: string }) => x.id)).not.toContain(urgent.id);

    const first = await runOnce(t.deps.db, t.clock, slaBreachJob, 'test-1');
    expect(first.ran && (first.result as { escalated: number }).escalated).toBeGreaterThanOrEqual(1);
    const detail = (await call('admin', 'GET', `/api/v1/tickets/${urgent.id}`)).json();
    // customer feedback handled by the dealer escalates first to the regional manager of its territory
    expect(detail.ticket).toMatchObject({ escalationLevel: 1, assigneeName: 'rm.guangzhou' });
    expect(detail.events.filter((e: { kind: string }) => e.kind === 'escalate')).toHaveLength(1);
    await runOnce(t.deps.db, t.clock, slaBreachJob, 'test-2');
    expect((await call('admin', 'GET', `/api/v1/tickets/${urgent.id}`)).json().events.filter((e: { kind: string }) => e.kind === 'escalate')).toHaveLength(1);
    // answering late keeps the breach on record
    expect((await step('gz', urgent.id, { to: 'classified' })).statusCode).toBe(200);
    expect((await step('gz', urgent.id, { to: 'responded' })).json().sla.firstResponseBreached).toBe(true);
  });

  it('moves the resolution deadline by a pause', async () => {
    t.clock.set(new Date('2026-11-23T01:00:00.000Z')); // Mon 09:00 Beijing
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id }); // the Friday session has expired
    const id = (await feedback('gz', gz.id, { type: 'service' })).json().id; // service: 2 working days = 1080 min
    for (const to of ['classified', 'responded']) await step('gz', id, { to });
    // Mon 09:00 + 1080 min: Mon 540, Tue 540 -> Tue 18:00 Beijing (10:00Z)
    expect((await call('gz', 'GET', `/api/v1/tickets/${id}`)).json().ticket.sla.resolutionDueAt).toBe('2026-11-24T10:00:00.000Z');
    t.clock.set(new Date('2026-11-23T02:00:00.000Z')); // Mon 10:00
    const paused = (await call('gz', 'POST', `/api/v1/tickets/${id}/pause`, { reason: '等待客户提供发票' })).json();
    expect(paused.sla).toMatchObject({ paused: true, resolutionDueAt: null });
    expect((await call('gz', 'POST', `/api/v1/tickets/${id}/pause`, { reason: 'again' })).statusCode).toBe(409);
    t.clock.set(new Date('2026-11-23T05:00:00.000Z')); // Mon 13:00: paused 3 working hours
    const resumed = (await call('gz', 'POST', `/api/v1/tickets/${id}/resume`, { reason: '客户已提供' })).json();
    // 3 paused hours push Tue 18:00 to Wed 12:00 Beijing (04:00Z)
    expect(resumed.sla).toMatchObject({ paused: false, resolutionDueAt: '2026-11-25T04:00:00.000Z' });
  });

  it('takes the customer confirmation through a signed link that works once and only for its ticket', async () => {
    t.clock.set(START);
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id });
    const a = (await feedback('gz', gz.id)).json().id;
    const b = (await feedback('gz', gz.id)).json().id;
    for (const id of [a, b]) for (const to of ['classified', 'responded', 'processing']) await step('gz', id, { to });
    const resolved = (await call('gz', 'POST', `/api/v1/tickets/${a}/resolve`, { solution: '更换压缩机减震垫，异响消除' })).json();
    expect(resolved.confirmationToken).toBeNull(); // the dealer being rated never holds the customer's link
    expect(resolved.ticket.sla.paused).toBe(true); // the clock waits for the customer
    const token = (await call('admin', 'POST', `/api/v1/tickets/${a}/confirmation-link`)).json().confirmationToken as string;
    expect(token).toEqual(expect.any(String));
    const anon = (method: 'GET' | 'POST', id: string, body?: unknown) =>
      t.inject({
        method,
        url: `/api/v1/public/tickets/${id}/confirmation${method === 'GET' ? `?token=${token}` : ''}`,
        ...(body ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}),
      });

    expect((await anon('GET', b)).statusCode).toBe(404); // the token of a, for b
    expect((await anon('POST', b, { token, rating: 5 })).statusCode).toBe(404);
    expect((await call('gz', 'GET', `/api/v1/tickets/${b}`)).json().ticket.step).toBe('processing');
    const view = await anon('GET', a);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ subject: '空调压缩机异响', solution: '更换压缩机减震垫，异响消除' });
    expect(view.body).not.toContain('13800000000');
    const ok = await anon('POST', a, { token, rating: 5, comment: '很满意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ step: 'verified', rating: 5 });
    expect((await anon('POST', a, { token, rating: 1 })).statusCode).toBe(404); // once
    expect((await anon('GET', a)).statusCode).toBe(404);
    expect((await call('gz', 'GET', `/api/v1/tickets/${a}`)).json().ticket).toMatchObject({ step: 'verified', rating: 5 });
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/public/tickets/${a}/confirmation`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ token: 'x'.repeat(32), rating: 5 }),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('reopens on a low rating through the link, and a closed case becomes a searchable knowledge draft', async () => {
    t.clock.set(START);
    const id = (await feedback('gz', gz.id, { subject: '净水器滤芯漏水', description: '安装三天后滤芯接口漏水', productSku: 'WP-200' })).json().id;
    for (const to of ['classified', 'responded', 'processing']) await step('gz', id, { to });
    const first = (await call('rmCity', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '重新拧紧接口' })).json().confirmationToken;
    const low = await t.inject({
      method: 'POST',
      url: `/api/v1/public/tickets/${id}/confirmation`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: first, rating: 1 }),
    });
    expect(low.json()).toMatchObject({ step: 'processing' });
    expect((await call('gz', 'GET', `/api/v1/tickets/${id}`)).json().ticket).toMatchObject({ reopenCount: 1, resolvedAt: null });
    const second = (await call('rmCity', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '更换滤芯接口密封圈，试压无漏水' })).json().confirmationToken;
    expect(second).not.toBe(first);
    await t.inject({ method: 'POST', url: `/api/v1/public/tickets/${id}/confirmation`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token: second, rating: 5 }) });
    const closed = (await step('gz', id, { to: 'closed' })).json();
    expect(closed.kbArticleId).toEqual(expect.any(String));
    const hits = (await call('admin', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('滤芯漏水')}`)).json().items;
    expect(hits[0]).toMatchObject({ id: closed.kbArticleId, status: 'draft' });
    // dealers read published articles only: the draft is not theirs to see yet
    expect((await call('gz', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('滤芯')}`)).json().items.map((h: { id: string }) => h.id)).not.toContain(closed.kbArticleId);
  });

  it('keeps a comment thread with attachments of allowed types, visible only in scope', async () => {
    const id = (await request('gz', gz.id)).json().id;
    const upload = (who: string, name: string, data: Buffer) => {
      const boundary = '----qd';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.inject({ method: 'POST', url: `/api/v1/tickets/${id}/attachments`, headers: { cookie: c[who], 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    };
    expect((await upload('gz', 'notes.txt', Buffer.from('plain text'))).statusCode).toBe(415);
    expect((await upload('gz', 'photo.pdf', PNG)).statusCode).toBe(415); // content PNG, name .pdf
    expect((await upload('sh', 'photo.png', PNG)).statusCode).toBe(404);
    const att = await upload('gz', '现场照片.png', PNG);
    expect(att.statusCode, att.body).toBe(201);
    const comment = await call('gz', 'POST', `/api/v1/tickets/${id}/comments`, { body: '附上现场照片', attachmentIds: [att.json().id] });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json().attachments[0].fileName).toBe('现场照片.png');
    expect((await call('rmCity', 'POST', `/api/v1/tickets/${id}/comments`, { body: '收到，已安排' })).statusCode).toBe(201);
    const detail = (await call('gz', 'GET', `/api/v1/tickets/${id}`)).json();
    expect(detail.comments.map((x: { body: string }) => x.body)).toEqual(['附上现场照片', '收到，已安排']);
    const download = await call('gz', 'GET', `/api/v1/ticket-attachments/${att.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    expect((await call('sh', 'GET', `/api/v1/ticket-attachments/${att.json().id}`)).statusCode).toBe(404);
  });
});
