// Safety stock and reorder point against worked examples from two textbooks (numbers quoted in
// the comments), plus the classification rules of docs/rules.md, C5.
import { describe, expect, it } from 'vitest';
import { inverseNormal } from '../src/server/core/normal.rules.js';
import { averageOnHand, classify, meanAndSd, orderUpTo, reorderPoint, safetyStock, stockHealth, turnoverDays, wholeUnits } from '../src/server/modules/stock-health/stock-health.rules.js';

describe('z from the service level', () => {
  it('matches the standard normal table', () => {
    // Standard normal quantiles (any statistics table): 0.90 -> 1.2816, 0.95 -> 1.6449,
    // 0.975 -> 1.9600, 0.98 -> 2.0537, 0.99 -> 2.3263; 0.5 -> 0.
    expect(inverseNormal(0.9)).toBeCloseTo(1.281552, 5);
    expect(inverseNormal(0.95)).toBeCloseTo(1.644854, 5);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormal(0.98)).toBeCloseTo(2.053749, 5);
    expect(inverseNormal(0.99)).toBeCloseTo(2.326348, 5);
    expect(inverseNormal(0.999)).toBeCloseTo(3.090232, 4);
    expect(inverseNormal(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormal(0.05)).toBeCloseTo(-1.644854, 5);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => inverseNormal(1)).toThrow(RangeError);
    expect(() => inverseNormal(0)).toThrow(RangeError);
  });
});

describe('safety stock and reorder point, textbook cases', () => {
  it('Heizer & Render, Operations Management, "probabilistic demand, constant lead time" (Circuit Town iPods)', () => {
    // Daily demand N(15, 5), lead time 2 days constant, 90% service level:
    // ROP = 15 x 2 + Z x sigma_dLT = 30 + 1.28 x 5 x sqrt(2) = 30 + 9.05 = 39.05 ~ 39 units.
    const z = inverseNormal(0.9);
    const ss = safetyStock(z, 15, 5, 2, 0);
    expect(ss).toBeCloseTo(1.28 * 5 * Math.SQRT2, 1); // the book rounds z to 1.28
    expect(reorderPoint(15, 2, ss)).toBeCloseTo(39.06, 1);
    expect(wholeUnits(reorderPoint(15, 2, ss))).toBe(40); // 39.06 units needs 40 on the shelf
  });

  it('Heizer & Render, "constant demand, variable lead time" (Northern Distributors)', () => {
    // Demand 10 per day constant, lead time N(6 days, 1 day), 98% service level:
    // SS = Z x d x sigma_LT = 2.055 x 10 x 1 = 20.55; ROP = 10 x 6 + 20.55 = 80.55 ~ 81 units.
    const ss = safetyStock(inverseNormal(0.98), 10, 0, 6, 1);
    expect(ss).toBeCloseTo(20.54, 1);
    expect(reorderPoint(10, 6, ss)).toBeCloseTo(80.54, 1);
  });

  it('Heizer & Render, "both demand and lead time variable" (computer store disks)', () => {
    // Daily demand N(150, 16), lead time N(5 days, 1 day), 95% service level:
    // sigma_dLT = sqrt(5 x 16^2 + 150^2 x 1^2) = sqrt(23,780) = 154; ROP = 750 + 1.65 x 154 = 1,004 units.
    const ss = safetyStock(inverseNormal(0.95), 150, 16, 5, 1);
    expect(ss / inverseNormal(0.95)).toBeCloseTo(Math.sqrt(23_780), 6);
    expect(reorderPoint(150, 5, ss)).toBeGreaterThan(1003);
    expect(reorderPoint(150, 5, ss)).toBeLessThan(1005);
  });

  it('Chopra & Meindl, Supply Chain Management, impact of lead-time uncertainty (Dell)', () => {
    // D = 2,500 per day, sigma_D = 500, L = 7 days, CSL = 0.90.
    // s_L = 7 days: sigma_L = sqrt(7 x 500^2 + 2,500^2 x 7^2) = 17,550; ss = 1.28 x 17,550 = 22,491.
    // s_L = 0:      sigma_L = sqrt(7) x 500 = 1,323; ss = 1,695.
    const z = inverseNormal(0.9);
    expect(safetyStock(z, 2500, 500, 7, 7)).toBeCloseTo(22_491, -1);
    expect(safetyStock(z, 2500, 500, 7, 0)).toBeCloseTo(1_695, -1);
  });

  it('Chopra & Meindl, evaluating safety inventory given a CSL (weekly Palm demand)', () => {
    // D = 2,500 per week, sigma_D = 500, L = 2 weeks, CSL = 0.90:
    // sigma_L = sqrt(2) x 500 = 707; ss = NORMSINV(0.9) x 707 = 906; ROP = 5,000 + 906.
    const ss = safetyStock(inverseNormal(0.9), 2500, 500, 2, 0);
    expect(ss).toBeCloseTo(906, 0);
    expect(reorderPoint(2500, 2, ss)).toBeCloseTo(5906, 0);
  });

  it('uses 1.645 for the default 95% (docs/rules.md, C5)', () => {
    // d = 4/day, s_d = 2, L = 9 days, s_L = 0: SS = 1.645 x 2 x 3 = 9.87; ROP = 36 + 9.87; max = ROP + 4 x 14.
    const ss = safetyStock(inverseNormal(0.95), 4, 2, 9, 0);
    expect(ss).toBeCloseTo(9.87, 2);
    expect(orderUpTo(reorderPoint(4, 9, ss), 4, 14)).toBeCloseTo(36 + 9.87 + 56, 2);
  });
});

describe('demand statistics and turnover', () => {
  it('takes the sample standard deviation of daily demand, zero days included', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample variance 32/7.
    const { mean, sd } = meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(meanAndSd([3])).toEqual({ mean: 3, sd: 0 });
  });

  it('averages end-of-day stock over the window and divides value by COGS per day', () => {
    // opening 10; day 0: -4 -> 6; day 1: nothing -> 6; day 2: +12 -> 18. Average (6+6+18)/3 = 10.
    expect(
      averageOnHand(
        10,
        new Map([
          [0, -4],
          [2, 12],
        ]),
        3,
      ),
    ).toBe(10);
    // 10 units x 50 fen average stock, 2 units x 50 fen a day sold: 5 days of stock.
    expect(turnoverDays(500, 100)).toBe(5);
    expect(turnoverDays(500, 0)).toBeNull();
  });
});

describe('alert levels', () => {
  const targets = { safetyStock: 10, reorderPoint: 30, orderUpTo: 60, slowMoving: false };
  it('is critical below safety stock and suggests ordering up to max from the position', () => {
    expect(classify({ ...targets, onHand: 9, position: 9 })).toEqual({ level: 'critical', suggestedQuantity: 51, action: 'order' });
  });
  it('is reorder below the reorder point, counting stock on order', () => {
    expect(classify({ ...targets, onHand: 20, position: 29 })).toEqual({ level: 'reorder', suggestedQuantity: 31, action: 'order' });
    expect(classify({ ...targets, onHand: 20, position: 30 }).level).toBeNull();
  });
  it('is overstock above max and suggests moving the excess', () => {
    expect(classify({ ...targets, onHand: 61, position: 61 })).toEqual({ level: 'overstock', suggestedQuantity: 1, action: 'promote_or_transfer' });
    expect(classify({ ...targets, onHand: 60, position: 60 }).level).toBeNull();
  });
  it('calls stock without a sale for 90 days slow rather than merely overstocked', () => {
    const h = stockHealth({
      dailySales: new Array(90).fill(0),
      onHand: 5,
      onOrder: 0,
      daysSinceLastSale: 90,
      slowDays: 90,
      averageOnHand: 5,
      unitCostFen: 100,
      serviceLevel: 0.95,
      leadTimeDays: 7,
      leadTimeSdDays: 0,
      orderCycleDays: 14,
    });
    expect(h.level).toBe('slow');
    expect(h.suggestedQuantity).toBe(5);
    expect(h.turnoverDays).toBeNull();
    const recent = stockHealth({
      dailySales: new Array(90).fill(0),
      onHand: 5,
      onOrder: 0,
      daysSinceLastSale: 89,
      slowDays: 90,
      averageOnHand: 5,
      unitCostFen: 100,
      serviceLevel: 0.95,
      leadTimeDays: 7,
      leadTimeSdDays: 0,
      orderCycleDays: 14,
    });
    expect(recent.slowMoving).toBe(false);
    expect(recent.level).toBe('overstock');
  });
});
