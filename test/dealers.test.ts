import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_OR_WARNING, CLOSED_DEALER_STATUSES, DEALER_MOVES, DEALER_TRANSITIONS, ENDING_STATUSES, TRADING_STATUSES } from '../src/shared/dealer-lifecycle.js';
import { DEALER_STATUSES, type DealerStatus } from '../src/shared/schemas/dealers.js';
import { createDealer } from '../src/server/modules/dealers/dealers.service.js';
import { createTestApp, type TestApp } from './helpers/app.js';

interface DealerJson {
  id: string;
  code: string;
  name: string;
  level: 1 | 2;
  parentDealerId: string | null;
  parentDealerCode: string | null;
  status: DealerStatus;
  tier: string;
  territory: { regionCode: string; exclusive: boolean; regionName: string }[];
  creditLimitFen: number;
}

/** Opens a termination (returns its id) or completes one with every checklist item done. */
async function terminationApi(t: TestApp, cookie: string, step: 'open' | 'complete', body: { dealerId?: string; reason?: string; id?: string }): Promise<string> {
  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.inject({ method, url, headers: { cookie }, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.body}`);
    return res.json() as { id: string; checklist: { item: string }[] };
  };
  if (step === 'open') return (await send('POST', '/api/v1/terminations', { dealerId: body.dealerId, reason: body.reason })).id;
  const current = (await t.inject({ method: 'GET', url: `/api/v1/terminations/${body.id}`, headers: { cookie } })).json() as { checklist: { item: string }[] };
  for (const { item } of current.checklist) await send('PUT', `/api/v1/terminations/${body.id}/checklist/${item}`, { done: true });
  return (await send('POST', `/api/v1/terminations/${body.id}/complete`, {})).id;
}

let codeSeq = 0;
const nextCode = (prefix = 'DT') => `${prefix}-${process.pid % 1000}-${++codeSeq}`;

// The bare route is the `manual` workflow: it makes the manual moves and refuses the ones another
// workflow owns (src/shared/dealer-lifecycle.ts), both generated from the declaration.
const isManual = (from: DealerStatus, to: DealerStatus) => DEALER_MOVES.some((m) => m.fromStatus === from && m.to === to && m.workflow === 'manual');
const ALLOWED: [DealerStatus, DealerStatus][] = DEALER_STATUSES.flatMap((from) => DEALER_TRANSITIONS[from].filter((to) => isManual(from, to)).map((to): [DealerStatus, DealerStatus] => [from, to]));
const WORKFLOW_OWNED = DEALER_MOVES.filter((m) => !isManual(m.fromStatus, m.to));
const DISALLOWED: [DealerStatus, DealerStatus][] = DEALER_STATUSES.flatMap((from) =>
  DEALER_STATUSES.filter((to) => !DEALER_TRANSITIONS[from].includes(to)).map((to): [DealerStatus, DealerStatus] => [from, to]),
);

describe('the named status sets (src/shared/dealer-lifecycle.ts)', () => {
  it('trade from activation until the termination completes, and evaluate only dealers not on their way out', () => {
    expect(TRADING_STATUSES.every((s) => DEALER_STATUSES.includes(s))).toBe(true);
    expect(ACTIVE_OR_WARNING.every((s) => (TRADING_STATUSES as readonly string[]).includes(s))).toBe(true);
    // every state a trading dealer can move to is trading again or the end of the termination
    for (const s of TRADING_STATUSES) for (const to of DEALER_TRANSITIONS[s]) expect([...TRADING_STATUSES, 'terminated']).toContain(to);
    expect(TRADING_STATUSES).not.toContain('terminated');
    expect(ACTIVE_OR_WARNING).not.toContain('terminating');
  });

  it('closes a dealer only in the states no move leaves, and marks as ending exactly the moves towards them', () => {
    expect(CLOSED_DEALER_STATUSES.every((s) => DEALER_STATUSES.includes(s))).toBe(true);
    expect([...CLOSED_DEALER_STATUSES].sort()).toEqual(DEALER_STATUSES.filter((s) => DEALER_TRANSITIONS[s].length === 0).sort());
    expect(TRADING_STATUSES.some((s) => (CLOSED_DEALER_STATUSES as readonly string[]).includes(s))).toBe(false);
    expect(ENDING_STATUSES.every((s) => DEALER_STATUSES.includes(s))).toBe(true);
    // the one non-closed ending state is the termination under way, which leads only to terminated (or back to active)
    expect(ENDING_STATUSES.filter((s) => !(CLOSED_DEALER_STATUSES as readonly string[]).includes(s))).toEqual(['terminating']);
    expect(DEALER_TRANSITIONS.terminating).toContain('terminated');
  });
});

describe('dealers', () => {
  let t: TestApp;
  let admin: string;
  const ADMIN_NAME = 'dealer.boss';

  const post = (payload: object, cookie = admin) => t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie }, payload });
  const get = (url: string, cookie = admin) => t.inject({ method: 'GET', url, headers: { cookie } });
  const transition = (id: string, to: DealerStatus, reason: string) => t.inject({ method: 'POST', url: `/api/v1/dealers/${id}/transitions`, headers: { cookie: admin }, payload: { to, reason } });
  const events = async (id: string) =>
    (await get(`/api/v1/dealers/${id}/events?limit=500`)).json().items as { fromStatus: string | null; toStatus: string; reason: string; actorName: string; at: string }[];
  /** A dealer already in `status` (the API only creates active dealers; earlier states come from recruitment). */
  const res409Detail = (res: { json(): { detail: string } }) => res.json().detail;
  const dealerIn = (status: DealerStatus) => createDealer(t.system, { code: nextCode('ST'), name: `状态${status}` }, { status, reason: 'test fixture' });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin', { username: ADMIN_NAME });
  });
  afterAll(async () => t?.close());

  describe('creation and lifecycle', () => {
    it('should start a dealer entered by HQ as active with a recorded event saying who, when and why', async () => {
      const res = await post({ code: nextCode(), name: '华南商贸', tier: 'silver', territory: [{ regionCode: '440113', exclusive: false }] });
      expect(res.statusCode).toBe(201);
      const dealer = res.json() as DealerJson;
      expect(dealer.status).toBe('active');
      expect(dealer.level).toBe(1);
      expect(dealer.territory).toEqual([{ regionCode: '440113', exclusive: false, regionName: '广东省 / 广州市 / 番禺区' }]);

      const evs = await events(dealer.id);
      expect(evs).toHaveLength(1);
      expect(evs[0]).toMatchObject({ fromStatus: null, toStatus: 'active', actorName: ADMIN_NAME, at: t.clock.now().toISOString() });
      expect(evs[0].reason.trim().length).toBeGreaterThan(0);
    });

    it('should refuse a contract date that does not exist, naming the field', async () => {
      for (const [field, value] of [
        ['contractStartsOn', '2026-02-30'],
        ['contractEndsOn', '2026-04-31'],
      ] as const) {
        const res = await post({ code: nextCode(), name: '日期检查', [field]: value });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(`/${field}`);
      }
      expect((await post({ code: nextCode(), name: '闰年', contractStartsOn: '2028-02-29' })).statusCode).toBe(201);
    });

    it('should refuse a second dealer with the same code with 409', async () => {
      const code = nextCode();
      expect((await post({ code, name: '甲' })).statusCode).toBe(201);
      const again = await post({ code, name: '乙' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CONFLICT');
    });

    it.each(ALLOWED)('should allow the transition %s -> %s and record it', async (from, to) => {
      const dealer = await dealerIn(from);
      t.clock.advance(1000);
      const reason = `审批: ${from} 到 ${to}`;
      const res = await transition(dealer.id, to, reason);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe(to);
      expect((await get(`/api/v1/dealers/${dealer.id}`)).json().status).toBe(to);
      const evs = await events(dealer.id);
      expect(evs).toHaveLength(2);
      expect(evs[0]).toEqual(expect.objectContaining({ fromStatus: from, toStatus: to, reason, actorName: ADMIN_NAME, at: t.clock.now().toISOString() }));
    });

    it('should cover every status with at least one generated disallowed transition', () => {
      // A guard on the generator itself: terminal states allow nothing, so every target is disallowed.
      const declaredEdges = new Set(DEALER_MOVES.map((m) => `${m.fromStatus}>${m.to}`)).size;
      expect(DISALLOWED.length).toBe(DEALER_STATUSES.length ** 2 - declaredEdges);
      expect(new Set(DISALLOWED.map(([from]) => from))).toEqual(new Set(DEALER_STATUSES));
    });

    it('should refuse every transition outside the table with 409 INVALID_TRANSITION and leave the dealer as it was', async () => {
      const byFrom = new Map<DealerStatus, string>();
      for (const status of DEALER_STATUSES) byFrom.set(status, (await dealerIn(status)).id);
      for (const [from, to] of DISALLOWED) {
        const id = byFrom.get(from)!;
        const res = await transition(id, to, 'should not happen');
        expect(res.statusCode, `${from} -> ${to}`).toBe(409);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code, `${from} -> ${to}`).toBe('INVALID_TRANSITION');
      }
      for (const [status, id] of byFrom) {
        expect((await get(`/api/v1/dealers/${id}`)).json().status).toBe(status);
        expect(await events(id)).toHaveLength(1);
      }
    });

    it.each(WORKFLOW_OWNED.map((m) => [m.fromStatus, m.to, m.workflow] as const))(
      'should refuse the bare transition %s -> %s with 409 naming the %s workflow, and leave the dealer as it was',
      async (from, to, workflow) => {
        const dealer = await dealerIn(from);
        const res = await transition(dealer.id, to, 'skipping the workflow');
        expect(res.statusCode, res.body).toBe(409);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', from, to, workflow });
        expect(res.json().detail).toContain(`${workflow} workflow`);
        expect((await get(`/api/v1/dealers/${dealer.id}`)).json().status).toBe(from);
        expect(await events(dealer.id)).toHaveLength(1);
      },
    );

    it('should not let a regional manager end a dealer of its region by a bare transition', async () => {
      // The reported fault: terminating/terminated skipped buyback, receivables, checklist and successor.
      const manager = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
      const dealer = await createDealer(t.system, { code: nextCode('RM'), name: '区域经销商', territory: [{ regionCode: '440111', exclusive: false }] });
      for (const to of ['terminating', 'terminated'] as const) {
        const res = await t.inject({ method: 'POST', url: `/api/v1/dealers/${dealer.id}/transitions`, headers: { cookie: manager }, payload: { to, reason: '不再合作' } });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('INVALID_TRANSITION');
      }
      expect(res409Detail(await t.inject({ method: 'POST', url: `/api/v1/dealers/${dealer.id}/transitions`, headers: { cookie: manager }, payload: { to: 'terminating', reason: 'x' } }))).toContain(
        'POST /api/v1/terminations',
      );
      expect((await get(`/api/v1/dealers/${dealer.id}`)).json().status).toBe('active');
    });

    it('should leave a dealer with an open graded warning in warning until the warnings workflow lifts it', async () => {
      const dealer = await dealerIn('warning');
      const now = t.clock.now().toISOString();
      await t.deps.db
        .insertInto('warnings')
        .values({
          id: `wrn_${nextCode('W')}`,
          dealer_id: dealer.id,
          level: 'orange',
          status: 'open',
          reasons: '[]',
          opened_at: now,
          opened_period: '2026-Q2',
          level_since: '2026-06-30',
          last_period: '2026-Q2',
          closed_at: null,
          updated_at: now,
        })
        .execute();
      const res = await transition(dealer.id, 'active', '经理认为已整改');
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', workflow: 'warnings' });
      expect((await get(`/api/v1/dealers/${dealer.id}`)).json().status).toBe('warning');
    });

    it.each([
      ['prospect', 'screening', 'screening'],
      ['active', 'warning', 'warning'],
      ['warning', 'active', 'active'],
    ] as [DealerStatus, DealerStatus, DealerStatus][])('should let two racing transitions from %s (to %s and to %s) resolve to a single move', async (from, first, second) => {
      // Chosen so that neither target may follow the other: whatever the interleaving, one must lose.
      expect(DEALER_TRANSITIONS[first]).not.toContain(second);
      expect(DEALER_TRANSITIONS[second]).not.toContain(first);
      const dealer = await dealerIn(from);
      const results = await Promise.all([transition(dealer.id, first, 'A'), transition(dealer.id, second, 'B')]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json().status;
      expect((await get(`/api/v1/dealers/${dealer.id}`)).json().status).toBe(winner);
      expect(await events(dealer.id)).toHaveLength(2);
    });
  });

  describe('hierarchy', () => {
    it('should require a parent for a level-2 dealer (400 naming /parentDealerId)', async () => {
      const res = await post({ code: nextCode(), name: '无上级', level: 2 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/parentDealerId');
    });

    it('should refuse a level-2 parent, an unknown parent, and a parent on a level-1 dealer', async () => {
      const top = (await post({ code: nextCode(), name: '一级' })).json() as DealerJson;
      const child = await post({ code: nextCode(), name: '二级', level: 2, parentDealerId: top.id });
      expect(child.statusCode).toBe(201);
      expect(child.json()).toMatchObject({ level: 2, parentDealerId: top.id });

      for (const payload of [
        { level: 2, parentDealerId: child.json().id },
        { level: 2, parentDealerId: 'dlr_does_not_exist' },
        { level: 1, parentDealerId: top.id },
      ]) {
        const res = await post({ code: nextCode(), name: '错误层级', ...payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/parentDealerId');
      }
    });
  });

  describe('exclusive territory', () => {
    it("should refuse an exclusive region held by another dealer with 409 CONFLICT naming the holder's code", async () => {
      const holderCode = nextCode('HOLD');
      expect((await post({ code: holderCode, name: '福田独家', territory: [{ regionCode: '440304', exclusive: true }] })).statusCode).toBe(201);
      for (const exclusive of [true, false]) {
        const res = await post({ code: nextCode(), name: '后来者', territory: [{ regionCode: '440304', exclusive }] });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('CONFLICT');
        expect(res.json().detail).toContain(holderCode);
      }
    });

    it("should refuse a county inside another dealer's exclusive city", async () => {
      const holderCode = nextCode('CITY');
      expect((await post({ code: holderCode, name: '南京独家', territory: [{ regionCode: '320100', exclusive: true }] })).statusCode).toBe(201);
      const res = await post({ code: nextCode(), name: '玄武', territory: [{ regionCode: '320102', exclusive: false }] });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain(holderCode);
    });

    it("should refuse an exclusive city that would swallow another dealer's county", async () => {
      const holderCode = nextCode('CNTY');
      expect((await post({ code: holderCode, name: '西湖', territory: [{ regionCode: '330106', exclusive: false }] })).statusCode).toBe(201);
      const res = await post({ code: nextCode(), name: '杭州独家', territory: [{ regionCode: '330100', exclusive: true }] });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain(holderCode);
    });

    it('should let dealers share a region nobody holds exclusively', async () => {
      expect((await post({ code: nextCode(), name: '共享一', territory: [{ regionCode: '610113', exclusive: false }] })).statusCode).toBe(201);
      expect((await post({ code: nextCode(), name: '共享二', territory: [{ regionCode: '610113', exclusive: false }] })).statusCode).toBe(201);
    });

    it("should let a level-2 sub-dealer sit inside its parent's exclusive region, and nobody else", async () => {
      const parent = (await post({ code: nextCode('WH'), name: '武汉独家', territory: [{ regionCode: '420100', exclusive: true }] })).json() as DealerJson;
      const child = await post({ code: nextCode(), name: '武昌二级', level: 2, parentDealerId: parent.id, territory: [{ regionCode: '420106', exclusive: false }] });
      expect(child.statusCode).toBe(201);

      const stranger = await post({ code: nextCode(), name: '外人', territory: [{ regionCode: '420106', exclusive: false }] });
      expect(stranger.statusCode).toBe(409);
      expect(stranger.json().detail).toContain(parent.code);

      const otherParent = (await post({ code: nextCode(), name: '别家一级' })).json() as DealerJson;
      const otherChild = await post({ code: nextCode(), name: '别家二级', level: 2, parentDealerId: otherParent.id, territory: [{ regionCode: '420106', exclusive: false }] });
      expect(otherChild.statusCode).toBe(409);
    });

    it("should free a terminated dealer's exclusive region for a new dealer (but not while it is terminating)", async () => {
      const old = (await post({ code: nextCode('OLD'), name: '芙蓉旧', territory: [{ regionCode: '430102', exclusive: true }] })).json() as DealerJson;
      // Ended through the termination workflow, the only one that may (src/shared/dealer-lifecycle.ts).
      const termination = await terminationApi(t, admin, 'open', { dealerId: old.id, reason: '违约' });
      const early = await post({ code: nextCode(), name: '芙蓉抢先', territory: [{ regionCode: '430102', exclusive: true }] });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain(old.code);

      await terminationApi(t, admin, 'complete', { id: termination });
      // What the terminated dealer gave up stays on record.
      const [terminated] = (await get(`/api/v1/audit?entityType=dealer&entityId=${old.id}&action=dealer.transition`)).json().items;
      expect(terminated.change).toMatchObject({ from: 'terminating', to: 'terminated', workflow: 'termination', releasedExclusive: ['430102'] });
      const successor = await post({ code: nextCode('NEW'), name: '芙蓉新', territory: [{ regionCode: '430102', exclusive: true }] });
      expect(successor.statusCode).toBe(201);
      expect(successor.json().territory).toEqual([expect.objectContaining({ regionCode: '430102', exclusive: true })]);
      // Now the successor holds it.
      const third = await post({ code: nextCode(), name: '芙蓉第三', territory: [{ regionCode: '430102', exclusive: false }] });
      expect(third.statusCode).toBe(409);
      expect(third.json().detail).toContain(successor.json().code);
    });

    it('should let exactly one of two concurrent creates claiming the same exclusive region win', async () => {
      const [a, b] = await Promise.all([
        post({ code: nextCode('RACE'), name: '竞争甲', territory: [{ regionCode: '350102', exclusive: true }] }),
        post({ code: nextCode('RACE'), name: '竞争乙', territory: [{ regionCode: '350102', exclusive: true }] }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().code).toBe('CONFLICT');
      const holders = await t.deps.db.selectFrom('dealer_territories').select('dealer_id').where('region_code', '=', '350102').execute();
      expect(holders).toHaveLength(1);
    });

    it('should let exactly one of two concurrent creates claiming overlapping exclusive regions (a city and its county) win', async () => {
      const cases: [string, string][] = [
        ['350200', '350203'],
        ['510100', '510104'],
        ['370200', '370202'],
      ];
      for (const [city, county] of cases) {
        const results = await Promise.all([
          post({ code: nextCode('OVL'), name: '城市独家', territory: [{ regionCode: city, exclusive: true }] }),
          post({ code: nextCode('OVL'), name: '区县独家', territory: [{ regionCode: county, exclusive: true }] }),
        ]);
        expect(results.map((r) => r.statusCode).sort(), `${city} vs ${county}`).toEqual([201, 409]);
      }
    });

    it('should name an unknown region code by its path', async () => {
      const res = await post({ code: nextCode(), name: '未知区域', territory: [{ regionCode: '990101', exclusive: false }] });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/territory/0/regionCode');
    });
  });

  describe('updates', () => {
    it('should audit a PATCH with the from and to of each changed field', async () => {
      const dealer = (await post({ code: nextCode(), name: '改前名称', tier: 'bronze', creditLimitFen: 100_000 })).json() as DealerJson;
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/dealers/${dealer.id}`,
        headers: { cookie: admin },
        payload: { name: '改后名称', tier: 'gold', creditLimitFen: 250_000, paymentTermDays: 30 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '改后名称', tier: 'gold', creditLimitFen: 250_000 });

      const audit = await get(`/api/v1/audit?entityType=dealer&entityId=${dealer.id}`);
      expect(audit.statusCode).toBe(200);
      const [latest] = audit.json().items;
      expect(latest.action).toBe('dealer.update');
      expect(latest.actorName).toBe(ADMIN_NAME);
      // paymentTermDays was sent with its current value (30 is the default): not a change.
      expect(latest.change).toEqual({
        name: { from: '改前名称', to: '改后名称' },
        tier: { from: 'bronze', to: 'gold' },
        creditLimitFen: { from: 100_000, to: 250_000 },
      });
    });

    it('should refuse a territory change that collides with an exclusive holder and keep the old territory', async () => {
      const holder = (await post({ code: nextCode('PH'), name: '和平独家', territory: [{ regionCode: '210102', exclusive: true }] })).json() as DealerJson;
      const mover = (await post({ code: nextCode(), name: '搬家', territory: [{ regionCode: '130102', exclusive: false }] })).json() as DealerJson;
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/dealers/${mover.id}`,
        headers: { cookie: admin },
        payload: { territory: [{ regionCode: '210102', exclusive: false }] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toContain(holder.code);
      expect((await get(`/api/v1/dealers/${mover.id}`)).json().territory.map((x: { regionCode: string }) => x.regionCode)).toEqual(['130102']);
    });
  });
});

describe('dealer list: filters, pagination and export', () => {
  let t: TestApp;
  let admin: string;
  const d: Record<string, DealerJson> = {};

  const list = async (query: string) => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/dealers?limit=500${query ? `&${query}` : ''}`, headers: { cookie: admin } });
    expect(res.statusCode, query).toBe(200);
    return res.json() as { items: DealerJson[]; nextCursor: string | null };
  };
  const codes = async (query: string) => (await list(query)).items.map((x) => x.code).sort();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    const create = async (key: string, payload: object) => {
      const res = await t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie: admin }, payload });
      if (res.statusCode !== 201) throw new Error(`${key}: ${res.body}`);
      d[key] = res.json();
    };
    // A known little world: the expectations below follow from it, not from the code.
    await create('tianhe', { code: 'GZ-001', name: '广州天河商贸', tier: 'gold', territory: [{ regionCode: '440106', exclusive: false }] });
    await create('yuexiu', { code: 'GZ-002', name: '广州越秀电器', tier: 'silver', territory: [{ regionCode: '440104', exclusive: false }] });
    await create('nanshan', { code: 'SZ-001', name: '深圳南山科技', tier: 'gold', territory: [{ regionCode: '440305', exclusive: false }] });
    await create('xihu', { code: 'HZ-001', name: '杭州西湖贸易', tier: 'bronze', territory: [{ regionCode: '330106', exclusive: false }] });
    await create('xihu2', { code: 'HZ-002', name: '西湖二级分销', tier: 'bronze', level: 2, parentDealerId: d.xihu.id, territory: [{ regionCode: '330106', exclusive: false }] });
    await create('xuanwu', { code: 'NJ-001', name: '南京玄武', tier: 'silver', territory: [{ regionCode: '320102', exclusive: false }] });
    await create('guangdong', { code: 'GD-PROV', name: '广东省总代', tier: 'silver', territory: [{ regionCode: '440000', exclusive: false }] });
    await create('none', { code: 'XX-000', name: 'No Territory Ltd', tier: 'bronze' });
    const move = async (id: string, to: DealerStatus) => {
      const res = await t.inject({ method: 'POST', url: `/api/v1/dealers/${id}/transitions`, headers: { cookie: admin }, payload: { to, reason: 'fixture' } });
      if (res.statusCode !== 200) throw new Error(res.body);
    };
    await move(d.yuexiu.id, 'warning');
    await terminationApi(t, admin, 'complete', { id: await terminationApi(t, admin, 'open', { dealerId: d.xuanwu.id, reason: 'fixture' }) });
  });
  afterAll(async () => t?.close());

  it('should list every dealer without filters', async () => {
    expect(await codes('')).toEqual(['GD-PROV', 'GZ-001', 'GZ-002', 'HZ-001', 'HZ-002', 'NJ-001', 'SZ-001', 'XX-000']);
  });

  it.each([
    ['status=warning', ['GZ-002']],
    ['status=terminated', ['NJ-001']],
    ['status=active', ['GD-PROV', 'GZ-001', 'HZ-001', 'HZ-002', 'SZ-001', 'XX-000']],
    ['tier=gold', ['GZ-001', 'SZ-001']],
    ['tier=bronze', ['HZ-001', 'HZ-002', 'XX-000']],
    ['level=2', ['HZ-002']],
    ['level=1', ['GD-PROV', 'GZ-001', 'GZ-002', 'HZ-001', 'NJ-001', 'SZ-001', 'XX-000']],
    // A province returns dealers whose county territories lie inside it (and the province-wide one).
    ['regionCode=440000', ['GD-PROV', 'GZ-001', 'GZ-002', 'SZ-001']],
    ['regionCode=330000', ['HZ-001', 'HZ-002']],
    // A city: its counties' dealers, and the dealer covering the whole province it belongs to.
    ['regionCode=440100', ['GD-PROV', 'GZ-001', 'GZ-002']],
    ['regionCode=440106', ['GD-PROV', 'GZ-001']],
    ['regionCode=110000', []],
    ['q=HZ', ['HZ-001', 'HZ-002']],
    ['q=hz-00', ['HZ-001', 'HZ-002']],
    ['q=天河', ['GZ-001']],
    ['q=西湖', ['HZ-001', 'HZ-002']],
    ['q=territory', ['XX-000']],
    ['tier=gold&regionCode=440000', ['GZ-001', 'SZ-001']],
    ['status=active&level=1&regionCode=440000', ['GD-PROV', 'GZ-001', 'SZ-001']],
  ])('should filter with %s', async (query, expected) => {
    expect(await codes(encodeURI(query))).toEqual(expected);
  });

  it('should walk every page with limit=2 without duplicates or gaps, in the order of the full list', async () => {
    const full = (await list('')).items.map((x) => x.id);
    expect(full).toHaveLength(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/dealers?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { cookie: admin },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: DealerJson[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThanOrEqual(10);
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(full);
  });

  it('should page a filtered list to the same rows as the unpaged filter', async () => {
    const expected = (await list('regionCode=440000')).items.map((x) => x.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/dealers?regionCode=440000&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { cookie: admin },
      });
      const page = res.json() as { items: DealerJson[]; nextCursor: string | null };
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('should refuse a cursor it did not issue with 400', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/dealers?cursor=not-a-cursor', headers: { cookie: admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it.each([[''], ['tier=gold'], ['regionCode=440000&status=active']])('should export ?format=xlsx%s as a workbook with the same rows as the JSON list', async (query) => {
    const json = (await list(query)).items;
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/dealers?format=xlsx${query ? `&${query}` : ''}`,
      headers: { cookie: admin, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(col('Code')).toBeGreaterThan(0);
    expect(col('Name')).toBeGreaterThan(0);
    const rows: { code: string; name: string; status: string; tier: string; level: number; parentCode: string | null }[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (!row.hasValues) continue;
      rows.push({
        code: String(row.getCell(col('Code')).value),
        name: String(row.getCell(col('Name')).value),
        status: String(row.getCell(col('Status')).value),
        tier: String(row.getCell(col('Tier')).value),
        level: Number(row.getCell(col('Level')).value),
        parentCode: (row.getCell(col('Parent dealer code')).value as string | null) ?? null,
      });
    }
    // The parent is exported by its code (what an import expects), not by its internal id.
    const codeById = new Map(json.map((x) => [x.id, x.code]));
    expect(rows).toEqual(
      json.map((x) => ({ code: x.code, name: x.name, status: x.status, tier: x.tier, level: x.level, parentCode: x.parentDealerId ? (codeById.get(x.parentDealerId) ?? x.parentDealerCode) : null })),
    );
  });
});
