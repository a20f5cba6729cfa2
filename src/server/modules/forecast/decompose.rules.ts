// Classical decomposition and small regressions, written to give the same numbers as R's
// stats::filter / stats::decompose / lsfit, since HoltWinters and ets take their start values
// from them.

export type SeasonalType = 'additive' | 'multiplicative';

/**
 * Centred moving average of order f (2 x f when f is even), as
 * `filter(x, c(0.5, rep(1, f - 1), 0.5) / f)` (even f) or `filter(x, rep(1, f) / f)` (odd f);
 * NaN where the window does not fit.
 */
export function centredMovingAverage(x: ArrayLike<number>, f: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  const even = f % 2 === 0;
  const w = even ? f + 1 : f;
  const half = Math.floor(w / 2);
  for (let i = half; i < n - (w - 1 - half); i++) {
    let s = 0;
    for (let j = 0; j < w; j++) {
      const c = even && (j === 0 || j === w - 1) ? 0.5 : 1;
      s += c * x[i - half + j];
    }
    out[i] = s / f;
  }
  return out;
}

export interface Decomposition {
  trend: Float64Array;
  /** Seasonal component for each observation (the figure repeated from the first observation). */
  seasonal: Float64Array;
  /** The f seasonal indices, by position from the first observation. */
  figure: Float64Array;
}

/** R's decompose(): needs at least two full periods. Positions are counted from the first value. */
export function decompose(x: ArrayLike<number>, f: number, type: SeasonalType): Decomposition {
  const n = x.length;
  if (f <= 1 || n < 2 * f) throw new Error('time series has no or less than 2 periods');
  const trend = centredMovingAverage(x, f);
  const figure = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    let s = 0;
    let c = 0;
    for (let k = i; k < n; k += f) {
      if (Number.isNaN(trend[k])) continue;
      s += type === 'additive' ? x[k] - trend[k] : x[k] / trend[k];
      c++;
    }
    figure[i] = c > 0 ? s / c : NaN;
  }
  let mean = 0;
  for (let i = 0; i < f; i++) mean += figure[i] / f;
  for (let i = 0; i < f; i++) figure[i] = type === 'additive' ? figure[i] - mean : figure[i] / mean;
  const seasonal = new Float64Array(n);
  for (let k = 0; k < n; k++) seasonal[k] = figure[k % f];
  return { trend, seasonal, figure };
}

/** Simple linear regression y = a + b x (lsfit); returns [a, b]. */
export function lineFit(xs: ArrayLike<number>, ys: ArrayLike<number>): [number, number] {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return [my - b * mx, b];
}

/** Ordinary least squares by the normal equations (Gaussian elimination with pivoting); columns are regressors. */
export function leastSquares(columns: Float64Array[], y: ArrayLike<number>): Float64Array {
  const k = columns.length;
  const n = y.length;
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += columns[i][t] * columns[j][t];
      A[i][j] = s;
      A[j][i] = s;
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += columns[i][t] * y[t];
    A[i][k] = s;
  }
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    const piv = A[c][c];
    if (Math.abs(piv) < 1e-300) continue;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = A[r][c] / piv;
      if (factor === 0) continue;
      for (let j = c; j <= k; j++) A[r][j] -= factor * A[c][j];
    }
  }
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) beta[i] = Math.abs(A[i][i]) < 1e-300 ? 0 : A[i][k] / A[i][i];
  return beta;
}

/**
 * forecast's start for short seasonal series (fewer than 3 periods): regress y on a linear trend
 * and one Fourier pair, tslm(y ~ trend + fourier(y, 1)); returns [intercept, slope] with time 1..n.
 */
export function trendFourierFit(y: ArrayLike<number>, m: number): [number, number] {
  const n = y.length;
  const one = new Float64Array(n).fill(1);
  const t = Float64Array.from({ length: n }, (_, i) => i + 1);
  const cols = [one, t];
  const sin = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * (i + 1)) / m));
  const cos = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * (i + 1)) / m));
  if (m > 2) cols.push(sin);
  cols.push(cos);
  const beta = leastSquares(cols, y);
  return [beta[0], beta[1]];
}

/** Autocorrelations r_1..r_maxLag as R's acf(). */
export function acf(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] / n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i] - mean) ** 2;
  const r = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += (x[i] - mean) * (x[i + k] - mean);
    r[k - 1] = c0 > 0 ? s / c0 : 0;
  }
  return r;
}
