// The work budget of one forecast request: the points the models are fitted on. ETS fitting is
// linear in the series length and the backtest refits at up to three earlier origins, so cost ~
// series x length x (1 + refits). Pure; forecast.routes.ts refuses over-budget bodies with it.
import type { FieldError } from '../../../shared/errors.js';
import { backtestPlan } from './backtest.rules.js';

/** Fitted points one request may cost: 3,000 values with a full backtest, about 1 s of one core. */
export const MAX_FITTED_POINTS = 12_000;
/** Wall time one forecast may run in a worker before it is stopped: ten times the largest budget's
 * fit on an idle core, so a loaded machine still finishes honest requests. */
export const FORECAST_TIME_BUDGET_MS = 10_000;

/** Model fits of one series: the forecast itself plus one per backtest origin. */
export function fitsOf(n: number, frequency: number, horizon: number, backtest: boolean): number {
  return 1 + (backtest ? backtestPlan(n, frequency, horizon).origins.length : 0);
}

/** The field error when the series costs more than the budget; null within it. */
export function budgetError(series: number[][], frequency: number, horizon: number, backtest: boolean, budget = MAX_FITTED_POINTS): FieldError | null {
  const cost = series.reduce((sum, values) => sum + values.length * fitsOf(values.length, frequency, horizon, backtest), 0);
  if (cost <= budget) return null;
  const fits = fitsOf(series[0]?.length ?? 0, frequency, horizon, backtest);
  return {
    path: '/values',
    message: `costs ${cost} fitted points (${series.reduce((s, v) => s + v.length, 0)} values x ${fits} fits with the backtest), over the budget of ${budget}; send at most ${Math.floor(budget / Math.max(1, fits))} values`,
  };
}
