import { describe, expect, it } from 'vitest';
import { rollingOriginMase } from './backtest.rules.js';
import { forecastCore } from './forecast.service.js';
import { averageForecast, isShortSeasonal, seasonalNaiveForecast, shortMinTrain, shortSeasonalForecast } from './short-seasonal.rules.js';

const SHAPE = [1.15, 0.55, 0.9, 0.95, 1.0, 1.15, 0.9, 0.9, 1.05, 1.1, 1.35, 1.2];

describe('short seasonal series', () => {
  it('applies between a season and four points and the two seasons seasonal ETS needs', () => {
    expect(isShortSeasonal(16, 12)).toBe(false);
    expect(isShortSeasonal(17, 12)).toBe(true);
    expect(isShortSeasonal(25, 12)).toBe(true);
    expect(isShortSeasonal(26, 12)).toBe(false);
    expect(isShortSeasonal(20, 1)).toBe(false);
  });

  it('gives seasonal naive bands that widen once per whole season ahead', () => {
    // y = 10, 20, 10, 22 with m = 2: lag-2 differences 0 and 2, sigma = sqrt((0 + 4) / 2) = sqrt(2).
    const f = seasonalNaiveForecast([10, 20, 10, 22], 2, 4);
    expect(f.forecast).toEqual([10, 22, 10, 22]);
    const half95 = f.forecast.map((v, i) => f.upper95[i] - v);
    expect(half95[0]).toBeCloseTo(1.959964 * Math.SQRT2, 6);
    expect(half95[1]).toBeCloseTo(half95[0], 12);
    expect(half95[2]).toBeCloseTo(half95[0] * Math.SQRT2, 6);
  });

  it('averages two forecasts point by point', () => {
    const a = seasonalNaiveForecast([10, 20, 10, 22], 2, 2);
    const b = { ...a, model: 'B', forecast: [20, 30], lower80: [20, 30], upper80: [20, 30], lower95: [20, 30], upper95: [20, 30] };
    const m = averageForecast(a, b);
    expect(m.forecast).toEqual([15, 26]);
    expect(m.upper95[0] - m.forecast[0]).toBeCloseTo((a.upper95[0] - a.forecast[0]) / 2, 4);
  });

  it('keeps the candidate with the lowest backtest MASE, and that MASE is what it reports', () => {
    // 22 months of a strong season with mild noise: the season matters, so flat ETS alone loses.
    const values = Array.from({ length: 22 }, (_, i) => Math.round(200 * SHAPE[i % 12] * (1 + 0.005 * i) + ((i * 37) % 11) - 5));
    const chosen = shortSeasonalForecast(values, 12, 6)!;
    const scores = [
      rollingOriginMase(values, 12, 6, (t, h) => forecastCore(t, 12, h).forecast, 3, shortMinTrain(12))!,
      rollingOriginMase(values, 12, 6, (t, h) => seasonalNaiveForecast(t, 12, h).forecast, 3, shortMinTrain(12))!,
    ];
    expect(chosen.mase).toBeLessThanOrEqual(Math.min(...scores) + 1e-12);
    expect(chosen.model).not.toMatch(/^ETS/);
    expect(chosen.forecast).toHaveLength(6);
  });
});
