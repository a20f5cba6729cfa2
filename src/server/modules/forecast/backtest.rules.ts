// Rolling-origin backtest: refit at a few earlier origins, forecast the next steps, and average the
// out-of-sample MASE (scaled by the in-sample seasonal-naive MAE of each training part, naive when
// the frequency is 1), so users can see how far to trust a forecast.

import { mase } from './accuracy.rules.js';

export type Forecaster = (train: number[], horizon: number) => number[];

export interface BacktestPlan {
  /** Lengths of the training parts, latest first. */
  origins: number[];
  /** Steps evaluated after each origin. */
  window: number;
}

/**
 * Up to `count` origins: the test window is the requested horizon but at most a quarter of the
 * series, the latest origin leaves exactly one window, earlier ones step back by half a window,
 * and every training part keeps at least `minTrain` points (two seasons and a few more, or 8).
 */
export function backtestPlan(n: number, frequency: number, horizon: number, count = 3, minTrainOverride?: number): BacktestPlan {
  const window = Math.max(1, Math.min(horizon, Math.floor(n / 4)));
  const minTrain = minTrainOverride ?? Math.max(8, frequency > 1 ? 2 * frequency + 2 : 8);
  const step = Math.max(1, Math.floor(window / 2));
  const origins: number[] = [];
  for (let i = 0; i < count; i++) {
    const o = n - window - i * step;
    if (o < minTrain) break;
    origins.push(o);
  }
  return { origins, window };
}

/** Mean out-of-sample MASE over the plan's origins; null when the series is too short or the scale is zero. */
export function rollingOriginMase(values: number[], frequency: number, horizon: number, forecaster: Forecaster, count = 3, minTrain?: number): number | null {
  const plan = backtestPlan(values.length, frequency, horizon, count, minTrain);
  const scores: number[] = [];
  for (const o of plan.origins) {
    const train = values.slice(0, o);
    const test = values.slice(o, o + plan.window);
    const f = forecaster(train, plan.window);
    const s = mase(train, test, f, frequency);
    if (s !== null && Number.isFinite(s)) scores.push(s);
  }
  return scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}
