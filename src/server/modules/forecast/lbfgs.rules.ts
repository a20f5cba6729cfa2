// Quasi-Newton minimisers: L-BFGS for smooth unconstrained problems with an analytic gradient
// (the ETS likelihood, its parameters mapped to their bounds by a smooth transformation), and a
// projected BFGS for small box-constrained problems (HoltWinters' SSE over [0,1]^3, as R's
// L-BFGS-B solves it). Both treat a non-finite objective as "step too long" and back off.

export type Vec = number[];
export type ValueAndGradient = (x: Vec, grad: Vec) => number;

export interface LbfgsOptions {
  maxIter?: number;
  /** Stop when the largest gradient component falls below this. */
  gradTol?: number;
  /** Stop when an iteration improves the objective by less than relTol * (|f| + relTol). */
  relTol?: number;
  /** History length. */
  memory?: number;
}

export interface LbfgsResult {
  x: Vec;
  f: number;
  evals: number;
  iterations: number;
}

const dot = (a: Vec, b: Vec): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * An L-BFGS run that can be advanced in slices: several starts can each take a few iterations,
 * and the most promising one then continues with its curvature history intact.
 */
export class Lbfgs {
  x: Vec;
  f: number;
  evals = 1;
  iterations = 0;
  /** Converged, failed to descend, or started at a non-finite value. */
  done = false;
  private g: Vec;
  private xn: Vec;
  private gn: Vec;
  private readonly d: Vec;
  private readonly S: Vec[] = [];
  private readonly Y: Vec[] = [];
  private readonly rho: number[];
  private readonly alphas: number[];
  private head = 0;
  private count = 0;
  private stall = 0;
  private readonly n: number;
  private readonly gradTol: number;
  private readonly relTol: number;
  private readonly mem: number;

  constructor(
    private readonly fg: ValueAndGradient,
    x0: ArrayLike<number>,
    options: LbfgsOptions = {},
  ) {
    const n = x0.length;
    this.n = n;
    this.gradTol = options.gradTol ?? 1e-7;
    this.relTol = options.relTol ?? 1e-10;
    this.mem = options.memory ?? 8;
    // Plain arrays: allocating typed arrays costs microseconds each, more than the work here.
    this.x = Array.from(x0);
    this.g = this.zeros();
    this.xn = this.zeros();
    this.gn = this.zeros();
    this.d = this.zeros();
    this.rho = new Array<number>(this.mem).fill(0);
    this.alphas = new Array<number>(this.mem).fill(0);
    this.f = fg(this.x, this.g);
    if (!Number.isFinite(this.f)) this.done = true;
  }

  private zeros(): Vec {
    return new Array<number>(this.n).fill(0);
  }

  private slot(j: number): number {
    return (this.head + j) % this.mem;
  }

  /** Runs up to `maxIter` more iterations (fewer when it converges). */
  run(maxIter: number): this {
    const { n, d, alphas, rho, S, Y, mem } = this;
    for (let it = 0; it < maxIter && !this.done; it++, this.iterations++) {
      const g = this.g;
      let gmax = 0;
      for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]));
      if (gmax < this.gradTol) {
        this.done = true;
        break;
      }
      // Two-loop recursion: d = -H g.
      for (let i = 0; i < n; i++) d[i] = -g[i];
      const k = this.count;
      for (let j = k - 1; j >= 0; j--) {
        const q = this.slot(j);
        alphas[j] = rho[q] * dot(S[q], d);
        const y = Y[q];
        for (let i = 0; i < n; i++) d[i] -= alphas[j] * y[i];
      }
      if (k > 0) {
        const q = this.slot(k - 1);
        const gammaScale = dot(S[q], Y[q]) / dot(Y[q], Y[q]);
        for (let i = 0; i < n; i++) d[i] *= gammaScale;
      } else {
        // First step: a unit-length move in the steepest direction.
        const norm = Math.sqrt(dot(g, g));
        for (let i = 0; i < n; i++) d[i] /= Math.max(norm, 1e-12);
      }
      for (let j = 0; j < k; j++) {
        const q = this.slot(j);
        const beta = rho[q] * dot(Y[q], d);
        const s = S[q];
        for (let i = 0; i < n; i++) d[i] += (alphas[j] - beta) * s[i];
      }
      let slope = dot(g, d);
      if (!(slope < 0)) {
        // Not a descent direction: drop the history and go downhill.
        this.count = 0;
        const norm = Math.sqrt(dot(g, g));
        for (let i = 0; i < n; i++) d[i] = -g[i] / Math.max(norm, 1e-12);
        slope = dot(g, d);
      }
      // Backtracking line search (Armijo), quadratic interpolation of the step when the value is
      // finite, quartering it otherwise; BFGS corrects the scale of the next direction.
      const x = this.x;
      const xn = this.xn;
      const gn = this.gn;
      let t = 1;
      let fn = Infinity;
      let accepted = false;
      for (let ls = 0; ls < 40; ls++) {
        for (let i = 0; i < n; i++) xn[i] = x[i] + t * d[i];
        fn = this.fg(xn, gn);
        this.evals++;
        if (Number.isFinite(fn) && fn <= this.f + 1e-4 * t * slope) {
          accepted = true;
          break;
        }
        if (Number.isFinite(fn)) {
          const tq = (-slope * t * t) / (2 * (fn - this.f - slope * t));
          t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
        } else {
          t *= 0.25;
        }
      }
      if (!accepted) {
        this.done = true;
        break;
      }
      const q = this.count < mem ? this.slot(this.count) : this.head;
      if (!S[q]) {
        S[q] = this.zeros();
        Y[q] = this.zeros();
      }
      const s = S[q];
      const y = Y[q];
      for (let i = 0; i < n; i++) {
        s[i] = xn[i] - x[i];
        y[i] = gn[i] - g[i];
      }
      const sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        rho[q] = 1 / sy;
        if (this.count < mem) this.count++;
        else this.head = (this.head + 1) % mem;
      } else if (this.count === mem) {
        // The rejected pair overwrote the oldest one: drop it.
        this.head = (this.head + 1) % mem;
        this.count--;
      }
      const improvement = this.f - fn;
      this.x = xn;
      this.xn = x;
      this.g = gn;
      this.gn = g;
      this.f = fn;
      if (improvement <= this.relTol * (Math.abs(fn) + this.relTol)) {
        if (++this.stall >= 3) this.done = true;
      } else this.stall = 0;
    }
    return this;
  }
}

export function lbfgs(fg: ValueAndGradient, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const r = new Lbfgs(fg, x0, options).run(options.maxIter ?? 200);
  return { x: r.x, f: r.f, evals: r.evals, iterations: r.iterations };
}

export interface BoxOptions {
  maxIter?: number;
  relTol?: number;
  /** Finite-difference step for the numerical gradient. */
  h?: number;
}

/**
 * Minimises f over the box [lower, upper] by projected BFGS with a numerical (central) gradient:
 * variables at a bound whose gradient pushes outwards are held, the rest take a quasi-Newton step,
 * and the step is projected back into the box and shortened until it decreases f enough.
 */
export function boxMinimize(f: (x: number[]) => number, x0: number[], lower: number[], upper: number[], options: BoxOptions = {}): { x: number[]; f: number; evals: number } {
  const n = x0.length;
  const maxIter = options.maxIter ?? 500;
  const relTol = options.relTol ?? 1e-13;
  const h = options.h ?? 1e-7;
  let evals = 0;
  const fv = (x: number[]): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const clamp = (x: number[]): number[] => x.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  const grad = (x: number[]): number[] =>
    x.map((_, i) => {
      const lo = Math.max(lower[i], x[i] - h);
      const hi = Math.min(upper[i], x[i] + h);
      const a = x.slice();
      const b = x.slice();
      a[i] = lo;
      b[i] = hi;
      return (fv(b) - fv(a)) / (hi - lo);
    });
  let x = clamp(x0);
  let fx = fv(x);
  let g = grad(x);
  // Inverse Hessian approximation (dense; n is tiny here).
  const identity = (scale: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
  let H = identity(0.1 / Math.max(1e-12, Math.max(...g.map(Math.abs))));
  let stall = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const eps = 1e-10;
    const free = x.map((v, i) => !((v <= lower[i] + eps && g[i] > 0) || (v >= upper[i] - eps && g[i] < 0)));
    const pg = Math.max(0, ...g.map((v, i) => (free[i] ? Math.abs(v) : 0)));
    if (pg < 1e-10 * (Math.abs(fx) + 1)) break;
    let d = x.map((_, i) => (free[i] ? -H[i].reduce((s, hij, j) => s + (free[j] ? hij * g[j] : 0), 0) : 0));
    let slope = d.reduce((s, di, i) => s + di * g[i], 0);
    if (!(slope < 0)) {
      H = identity(0.1 / Math.max(1e-12, pg));
      d = x.map((_, i) => (free[i] ? -H[i][i] * g[i] : 0));
      slope = d.reduce((s, di, i) => s + di * g[i], 0);
    }
    let t = 1;
    let xn = x;
    let fn = fx;
    let ok = false;
    for (let ls = 0; ls < 50; ls++) {
      xn = clamp(x.map((v, i) => v + t * d[i]));
      fn = fv(xn);
      const decrease = xn.reduce((s, v, i) => s + g[i] * (v - x[i]), 0);
      if (fn <= fx + 1e-4 * decrease) {
        ok = true;
        break;
      }
      t *= 0.5;
    }
    if (!ok) break;
    const gn = grad(xn);
    const s = xn.map((v, i) => v - x[i]);
    const y = gn.map((v, i) => v - g[i]);
    const sy = s.reduce((a, v, i) => a + v * y[i], 0);
    if (sy > 1e-14) {
      // BFGS update of the inverse Hessian.
      const Hy = H.map((row) => row.reduce((a, v, j) => a + v * y[j], 0));
      const yHy = y.reduce((a, v, i) => a + v * Hy[i], 0);
      H = H.map((row, i) => row.map((v, j) => v + ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy));
    }
    const improvement = fx - fn;
    x = xn;
    fx = fn;
    g = gn;
    if (improvement <= relTol * (Math.abs(fx) + relTol)) {
      if (++stall >= 3) break;
    } else stall = 0;
  }
  return { x, f: fx, evals };
}
