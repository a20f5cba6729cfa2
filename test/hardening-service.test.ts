// Hardening of the service module through the API (both databases): only the customer verifies
// its feedback (through the one-time link) and no dealer user ever holds that link; tickets are
// assigned only to people who may handle them; knowledge drafts made from tickets stay in the
// ticket dealer's scope and only HQ publishes to all dealers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Dealer } from '../src/shared/schemas/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('service hardening', () => {
  let t: TestApp;
  let gz: Dealer; // Guangzhou 440106
  let sh: Dealer; // Shanghai 310101
  const c: Record<string, string> = {};
  const START = new Date('2026-11-20T02:00:00.000Z');

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.inject({ method, url, headers: { ...(c[who] ? { cookie: c[who] } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
  const step = (who: string, id: string, body: Record<string, unknown>) => call(who, 'POST', `/api/v1/tickets/${id}/steps`, body);
  const confirm = (id: string, token: string, rating: number) =>
    t.inject({ method: 'POST', url: `/api/v1/public/tickets/${id}/confirmation`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token, rating }) });
  const feedback = async (dealerId: string, extra: Record<string, unknown> = {}) => {
    const res = await call('gz', 'POST', '/api/v1/tickets', {
      kind: 'customer_feedback',
      dealerId,
      channel: 'hotline',
      type: 'technical',
      priority: 'normal',
      subject: '热水器不加热',
      description: '客户反映热水器通电后不加热',
      productSku: 'WH-300',
      customer: { name: '周先生', phone: '13900000000' },
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const toProcessing = async (who: string, id: string) => {
    for (const to of ['classified', 'responded', 'processing']) expect((await step(who, id, { to })).statusCode).toBe(200);
  };
  const userId = async (username: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const expectProblem = (res: LightMyRequestResponse, status: number, code: string, path: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
    gz = await t.dealer({ territory: [{ regionCode: '440106', exclusive: true }] });
    sh = await t.dealer({ territory: [{ regionCode: '310101', exclusive: true }] });
    c.admin = await t.loginAs('hq_admin', { username: 'hq.admin' });
    c.admin2 = await t.loginAs('hq_admin', { username: 'hq.admin2' });
    c.analyst = await t.loginAs('hq_analyst', { username: 'hq.analyst' });
    c.rmCity = await t.loginAs('regional_manager', { regionCodes: ['440100'], username: 'rm.guangzhou' });
    c.rmShanghai = await t.loginAs('regional_manager', { regionCodes: ['310000'], username: 'rm.shanghai' });
    c.gz = await t.loginAs('dealer_admin', { dealerId: gz.id, username: 'gz.admin' });
    c.gzStaff = await t.loginAs('dealer_staff', { dealerId: gz.id, username: 'gz.staff' });
    c.sh = await t.loginAs('dealer_admin', { dealerId: sh.id, username: 'sh.admin' });
  });
  afterAll(async () => t?.close());

  describe('customer feedback is verified by the customer only', () => {
    it('should not let a dealer verify its own customer feedback, nor give it the customer token', async () => {
      t.clock.set(START);
      const id = await feedback(gz.id);
      await toProcessing('gz', id);
      const resolved = await call('gz', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '更换加热管，试机正常' });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({ confirmationToken: null, confirmationUrl: null });
      for (const who of ['gz', 'gzStaff']) expectProblem(await step(who, id, { to: 'verified', rating: 5 }), 403, 'FORBIDDEN', '/to');
      expect((await call('gz', 'GET', `/api/v1/tickets/${id}`)).json().ticket).toMatchObject({ step: 'processing', rating: null, verifiedAt: null });
      // nor may it ask for a link
      const ask = await call('gz', 'POST', `/api/v1/tickets/${id}/confirmation-link`);
      expect(ask.statusCode).toBe(403);
      expect(ask.json()).toMatchObject({ code: 'FORBIDDEN' });
    });

    it("should not let HQ or the regional manager verify on the customer's behalf", async () => {
      t.clock.set(START);
      const id = await feedback(gz.id);
      await toProcessing('rmCity', id);
      expect((await call('admin', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '上门维修' })).json().confirmationToken).toEqual(expect.any(String));
      for (const who of ['admin', 'rmCity']) expectProblem(await step(who, id, { to: 'verified', rating: 5 }), 403, 'FORBIDDEN', '/to');
      expect((await call('admin', 'GET', `/api/v1/tickets/${id}`)).json().ticket.step).toBe('processing');
    });

    it('should take the rating through a link HQ sends, and never show the token to the dealer', async () => {
      t.clock.set(START);
      const id = await feedback(gz.id);
      await toProcessing('gz', id);
      expect((await call('admin', 'POST', `/api/v1/tickets/${id}/confirmation-link`)).statusCode).toBe(409); // nothing resolved yet
      await call('gz', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '更换温控器' });
      const old = (await call('admin', 'POST', `/api/v1/tickets/${id}/confirmation-link`)).json().confirmationToken as string;
      const link = await call('rmCity', 'POST', `/api/v1/tickets/${id}/confirmation-link`);
      expect(link.statusCode, link.body).toBe(200);
      const { confirmationToken: token, confirmationUrl } = link.json();
      expect(confirmationUrl).toBe(`/confirm/${id}?token=${token}`);
      expect((await call('rmShanghai', 'POST', `/api/v1/tickets/${id}/confirmation-link`)).statusCode).toBe(404); // not in its regions
      // every dealer-facing read of the ticket is free of the token (detail, list, export)
      for (const url of [`/api/v1/tickets/${id}`, '/api/v1/tickets?limit=500', '/api/v1/tickets?format=xlsx', `/api/v1/tickets?kind=customer_feedback&open=true`]) {
        for (const who of ['gz', 'gzStaff']) {
          const res = await call(who, 'GET', url);
          expect(res.statusCode).toBe(200);
          for (const secret of [token, old]) expect(res.rawPayload.includes(Buffer.from(secret)), `${url} as ${who}`).toBe(false);
        }
      }
      expect((await confirm(id, old, 5)).statusCode).toBe(404); // a newer link replaced it
      const ok = await confirm(id, token, 5);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ step: 'verified', rating: 5 });
      expect((await confirm(id, token, 5)).statusCode).toBe(404);
      // after the customer's verification the dealer closes its case as before
      expect((await step('gz', id, { to: 'closed' })).json().step).toBe('closed');
    });

    it('should still let a dealer confirm its own dealer request', async () => {
      t.clock.set(START);
      const id = (
        await call('gz', 'POST', '/api/v1/tickets', { kind: 'dealer_request', dealerId: gz.id, channel: 'portal', type: 'supply', priority: 'normal', subject: '备货', description: '追加备货' })
      ).json().id;
      await toProcessing('rmCity', id);
      const resolved = (await call('rmCity', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '已排产' })).json();
      expect(resolved.confirmationToken).toBeNull(); // no customer behind a dealer request
      expect((await step('gz', id, { to: 'verified', rating: 4 })).json()).toMatchObject({ step: 'verified', rating: 4 });
    });
  });

  describe('assignment', () => {
    it('should refuse a dealer setting an assignee, naming the field', async () => {
      t.clock.set(START);
      const id = await feedback(gz.id);
      expectProblem(await step('gz', id, { to: 'classified', assigneeId: await userId('gz.staff') }), 403, 'FORBIDDEN', '/assigneeId');
      expectProblem(await step('gz', id, { to: 'classified', assigneeId: await userId('rm.guangzhou') }), 403, 'FORBIDDEN', '/assigneeId');
      expect((await call('gz', 'GET', `/api/v1/tickets/${id}`)).json().ticket.step).toBe('received');
    });

    it("should assign only to HQ staff or a regional manager of the ticket dealer's region", async () => {
      t.clock.set(START);
      const id = await feedback(gz.id);
      for (const username of ['gz.admin', 'sh.admin', 'rm.shanghai', 'hq.analyst', 'zz_nobody']) {
        const assigneeId = username === 'zz_nobody' ? 'usr_nonexistent000000' : await userId(username);
        expectProblem(await step('admin', id, { to: 'classified', assigneeId }), 400, 'VALIDATION_FAILED', '/assigneeId');
      }
      expect((await step('rmCity', id, { to: 'classified', assigneeId: await userId('hq.admin2') })).json()).toMatchObject({ step: 'classified', assigneeName: 'hq.admin2' });
      expect((await step('admin', id, { to: 'responded', note: '已联系', assigneeId: await userId('rm.guangzhou') })).json()).toMatchObject({ step: 'responded', assigneeName: 'rm.guangzhou' });
    });
  });

  describe('knowledge drafts', () => {
    let draftId: string;
    beforeAll(async () => {
      t.clock.set(START);
      const id = await feedback(gz.id, { subject: '燃气灶点火困难', description: '客户周先生家燃气灶打火多次才能点燃' });
      await toProcessing('gz', id);
      const token = (await call('rmCity', 'POST', `/api/v1/tickets/${id}/resolve`, { solution: '清洁点火针并更换电池' })).json().confirmationToken;
      expect((await confirm(id, token, 5)).statusCode).toBe(200);
      draftId = (await step('gz', id, { to: 'closed' })).json().kbArticleId;
      expect(draftId).toEqual(expect.any(String));
    });

    it('should not show a draft from a ticket to a regional manager of another region', async () => {
      expect((await call('rmShanghai', 'GET', `/api/v1/kb/articles/${draftId}`)).statusCode).toBe(404);
      for (const q of ['', `?q=${encodeURIComponent('燃气灶点火')}`, '?status=draft']) {
        const res = await call('rmShanghai', 'GET', `/api/v1/kb/articles${q}`);
        expect(res.statusCode).toBe(200);
        expect(
          res.json().items.map((h: { id: string }) => h.id),
          q,
        ).not.toContain(draftId);
      }
      expect((await call('rmShanghai', 'PUT', `/api/v1/kb/articles/${draftId}`, { title: '改', body: '改' })).statusCode).toBe(404);
      // its own region's manager and HQ see and edit it
      expect((await call('rmCity', 'GET', `/api/v1/kb/articles/${draftId}`)).json()).toMatchObject({ status: 'draft' });
      expect((await call('rmCity', 'GET', `/api/v1/kb/articles?q=${encodeURIComponent('燃气灶点火')}`)).json().items.map((h: { id: string }) => h.id)).toContain(draftId);
      expect((await call('rmCity', 'PUT', `/api/v1/kb/articles/${draftId}`, { title: '燃气灶点火困难处理', body: '清洁点火针并更换电池' })).statusCode).toBe(200);
    });

    it('should let only HQ publish to all dealers', async () => {
      expectProblem(await call('rmCity', 'PUT', `/api/v1/kb/articles/${draftId}`, { title: '燃气灶点火困难处理', body: '清洁点火针并更换电池', status: 'published' }), 403, 'FORBIDDEN', '/status');
      expectProblem(await call('rmCity', 'POST', '/api/v1/kb/articles', { title: '区域公告', body: '内容', status: 'published' }), 403, 'FORBIDDEN', '/status');
      expect((await call('rmCity', 'POST', '/api/v1/kb/articles', { title: '区域草稿', body: '内容' })).statusCode).toBe(201);
      expect((await call('sh', 'GET', `/api/v1/kb/articles/${draftId}`)).statusCode).toBe(404);
      const published = await call('admin', 'PUT', `/api/v1/kb/articles/${draftId}`, { title: '燃气灶点火困难处理', body: '清洁点火针并更换电池', status: 'published' });
      expect(published.statusCode, published.body).toBe(200);
      // published: every dealer and manager reads it; only HQ edits it now
      expect((await call('sh', 'GET', `/api/v1/kb/articles/${draftId}`)).statusCode).toBe(200);
      expect((await call('rmShanghai', 'GET', `/api/v1/kb/articles/${draftId}`)).statusCode).toBe(200);
      expectProblem(await call('rmCity', 'PUT', `/api/v1/kb/articles/${draftId}`, { title: '改标题', body: '改内容', status: 'draft' }), 403, 'FORBIDDEN', '/status');
    });
  });
});
