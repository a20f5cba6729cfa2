// The exit process through the API, and the period-end close running once across instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { shippedOrder, stockIn } from './helpers/performance.js';
import type { Dealer } from '../src/shared/schemas/index.js';
import { buildApp } from '../src/server/app.js';
import { runOnce } from '../src/server/core/scheduler.js';
import { evaluationCloseJob, closedMonthOf, periodsClosedBy } from '../src/server/modules/evaluation/evaluation.job.js';
import { newId } from '../src/server/core/ids.js';
import type { ServiceContext } from '../src/server/core/caller.js';
import { openTermination } from '../src/server/modules/terminations/terminations.service.js';

const t = await createTestApp();
afterAll(async () => t.close());

let admin: string;
let leaving: Dealer;
let neighbour: Dealer;
let p1: string;
let p2: string;
const prospects: Record<string, string> = {};

beforeAll(async () => {
  admin = await t.loginAs('hq_admin');
  leaving = await t.dealer({ territory: [{ regionCode: '440106', exclusive: true }] });
  neighbour = await t.dealer({ territory: [{ regionCode: '440104', exclusive: false }] });
  p1 = (await product(t, { listPriceFen: 5_000 })).id;
  p2 = (await product(t, { listPriceFen: 2_000 })).id;
  const db = t.deps.db;
  // Bought p1 at 40.00 (last price), p2 never ordered: list price 20.00.
  await shippedOrder(db, { dealerId: leaving.id, productId: p1, orderDate: '2026-09-01', shippedOn: '2026-09-02', amountFen: 400_000, quantity: 100 });
  await stockIn(db, { dealerId: leaving.id, productId: p1, quantity: 10, at: '2026-09-02T00:00:00.000Z' });
  await stockIn(db, { dealerId: leaving.id, productId: p2, quantity: 5, at: '2026-09-02T00:00:00.000Z' });
  // Open receivables 15,000.
  await db
    .insertInto('receivable_entries')
    .values({
      id: newId('rcv'),
      dealer_id: leaving.id,
      kind: 'invoice',
      doc_no: `INV-T-${process.pid}`,
      amount_fen: 15_000,
      entry_on: '2026-09-02',
      due_on: '2026-10-02',
      order_id: null,
      source_id: null,
      reference: null,
      created_by: 'test',
      created_at: '2026-09-02T00:00:00.000Z',
    })
    .execute();
  // Candidates in the leaving dealer's province: a rejected prospect (still in the successor pool) and a converted one (not).
  for (const stage of ['rejected', 'converted'] as const) {
    const id = newId('prs');
    await db
      .insertInto('prospects')
      .values({
        id,
        number: `P-T-${stage}-${process.pid}`,
        name: `候选 ${stage}`,
        name_key: `候选${stage}${process.pid}`,
        contact_name: '王',
        phone: '13800000000',
        phone_key: `138${stage}${process.pid}`,
        stage,
        source: 'hq',
        details: '{}',
        screening_total_centi: 7_000,
        created_at: '2026-09-01T00:00:00.000Z',
        updated_at: '2026-09-01T00:00:00.000Z',
      })
      .execute();
    await db.insertInto('prospect_regions').values({ prospect_id: id, region_code: '440106' }).execute();
    prospects[stage] = id;
  }
});

const call = (method: 'POST' | 'PUT' | 'GET', url: string, body?: unknown) =>
  t.inject({ method, url, headers: { cookie: admin, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });

describe('terminations', () => {
  let id: string;
  it('values the buyback by condition at the purchase price, minus open receivables', async () => {
    const p1Sku = (await t.deps.db.selectFrom('products').select('sku').where('id', '=', p1).executeTakeFirstOrThrow()).sku;
    const res = await call('POST', '/api/v1/terminations', { dealerId: leaving.id, reason: '连续亏损，严重违约', stock: [{ sku: p1Sku, damaged: 2, expired: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    // p1: 7 unopened x 4,000 = 28,000; 2 damaged x 4,000 x 0.7 = 5,600; 1 expired = 0; p2: 5 x 2,000 = 10,000
    expect(body.buybackFen).toBe(43_600);
    expect(body.receivablesOffsetFen).toBe(15_000);
    expect(body.netPayableFen).toBe(28_600);
    expect(body.checklist.map((c: { item: string }) => c.item)).toEqual(['contract_talks', 'inventory_buyback', 'legal_documents', 'customer_handover', 'territory_reassignment']);
    expect(body.successors.map((s: { id: string }) => s.id)).toContain(neighbour.id);
    // The same prospects the recruitment successor pool lists (SUCCESSOR_PROSPECT_STAGES).
    expect(body.successors.map((s: { id: string }) => s.id)).toContain(prospects.rejected);
    expect(body.successors.map((s: { id: string }) => s.id)).not.toContain(prospects.converted);
    const pool = await call('GET', '/api/v1/prospects/successors?regionCode=440106');
    expect(pool.json().items.map((r: { id: string }) => r.id)).toContain(prospects.rejected);
    const dealer = await call('GET', `/api/v1/dealers/${leaving.id}`);
    expect(dealer.json().status).toBe('terminating');
  });

  it('revalues the buyback with the rates HQ saved on the settings page', async () => {
    const p1Sku = (await t.deps.db.selectFrom('products').select('sku').where('id', '=', p1).executeTakeFirstOrThrow()).sku;
    const saved = await call('PUT', '/api/v1/settings/terminations.buyback', { value: { unopened: 0.9, damaged: 0.5, expired: 0 } });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      const res = await call('PUT', `/api/v1/terminations/${id}/stock`, { stock: [{ sku: p1Sku, damaged: 2, expired: 1 }] });
      expect(res.statusCode, res.body).toBe(200);
      // p1: 7 x 4,000 x 0.9 = 25,200; 2 x 4,000 x 0.5 = 4,000; p2: 5 x 2,000 x 0.9 = 9,000
      expect(res.json().buybackFen).toBe(38_200);
      const wrong = await call('PUT', '/api/v1/settings/terminations.buyback', { value: { unopened: 0.5, damaged: 0.7, expired: 0 } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors.map((e: { path: string }) => e.path)).toContain('/value/damaged');
    } finally {
      await call('PUT', '/api/v1/settings/terminations.buyback', { value: { unopened: 1, damaged: 0.7, expired: 0 } });
      await call('PUT', `/api/v1/terminations/${id}/stock`, { stock: [{ sku: p1Sku, damaged: 2, expired: 1 }] });
    }
  });

  it('refuses a second open termination of the same dealer', async () => {
    const res = await call('POST', '/api/v1/terminations', { dealerId: leaving.id, reason: 'again' });
    expect(res.statusCode).toBe(409);
  });

  it('will not complete with checklist items open', async () => {
    const res = await call('POST', `/api/v1/terminations/${id}/complete`, { successorDealerId: neighbour.id });
    expect(res.statusCode).toBe(422);
  });

  it('terminates the dealer and hands the territory to the successor when the checklist is done', async () => {
    for (const item of ['contract_talks', 'inventory_buyback', 'legal_documents', 'customer_handover']) {
      const r = await call('PUT', `/api/v1/terminations/${id}/checklist/${item}`, { done: true });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = await call('POST', `/api/v1/terminations/${id}/complete`, { successorDealerId: neighbour.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', successorDealerId: neighbour.id });
    const gone = await call('GET', `/api/v1/dealers/${leaving.id}`);
    expect(gone.json().status).toBe('terminated');
    expect(gone.json().territory).toEqual([]);
    const heir = await call('GET', `/api/v1/dealers/${neighbour.id}`);
    expect(
      heir
        .json()
        .territory.map((x: { regionCode: string; exclusive: boolean }) => [x.regionCode, x.exclusive])
        .sort(),
    ).toEqual([
      ['440104', false],
      ['440106', true],
    ]);
  });

  it('refuses to hand a territory to a successor whose claim would overlap the exclusive region of a third dealer', async () => {
    // A sub-dealer may work inside its parent's exclusive city (C3); an unrelated successor may not.
    const parent = await t.dealer({ territory: [{ regionCode: '330100', exclusive: true }] });
    const child = await t.dealer({ level: 2, parentDealerId: parent.id, territory: [{ regionCode: '330106', exclusive: false }] });
    const outsider = await t.dealer({ territory: [{ regionCode: '330200', exclusive: false }] });
    const opened = await call('POST', '/api/v1/terminations', { dealerId: child.id, reason: '合同到期不续' });
    expect(opened.statusCode, opened.body).toBe(201);
    const exitId = opened.json().id;
    for (const item of ['contract_talks', 'inventory_buyback', 'legal_documents', 'customer_handover']) {
      expect((await call('PUT', `/api/v1/terminations/${exitId}/checklist/${item}`, { done: true })).statusCode).toBe(200);
    }
    const refused = await call('POST', `/api/v1/terminations/${exitId}/complete`, { successorDealerId: outsider.id });
    expect(refused.statusCode, refused.body).toBe(409);
    // Nothing of the refused hand-over stays: the dealer is still leaving, the outsider's territory unchanged.
    expect((await call('GET', `/api/v1/dealers/${child.id}`)).json()).toMatchObject({ status: 'terminating', territory: [{ regionCode: '330106' }] });
    expect((await call('GET', `/api/v1/dealers/${outsider.id}`)).json().territory.map((x: { regionCode: string }) => x.regionCode)).toEqual(['330200']);
    const toParent = await call('POST', `/api/v1/terminations/${exitId}/complete`, { successorDealerId: parent.id });
    expect(toParent.statusCode, toParent.body).toBe(200);
  });

  it('records both lifecycle moves as made by the termination workflow', async () => {
    const audit = await call('GET', `/api/v1/audit?entityType=dealer&entityId=${leaving.id}&action=dealer.transition`);
    const moves = (audit.json().items as { change: { from: string; to: string; workflow: string } }[]).map((e) => e.change).reverse();
    expect(moves.map((m) => [m.from, m.to, m.workflow])).toEqual([
      ['active', 'terminating', 'termination'],
      ['terminating', 'terminated', 'termination'],
    ]);
  });

  it('returns the dealer to active when HQ cancels the exit', async () => {
    const staying = await t.dealer({ territory: [{ regionCode: '440111', exclusive: false }] });
    const opened = await call('POST', '/api/v1/terminations', { dealerId: staying.id, reason: '拟终止' });
    expect(opened.statusCode, opened.body).toBe(201);
    const cancelled = await call('POST', `/api/v1/terminations/${opened.json().id}/cancel`, { reason: '整改到位' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await call('GET', `/api/v1/dealers/${staying.id}`)).json().status).toBe('active');
  });

  it('refuses the exit to a role the lifecycle does not name, even below the route (service called directly)', async () => {
    // The route's permission is one guard; the declared roles of the move are the other
    // (src/shared/dealer-lifecycle.ts): a future route or job calling the service cannot skip it.
    const manager: ServiceContext = { ...t.system, caller: { ...t.system.caller, kind: 'user', role: 'regional_manager', regionCodes: ['440000'], name: 'rm' } };
    await expect(openTermination(manager, { dealerId: neighbour.id, reason: '越权' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('GET', `/api/v1/dealers/${neighbour.id}`)).json().status).toBe('active');
    expect(await t.deps.db.selectFrom('terminations').select('id').where('dealer_id', '=', neighbour.id).execute()).toEqual([]);
  });

  it('is refused to a regional manager', async () => {
    const cookie = await t.loginAs('regional_manager', { regionCodes: ['440000'] });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/terminations',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ dealerId: neighbour.id, reason: 'x' }),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('period-end close job', () => {
  it('closes the month before the firing in China time, and the quarter at quarter end', () => {
    expect(closedMonthOf(new Date('2026-09-30T18:30:00.000Z'))).toBe('2026-09'); // 02:30 on 1 Oct in Shanghai
    expect(periodsClosedBy('2026-09')).toEqual(['2026-09', '2026-Q3']);
    expect(periodsClosedBy('2026-12')).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(periodsClosedBy('2026-10')).toEqual(['2026-10']);
  });

  it('evaluates each dealer once when two app instances run the same close', async () => {
    const other = await buildApp(t.config, { database: { ...t.database, close: async () => {} } as typeof t.database, clock: t.clock, logger: false });
    try {
      const outcomes = await Promise.all([runOnce(t.deps.db, t.clock, evaluationCloseJob, '2026-10'), runOnce(other.deps.db, t.clock, evaluationCloseJob, '2026-10')]);
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      const active = await t.deps.db.selectFrom('dealers').select('id').where('status', 'in', ['active', 'warning']).execute();
      const rows = await t.deps.db.selectFrom('evaluations').select(['dealer_id']).where('period', '=', '2026-10').execute();
      expect(rows).toHaveLength(active.length);
      expect(new Set(rows.map((r) => r.dealer_id)).size).toBe(active.length);
    } finally {
      await other.app.close();
    }
  });
});
