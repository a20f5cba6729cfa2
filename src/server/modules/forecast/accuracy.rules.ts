// Forecast accuracy measures, with the benchmark's definition of MASE: the out-of-sample mean
// absolute error divided by the in-sample mean absolute error of the seasonal naive method on the
// training data (lag m = frequency, or the naive method, lag 1, when the frequency is 1 or the
// series is too short for a seasonal lag).

/** In-sample MAE of the (seasonal) naive one-step forecasts; NaN when there is nothing to compare. */
export function naiveScale(train: ArrayLike<number>, m: number): number {
  const lag = m > 1 && train.length > m ? m : 1;
  let s = 0;
  let c = 0;
  for (let i = lag; i < train.length; i++) {
    s += Math.abs(train[i] - train[i - lag]);
    c++;
  }
  return c > 0 ? s / c : NaN;
}

export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const n = Math.min(actual.length, forecast.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(actual[i] - forecast[i]);
  return n > 0 ? s / n : NaN;
}

/** Out-of-sample MASE; null when the scale is zero or undefined (a constant training series). */
export function mase(train: ArrayLike<number>, test: ArrayLike<number>, forecast: ArrayLike<number>, m: number): number | null {
  const scale = naiveScale(train, m);
  if (!(scale > 0)) return null;
  return mae(test, forecast) / scale;
}

/** Seasonal naive forecasts (the last season repeated), naive when m <= 1 or there is less than a season. */
export function seasonalNaive(train: ArrayLike<number>, m: number, horizon: number): number[] {
  const n = train.length;
  const lag = m > 1 && n >= m ? m : 1;
  return Array.from({ length: horizon }, (_, h) => train[n - lag + (h % lag)]);
}

export function geometricMean(values: number[]): number {
  if (values.length === 0) return NaN;
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}
