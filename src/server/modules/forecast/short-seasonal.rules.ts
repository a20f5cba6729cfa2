// Seasonal series too short for seasonal ETS (a season and a few points, but fewer than the two
// seasons and two points seasonal models need): ETS alone cannot see the season, seasonal naive
// sees only the season. Three candidates (ETS, seasonal naive, their average) are scored by the
// same rolling-origin backtest and the best is kept, so a combination is used only where it
// measurably helps on this series; its MASE is reported beside it.

import { seasonalNaive } from './accuracy.rules.js';
import { rollingOriginMase } from './backtest.rules.js';
import { gaussianBands, type Bands } from './intervals.rules.js';
import { seasonalAllowed } from './ets.select.rules.js';
import { forecastCore, type ForecastResult } from './method.rules.js';
import { inverseNormal } from '../../core/normal.rules.js';

/** the z the bands were built with (intervals.rules.ts), so the sd read back from them is exact */
const Z95 = inverseNormal(0.975);

/** Shortest training part a short-series backtest may use: a season and four points. */
export const shortMinTrain = (m: number) => m + 4;

/** Applies when the season is real (m >= 2) but the series is too short for seasonal ETS. */
export function isShortSeasonal(n: number, m: number): boolean {
  return m >= 2 && m <= 24 && n >= shortMinTrain(m) + 1 && !seasonalAllowed(n, m);
}

/** Seasonal naive with the textbook bands: sd_h = sigma x sqrt(whole seasons ahead). */
export function seasonalNaiveForecast(values: number[], m: number, horizon: number): ForecastResult {
  const n = values.length;
  let ss = 0;
  for (let i = m; i < n; i++) ss += (values[i] - values[i - m]) ** 2;
  const sigma = n > m ? Math.sqrt(ss / (n - m)) : 0;
  const forecast = seasonalNaive(values, m, horizon);
  const sd = forecast.map((_, h) => sigma * Math.sqrt(Math.floor(h / m) + 1));
  return { model: 'SNaive', forecast, ...gaussianBands(forecast, sd) };
}

/** Mean of two forecasts; each band's sd is the mean of the two sds (no credit for diversification). */
export function averageForecast(a: ForecastResult, b: ForecastResult): ForecastResult {
  const sdOf = (r: Bands, i: number) => Math.max(0, (r.upper95[i] - r.lower95[i]) / (2 * Z95));
  const forecast = a.forecast.map((v, i) => (v + b.forecast[i]) / 2);
  const sd = forecast.map((_, i) => (sdOf(a, i) + sdOf(b, i)) / 2);
  return { model: `Mean(${a.model}, ${b.model})`, forecast, ...gaussianBands(forecast, sd) };
}

type Candidate = (train: number[], h: number) => ForecastResult;

/** The best of ETS, seasonal naive and their mean by rolling-origin MASE; null when none can be scored. */
export function shortSeasonalForecast(values: number[], m: number, horizon: number): (ForecastResult & { mase: number }) | null {
  const ets: Candidate = (train, h) => forecastCore(train, m, h);
  const snaive: Candidate = (train, h) => seasonalNaiveForecast(train, m, h);
  const mean: Candidate = (train, h) => averageForecast(ets(train, h), snaive(train, h));
  let best: { c: Candidate; mase: number } | null = null;
  for (const c of [ets, snaive, mean]) {
    const mase = rollingOriginMase(values, m, horizon, (train, h) => c(train, h).forecast, 3, shortMinTrain(m));
    if (mase !== null && (!best || mase < best.mase - 1e-12)) best = { c, mase };
  }
  return best ? { ...best.c(values, horizon), mase: best.mase } : null;
}
