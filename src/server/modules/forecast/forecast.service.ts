// The forecasting service: validates a series against the limits, then forecasts it with the method
// choice in method.rules.ts (its header lists which series gets which model) and, on request,
// backtests it. Pure like the rules: the same input always gives the same output.
// An empty or oversized series is a VALIDATION_FAILED naming the field.

import { AppError } from '../../core/errors.js';
import type { FieldError } from '../../../shared/errors.js';
import { rollingOriginMase } from './backtest.rules.js';
import { forecastCore, type ForecastResult } from './method.rules.js';

export { forecastCore, type ForecastResult } from './method.rules.js';

export interface ForecastInput {
  values: number[];
  frequency: number;
  horizon: number;
}

export interface ForecastOptions {
  /** Compute the rolling-origin backtest MASE (refits the model at earlier origins). */
  backtest?: boolean;
}

export const MAX_VALUES = 10_000;
export const MAX_FREQUENCY = 366;
export const MAX_HORIZON = 1000;
/** Longest horizon for a frequency: ten seasons (ten years of monthly data), at least 10 steps, at most 1000. */
export function maxHorizon(frequency: number): number {
  return Math.min(MAX_HORIZON, Math.max(10, 10 * frequency));
}

export function validateInput(input: ForecastInput): void {
  const errors: FieldError[] = [];
  const { values, frequency, horizon } = input;
  if (!Array.isArray(values) || values.length === 0) errors.push({ path: '/values', message: 'must hold at least one value' });
  else if (values.length > MAX_VALUES) errors.push({ path: '/values', message: `must hold at most ${MAX_VALUES} values` });
  else {
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) errors.push({ path: `/values/${bad}`, message: 'must be a finite number' });
  }
  if (!Number.isInteger(frequency) || frequency < 1 || frequency > MAX_FREQUENCY) errors.push({ path: '/frequency', message: `must be an integer from 1 to ${MAX_FREQUENCY}` });
  if (!Number.isInteger(horizon) || horizon < 1) errors.push({ path: '/horizon', message: 'must be a positive integer' });
  else if (Number.isInteger(frequency) && frequency >= 1 && horizon > maxHorizon(frequency)) {
    errors.push({ path: '/horizon', message: `must be at most ${maxHorizon(frequency)} for frequency ${frequency}` });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; '), errors);
  }
}

/** POST /v1/forecast: validated input, forecasts and bands, and (with `backtest`) the rolling-origin MASE. */
export function forecastSeries(input: ForecastInput, options: ForecastOptions = {}): ForecastResult {
  validateInput(input);
  const { values, frequency, horizon } = input;
  const result = forecastCore(values, frequency, horizon);
  if (options.backtest) result.mase = rollingOriginMase(values, frequency, horizon, (train, h) => forecastCore(train, frequency, h).forecast);
  return result;
}
