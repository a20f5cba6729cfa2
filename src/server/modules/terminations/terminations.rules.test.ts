import { describe, expect, it } from 'vitest';
import { rankSuccessors, splitByCondition, valueBuyback } from './terminations.rules.js';

describe('buyback (C7)', () => {
  it('values unopened at 100%, damaged at 70%, expired at 0%, minus open receivables', () => {
    const b = valueBuyback(
      [
        { productId: 'p1', condition: 'unopened', quantity: 10, unitPriceFen: 1000 }, // 10000
        { productId: 'p1', condition: 'damaged', quantity: 3, unitPriceFen: 1000 }, // 2100
        { productId: 'p2', condition: 'expired', quantity: 5, unitPriceFen: 4000 }, // 0
      ],
      4_000,
    );
    expect(b.buybackFen).toBe(12_100);
    expect(b.receivablesOffsetFen).toBe(4_000);
    expect(b.netPayableFen).toBe(8_100);
  });
  it('goes negative when the dealer owes more than its stock is worth', () => {
    expect(valueBuyback([{ productId: 'p', condition: 'unopened', quantity: 1, unitPriceFen: 500 }], 2_000).netPayableFen).toBe(-1_500);
  });
  it('ignores non-positive stock and rounds damaged value half up', () => {
    const b = valueBuyback(
      [
        { productId: 'p', condition: 'damaged', quantity: 1, unitPriceFen: 5 },
        { productId: 'q', condition: 'unopened', quantity: -2, unitPriceFen: 5 },
      ],
      0,
    );
    expect(b.lines).toHaveLength(1);
    expect(b.buybackFen).toBe(4); // 3.5 -> 4
  });
  it('splits on-hand by counted condition, never more than on hand', () => {
    expect(splitByCondition(10, { damaged: 3, expired: 2 })).toEqual({ unopened: 5, damaged: 3, expired: 2 });
    expect(splitByCondition(4, { damaged: 3, expired: 2 })).toEqual({ unopened: 0, damaged: 2, expired: 2 });
    expect(splitByCondition(-1)).toEqual({ unopened: 0, damaged: 0, expired: 0 });
  });
});

describe('successors', () => {
  it('ranks by score plus proximity and drops candidates outside the province', () => {
    const ranked = rankSuccessors(
      [
        { kind: 'prospect', id: 'a', name: 'A', regionCodes: ['440106'], score: 70 }, // 70 + 30
        { kind: 'dealer', id: 'b', name: 'B', regionCodes: ['440300'], score: 95 }, // 95 + 10
        { kind: 'prospect', id: 'c', name: 'C', regionCodes: ['440104'], score: 75 }, // 75 + 20
        { kind: 'dealer', id: 'd', name: 'D', regionCodes: ['310000'], score: 99 }, // other province
      ],
      ['440106'],
    );
    expect(ranked.map((r) => [r.id, r.rankScore])).toEqual([
      ['b', 105],
      ['a', 100],
      ['c', 95],
    ]);
  });
});
