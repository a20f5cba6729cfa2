// The method choice (pure): which model a series gets and its forecast with 80% and 95% bands.
//
//   constant                      -> the constant, zero-width bands
//   fewer than 4 points           -> naive (last value), random-walk bands from the differences
//   intermittent (> 1/3 zeros)    -> Croston-SBA or TSB
//   seasonal, frequency > 24      -> classical seasonal adjustment + automatic non-seasonal ETS
//                                    (seasonal: thetaf's lag-m test, or seasonal strength > 0.64)
//   otherwise                     -> automatic ETS (AICc over the admissible models)
//
// Validation, limits and the backtest are forecast.service.ts's; the same input always gives the
// same output (no I/O, no clock, no randomness beyond a fixed seed).

import { autoEts, MAX_ETS_SEASON, seasonalAllowed } from './ets.select.rules.js';
import { etsPointForecast } from './ets.rules.js';
import { etsBands, gaussianBands } from './intervals.rules.js';
import type { Bands } from './intervals.rules.js';
import { fitIntermittent, intermittentForecast, isIntermittent } from './croston.rules.js';
import { isSeasonal, seasonalAdjustment, seasonalStrength } from './theta.rules.js';

export interface ForecastResult extends Bands {
  model: string;
  forecast: number[];
  /** Rolling-origin backtest MASE (null when the series is too short to backtest). */
  mase?: number | null;
}
/** Seasonal strength above which a long-period season (frequency > 24) is removed before ETS. */
export const SEASONAL_STRENGTH = 0.64;

const finiteAll = (xs: number[]): boolean => xs.every((v) => Number.isFinite(v));

function naive(values: number[], horizon: number): ForecastResult {
  const n = values.length;
  const last = values[n - 1];
  let ss = 0;
  for (let i = 1; i < n; i++) ss += (values[i] - values[i - 1]) ** 2;
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const forecast = Array.from({ length: horizon }, () => last);
  const sd = forecast.map((_, h) => sigma * Math.sqrt(h + 1));
  return { model: 'Naive', forecast, ...gaussianBands(forecast, sd) };
}

function constant(value: number, horizon: number): ForecastResult {
  const forecast = Array.from({ length: horizon }, () => value);
  return { model: 'Constant', forecast, lower80: forecast.slice(), upper80: forecast.slice(), lower95: forecast.slice(), upper95: forecast.slice() };
}

function isConstant(values: number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max - min <= 1e-12 * Math.max(1, Math.abs(max), Math.abs(min));
}

/** Automatic ETS on y with season m (0 or 1 for none); null when no model could be fitted. */
function etsResult(values: number[], m: number, horizon: number): ForecastResult | null {
  const auto = autoEts(values, m);
  if (!auto) return null;
  const fit = auto.best;
  const forecast = etsPointForecast(fit.spec, fit.state, fit.phi, horizon);
  const bands = etsBands(fit, forecast);
  return { model: fit.name, forecast, ...bands };
}

/** The method choice without validation or backtest. */
export function forecastCore(values: number[], frequency: number, horizon: number): ForecastResult {
  const n = values.length;
  if (isConstant(values)) return constant(values[n - 1], horizon);
  if (n < 4) return naive(values, horizon);
  if (isIntermittent(values)) {
    const fit = fitIntermittent(values);
    const { forecast, sd } = intermittentForecast(fit, horizon);
    const b = gaussianBands(forecast, sd);
    const floor = (xs: number[]) => xs.map((v) => Math.max(0, v));
    return { model: fit.method, forecast, lower80: floor(b.lower80), upper80: b.upper80, lower95: floor(b.lower95), upper95: b.upper95 };
  }
  let result: ForecastResult | null = null;
  if (frequency > MAX_ETS_SEASON && n >= 2 * frequency + 2 && (isSeasonal(values, frequency) || seasonalStrength(values, frequency) > SEASONAL_STRENGTH)) {
    const adj = seasonalAdjustment(values, frequency);
    const inner = adj ? etsResult(adj.adjusted, 1, horizon) : null;
    if (adj && inner) {
      const put = (xs: number[]) => xs.map((v, i) => (adj.type === 'multiplicative' ? v * adj.future(i + 1) : v + adj.future(i + 1)));
      const lo80 = put(inner.lower80);
      const lo95 = put(inner.lower95);
      const hi80 = put(inner.upper80);
      const hi95 = put(inner.upper95);
      result = {
        model: `${inner.model}+season(${frequency})`,
        forecast: put(inner.forecast),
        lower80: lo80.map((v, i) => Math.min(v, hi80[i])),
        upper80: hi80.map((v, i) => Math.max(v, lo80[i])),
        lower95: lo95.map((v, i) => Math.min(v, hi95[i])),
        upper95: hi95.map((v, i) => Math.max(v, lo95[i])),
      };
    }
  }
  if (!result) result = etsResult(values, seasonalAllowed(n, frequency) ? frequency : 1, horizon);
  if (!result || !finiteAll(result.forecast) || !finiteAll(result.lower95) || !finiteAll(result.upper95)) return naive(values, horizon);
  return result;
}
