// Start values of an ETS fit, as forecast::ets takes them (initparam, initstate), and the smooth
// map between unconstrained optimiser variables and the "usual" parameter region
//   alpha in [lo, hi], beta in [lo, alpha], gamma in [lo, 1 - alpha], phi in [phiLo, phiHi].

import { decompose, lineFit, trendFourierFit } from './decompose.rules.js';
import type { EtsSpec } from './ets.rules.js';

export const BOUNDS = { lo: 1e-4, hi: 0.9999, phiLo: 0.8, phiHi: 0.98 } as const;

export interface InitialStates {
  level: number;
  slope: number;
  /** m seasonal states, oldest first (entry j is used for observation j); empty without season. */
  seasons: number[];
}

/** forecast:::initstate: seasonal decomposition (or a trend + Fourier fit below three periods), then a line through the first max(10, 2m) adjusted values. */
export function initialStates(y: ArrayLike<number>, m: number, spec: EtsSpec): InitialStates {
  const n = y.length;
  let seasonal: Float64Array | null = null;
  let ysa: ArrayLike<number> = y;
  let seasons: number[] = [];
  let mm = 1;
  if (spec.season !== 'N') {
    mm = m;
    if (n < 3 * m) {
      const [a, b] = trendFourierFit(y, m);
      seasonal = Float64Array.from({ length: n }, (_, i) => (spec.season === 'A' ? y[i] - a - b * (i + 1) : y[i] / (a + b * (i + 1))));
    } else {
      seasonal = decompose(y, m, spec.season === 'A' ? 'additive' : 'multiplicative').seasonal;
    }
    // forecast keeps s_0..s_{m-2} = rev(seasonal[2:m]) and derives the oldest so that they sum to 0 (or m).
    let free = Array.from({ length: m - 1 }, (_, j) => seasonal![m - 1 - j]);
    if (spec.season === 'A') {
      ysa = Float64Array.from({ length: n }, (_, i) => y[i] - seasonal![i]);
    } else {
      free = free.map((s) => Math.max(s, 0.01));
      const sum = free.reduce((a, b) => a + b, 0);
      if (sum > m) free = free.map((s) => s / (sum + 0.01 * free.length));
      ysa = Float64Array.from({ length: n }, (_, i) => y[i] / Math.max(seasonal![i], 0.01));
    }
    const oldest = (spec.season === 'M' ? m : 0) - free.reduce((a, b) => a + b, 0);
    // free[j] is s_j (j = 0 most recent); oldest-first order: [s_{m-1}, s_{m-2}, ..., s_0].
    seasons = [oldest, ...free.slice().reverse()];
  }
  const maxn = Math.min(Math.max(10, 2 * mm), n);
  if (spec.trend === 'N') {
    let s = 0;
    for (let i = 0; i < maxn; i++) s += ysa[i];
    return { level: s / maxn, slope: 0, seasons };
  }
  const xs = Float64Array.from({ length: maxn }, (_, i) => i + 1);
  let [l0, b0] = lineFit(
    xs,
    Array.from({ length: maxn }, (_, i) => ysa[i]),
  );
  if (Math.abs(l0 + b0) < 1e-8) {
    l0 *= 1 + 1e-3;
    b0 *= 1 - 1e-3;
  }
  return { level: l0, slope: b0, seasons };
}

export interface SmoothingStart {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** forecast:::initparam with the default bounds. */
export function initialSmoothing(spec: EtsSpec, m: number): SmoothingStart {
  const { lo, hi, phiLo, phiHi } = BOUNDS;
  const mm = spec.season === 'N' ? 1 : m;
  let alpha = lo + (0.2 * (hi - lo)) / mm;
  if (alpha > 1 || alpha < 0) alpha = lo + 2e-3;
  let beta = lo + 0.1 * (Math.min(hi, alpha) - lo);
  if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  let gamma = lo + 0.05 * (Math.min(hi, 1 - alpha) - lo);
  if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
  const phi = phiLo + 0.99 * (phiHi - phiLo);
  return { alpha, beta, gamma, phi };
}

// Free variable u -> (0, 1) by the logistic function. (A sine map, flat only exactly at the
// bounds, was tried as well: it found worse optima on our validation series.)
const unit = (u: number): number => 1 / (1 + Math.exp(-u));
const unitDeriv = (u: number): number => {
  const s = unit(u);
  return s * (1 - s);
};
const unitInverse = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/** Layout of the output of smoothingFromFree. */
export const S_ALPHA = 0;
export const S_BETA = 1;
export const S_GAMMA = 2;
export const S_PHI = 3;
/** Jacobian factors: dAlpha/du1, dBeta/du1, dGamma/du1, dBeta/du2, dGamma/du3, dPhi/du4. */
export const S_JAC = 4;

/**
 * Unconstrained variables -> smoothing parameters inside the usual region, with the Jacobian
 * factors needed by the chain rule, written into `out` (length >= 10; allocation-free, as it runs
 * once per likelihood evaluation).
 */
export function smoothingFromFree(u: ArrayLike<number>, spec: EtsSpec, out: Float64Array): Float64Array {
  const { lo, hi, phiLo, phiHi } = BOUNDS;
  let k = 0;
  const u1 = u[k++];
  const s1 = unit(u1);
  const alpha = lo + (hi - lo) * s1;
  const dAlpha = (hi - lo) * unitDeriv(u1);
  let beta = 0;
  let s2 = 0;
  let dBeta = 0;
  if (spec.trend !== 'N') {
    const u2 = u[k++];
    s2 = unit(u2);
    beta = lo + (alpha - lo) * s2;
    dBeta = (alpha - lo) * unitDeriv(u2);
  }
  let gamma = 0;
  let s3 = 0;
  let dGamma = 0;
  if (spec.season !== 'N') {
    const u3 = u[k++];
    s3 = unit(u3);
    gamma = lo + (1 - alpha - lo) * s3;
    dGamma = (1 - alpha - lo) * unitDeriv(u3);
  }
  let phi = 1;
  let dPhi = 0;
  if (spec.trend === 'Ad') {
    const u4 = u[k++];
    phi = phiLo + (phiHi - phiLo) * unit(u4);
    dPhi = (phiHi - phiLo) * unitDeriv(u4);
  }
  out[S_ALPHA] = alpha;
  out[S_BETA] = beta;
  out[S_GAMMA] = gamma;
  out[S_PHI] = phi;
  out[S_JAC] = dAlpha;
  out[S_JAC + 1] = s2 * dAlpha;
  out[S_JAC + 2] = -s3 * dAlpha;
  out[S_JAC + 3] = dBeta;
  out[S_JAC + 4] = dGamma;
  out[S_JAC + 5] = dPhi;
  return out;
}

/** Inverse of smoothingFromFree for a start point inside the region. */
export function freeFromSmoothing(p: SmoothingStart, spec: EtsSpec): number[] {
  const { lo, hi, phiLo, phiHi } = BOUNDS;
  const u = [unitInverse((p.alpha - lo) / (hi - lo))];
  if (spec.trend !== 'N') u.push(unitInverse((p.beta - lo) / (p.alpha - lo)));
  if (spec.season !== 'N') u.push(unitInverse((p.gamma - lo) / (1 - p.alpha - lo)));
  if (spec.trend === 'Ad') u.push(unitInverse((p.phi - phiLo) / (phiHi - phiLo)));
  return u;
}

/** Number of smoothing parameters of a model. */
export function smoothingCount(spec: EtsSpec): number {
  return 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? 1 : 0) + (spec.trend === 'Ad' ? 1 : 0);
}
