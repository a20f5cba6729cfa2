// Intermittent demand (many periods without sales): Croston's method with the Syntetos-Boylan
// bias correction (SBA), and Teunter-Syntetos-Babai (TSB), which smooths the probability of a
// demand every period and so lets obsolete items fade out. Smoothing constants come from a small
// grid by in-sample one-step squared error; the method with the smaller error is used.

export interface IntermittentFit {
  method: 'Croston-SBA' | 'TSB';
  /** Flat point forecast (expected demand per period). */
  level: number;
  alpha: number;
  beta: number;
  /** In-sample one-step mean squared error. */
  mse: number;
}

/** Non-negative data with more than a third of the periods at zero and at least two demands. */
export function isIntermittent(y: ArrayLike<number>): boolean {
  const n = y.length;
  if (n < 6) return false;
  let zeros = 0;
  let demands = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] < 0) return false;
    if (y[i] === 0) zeros++;
    else demands++;
  }
  return zeros / n > 1 / 3 && demands >= 2;
}

/** Croston / SBA with one smoothing constant for sizes and intervals; returns the fit and its one-step errors. */
export function crostonSba(y: ArrayLike<number>, alpha: number): IntermittentFit {
  const n = y.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0) {
      first = i;
      break;
    }
  }
  const correction = 1 - alpha / 2;
  if (first < 0) return { method: 'Croston-SBA', level: 0, alpha, beta: 0, mse: 0 };
  let z = y[first];
  let p = first + 1;
  let since = 0;
  let sse = 0;
  let count = 0;
  for (let t = first + 1; t < n; t++) {
    const f = (correction * z) / p;
    sse += (y[t] - f) ** 2;
    count++;
    since++;
    if (y[t] > 0) {
      z += alpha * (y[t] - z);
      p += alpha * (since - p);
      since = 0;
    }
  }
  return { method: 'Croston-SBA', level: (correction * z) / p, alpha, beta: 0, mse: count > 0 ? sse / count : 0 };
}

/** TSB: probability of demand d (smoothed by beta every period) times demand size z (smoothed by alpha when there is demand). */
export function tsb(y: ArrayLike<number>, alpha: number, beta: number): IntermittentFit {
  const n = y.length;
  let demands = 0;
  let firstSize = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0) {
      if (demands === 0) firstSize = y[i];
      demands++;
    }
  }
  let d = demands / n;
  let z = firstSize;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = d * z;
    sse += (y[t] - f) ** 2;
    const occurred = y[t] > 0 ? 1 : 0;
    d += beta * (occurred - d);
    if (occurred) z += alpha * (y[t] - z);
  }
  return { method: 'TSB', level: d * z, alpha, beta, mse: sse / n };
}

const GRID = [0.05, 0.1, 0.15, 0.2, 0.3];

export function fitIntermittent(y: ArrayLike<number>): IntermittentFit {
  let best: IntermittentFit | null = null;
  for (const a of GRID) {
    const c = crostonSba(y, a);
    if (!best || c.mse < best.mse) best = c;
    for (const b of GRID) {
      const t = tsb(y, a, b);
      if (t.mse < best.mse) best = t;
    }
  }
  return best!;
}

/** Flat forecast with bands from the in-sample one-step error, widening like simple exponential smoothing, never below zero. */
export function intermittentForecast(fit: IntermittentFit, horizon: number): { forecast: number[]; sd: number[] } {
  const sigma = Math.sqrt(fit.mse);
  const a = Math.max(fit.alpha, fit.beta);
  return {
    forecast: Array.from({ length: horizon }, () => fit.level),
    sd: Array.from({ length: horizon }, (_, h) => sigma * Math.sqrt(1 + h * a * a)),
  };
}
