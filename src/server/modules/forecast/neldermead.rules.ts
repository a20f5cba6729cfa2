// A small, robust Nelder-Mead minimiser (Lagarias et al. 1998 moves, dimension-adaptive
// coefficients of Gao & Han 2012) with restarts from the best point: a simplex that has collapsed
// onto a false minimum is rebuilt around the best vertex until a restart no longer improves.
// Non-finite objective values are treated as +Infinity, so a penalty or an out-of-bounds
// region simply repels the simplex.

export interface NelderMeadOptions {
  /** Initial step per coordinate (a number applies to all); default 10% of |x0| or 0.1. */
  step?: number | number[];
  /** Function evaluations allowed in total (all restarts together). */
  maxEvals?: number;
  /** Relative tolerance on the spread of objective values across the simplex. */
  relTol?: number;
  /** Restarts after the first convergence (default 2). */
  restarts?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  evals: number;
}

export function nelderMead(fn: (x: number[]) => number, x0: number[], options: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxEvals = options.maxEvals ?? 200 * (n + 1);
  const relTol = options.relTol ?? 1e-10;
  const restarts = options.restarts ?? 2;
  let evals = 0;
  const f = (x: number[]): number => {
    evals++;
    const v = fn(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const stepOf = (i: number, x: number[], scale: number): number => {
    const s = options.step;
    const base = typeof s === 'number' ? s : Array.isArray(s) ? s[i] : x[i] !== 0 ? 0.1 * Math.abs(x[i]) : 0.1;
    return base * scale;
  };
  if (n === 0) return { x: [], f: f([]), evals };

  // Adaptive coefficients: reflection, expansion, contraction, shrink.
  const rho = 1;
  const chi = 1 + 2 / n;
  const psi = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  let best = x0.slice();
  let bestF = f(best);
  for (let round = 0; round <= restarts && evals < maxEvals; round++) {
    const scale = round === 0 ? 1 : 0.5;
    const simplex: number[][] = [best.slice()];
    const values: number[] = [bestF];
    for (let i = 0; i < n; i++) {
      const v = best.slice();
      v[i] += stepOf(i, best, scale);
      simplex.push(v);
      values.push(f(v));
    }
    const order = Array.from({ length: n + 1 }, (_, i) => i);
    const centroid = new Array<number>(n).fill(0);
    const trial = (from: number[], coef: number): number[] => from.map((c, j) => c + coef * (c - simplex[order[n]][j]));
    while (evals < maxEvals) {
      order.sort((a, b) => values[a] - values[b]);
      const fb = values[order[0]];
      const fw = values[order[n]];
      if (Number.isFinite(fw) && Math.abs(fw - fb) <= relTol * (Math.abs(fb) + relTol)) break;
      centroid.fill(0);
      for (let k = 0; k < n; k++) {
        const v = simplex[order[k]];
        for (let j = 0; j < n; j++) centroid[j] += v[j] / n;
      }
      const xr = trial(centroid, rho);
      const fr = f(xr);
      const fsw = values[order[n - 1]];
      const worst = order[n];
      if (fr < fb) {
        const xe = trial(centroid, rho * chi);
        const fe = f(xe);
        if (fe < fr) {
          simplex[worst] = xe;
          values[worst] = fe;
        } else {
          simplex[worst] = xr;
          values[worst] = fr;
        }
        continue;
      }
      if (fr < fsw) {
        simplex[worst] = xr;
        values[worst] = fr;
        continue;
      }
      // Contraction: outside when the reflection helped a little, inside otherwise.
      const outside = fr < fw;
      const xc = trial(centroid, outside ? rho * psi : -psi);
      const fc = f(xc);
      if (fc < (outside ? fr : fw)) {
        simplex[worst] = xc;
        values[worst] = fc;
        continue;
      }
      // Shrink towards the best vertex.
      const b = simplex[order[0]];
      for (let k = 1; k <= n; k++) {
        const idx = order[k];
        simplex[idx] = simplex[idx].map((c, j) => b[j] + sigma * (c - b[j]));
        values[idx] = f(simplex[idx]);
      }
    }
    let bi = 0;
    for (let k = 1; k <= n; k++) if (values[k] < values[bi]) bi = k;
    const improved = values[bi] < bestF - relTol * (Math.abs(bestF) + relTol);
    if (values[bi] <= bestF) {
      best = simplex[bi].slice();
      bestF = values[bi];
    }
    if (round > 0 && !improved) break;
  }
  return { x: best, f: bestF, evals };
}
