import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DupontYearInput } from '../../../shared/schemas/recruitment.js';
import { RATIO_DECIMALS, dupontFractions, dupontYear, multiply, roundFraction, trend } from './dupont.rules.js';

const full: DupontYearInput = {
  year: 2025,
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
};

describe('ratios of one year (C2)', () => {
  it('computes every ratio from year-end balances', () => {
    expect(dupontYear(full)).toEqual({
      year: 2025,
      netMargin: 0.075, // 9 / 120
      assetTurnover: 1.5, // 120 / 80
      equityMultiplier: 2.5, // 80 / 32
      roe: 0.28125, // 9 / 32 = 0.075 x 1.5 x 2.5
      currentRatio: 2, // 50 / 25
      quickRatio: 1.4, // (50 - 15) / 25
      debtToAsset: 0.6, // 48 / 80
      dsoDays: 60.83, // 20 / 120 x 365
      inventoryDays: 60.83, // 15 / 90 x 365
    });
  });

  it('rounds ratios to 6 decimals and days to 2, half away from zero', () => {
    const r = dupontYear({ year: 2025, revenueFen: 3, netProfitFen: 1, totalAssetsFen: 7, equityFen: 128, receivablesFen: 1, inventoryFen: 1, cogsFen: 8 });
    expect(r.netMargin).toBe(0.333333);
    expect(r.assetTurnover).toBe(0.428571);
    expect(r.roe).toBe(0.007813); // 1/128 = 0.0078125: the tie goes up
    expect(r.dsoDays).toBe(121.67); // 365 / 3
    expect(r.inventoryDays).toBe(45.63); // 365 / 8 = 45.625
    expect(dupontYear({ ...full, netProfitFen: -1, equityFen: 128 }).roe).toBe(-0.007813);
  });

  it('gives null for every ratio whose input is missing', () => {
    const bare = dupontYear({ year: 2024, revenueFen: 100, netProfitFen: 10, totalAssetsFen: 200, equityFen: 50 });
    expect(bare).toEqual({
      year: 2024,
      netMargin: 0.1,
      assetTurnover: 0.5,
      equityMultiplier: 4,
      roe: 0.2,
      currentRatio: null,
      quickRatio: null,
      debtToAsset: null,
      dsoDays: null,
      inventoryDays: null,
    });
    const { inventoryFen: _i, ...noInventory } = full;
    expect(dupontYear(noInventory)).toMatchObject({ quickRatio: null, inventoryDays: null, currentRatio: 2 });
    const { currentLiabilitiesFen: _c, ...noLiabilities } = full;
    expect(dupontYear(noLiabilities)).toMatchObject({ currentRatio: null, quickRatio: null });
  });

  it('gives null for every ratio whose denominator is zero', () => {
    expect(dupontYear({ ...full, revenueFen: 0 })).toMatchObject({ netMargin: null, dsoDays: null, assetTurnover: 0 });
    expect(dupontYear({ ...full, totalAssetsFen: 0 })).toMatchObject({ assetTurnover: null, debtToAsset: null, equityMultiplier: 0 });
    expect(dupontYear({ ...full, equityFen: 0 })).toMatchObject({ equityMultiplier: null, roe: null });
    expect(dupontYear({ ...full, currentLiabilitiesFen: 0 })).toMatchObject({ currentRatio: null, quickRatio: null });
    expect(dupontYear({ ...full, cogsFen: 0 })).toMatchObject({ inventoryDays: null });
  });

  it('keeps the sign of losses and of negative equity', () => {
    expect(dupontYear({ ...full, netProfitFen: -6_000_000 })).toMatchObject({ netMargin: -0.05, roe: -0.1875 });
    expect(dupontYear({ ...full, equityFen: -16_000_000 })).toMatchObject({ equityMultiplier: -5, roe: -0.5625 });
  });
});

describe('year-on-year trend', () => {
  it('compares each year with the one before, in year order', () => {
    const y2024 = { ...full, year: 2024, revenueFen: 100_000_000, netProfitFen: 6_000_000 };
    const [t] = trend([full, y2024]);
    expect(t).toMatchObject({ year: 2025, previousYear: 2024, revenueGrowth: 0.2, netProfitGrowth: 0.5, totalAssetsGrowth: 0 });
    expect(t.netMarginChange).toBe(0.015); // 0.075 - 0.06
    expect(t.roeChange).toBe(0.09375); // 0.28125 - 0.1875
    expect(t.dsoDaysChange).toBe(-12.17); // 60.83 - 73.00
  });

  it('has no growth from a zero base, and growth from a loss is measured against its size', () => {
    const [t] = trend([{ ...full, year: 2024, revenueFen: 0, netProfitFen: -1_000_000 }, full]);
    expect(t.revenueGrowth).toBeNull();
    expect(t.netProfitGrowth).toBe(10); // from -1m to 9m: +10m on a base of 1m
    expect(t.netMarginChange).toBeNull();
    expect(trend([full])).toEqual([]);
  });
});

describe('DuPont identity (property)', () => {
  const statements = fc.record({
    revenue: fc.integer({ min: 1, max: 9_000_000_000_000 }),
    netProfit: fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 }),
    totalAssets: fc.integer({ min: 1, max: 9_000_000_000_000 }),
    equity: fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 }).filter((e) => e !== 0),
  });
  const input = (s: { revenue: number; netProfit: number; totalAssets: number; equity: number }): DupontYearInput => ({
    year: 2025,
    revenueFen: s.revenue,
    netProfitFen: s.netProfit,
    totalAssetsFen: s.totalAssets,
    equityFen: s.equity,
  });

  it('margin x turnover x multiplier is exactly NP / Equity, and ROE is its rounding to the last digit', () => {
    fc.assert(
      fc.property(statements, (s) => {
        const f = dupontFractions(input(s));
        const chain = multiply(f.netMargin!, f.assetTurnover!, f.equityMultiplier!);
        // As fractions the chain equals NP/E exactly (cross-multiplication in BigInt) ...
        expect(chain.num * BigInt(s.equity)).toBe(BigInt(s.netProfit) * chain.den);
        // ... so the published ROE is the rounding of both, with nothing lost in between.
        const roe = dupontYear(input(s)).roe!;
        expect(roe).toBe(roundFraction(chain, RATIO_DECIMALS));
        expect(roe).toBe(roundFraction({ num: BigInt(s.netProfit), den: BigInt(s.equity) }, RATIO_DECIMALS));
        expect(Math.abs(roe - s.netProfit / s.equity)).toBeLessThanOrEqual(0.5e-6 + 1e-9 * Math.max(1, Math.abs(s.netProfit / s.equity)));
      }),
      { numRuns: 2000 },
    );
  });

  // Ratios a real company can have (each below a million in size): there a 6-decimal number is
  // exact in binary floating point, so only the decimal rounding itself is at play.
  const realistic = statements.filter(
    (s) => Math.abs(s.netProfit) <= 1e6 * s.revenue && s.revenue <= 1e6 * s.totalAssets && s.totalAssets <= 1e6 * Math.abs(s.equity) && Math.abs(s.netProfit) <= 1e6 * Math.abs(s.equity),
  );

  it('the published (rounded) components multiply back to ROE within their rounding error', () => {
    fc.assert(
      fc.property(realistic, (s) => {
        const r = dupontYear(input(s));
        const [m, t, k] = [r.netMargin!, r.assetTurnover!, r.equityMultiplier!];
        const half = 0.5e-6;
        // |d(mtk)| <= |tk|dm + |mk|dt + |mt|dk (+ higher-order terms) with dm, dt, dk <= half, plus ROE's own rounding.
        const bound = half * (Math.abs(t * k) + Math.abs(m * k) + Math.abs(m * t)) + half * half * (Math.abs(m) + Math.abs(t) + Math.abs(k) + 1) + half;
        expect(Math.abs(m * t * k - r.roe!)).toBeLessThanOrEqual(bound * (1 + 1e-9) + 1e-12);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds any fraction to a 6-decimal number within half a unit of the last digit', () => {
    fc.assert(
      // Fractions below a million in size (ratios a company can have), like the realistic statements above.
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }).chain((den) => fc.tuple(fc.bigInt({ min: -den * 10n ** 6n, max: den * 10n ** 6n }), fc.constant(den))),
        ([num, den]) => {
          const value = roundFraction({ num, den }, 6);
          expect(Math.abs(value * 1e6 - Math.round(value * 1e6))).toBeLessThan(1e-3); // no digit beyond the 6th
          expect(Math.abs(value - Number(num) / Number(den))).toBeLessThanOrEqual(0.5e-6 * (1 + 1e-9) + Math.abs(Number(num) / Number(den)) * 1e-15);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
