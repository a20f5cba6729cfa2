import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, carePeriods, compensationPlan, contributionSplit, csat, nps } from './relations.rules.js';

describe('contribution split', () => {
  it('weights each factor and splits the amount in whole fen', () => {
    // A found the customer (lead 100 %) and did 40 % of the selling; B did 60 % of the selling, all delivery and service.
    // A = 30*1 + 30*0.4 = 42 %, B = 30*0.6 + 20 + 20 = 58 %  -> of 100,000 fen: 42,000 / 58,000
    const parts = contributionSplit(
      DEFAULT_WEIGHTS,
      [
        { dealerId: 'A', shares: { leadOrigin: 100, salesEffort: 40, delivery: 0, service: 0 } },
        { dealerId: 'B', shares: { leadOrigin: 0, salesEffort: 60, delivery: 100, service: 100 } },
      ],
      100_000,
    );
    expect(parts).toEqual([
      { dealerId: 'A', contributionPct: 42, amountFen: 42_000 },
      { dealerId: 'B', contributionPct: 58, amountFen: 58_000 },
    ]);
  });

  it('gives the odd fen to the largest remainder so the parts add up', () => {
    // three equal parties of 100 fen: 33.33 each -> 34, 33, 33 (tie: the first party)
    const equal = { leadOrigin: 100 / 3, salesEffort: 100 / 3, delivery: 100 / 3, service: 100 / 3 };
    const parts = contributionSplit(
      DEFAULT_WEIGHTS,
      ['A', 'B', 'C'].map((dealerId) => ({ dealerId, shares: equal })),
      100,
    );
    expect(parts.map((p) => p.amountFen)).toEqual([34, 33, 33]);
  });

  it('refuses shares of a factor that do not add up to 100', () => {
    expect(() => contributionSplit(DEFAULT_WEIGHTS, [{ dealerId: 'A', shares: { leadOrigin: 50, salesEffort: 100, delivery: 100, service: 100 } }], 100)).toThrow(/leadOrigin/);
  });
});

describe('compensation plan', () => {
  it('steps 50/30/20 over 0, 30 and 90 days, the last step taking the rounding', () => {
    // 10,001 fen: 5,000 (floor of 5,000.5), 3,000 (floor of 3,000.3), rest 2,001
    expect(compensationPlan(10_001, '2026-11-20')).toEqual([
      { step: 1, dueOn: '2026-11-20', percent: 50, amountFen: 5_000 },
      { step: 2, dueOn: '2026-12-20', percent: 30, amountFen: 3_000 },
      { step: 3, dueOn: '2027-02-18', percent: 20, amountFen: 2_001 },
    ]);
  });
});

describe('survey scores', () => {
  it('computes CSAT as the share of 4s and 5s and NPS as promoters minus detractors', () => {
    expect(csat([5, 4, 3, 2])).toBe(50);
    // 10, 9 promoters; 8, 7 passive; 6 detractor -> (2 - 1) / 5 = 20
    expect(nps([10, 9, 8, 7, 6])).toBe(20);
    expect(nps([0, 1])).toBe(-100);
    expect(csat([])).toBeNull();
  });

  it('places a date in its quarter and half year', () => {
    expect(carePeriods('2026-11-20')).toEqual({ quarter: '2026-Q4', quarterEnd: '2026-12-31', half: '2026-H2', halfEnd: '2026-12-31' });
    expect(carePeriods('2026-02-10')).toEqual({ quarter: '2026-Q1', quarterEnd: '2026-03-31', half: '2026-H1', halfEnd: '2026-06-30' });
  });
});
