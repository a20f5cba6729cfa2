// The Theta method as forecast::thetaf computes it (Hyndman & Billah 2003): test for seasonality
// (autocorrelation at lag m against its 90% limit), remove it by classical multiplicative
// decomposition (additive when the data are not all positive), forecast the adjusted series by
// simple exponential smoothing plus half the slope of a linear trend, and put the season back.

import { acf, decompose } from './decompose.rules.js';
import { fitEts } from './ets.fit.rules.js';
import type { EtsFit } from './ets.fit.rules.js';
import { inverseNormal } from '../../core/normal.rules.js';

export interface SeasonalAdjustment {
  /** Seasonally adjusted series. */
  adjusted: number[];
  /** Seasonal factors for the steps after the end of the series (index h-1 for step h), cycling by m. */
  future: (h: number) => number;
  type: 'additive' | 'multiplicative';
}

/** The one-sided 5% critical value of thetaf's seasonality test. */
const ONE_SIDED_5PCT = inverseNormal(0.95);

/** thetaf's seasonality test: |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2) / n) > z(0.95). */
export function isSeasonal(x: ArrayLike<number>, m: number): boolean {
  const n = x.length;
  if (m <= 1 || n <= 2 * m) return false;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, x[i]);
    max = Math.max(max, x[i]);
  }
  if (max - min <= 1e-12 * Math.max(1, Math.abs(max))) return false;
  const r = acf(x, m);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += r[k] * r[k];
  const stat = Math.sqrt((1 + 2 * s) / n);
  return Math.abs(r[m - 1]) / stat > ONE_SIDED_5PCT;
}

/**
 * Strength of seasonality (Wang, Smith & Hyndman 2006): 1 - Var(remainder) / Var(seasonal +
 * remainder) of a classical additive decomposition, over the span where the trend is defined.
 * Near 1 for a clear seasonal pattern; the lag-m autocorrelation test above can miss smooth
 * long-period seasons, whose other autocorrelations inflate its variance.
 */
export function seasonalStrength(x: ArrayLike<number>, m: number): number {
  if (m <= 1 || x.length < 2 * m) return 0;
  const dec = decompose(x, m, 'additive');
  const detrended: number[] = [];
  const remainder: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(dec.trend[i])) continue;
    detrended.push(x[i] - dec.trend[i]);
    remainder.push(x[i] - dec.trend[i] - dec.seasonal[i]);
  }
  const variance = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length - 1);
  };
  const total = variance(detrended);
  return total > 0 ? Math.max(0, 1 - variance(remainder) / total) : 0;
}

/** Classical decomposition: the seasonally adjusted series and the seasonal factors to re-apply. */
export function seasonalAdjustment(x: ArrayLike<number>, m: number): SeasonalAdjustment | null {
  const n = x.length;
  if (m <= 1 || n < 2 * m) return null;
  let positive = true;
  for (let i = 0; i < n; i++) if (!(x[i] > 0)) positive = false;
  const type = positive ? 'multiplicative' : 'additive';
  const dec = decompose(x, m, type);
  if (type === 'multiplicative' && dec.figure.some((v) => Math.abs(v) < 1e-4)) return null;
  const adjusted = Array.from(x, (v, i) => (type === 'multiplicative' ? v / dec.seasonal[i] : v - dec.seasonal[i]));
  return { adjusted, type, future: (h: number) => dec.figure[(n + h - 1) % m] };
}

export interface ThetaFit {
  forecast: number[];
  ses: EtsFit;
  seasonal: boolean;
}

export function thetaForecast(x: ArrayLike<number>, m: number, horizon: number): ThetaFit | null {
  const n = x.length;
  const adj = isSeasonal(x, m) ? seasonalAdjustment(x, m) : null;
  const z = adj ? adj.adjusted : Array.from(x);
  const ses = fitEts(z, 1, { error: 'A', trend: 'N', season: 'N' });
  if (!ses) return null;
  // Slope of the least-squares line through (0..n-1, z), halved: the theta = 2 line's drift.
  let mt = 0;
  let mz = 0;
  for (let i = 0; i < n; i++) {
    mt += i / n;
    mz += z[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (i - mt) ** 2;
    sxy += (i - mt) * (z[i] - mz);
  }
  const drift = sxx > 0 ? sxy / sxx / 2 : 0;
  const alpha = Math.max(1e-10, ses.alpha);
  const offset = (1 - (1 - alpha) ** n) / alpha;
  const forecast = Array.from({ length: horizon }, (_, i) => {
    const f = ses.state.level + drift * (i + offset);
    if (!adj) return f;
    return adj.type === 'multiplicative' ? f * adj.future(i + 1) : f + adj.future(i + 1);
  });
  return { forecast, ses, seasonal: adj !== null };
}
