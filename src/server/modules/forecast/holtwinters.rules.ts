// Classic Holt-Winters filtering exactly as R's stats::HoltWinters: start values from a classical
// decomposition of the first `startPeriods` seasons (level and trend from a line through the
// decomposition's trend, seasonal start = its figure), the recursion of R's C_HoltWinters, and
// alpha, beta, gamma chosen by minimising the sum of squared one-step errors over [0, 1]^3 from
// R's optim.start (0.3, 0.1, 0.1) with a bounded quasi-Newton method (R uses L-BFGS-B).

import { boxMinimize } from './lbfgs.rules.js';
import { decompose, lineFit } from './decompose.rules.js';

export type HoltWintersSeasonal = 'additive' | 'multiplicative';

export interface HoltWintersStart {
  level: number;
  trend: number;
  /** Seasonal start values s_1..s_f, for the observations f+1..2f. */
  seasons: number[];
}

export interface HoltWintersFit {
  alpha: number;
  beta: number;
  gamma: number;
  seasonal: HoltWintersSeasonal;
  frequency: number;
  sse: number;
  /** Final coefficients a (level), b (trend), s1..sf, as R's coef(). */
  level: number;
  trend: number;
  seasons: number[];
  start: HoltWintersStart;
}

/** R's start values for the seasonal model. */
export function holtWintersStart(x: ArrayLike<number>, f: number, seasonal: HoltWintersSeasonal, startPeriods = 2): HoltWintersStart {
  const wind = startPeriods * f;
  if (f < 2 || x.length < wind + 1) throw new Error(`HoltWinters needs at least ${startPeriods} seasons of data plus one point`);
  const st = decompose(
    Array.from({ length: wind }, (_, i) => x[i]),
    f,
    seasonal,
  );
  const dat = Array.from(st.trend).filter((v) => !Number.isNaN(v));
  const [l, b] = lineFit(
    dat.map((_, i) => i + 1),
    dat,
  );
  return { level: l, trend: b, seasons: Array.from(st.figure) };
}

/** The filtering loop of R's C_HoltWinters; returns the SSE and the final state. */
export function holtWintersFilter(
  x: ArrayLike<number>,
  f: number,
  seasonal: HoltWintersSeasonal,
  start: HoltWintersStart,
  alpha: number,
  beta: number,
  gamma: number,
): { sse: number; level: number; trend: number; seasons: number[] } {
  const a = Math.max(Math.min(alpha, 1), 0);
  const b = Math.max(Math.min(beta, 1), 0);
  const g = Math.max(Math.min(gamma, 1), 0);
  const additive = seasonal === 'additive';
  let level = start.level;
  let trend = start.trend;
  // Ring of the last f seasonal values; season[(i) % f] is the one from f steps ago.
  const season = start.seasons.slice();
  let sse = 0;
  for (let i = f, k = 0; i < x.length; i++, k++) {
    const slot = k % f;
    const stmp = season[slot];
    const base = level + trend;
    const xhat = additive ? base + stmp : base * stmp;
    const res = x[i] - xhat;
    sse += res * res;
    const newLevel = additive ? a * (x[i] - stmp) + (1 - a) * base : a * (x[i] / stmp) + (1 - a) * base;
    trend = b * (newLevel - level) + (1 - b) * trend;
    level = newLevel;
    season[slot] = additive ? g * (x[i] - level) + (1 - g) * stmp : g * (x[i] / level) + (1 - g) * stmp;
  }
  const k = x.length - f;
  // Final seasonal coefficients in the order of the next f periods.
  const seasons = Array.from({ length: f }, (_, j) => season[(k + j) % f]);
  return { sse, level, trend, seasons };
}

export function holtWinters(x: ArrayLike<number>, f: number, seasonal: HoltWintersSeasonal = 'additive'): HoltWintersFit {
  if (seasonal === 'multiplicative') {
    for (let i = 0; i < x.length; i++) if (x[i] === 0) throw new Error('data must be non-zero for multiplicative Holt-Winters');
  }
  const start = holtWintersStart(x, f, seasonal);
  const sseOf = (p: number[]): number => holtWintersFilter(x, f, seasonal, start, p[0], p[1], p[2]).sse;
  const opt = boxMinimize(sseOf, [0.3, 0.1, 0.1], [0, 0, 0], [1, 1, 1]);
  const [alpha, beta, gamma] = opt.x;
  const end = holtWintersFilter(x, f, seasonal, start, alpha, beta, gamma);
  return { alpha, beta, gamma, seasonal, frequency: f, sse: end.sse, level: end.level, trend: end.trend, seasons: end.seasons, start };
}

/** predict.HoltWinters: (a + h b) + s_h, or (a + h b) * s_h. */
export function holtWintersForecast(fit: HoltWintersFit, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, i) => {
    const base = fit.level + (i + 1) * fit.trend;
    const s = fit.seasons[i % fit.frequency];
    return fit.seasonal === 'additive' ? base + s : base * s;
  });
}
