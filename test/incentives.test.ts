// Rebates, points, the simulator and policies through the API, with hand-computed figures.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { jsonBody, setDemandIndex, setTarget, shippedSale } from './helpers/incentives.js';
import { DEFAULT_POLICY } from '../src/server/modules/incentives/policy.rules.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('hq_admin');
});
afterAll(async () => t.close());

const post = (url: string, cookie: string, body: unknown) => t.inject({ method: 'POST', url, ...jsonBody(cookie, body) });
const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });

describe('rebate statements', () => {
  // Worked example (clock 2026-11-20, period 2026-11). A gold dealer in 440106 with a monthly
  // target of 1,000,000.00 yuan; Guangzhou's (440100) demand index is 0.80, a fall of 20% > 10%, so
  //   adjusted target     = 100,000,000 x max(0.7, 0.80)            =  80,000,000 fen
  //   reward coefficient  = 0.80
  // It ships 120 units x 10,000.00 yuan                             = 120,000,000 fen
  //   tier step (gold 3%) = 120,000,000 x 0.03                      =   3,600,000
  //   over-achievement    = (120,000,000 - 80,000,000) x 0.02 x 0.8 =     640,000
  //   brand fund (gold)   = 120,000,000 x 0.005                     =     600,000
  //   deduction (penalty)                                           =    -100,000
  //   total                                                         =   4,740,000 fen
  let gold: { id: string };
  let firstSale: Awaited<ReturnType<typeof shippedSale>>;
  const statementOf = async (cookie = admin) => (await get(`/api/v1/rebates/statements?dealerId=${gold.id}&period=2026-11`, cookie)).json().items[0];

  it('accrues a gold dealer over its elastic target with a reduced reward coefficient', async () => {
    gold = await t.dealer({ tier: 'gold', territory: [{ regionCode: '440106', exclusive: true }] });
    await setTarget(t, gold.id, '2026-11', 100_000_000);
    await setDemandIndex(t, '440100', '2026-11', 0.8);
    firstSale = await shippedSale(t, gold.id, 1_000_000, 120);
    expect(firstSale.amountFen).toBe(120_000_000);
    expect((await post('/api/v1/rebates/deductions', admin, { dealerId: gold.id, period: '2026-11', amountFen: 100_000, source: 'penalty', reason: '窜货罚款' })).statusCode).toBe(201);
    const run = await post('/api/v1/rebates/runs', admin, { period: '2026-11' });
    expect(run.statusCode, run.body).toBe(201);
    const s = await statementOf();
    expect(s).toMatchObject({
      tier: 'gold',
      qualifyingSalesFen: 120_000_000,
      rate: 0.03,
      targetFen: 100_000_000,
      adjustedTargetFen: 80_000_000,
      rewardCoefficient: 0.8,
      rebateFen: 3_600_000,
      bonusFen: 640_000,
      brandFundFen: 600_000,
      deductionsFen: 100_000,
      totalFen: 4_740_000,
      status: 'draft',
    });
    // Every line names its source: the shipment of the order, and the deduction.
    expect(s.lines).toEqual([
      expect.objectContaining({ kind: 'shipment', orderId: firstSale.orderId, orderNumber: firstSale.orderNumber, docNo: firstSale.shipmentNumber, amountFen: 120_000_000, date: '2026-11-20' }),
      expect.objectContaining({ kind: 'deduction', amountFen: -100_000 }),
    ]);
  });

  it('recalculates a draft when sales change', async () => {
    // +10 units: sales 130,000,000; 3,900,000 + (50,000,000 x 0.016 = 800,000) + 650,000 - 100,000 = 5,250,000
    await shippedSale(t, gold.id, 1_000_000, 10);
    expect((await post('/api/v1/rebates/runs', admin, { period: '2026-11' })).json()).toMatchObject({ frozen: 0 });
    expect(await statementOf()).toMatchObject({ qualifyingSalesFen: 130_000_000, rebateFen: 3_900_000, bonusFen: 800_000, brandFundFen: 650_000, totalFen: 5_250_000 });
    expect((await statementOf()).lines).toHaveLength(3);
  });

  it('freezes an approved statement against later runs and deductions', async () => {
    const s = await statementOf();
    const approved = await post(`/api/v1/rebates/statements/${s.id}/transitions`, admin, { to: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    await shippedSale(t, gold.id, 1_000_000, 5);
    const rerun = (await post('/api/v1/rebates/runs', admin, { period: '2026-11' })).json();
    expect(rerun.frozen).toBeGreaterThanOrEqual(1);
    expect(await statementOf()).toMatchObject({ qualifyingSalesFen: 130_000_000, totalFen: 5_250_000, status: 'approved' });
    const late = await post('/api/v1/rebates/deductions', admin, { dealerId: gold.id, period: '2026-11', amountFen: 1, source: 'other', reason: 'late' });
    expect(late.statusCode).toBe(422);
  });

  it('pays once, as a credit note against receivables, and refuses a second payment', async () => {
    const s = await statementOf();
    const before = (await get(`/api/v1/dealers/${gold.id}/receivables`, admin)).json().openFen;
    const paid = await post(`/api/v1/rebates/statements/${s.id}/transitions`, admin, { to: 'paid', method: 'credit_note' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().status).toBe('paid');
    expect(paid.json().payment.method).toBe('credit_note');
    const after = (await get(`/api/v1/dealers/${gold.id}/receivables`, admin)).json().openFen;
    expect(before - after).toBe(5_250_000);
    const again = await post(`/api/v1/rebates/statements/${s.id}/transitions`, admin, { to: 'paid', method: 'cash' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
    const notes = await t.deps.db.selectFrom('receivable_entries').select('amount_fen').where('source_id', '=', s.id).execute();
    expect(notes.map((n) => Number(n.amount_fen))).toEqual([-5_250_000]);
  });

  it('exports a statement as Excel and as PDF', async () => {
    const s = await statementOf();
    const xlsx = await get(`/api/v1/rebates/statements/${s.id}/export?format=xlsx`, admin);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0].eachRow((row) => text.push(JSON.stringify(row.values)));
    expect(text.join('\n')).toContain(firstSale.orderNumber);
    expect(text.join('\n')).toContain('52500');
    const pdf = await get(`/api/v1/rebates/statements/${s.id}/export?format=pdf`, admin);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows a dealer its own statements only', async () => {
    const other = await t.dealer();
    const own = await t.loginAs('dealer_admin', { dealerId: gold.id });
    const foreign = await t.loginAs('dealer_admin', { dealerId: other.id });
    expect((await get('/api/v1/rebates/statements', own)).json().items.map((s: { dealerId: string }) => s.dealerId)).toEqual([gold.id]);
    expect((await get(`/api/v1/rebates/statements?dealerId=${gold.id}`, foreign)).json().items).toEqual([]);
    const s = await statementOf();
    expect((await get(`/api/v1/rebates/statements/${s.id}/export?format=pdf`, foreign)).statusCode).toBe(404);
    const view = (await get(`/api/v1/dealers/${gold.id}/incentives`, own)).json();
    expect(view.rebates.paidFen).toBe(5_250_000);
    // Assigned gold, but graded on the 12 full months before today: November's sales count from
    // December, so its figures reach bronze and the next step is silver (tiers.service.ts).
    expect(view).toMatchObject({ tier: 'gold', rebateRate: 0.03, qualifiedTier: 'bronze', salesLast12Fen: 0, coverage: 1, from: '2025-11-01', to: '2026-10-31' });
    expect(view.nextTier).toMatchObject({ code: 'silver', gapFen: 300_000_000, coverageGap: 0 });
  });
});

describe('points', () => {
  it('grants, redeems against stock, refuses overdraw and out-of-stock, refunds a rejection, and expires at quarter end', async () => {
    const dealer = await t.dealer();
    const owner = await t.loginAs('dealer_admin', { dealerId: dealer.id });
    const grant = await post('/api/v1/points/entries', admin, { dealerId: dealer.id, points: 500, reason: '开业奖励' });
    expect(grant.statusCode, grant.body).toBe(201);
    const item = (await post('/api/v1/points/catalog', admin, { name: '门头广告补贴', category: 'advertising', points: 200, stock: 2 })).json();
    const r1 = await post('/api/v1/points/redemptions', owner, { dealerId: dealer.id, catalogItemId: item.id, quantity: 2 });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ points: 400, status: 'pending' });
    // 500 - 400 = 100 left; a third unit would need 200 points and there is no stock either.
    const poor = await post('/api/v1/points/redemptions', owner, { dealerId: dealer.id, catalogItemId: item.id, quantity: 1 });
    expect(poor.statusCode).toBe(422);
    expect(poor.json().code).toBe('INSUFFICIENT_POINTS');
    await post('/api/v1/points/entries', admin, { dealerId: dealer.id, points: 1000, reason: '补发' });
    const empty = await post('/api/v1/points/redemptions', owner, { dealerId: dealer.id, catalogItemId: item.id, quantity: 1 });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('OUT_OF_STOCK');
    const rejected = await post(`/api/v1/points/redemptions/${r1.json().id}/transitions`, admin, { to: 'rejected', note: '库存调整' });
    expect(rejected.json().status).toBe('rejected');
    let account = (await get(`/api/v1/dealers/${dealer.id}/points`, owner)).json();
    expect(account.balance).toBe(1500); // 500 + 1000, the 400 given back
    expect(account.balance).toBe(account.entries.reduce((s: number, e: { points: number }) => s + e.points, 0));
    expect((await get('/api/v1/points/catalog', owner)).json().items.find((i: { id: string }) => i.id === item.id).stock).toBe(2);
    // Spend 200 now, then at quarter end everything earned this quarter that is left (1300) expires.
    expect((await post('/api/v1/points/redemptions', owner, { dealerId: dealer.id, catalogItemId: item.id, quantity: 1 })).statusCode).toBe(201);
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2027-01-02T02:00:00Z'));
      // Sessions lapse over six weeks: sign in again at the new date.
      const [hq, dealerUser] = [await t.loginAs('hq_admin'), await t.loginAs('dealer_staff', { dealerId: dealer.id })];
      const run = await post('/api/v1/points/expiry-runs', hq, { asOf: '2027-01-01' });
      expect(run.statusCode, run.body).toBe(201);
      account = (await get(`/api/v1/dealers/${dealer.id}/points`, dealerUser)).json();
      expect(account.balance).toBe(0);
      expect(account.entries[0]).toMatchObject({ kind: 'expiry', points: -1300 });
      expect((await post('/api/v1/points/expiry-runs', hq, { asOf: '2027-01-01' })).json().expiredPoints).toBe(0);
    } finally {
      t.clock.set(start);
    }
  });

  it('lets a dealer redeem only for itself', async () => {
    const mine = await t.dealer();
    const other = await t.dealer();
    const owner = await t.loginAs('dealer_admin', { dealerId: mine.id });
    const item = (await post('/api/v1/points/catalog', admin, { name: '培训名额', category: 'training', points: 1, stock: 5 })).json();
    const res = await post('/api/v1/points/redemptions', owner, { dealerId: other.id, catalogItemId: item.id, quantity: 1 });
    expect(res.statusCode).toBe(404);
    expect((await get(`/api/v1/dealers/${other.id}/points`, owner)).statusCode).toBe(404);
  });
});

describe('policy versions and the simulator', () => {
  it('publishes versions from a date, refusing past dates and incoherent tiers by field', async () => {
    const past = await t.inject({ method: 'PUT', url: '/api/v1/incentive-policies', ...jsonBody(admin, { effectiveFrom: '2026-01-01', policy: DEFAULT_POLICY }) });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('/effectiveFrom');
    const dup = structuredClone(DEFAULT_POLICY);
    dup.tiers[1].code = 'bronze';
    const bad = await t.inject({ method: 'PUT', url: '/api/v1/incentive-policies', ...jsonBody(admin, { effectiveFrom: '2027-01-01', policy: dup }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('/policy/tiers/1/code');
    // A tier the dealers cannot hold: the regrade would write it where price lists and contracts look.
    const unknown = structuredClone(DEFAULT_POLICY);
    unknown.tiers[2].code = 'platinum';
    const refused = await t.inject({ method: 'PUT', url: '/api/v1/incentive-policies', ...jsonBody(admin, { effectiveFrom: '2027-01-01', policy: unknown }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ path: '/policy/tiers/2/code', message: expect.stringContaining('bronze, silver, gold') }));
    const next = structuredClone(DEFAULT_POLICY);
    next.overAchievementRate = 0.025;
    const ok = await t.inject({ method: 'PUT', url: '/api/v1/incentive-policies', ...jsonBody(admin, { effectiveFrom: '2027-01-01', note: '2027 政策', policy: next }) });
    expect(ok.statusCode, ok.body).toBe(200);
    const all = (await get('/api/v1/incentive-policies', admin)).json();
    expect(all.current.version).toBe(0); // not in force before 2027-01-01
    expect(all.versions[0]).toMatchObject({ version: 1, effectiveFrom: '2027-01-01' });
  });

  // Worked example: window = the 12 months before 2026-11 (2025-11-01 .. 2026-10-31). A dealer with
  // one territory region ships 400 x 10,000.00 yuan = 400,000,000 fen in 2026-06, no targets.
  //   current  (silver from 300,000,000): 2% x 400,000,000 = 8,000,000 fen
  //   proposed (silver from 500,000,000): bronze, 1%       = 4,000,000 fen  -> delta -4,000,000
  it('shows a dealer losing a tier and its payout under a proposed policy', async () => {
    const dealer = await t.dealer({ tier: 'silver', territory: [{ regionCode: '310101', exclusive: false }] });
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2026-06-15T02:00:00Z'));
      await shippedSale(t, dealer.id, 1_000_000, 400);
    } finally {
      t.clock.set(start);
    }
    const proposed = structuredClone(DEFAULT_POLICY);
    proposed.tiers[1].minAnnualSalesFen = 500_000_000;
    const res = await post('/api/v1/incentive-policies/simulate', admin, { policy: proposed });
    expect(res.statusCode, res.body).toBe(200);
    const sim = res.json();
    expect(sim).toMatchObject({ from: '2025-11-01', to: '2026-10-31' });
    const row = sim.dealers.find((d: { dealerId: string }) => d.dealerId === dealer.id);
    expect(row).toMatchObject({ salesFen: 400_000_000, currentTier: 'silver', proposedTier: 'bronze', deltaFen: -4_000_000 });
    expect(row.current).toMatchObject({ rebateFen: 8_000_000, bonusFen: 0, brandFundFen: 0, totalFen: 8_000_000 });
    expect(row.proposed.totalFen).toBe(4_000_000);
    expect(sim.tierChanges).toContainEqual(expect.objectContaining({ dealerId: dealer.id, from: 'silver', to: 'bronze' }));
    // Totals agree with the rows they summarise.
    const sum = (key: 'current' | 'proposed') => sim.dealers.reduce((s: number, d: Record<string, { totalFen: number }>) => s + d[key].totalFen, 0);
    expect(sim.totals.current.totalFen).toBe(sum('current'));
    expect(sim.totals.deltaFen).toBe(sum('proposed') - sum('current'));
    expect(sim.byTier.reduce((s: number, b: { proposedDealers: number }) => s + b.proposedDealers, 0)).toBe(sim.dealers.length);
  });
});
