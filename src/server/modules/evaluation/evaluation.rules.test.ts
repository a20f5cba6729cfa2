import { describe, expect, it } from 'vitest';
import { adjustmentFactor, demandIndexFor, elasticTarget, rewardCoefficient, scaleFen } from './targets.rules.js';
import { compositeOf, gradeOf, inventoryScore, rankWithin, salesCompletion, satisfactionScore, turnoverScore, weightedScore, blendedBenchmark } from './scorecard.rules.js';
import { DEFAULT_SETTINGS } from './settings.rules.js';
import { EVALUATION_SETTINGS } from './evaluation.settings.js';
import { resolveStored } from '../../core/settings.js';
import { proposalsFor } from './consequences.rules.js';
import { parsePeriod, previousPeriod, samePeriodLastYear } from '../../../shared/dates.js';

describe('elastic target (C6)', () => {
  it('keeps the target when demand falls by exactly 10% (index 0.9)', () => {
    const t = elasticTarget(1_000_000, 0.9);
    expect(t).toMatchObject({ adjustedTargetFen: 1_000_000, factor: 1, rewardCoefficient: 1, adjusted: false, reason: null });
  });
  it('scales the target by the index just below 0.9', () => {
    const t = elasticTarget(1_000_000, 0.8999);
    expect(t.adjustedTargetFen).toBe(899_900);
    expect(t.adjusted).toBe(true);
    expect(t.reason).toContain('0.8999');
  });
  it('uses the index itself between 0.7 and 0.9 (demand down 20% -> x0.8)', () => {
    expect(elasticTarget(12_345_67, 0.8, undefined, '440100')).toMatchObject({ adjustedTargetFen: 987_654, factor: 0.8, rewardCoefficient: 0.8 });
  });
  it('never goes below the 0.7 floor', () => {
    expect(elasticTarget(1_000_000, 0.7).adjustedTargetFen).toBe(700_000);
    expect(elasticTarget(1_000_000, 0.5)).toMatchObject({ adjustedTargetFen: 700_000, factor: 0.7 });
    expect(elasticTarget(1_000_000, 0.5).reason).toContain('floor');
  });
  it('leaves the target alone without an index or when demand grows', () => {
    expect(adjustmentFactor(null)).toBe(1);
    expect(adjustmentFactor(1.3)).toBe(1);
    expect(rewardCoefficient(0.85)).toBe(0.85);
  });
  it('honours a configured threshold and floor', () => {
    expect(adjustmentFactor(0.93, { threshold: 0.95, floor: 0.8 })).toBe(0.93);
    expect(adjustmentFactor(0.6, { threshold: 0.95, floor: 0.8 })).toBe(0.8);
  });
  it('scales large fen amounts exactly, rounding half up', () => {
    expect(scaleFen(123_456_789_012_345, 0.7)).toBe(86_419_752_308_642); // .5 rounds up
    expect(scaleFen(5, 0.7)).toBe(4); // 3.5 -> 4
  });
  it('takes the index of the region or its nearest ancestor', () => {
    const idx = new Map([
      ['440000', 0.95],
      ['440100', 0.8],
    ]);
    expect(demandIndexFor('440106', idx)).toEqual({ regionCode: '440100', demandIndex: 0.8 });
    expect(demandIndexFor('440300', idx)).toEqual({ regionCode: '440000', demandIndex: 0.95 });
    expect(demandIndexFor('310000', idx)).toBeNull();
  });
});

describe('scorecard (C6)', () => {
  const s = DEFAULT_SETTINGS;
  it('grades on the band edges: 85 A, 84.99 B, 70 B, 60 C, 59.99 D', () => {
    expect(gradeOf(85, s.gradeBands)).toBe('A');
    expect(gradeOf(84.99, s.gradeBands)).toBe('B');
    expect(gradeOf(70, s.gradeBands)).toBe('B');
    expect(gradeOf(69.99, s.gradeBands)).toBe('C');
    expect(gradeOf(60, s.gradeBands)).toBe('C');
    expect(gradeOf(59.99, s.gradeBands)).toBe('D');
    expect(gradeOf(null, s.gradeBands)).toBeNull();
  });
  it('weighs sales 50%, satisfaction 30%, inventory 20%', () => {
    // 0.5*90 + 0.3*80 + 0.2*50 = 45 + 24 + 10 = 79
    expect(compositeOf({ sales: 90, satisfaction: 80, inventory: 50 }, s)).toMatchObject({ composite: 79, grade: 'B' });
  });
  it('redistributes the weight of a KPI without data instead of counting it as zero', () => {
    // satisfaction missing: sales 0.5/0.7, inventory 0.2/0.7 -> (90*5 + 50*2)/7 = 78.571...
    const c = compositeOf({ sales: 90, satisfaction: null, inventory: 50 }, s);
    expect(c.composite).toBe(78.57);
    expect(c.effectiveWeights.satisfaction).toBe(0);
    expect(c.effectiveWeights.sales).toBeCloseTo(5 / 7, 10);
  });
  it('has no composite and no grade when no KPI has data', () => {
    expect(compositeOf({ sales: null, satisfaction: null, inventory: null }, s)).toMatchObject({ composite: null, grade: null });
  });
  it('redistributes inside satisfaction: only fulfilment and renewal known', () => {
    // fulfilment 0.2, renewal 0.15 -> (0.9*100*0.2 + 0.6*100*0.15) / 0.35 = (18 + 9)/0.35 = 77.142...
    const r = satisfactionScore({ firstResponse24h: null, resolution: null, fulfilment: 0.9, survey: null, renewal: 0.6 }, s.satisfactionWeights);
    expect(r.score).toBe(77.14);
    expect(r.parts.survey).toBeNull();
  });
  it('maps a survey score of 4.5 to 90 points', () => {
    const r = satisfactionScore({ firstResponse24h: null, resolution: null, fulfilment: null, survey: 4.5, renewal: null }, s.satisfactionWeights);
    expect(r.score).toBe(90);
  });
  it('computes completion against the adjusted target and caps the sales score at 100', () => {
    expect(salesCompletion(1_200, 1_000)).toBe(1.2);
    expect(salesCompletion(500, 0)).toBeNull();
    expect(salesCompletion(500, null)).toBeNull();
  });
  it('scores turnover 100 at the benchmark and benchmark/days above it', () => {
    expect(turnoverScore(60, 60)).toBe(100);
    expect(turnoverScore(120, 60)).toBe(50);
  });
  it('combines turnover and slow-moving 60/40', () => {
    // turnover 90 days vs 60 -> 66.67; slow 25% -> 75; 0.6*66.666.. + 0.4*75 = 40 + 30 = 70
    expect(inventoryScore({ turnoverDays: 90, benchmarkDays: 60, slowMovingRatio: 0.25 }, s.inventoryWeights).score).toBe(70);
  });
  it('blends category benchmarks by inventory value', () => {
    const bench = { default: 60, byCategory: { tea: 30 } };
    expect(
      blendedBenchmark(
        new Map([
          ['tea', 100],
          ['other', 300],
        ]),
        bench,
      ),
    ).toBe(52.5);
  });
  it('weights rescale to 1 over the parts with data', () => {
    expect(
      weightedScore([
        { key: 'a', score: 80, weight: 1 },
        { key: 'b', score: null, weight: 3 },
      ]).score,
    ).toBe(80);
  });
  it('ranks within each region, ties sharing a rank', () => {
    const rows = [
      { r: '44', c: 70 },
      { r: '44', c: 90 },
      { r: '44', c: 70 },
      { r: '31', c: 50 },
      { r: '44', c: null },
    ];
    const ranks = rankWithin(
      rows,
      (x) => x.r,
      (x) => x.c,
    );
    expect(rows.map((x) => ranks.get(x)?.rank ?? null)).toEqual([2, 1, 2, 1, null]);
    expect(ranks.get(rows[0])?.size).toBe(3);
  });
  it('merges stored settings over the defaults', () => {
    const merged = resolveStored(EVALUATION_SETTINGS, JSON.stringify({ weights: { sales: 0.6, satisfaction: 0.2 }, gradeBands: { A: 90 } }));
    expect(merged.weights).toEqual({ sales: 0.6, satisfaction: 0.2, inventory: 0.2 });
    expect(merged.gradeBands).toEqual({ A: 90, B: 70, C: 60 });
  });
  it('puts weights that no longer sum to 1 back at their defaults on reading, keeping the other fields', () => {
    const merged = resolveStored(EVALUATION_SETTINGS, JSON.stringify({ weights: { sales: 0.9 }, fulfilmentDays: 10 }));
    expect(merged.weights).toEqual(DEFAULT_SETTINGS.weights);
    expect(merged.fulfilmentDays).toBe(10);
  });
});

describe('grade consequences (C6 -> C8)', () => {
  it('loads settings stored before the tier ladder moved to the incentive policy', () => {
    const old = { tiers: [{ tier: 'silver', minAnnualSalesFen: 1, minCoverage: 1 }], elastic: { threshold: 0.95, floor: 0.8 } };
    const merged = resolveStored(EVALUATION_SETTINGS, JSON.stringify(old));
    expect(merged).not.toHaveProperty('tiers');
    expect(merged.elastic).toEqual({ threshold: 0.95, floor: 0.8 });
  });
  it('proposes a rebate step and a credit step for A and D, nothing for B', () => {
    const steps = DEFAULT_SETTINGS.consequences;
    expect(proposalsFor('A', { rebateAdjustmentBp: 0, creditLimitFen: 1_000_000 }, steps)).toEqual([
      { kind: 'rebate_rate', currentValue: 0, proposedValue: 50 },
      { kind: 'credit_limit', currentValue: 1_000_000, proposedValue: 1_100_000 },
    ]);
    expect(proposalsFor('D', { rebateAdjustmentBp: 50, creditLimitFen: 1_234_567 }, steps)).toEqual([
      { kind: 'rebate_rate', currentValue: 50, proposedValue: 0 },
      { kind: 'credit_limit', currentValue: 1_234_567, proposedValue: 1_111_100 }, // 1111110.3 -> whole yuan
    ]);
    expect(proposalsFor('B', { rebateAdjustmentBp: 0, creditLimitFen: 1_000_000 }, steps)).toEqual([]);
  });
});

describe('periods', () => {
  it('knows the ranges and neighbours of months, quarters and years', () => {
    expect(parsePeriod('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', kind: 'quarter' });
    expect(parsePeriod('2024-02').to).toBe('2024-02-29');
    expect(parsePeriod('2026').months).toHaveLength(12);
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(samePeriodLastYear('2026-Q3')).toBe('2025-Q3');
  });
});
