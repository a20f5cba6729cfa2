import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { forecastSeries, maxHorizon } from './forecast.service.js';
import { crostonSba, fitIntermittent, isIntermittent, tsb } from './croston.rules.js';
import { backtestPlan, rollingOriginMase } from './backtest.rules.js';
import { mase, naiveScale, seasonalNaive } from './accuracy.rules.js';
import { isSeasonal, thetaForecast } from './theta.rules.js';
import { seededRng } from './prng.rules.js';

const rejects = (input: unknown, path: string) => {
  try {
    forecastSeries(input as never);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    expect((e as AppError).errors?.map((x) => x.path)).toContain(path);
    return;
  }
  throw new Error('expected a validation error');
};

describe('forecastSeries: validation and fallbacks', () => {
  it('refuses an empty series, bad numbers, frequencies and horizons', () => {
    rejects({ values: [], frequency: 1, horizon: 3 }, '/values');
    rejects({ values: [1, Number.NaN], frequency: 1, horizon: 3 }, '/values/1');
    rejects({ values: [1, 2], frequency: 0, horizon: 3 }, '/frequency');
    rejects({ values: [1, 2], frequency: 12, horizon: 0 }, '/horizon');
    rejects({ values: [1, 2], frequency: 1, horizon: maxHorizon(1) + 1 }, '/horizon');
    expect(maxHorizon(12)).toBe(120);
  });

  it('a constant series forecasts the constant with zero-width bands', () => {
    const r = forecastSeries({ values: [7, 7, 7, 7, 7, 7, 7, 7], frequency: 4, horizon: 5 });
    expect(r.model).toBe('Constant');
    expect(r.forecast).toEqual([7, 7, 7, 7, 7]);
    expect(r.lower95).toEqual(r.forecast);
    expect(r.upper95).toEqual(r.forecast);
  });

  it('one point: naive; two points: naive with random-walk bands', () => {
    const one = forecastSeries({ values: [42], frequency: 12, horizon: 3 });
    expect(one.forecast).toEqual([42, 42, 42]);
    expect(one.upper95).toEqual([42, 42, 42]);
    const two = forecastSeries({ values: [40, 44], frequency: 12, horizon: 4 });
    expect(two.model).toBe('Naive');
    expect(two.forecast).toEqual([44, 44, 44, 44]);
    expect(two.upper95[0]).toBeCloseTo(44 + 1.959964 * 4, 4);
    expect(two.upper95[3] - two.forecast[3]).toBeCloseTo(2 * (two.upper95[0] - two.forecast[0]), 8);
  });

  it('negative values use additive models only', () => {
    const rng = seededRng(4);
    const values = Array.from({ length: 40 }, (_, t) => -20 + 0.5 * t + rng.normal() * 3);
    const r = forecastSeries({ values, frequency: 1, horizon: 6 });
    expect(r.model).toMatch(/^ETS\(A,/);
    expect(r.forecast).toHaveLength(6);
    r.forecast.forEach((f, i) => expect(r.lower80[i]).toBeLessThan(f));
  });

  it('is deterministic: the same input gives an identical answer', () => {
    const rng = seededRng(9);
    const values = Array.from({ length: 60 }, (_, t) => 100 + t + 15 * Math.cos((2 * Math.PI * t) / 12) + rng.normal() * 4);
    const a = forecastSeries({ values, frequency: 12, horizon: 18 }, { backtest: true });
    const b = forecastSeries({ values: values.slice(), frequency: 12, horizon: 18 }, { backtest: true });
    expect(a).toStrictEqual(b);
    expect(a.mase).toBeGreaterThan(0);
    expect(a.forecast).toHaveLength(18);
  });

  it('deseasonalises series with a frequency above 24', () => {
    const rng = seededRng(10);
    const values = Array.from({ length: 52 * 3 }, (_, t) => 500 + 100 * Math.sin((2 * Math.PI * t) / 52) + rng.normal() * 10);
    const r = forecastSeries({ values, frequency: 52, horizon: 52 });
    expect(r.model).toMatch(/\+season\(52\)$/);
    // The seasonal peak comes back a year later.
    const peak = r.forecast.indexOf(Math.max(...r.forecast));
    expect(Math.abs(((peak + values.length) % 52) - 13)).toBeLessThanOrEqual(2);
  });
});

describe('intermittent demand', () => {
  const demand = [0, 0, 3, 0, 0, 0, 2, 0, 4, 0, 0, 0, 0, 3, 0, 0, 5, 0, 0, 2, 0, 0, 0, 3, 0, 0, 4, 0, 0, 0];

  it('detects intermittency and forecasts a flat demand rate with non-negative bands', () => {
    expect(isIntermittent(demand)).toBe(true);
    expect(isIntermittent([5, 6, 0, 7, 8, 6, 5, 7])).toBe(false);
    const r = forecastSeries({ values: demand, frequency: 12, horizon: 6 });
    expect(['Croston-SBA', 'TSB']).toContain(r.model);
    const rate = demand.reduce((a, b) => a + b, 0) / demand.length;
    expect(r.forecast[0]).toBeGreaterThan(rate * 0.5);
    expect(r.forecast[0]).toBeLessThan(rate * 1.5);
    r.lower95.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
  });

  it('Croston with SBA: size / interval, deflated by 1 - alpha/2', () => {
    // Demands of 4 every 2 periods: z = 4, p = 2 throughout.
    const fit = crostonSba([0, 4, 0, 4, 0, 4, 0, 4], 0.1);
    expect(fit.level).toBeCloseTo((0.95 * 4) / 2, 12);
  });

  it('TSB lets the forecast fade when demand stops', () => {
    const fading = [...demand, ...Array(30).fill(0)];
    expect(tsb(fading, 0.1, 0.2).level).toBeLessThan(tsb(demand, 0.1, 0.2).level);
    expect(fitIntermittent(fading).level).toBeGreaterThanOrEqual(0);
  });
});

describe('accuracy, backtest and theta', () => {
  it('MASE uses the in-sample seasonal-naive MAE (naive when m = 1)', () => {
    expect(naiveScale([1, 2, 4, 7], 1)).toBeCloseTo(2, 12);
    expect(naiveScale([1, 2, 3, 5, 6, 8], 2)).toBeCloseTo(2.75, 12);
    expect(mase([1, 2, 4, 7], [8, 10], [9, 9], 1)).toBeCloseTo(0.5, 12);
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 4, 6)).toEqual([3, 4, 5, 6, 3, 4]);
  });

  it('plans up to three origins that leave enough training data', () => {
    expect(backtestPlan(120, 12, 24)).toEqual({ origins: [96, 84, 72], window: 24 });
    expect(backtestPlan(10, 12, 6).origins).toEqual([]);
    expect(rollingOriginMase([1, 2, 3], 1, 2, (t, h) => Array(h).fill(t[t.length - 1]))).toBeNull();
  });

  it('theta detects seasonality and forecasts along half the trend slope', () => {
    const rng = seededRng(13);
    const seasonal = Array.from({ length: 60 }, (_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 12) + rng.normal());
    expect(isSeasonal(seasonal, 12)).toBe(true);
    const line = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    const th = thetaForecast(line, 1, 3)!;
    expect(th.seasonal).toBe(false);
    // SES on a line ends near the last value; theta adds half the slope per step.
    expect(th.forecast[1] - th.forecast[0]).toBeCloseTo(1, 6);
  });
});
