// The policy simulator prices money as a rebate run does (computeRebate, month by month): the
// elastic target, the reward coefficient and grade-driven rate steps count. Figures by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../src/server/modules/incentives/policy.rules.js';
import { payoutUnder, simulate, type SimInput, type SimMonth } from '../src/server/modules/incentives/simulator.rules.js';
import { last12Months } from '../src/shared/dates.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { jsonBody, setDemandIndex, setTarget, shippedSale } from './helpers/incentives.js';

const month = (salesFen: number, target: SimMonth['target'] = null, rateAdjustmentBp = 0): SimMonth => ({ salesFen, target, rateAdjustmentBp });
const input = (months: SimMonth[], extra: Partial<SimInput> = {}): SimInput => ({
  dealerId: 'dlr_sim',
  dealerCode: 'SIM',
  dealerName: 'sim',
  salesFen: months.reduce((s, m) => s + m.salesFen, 0),
  coverage: 1,
  months,
  newCustomers: 0,
  ...extra,
});

describe('simulator pricing (pure)', () => {
  // One month: sales 250,000,000 fen (bronze, 1%), target 300,000,000 adjusted by a factor 0.7 to
  // 210,000,000, reward coefficient 0.7:
  //   rebate = 250,000,000 x 1%                               = 2,500,000
  //   bonus  = (250,000,000 - 210,000,000) x 0.02 x 0.7       =   560,000  (0 against the raw target)
  //   points = round(100 x 250,000,000 / 210,000,000)         =       119  (83 against the raw target)
  const elastic = { targetFen: 300_000_000, adjustedTargetFen: 210_000_000, coefficientBp: 7_000 };

  it('pays the bonus on sales above the adjusted target times the reward coefficient', () => {
    const { tier, payout } = payoutUnder(DEFAULT_POLICY, input([month(250_000_000, elastic)]));
    expect(tier).toBe('bronze');
    expect(payout).toEqual({ rebateFen: 2_500_000, bonusFen: 560_000, brandFundFen: 0, totalFen: 3_060_000, points: 119 });
  });

  it('adds the rate adjustment in force in each month to the tier rate, never below zero', () => {
    // Two months of 100,000,000 fen, no targets: the first at 1%, the second at 1% + 50 bp = 1.5%.
    //   rebate = 1,000,000 + 1,500,000 = 2,500,000
    expect(payoutUnder(DEFAULT_POLICY, input([month(100_000_000), month(100_000_000, null, 50)])).payout).toMatchObject({ rebateFen: 2_500_000, bonusFen: 0, totalFen: 2_500_000 });
    // A step of -150 bp takes 1% to max(0, -0.5%) = 0.
    expect(payoutUnder(DEFAULT_POLICY, input([month(100_000_000, null, -150)])).payout.rebateFen).toBe(0);
  });

  it('prices each month on its own: a month under its target earns no bonus from another month above it', () => {
    // Month 1: 200,000,000 on a 100,000,000 target -> bonus 100,000,000 x 0.02 = 2,000,000.
    // Month 2:  50,000,000 on a 100,000,000 target -> no bonus. One 12-month period would give
    // (250,000,000 - 200,000,000) x 0.02 = 1,000,000 instead.
    const t100 = { targetFen: 100_000_000, adjustedTargetFen: 100_000_000, coefficientBp: 10_000 };
    const { payout } = payoutUnder(DEFAULT_POLICY, input([month(200_000_000, t100), month(50_000_000, t100)]));
    expect(payout.bonusFen).toBe(2_000_000);
    // Task points per month: round(100 x 2) + round(100 x 0.5) = 250.
    expect(payout.points).toBe(250);
  });

  it('reports the sum of the adjusted targets, or null when no month has one', () => {
    const sim = simulate(
      DEFAULT_POLICY,
      DEFAULT_POLICY,
      [input([month(250_000_000, elastic), month(0), month(10, { targetFen: 100, adjustedTargetFen: 90, coefficientBp: 9_000 })]), input([month(5)], { dealerId: 'dlr_none', dealerCode: 'NONE' })],
      {
        from: '2025-11-01',
        to: '2026-10-31',
        currentVersion: 0,
      },
    );
    expect(sim.dealers.find((d) => d.dealerId === 'dlr_sim')?.targetFen).toBe(210_000_090);
    expect(sim.dealers.find((d) => d.dealerId === 'dlr_none')?.targetFen).toBeNull();
  });
});

describe('simulator and rebate statements agree (database)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
  });
  afterAll(async () => t?.close());

  const post = async (url: string, body: unknown) => {
    const res = await t.inject({ method: 'POST', url, ...jsonBody(admin, body) });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  // Clock 2026-11-20: window 2025-11-01 .. 2026-10-31. A dealer stored as gold in 440106 ships
  // 600,000,000 fen in 2026-06 and 500,000,000 in 2026-09: 1,100,000,000 a year, one county, so the
  // regrade is gold too (3%, brand fund 0.5%).
  //   2026-06: target 500,000,000, Guangzhou demand 0.80 -> adjusted 400,000,000, coefficient 0.8
  //     rebate 600,000,000 x 3%                         = 18,000,000
  //     bonus  (600,000,000 - 400,000,000) x 0.02 x 0.8 =  3,200,000
  //     brand  600,000,000 x 0.5%                       =  3,000,000
  //     points round(100 x 600 / 400)                   =        150
  //   2026-09: target 600,000,000 (no index), +50 bp approved from 2026-Q3
  //     rebate 500,000,000 x 3.5%                       = 17,500,000
  //     bonus  below target                             =          0
  //     brand  500,000,000 x 0.5%                       =  2,500,000
  //     points round(100 x 500 / 600)                   =         83
  //   total 35,500,000 + 3,200,000 + 5,500,000          = 44,200,000 fen, 233 points
  // Proposed: overAchievementRate 0.03 -> bonus 200,000,000 x 0.03 x 0.8 = 4,800,000, total 45,800,000.
  it('prices the current side as the sum of the rebate statements of the window', async () => {
    const gold = await t.dealer({ tier: 'gold', territory: [{ regionCode: '440106', exclusive: false }] });
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2026-06-15T02:00:00Z'));
      await shippedSale(t, gold.id, 1_000_000, 600);
      t.clock.set(new Date('2026-09-15T02:00:00Z'));
      await shippedSale(t, gold.id, 1_000_000, 500);
    } finally {
      t.clock.set(start);
    }
    await setTarget(t, gold.id, '2026-06', 500_000_000);
    await setTarget(t, gold.id, '2026-09', 600_000_000);
    await setDemandIndex(t, '440100', '2026-06', 0.8);
    await t.deps.db
      .insertInto('dealer_rebate_adjustments')
      .values({ id: 'rba_sim_test', dealer_id: gold.id, delta_bp: 50, effective_period: '2026-Q3', proposal_id: 'test', created_at: start.toISOString() })
      .execute();

    const { months } = last12Months('2026-11-20');
    for (const m of months) {
      await post('/api/v1/rebates/runs', { period: m });
      await post('/api/v1/points/earning-runs', { period: m });
    }
    const statements = await t.deps.db
      .selectFrom('rebate_statements')
      .select(['period', 'tier', 'rate_bp', 'rebate_fen', 'bonus_fen', 'brand_fund_fen'])
      .where('dealer_id', '=', gold.id)
      .orderBy('period')
      .execute();
    expect(statements.map((s) => ({ period: s.period, tier: s.tier, rateBp: Number(s.rate_bp) }))).toEqual([
      { period: '2026-06', tier: 'gold', rateBp: 300 },
      { period: '2026-09', tier: 'gold', rateBp: 350 },
    ]);
    const sum = (key: 'rebate_fen' | 'bonus_fen' | 'brand_fund_fen') => statements.reduce((s, x) => s + Number(x[key]), 0);
    const earned = await t.deps.db.selectFrom('points_entries').select('points').where('dealer_id', '=', gold.id).where('kind', '=', 'task').execute();

    const proposed = structuredClone(DEFAULT_POLICY);
    proposed.overAchievementRate = 0.03;
    const sim = await post('/api/v1/incentive-policies/simulate', { policy: proposed });
    expect(sim).toMatchObject({ from: '2025-11-01', to: '2026-10-31' });
    const row = sim.dealers.find((d: { dealerId: string }) => d.dealerId === gold.id);
    expect(row).toMatchObject({ salesFen: 1_100_000_000, coverage: 1, targetFen: 1_000_000_000, currentTier: 'gold', proposedTier: 'gold', deltaFen: 1_600_000 });
    expect(row.current).toEqual({ rebateFen: 35_500_000, bonusFen: 3_200_000, brandFundFen: 5_500_000, totalFen: 44_200_000, points: 233 });
    expect(row.proposed).toMatchObject({ rebateFen: 35_500_000, bonusFen: 4_800_000, brandFundFen: 5_500_000, totalFen: 45_800_000 });

    // The statements of the same months carry the same figures, and the points run the same task points.
    expect({ rebateFen: sum('rebate_fen'), bonusFen: sum('bonus_fen'), brandFundFen: sum('brand_fund_fen') }).toEqual({
      rebateFen: row.current.rebateFen,
      bonusFen: row.current.bonusFen,
      brandFundFen: row.current.brandFundFen,
    });
    expect(sum('rebate_fen') + sum('bonus_fen') + sum('brand_fund_fen')).toBe(row.current.totalFen);
    expect(earned.reduce((s, e) => s + Number(e.points), 0)).toBe(row.current.points);
  });
});
