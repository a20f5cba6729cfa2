// Pure incentive rules, with figures worked by hand in the comments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, countiesCovered, mulDiv, splitByWeight, tierFor, tierStanding } from '../src/server/modules/incentives/policy.rules.js';
import { last12Months, parsePeriod, quarterEnd } from '../src/shared/dates.js';
import { tierWindow } from '../src/server/modules/incentives/tiers.service.js';
import { computeRebate } from '../src/server/modules/rebates/rebates.rules.js';
import { pointsToExpire, taskPoints } from '../src/server/modules/points/points.rules.js';
import { starOf } from '../src/server/modules/incentives/stars.service.js';

describe('money arithmetic', () => {
  it('rounds half away from zero exactly, beyond 2^53 products', () => {
    expect(mulDiv(5, 1, 10)).toBe(1); // 0.5 -> 1
    expect(mulDiv(-5, 1, 10)).toBe(-1);
    expect(mulDiv(4, 1, 10)).toBe(0);
    expect(mulDiv(900_000_000_000_000, 300, 10_000)).toBe(27_000_000_000_000); // 9e14 x 3%
  });

  it('splits an amount by weight into parts that always sum to it', () => {
    expect(splitByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const parts = splitByWeight(total, weights);
        const positive = weights.some((w) => w > 0);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(positive ? total : 0);
        parts.forEach((p, i) => expect(p === 0 || weights[i] > 0).toBe(true));
      }),
    );
  });
});

describe('periods', () => {
  it('knows months, quarters and years', () => {
    expect(parsePeriod('2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterEnd('2026-11-20')).toBe('2026-12-31');
    expect(quarterEnd('2026-11-20', 1)).toBe('2027-03-31');
    expect(last12Months('2026-11-20')).toMatchObject({ from: '2025-11-01', to: '2026-10-31' });
  });
});

describe('rebate rules', () => {
  it('computes a silver dealer under target: rate only, no bonus, no brand fund', () => {
    // 50,000,000 x 2% = 1,000,000; target 60,000,000 not reached.
    expect(computeRebate(DEFAULT_POLICY, { tier: 'silver', qualifyingSalesFen: 50_000_000, targetFen: 60_000_000, adjustedTargetFen: 60_000_000, coefficientBp: 10_000, deductionsFen: 0 })).toEqual({
      rateBp: 200,
      rebateFen: 1_000_000,
      bonusFen: 0,
      brandFundFen: 0,
      deductionsFen: 0,
      totalFen: 1_000_000,
    });
  });

  it('never lets deductions take a statement below zero, and applies grade rate steps', () => {
    // bronze 1% + 50 bp step = 1.5% of 10,000,000 = 150,000; deduction 900,000 capped at 150,000.
    expect(
      computeRebate(DEFAULT_POLICY, { tier: 'bronze', qualifyingSalesFen: 10_000_000, targetFen: null, adjustedTargetFen: null, coefficientBp: 10_000, rateAdjustmentBp: 50, deductionsFen: 900_000 }),
    ).toMatchObject({
      rateBp: 150,
      rebateFen: 150_000,
      deductionsFen: 150_000,
      totalFen: 0,
    });
  });

  it('grades tiers by sales and coverage together', () => {
    expect(tierFor(DEFAULT_POLICY, 1_200_000_000, 1).code).toBe('gold');
    expect(tierFor(DEFAULT_POLICY, 1_200_000_000, 0).code).toBe('bronze'); // no coverage, no upgrade
    expect(tierFor(DEFAULT_POLICY, 300_000_000, 2).code).toBe('silver');
  });
});

describe('the one tier ladder (C8)', () => {
  // DEFAULT_POLICY: bronze 0, silver 3,000,000.00 yuan, gold 10,000,000.00 yuan; both need 1 county.
  it('names the reached tier, the next one and both gaps', () => {
    expect(tierStanding(DEFAULT_POLICY, 120_000_000, 1)).toMatchObject({ reached: { code: 'bronze' }, next: { code: 'silver' }, salesGapFen: 180_000_000, coverageGap: 0, progress: 0.4 });
    expect(tierStanding(DEFAULT_POLICY, 300_000_000, 1)).toMatchObject({ reached: { code: 'silver' }, next: { code: 'gold' }, salesGapFen: 700_000_000, coverageGap: 0, progress: 0.3 });
    expect(tierStanding(DEFAULT_POLICY, 1_000_000_000, 3)).toMatchObject({ reached: { code: 'gold' }, next: null, salesGapFen: 0, coverageGap: 0, progress: 1 });
  });

  it('holds a dealer without coverage at the entry tier and says what coverage it lacks', () => {
    expect(tierStanding(DEFAULT_POLICY, 2_000_000_000, 0)).toMatchObject({ reached: { code: 'bronze' }, next: { code: 'silver' }, salesGapFen: 0, coverageGap: 1, progress: 1 });
    expect(tierStanding(DEFAULT_POLICY, -5_000, 0)).toMatchObject({ reached: { code: 'bronze' }, progress: 0 });
  });

  it('reads the ladder in threshold order whatever order the policy lists it in', () => {
    const shuffled = { ...DEFAULT_POLICY, tiers: [DEFAULT_POLICY.tiers[2], DEFAULT_POLICY.tiers[0], DEFAULT_POLICY.tiers[1]] };
    expect(tierStanding(shuffled, 400_000_000, 1)).toMatchObject({ reached: { code: 'silver' }, next: { code: 'gold' } });
  });

  it('counts coverage as distinct counties: a city counts its counties, overlaps once', () => {
    const tree: Record<string, string[]> = { '440000': ['440100', '441900'], '440100': ['440103', '440104', '440106'] };
    const childrenOf = (code: string) => tree[code] ?? [];
    expect(countiesCovered(['440106'], childrenOf)).toBe(1);
    expect(countiesCovered(['440100', '440106'], childrenOf)).toBe(3);
    expect(countiesCovered(['440000'], childrenOf)).toBe(4); // 441900 has no counties: it counts itself
    expect(countiesCovered([], childrenOf)).toBe(0);
  });

  it('grades a year on its own 12 months once it has ended, else on the 12 full months before today', () => {
    expect(tierWindow('2025', '2026-11-20')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(tierWindow('2026', '2026-11-20')).toMatchObject({ from: '2025-11-01', to: '2026-10-31' });
    expect(tierWindow('2025', '2026-01-05')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
  });
});

describe('points rules', () => {
  it('awards 100 x completion per month', () => {
    expect(taskPoints(100, 95_000, 100_000)).toBe(95);
    expect(taskPoints(100, 123_456, 100_000)).toBe(123);
    expect(taskPoints(100, 5, 0)).toBe(0);
  });

  it('expires what is left of old lots after spending from the oldest first', () => {
    // Q1 lot 300, Q2 lot 200, spent 250: Q1 has 50 left -> expires at 2026-04-01; Q2 keeps 200.
    const rows = [
      { points: 300, expiresOn: '2026-03-31' },
      { points: 200, expiresOn: '2026-06-30' },
      { points: -250, expiresOn: null },
    ];
    expect(pointsToExpire(rows, '2026-04-01')).toBe(50);
    expect(pointsToExpire(rows, '2026-03-31')).toBe(0);
    expect(pointsToExpire([...rows, { points: -50, expiresOn: null }], '2026-07-01')).toBe(200);
  });
});

describe('star dealers', () => {
  // Targets 100,000,000 each year; sales 110M, 120M, 130M -> average completion 1.2.
  // Rate = 1% + (3% - 1%) x (1.2 - 1) / (1.5 - 1) = 1.8%; bonus = 360,000,000 x 1.8% = 6,480,000.
  const years = [110, 120, 130].map((m, i) => ({ year: 2023 + i, salesFen: m * 1_000_000, targetFen: 100_000_000, completion: m / 100 }));
  it('makes three consecutive years at target a star with a loyalty bonus scaled by completion', () => {
    expect(starOf(DEFAULT_POLICY, years)).toMatchObject({ star: true, loyaltyRateBp: 180, loyaltyBonusFen: 6_480_000, cumulativeSalesFen: 360_000_000 });
  });
  it('refuses star status when one year fell short or had no target', () => {
    expect(starOf(DEFAULT_POLICY, [years[0], { ...years[1], salesFen: 99_000_000, completion: 0.99 }, years[2]]).star).toBe(false);
    expect(starOf(DEFAULT_POLICY, [years[0], { ...years[1], targetFen: null, completion: null }, years[2]]).star).toBe(false);
  });
});
