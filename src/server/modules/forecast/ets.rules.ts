// State-space exponential smoothing (ETS, Hyndman et al. 2008) for the models with additive or
// multiplicative error, no / additive / additive-damped trend and no / additive / multiplicative
// seasonality. The recursions are those of R's forecast::etscalc, written in their "error
// correction" form, where one update serves both error types: with e = y - f,
//   l_t = q + alpha (p - q),  b_t = phi b + beta (p - q),  s_t = s_{t-m} + gamma (u - s_{t-m}),
// q = l + phi b, p = y - s or y / s, u = y - q or y / q (additive / multiplicative season).
// The error type only changes the likelihood:
//   additive:        J = n log(sum e_t^2)
//   multiplicative:  J = n log(sum (e_t / f_t)^2) + 2 sum log|f_t|
// (-2 log-likelihood up to a constant, exactly as forecast::ets). `objectiveGradient` gives dJ by
// reverse-mode differentiation of the recursion, so all parameters and initial states can be
// optimised together at the cost of about two passes over the data.

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

/**
 * Parameter vector layout used throughout: [alpha, beta, gamma, phi, l0, b0, s_0 .. s_{m-1}],
 * where s_j is the seasonal state used for observation j (oldest first). Entries a model does not
 * have are ignored.
 */
export const P_ALPHA = 0;
export const P_BETA = 1;
export const P_GAMMA = 2;
export const P_PHI = 3;
export const P_LEVEL = 4;
export const P_TREND = 5;
export const P_SEASON = 6;

export function modelName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** Holds the data and work arrays of one model, so repeated evaluations allocate nothing. */
export class EtsKernel {
  readonly n: number;
  /** Level, trend (n + 1 values: states before each observation and after the last). */
  readonly level: Float64Array;
  readonly slope: Float64Array;
  /** Seasonal states, n + m values: entry t is used for observation t. */
  readonly seasonal: Float64Array;
  /** One-step fitted values and residuals (relative residuals for multiplicative error). */
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  sse = 0;
  private readonly seasonAdj: Float64Array;
  /** Integer flags of the model, read in the hot loops (0 none, 1 additive, 2 multiplicative). */
  private readonly sCode: number;
  private readonly hasTrend: boolean;
  private readonly damped: boolean;
  private readonly multErr: boolean;

  constructor(
    readonly y: Float64Array,
    readonly m: number,
    readonly spec: EtsSpec,
  ) {
    const n = y.length;
    this.n = n;
    const mm = spec.season === 'N' ? 1 : m;
    this.level = new Float64Array(n + 1);
    this.slope = new Float64Array(n + 1);
    this.seasonal = new Float64Array(n + mm);
    this.fitted = new Float64Array(n);
    this.residuals = new Float64Array(n);
    this.seasonAdj = new Float64Array(n + mm);
    this.sCode = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
    this.hasTrend = spec.trend !== 'N';
    this.damped = spec.trend === 'Ad';
    this.multErr = spec.error === 'M';
  }

  /** Runs the recursion; returns J, or Infinity where the model is undefined (f <= 0 for multiplicative parts). */
  run(theta: ArrayLike<number>): number {
    const y = this.y;
    const n = this.n;
    const L = this.level;
    const B = this.slope;
    const S = this.seasonal;
    const F = this.fitted;
    const E = this.residuals;
    const m = this.m;
    const sCode = this.sCode;
    const hasTrend = this.hasTrend;
    const multErr = this.multErr;
    const phi = this.damped ? theta[P_PHI] : 1;
    const alpha = theta[P_ALPHA];
    const beta = hasTrend ? theta[P_BETA] : 0;
    const gamma = theta[P_GAMMA];
    L[0] = theta[P_LEVEL];
    B[0] = hasTrend ? theta[P_TREND] : 0;
    if (sCode !== 0) for (let j = 0; j < m; j++) S[j] = theta[P_SEASON + j];
    let sse = 0;
    // log|f| is summed as the log of running products (one log per ~16 steps instead of one per step).
    let logf = 0;
    let prod = 1;
    for (let t = 0; t < n; t++) {
      const yt = y[t];
      const phib = phi * B[t];
      const q = L[t] + phib;
      let f = q;
      let p = yt;
      let so = 0;
      if (sCode === 1) {
        so = S[t];
        f = q + so;
        p = yt - so;
      } else if (sCode === 2) {
        so = S[t];
        if (!(q > 0 && so > 0)) return Infinity;
        f = q * so;
        p = yt / so;
      }
      let e = yt - f;
      if (multErr) {
        // Relative error and log f. forecast's etscalc takes log|f| and so lets a fit "explain"
        // positive data with negative means; here a multiplicative-error model needs f > 0.
        if (!(f > 0)) return Infinity;
        e /= f;
        prod *= f;
        if ((t & 15) === 15) {
          logf += Math.log(prod);
          prod = 1;
        }
      }
      F[t] = f;
      E[t] = e;
      sse += e * e;
      const d = p - q;
      L[t + 1] = q + alpha * d;
      if (hasTrend) B[t + 1] = phib + beta * d;
      if (sCode === 1) S[t + m] = so + gamma * (yt - q - so);
      else if (sCode === 2) S[t + m] = so + gamma * (yt / q - so);
    }
    if (multErr) logf += Math.log(prod);
    this.sse = sse;
    if (!(sse > 0)) return sse === 0 ? -1e10 : Infinity;
    const J = n * Math.log(sse) + (multErr ? 2 * logf : 0);
    return Number.isFinite(J) ? Math.max(J, -1e10) : Infinity;
  }

  /** J and dJ/dtheta (same layout as theta, length 6 + m). */
  objectiveGradient(theta: ArrayLike<number>, grad: Float64Array): number {
    const J = this.run(theta);
    grad.fill(0);
    if (!Number.isFinite(J) || J <= -1e10) return J;
    const y = this.y;
    const n = this.n;
    const L = this.level;
    const B = this.slope;
    const S = this.seasonal;
    const E = this.residuals;
    const F = this.fitted;
    const m = this.m;
    const sCode = this.sCode;
    const hasTrend = this.hasTrend;
    const damped = this.damped;
    const multErr = this.multErr;
    const phi = damped ? theta[P_PHI] : 1;
    const alpha = theta[P_ALPHA];
    const beta = hasTrend ? theta[P_BETA] : 0;
    const gamma = theta[P_GAMMA];
    const SB = this.seasonAdj;
    if (sCode !== 0) SB.fill(0);
    const K = (2 * n) / this.sse;
    // Adjoints of the states after step t (level, trend), accumulated backwards.
    let aL = 0;
    let aB = 0;
    let ga = 0;
    let gb = 0;
    let gg = 0;
    let gp = 0;
    for (let t = n - 1; t >= 0; t--) {
      const yt = y[t];
      const bo = B[t];
      const q = L[t] + phi * bo;
      const f = F[t];
      let so = 0;
      let p = yt;
      if (sCode === 1) {
        so = S[t];
        p = yt - so;
      } else if (sCode === 2) {
        so = S[t];
        p = yt / so;
      }
      const d = p - q;
      let aq = aL;
      let ad = alpha * aL;
      ga += d * aL;
      let aphib = 0;
      if (hasTrend) {
        aphib = aB;
        ad += beta * aB;
        gb += d * aB;
      }
      let aso = 0;
      if (sCode !== 0) {
        const aS1 = SB[t + m];
        aso = (1 - gamma) * aS1;
        const att = gamma * aS1;
        if (sCode === 1) {
          gg += (yt - q - so) * aS1;
          aq -= att;
        } else {
          gg += (yt / q - so) * aS1;
          aq -= (yt / (q * q)) * att;
        }
      }
      aq -= ad;
      if (sCode === 1) aso -= ad;
      else if (sCode === 2) aso -= (yt / (so * so)) * ad;
      const ae = K * E[t];
      const af = multErr ? (-yt / (f * f)) * ae + 2 / f : -ae;
      if (sCode === 0) aq += af;
      else if (sCode === 1) {
        aq += af;
        aso += af;
      } else {
        aq += so * af;
        aso += q * af;
      }
      aphib += aq;
      if (damped) gp += bo * aphib;
      aB = hasTrend ? phi * aphib : 0;
      aL = aq;
      if (sCode !== 0) SB[t] += aso;
    }
    grad[P_ALPHA] = ga;
    grad[P_BETA] = gb;
    grad[P_GAMMA] = gg;
    grad[P_PHI] = gp;
    grad[P_LEVEL] = aL;
    grad[P_TREND] = aB;
    if (sCode !== 0) for (let j = 0; j < m; j++) grad[P_SEASON + j] = SB[j];
    return J;
  }
}

export interface EtsFinalState {
  level: number;
  slope: number;
  /** The last m seasonal states, seasons[j] applies to the (j+1)-th step ahead (and every m after). */
  seasons: number[];
}

/** The state after the last observation of a kernel that has just been run. */
export function finalState(kernel: EtsKernel): EtsFinalState {
  const n = kernel.n;
  const seasons = kernel.spec.season === 'N' ? [] : Array.from(kernel.seasonal.subarray(n, n + kernel.m));
  return { level: kernel.level[n], slope: kernel.slope[n], seasons };
}

/** Point forecasts h = 1..horizon from a state (forecast::etsforecast). */
export function etsPointForecast(spec: EtsSpec, state: EtsFinalState, phi: number, horizon: number): number[] {
  const out: number[] = [];
  const ph = spec.trend === 'Ad' ? phi : 1;
  let cum = 0;
  let pw = 1;
  for (let h = 1; h <= horizon; h++) {
    pw *= ph;
    cum += pw;
    const q = state.level + (spec.trend === 'N' ? 0 : cum * state.slope);
    const s = spec.season === 'N' ? 0 : state.seasons[(h - 1) % state.seasons.length];
    out.push(spec.season === 'N' ? q : spec.season === 'A' ? q + s : q * s);
  }
  return out;
}
