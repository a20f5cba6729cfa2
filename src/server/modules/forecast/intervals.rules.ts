// Prediction intervals of ETS forecasts. Linear models with additive errors (Hyndman et al.'s
// class 1: ETS(A,N|A|Ad,N|A)) have exact Gaussian intervals: the h-step variance is
//   sigma^2 (1 + sum_{j=1}^{h-1} c_j^2),  c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0].
// Multiplicative-error models are simulated: 1000 sample paths from the fitted state with a seeded
// generator (so the same input always gives the same bands), quantiles per step.

import type { EtsFit } from './ets.fit.rules.js';
import { quantileSorted, seededRng } from './prng.rules.js';
import { inverseNormal } from '../../core/normal.rules.js';

export interface Bands {
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

export const SIMULATION_PATHS = 1000;
export const SIMULATION_SEED = 20240531;

const Z80 = inverseNormal(0.9);
const Z95 = inverseNormal(0.975);

/** Symmetric Gaussian bands around point forecasts with the given h-step standard deviations. */
export function gaussianBands(forecast: number[], sd: number[]): Bands {
  return {
    lower80: forecast.map((f, i) => f - Z80 * sd[i]),
    upper80: forecast.map((f, i) => f + Z80 * sd[i]),
    lower95: forecast.map((f, i) => f - Z95 * sd[i]),
    upper95: forecast.map((f, i) => f + Z95 * sd[i]),
  };
}

export function isLinearAdditive(fit: EtsFit): boolean {
  return fit.spec.error === 'A' && fit.spec.season !== 'M';
}

/** h-step forecast standard deviations of a class 1 model. */
export function class1Sd(fit: EtsFit, horizon: number): number[] {
  const { alpha, spec, m } = fit;
  const beta = spec.trend === 'N' ? 0 : fit.beta;
  const gamma = spec.season === 'N' ? 0 : fit.gamma;
  const phi = spec.trend === 'Ad' ? fit.phi : 1;
  const out: number[] = [];
  let acc = 1;
  let cumPhi = 0;
  let pw = 1;
  for (let h = 1; h <= horizon; h++) {
    out.push(Math.sqrt(fit.sigma2 * acc));
    // c_h, used from step h + 1 on.
    pw *= phi;
    cumPhi += pw;
    const c = alpha + beta * cumPhi + (spec.season !== 'N' && h % m === 0 ? gamma : 0);
    acc += c * c;
  }
  return out;
}

/** Quantile bands from simulated sample paths of the fitted model. */
export function simulatedBands(fit: EtsFit, horizon: number, paths = SIMULATION_PATHS, seed = SIMULATION_SEED): Bands {
  const rng = seededRng(seed);
  const { spec, alpha, m } = fit;
  const beta = spec.trend === 'N' ? 0 : fit.beta;
  const gamma = spec.season === 'N' ? 0 : fit.gamma;
  const phi = spec.trend === 'Ad' ? fit.phi : 1;
  const hasTrend = spec.trend !== 'N';
  const sType = spec.season;
  const mm = sType === 'N' ? 1 : m;
  const sigma = Math.sqrt(fit.sigma2);
  const draws = Array.from({ length: horizon }, () => new Float64Array(paths));
  // Errors by Latin hypercube sampling: at every step the paths share the `paths` normal
  // quantiles, in an independent seeded random order. Exact normal margins, less sampling noise
  // than plain draws, and no transcendental function per draw.
  const quantiles = new Float64Array(paths);
  for (let i = 0; i < paths; i++) quantiles[i] = sigma * inverseNormal((i + 0.5) / paths);
  const errors = Array.from({ length: horizon }, () => {
    const e = Float64Array.from(quantiles);
    for (let i = paths - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = e[i];
      e[i] = e[j];
      e[j] = t;
    }
    return e;
  });
  const seas = new Float64Array(mm);
  for (let p = 0; p < paths; p++) {
    let l = fit.state.level;
    let b = hasTrend ? fit.state.slope : 0;
    if (sType !== 'N') for (let j = 0; j < mm; j++) seas[j] = fit.state.seasons[j];
    for (let h = 0; h < horizon; h++) {
      const slot = h % mm;
      const so = sType === 'N' ? 0 : seas[slot];
      const q = l + phi * b;
      const mu = sType === 'N' ? q : sType === 'A' ? q + so : q * so;
      const e = errors[h][p];
      const y = spec.error === 'M' ? mu * (1 + e) : mu + e;
      draws[h][p] = y;
      const pAdj = sType === 'N' ? y : sType === 'A' ? y - so : so !== 0 ? y / so : q;
      const d = pAdj - q;
      const newL = q + alpha * d;
      b = hasTrend ? phi * b + beta * d : 0;
      if (sType === 'A') seas[slot] = so + gamma * (y - q - so);
      else if (sType === 'M') seas[slot] = so + gamma * (q !== 0 ? y / q - so : 0);
      l = newL;
    }
  }
  const out: Bands = { lower80: [], upper80: [], lower95: [], upper95: [] };
  for (let h = 0; h < horizon; h++) {
    const sorted = draws[h].sort();
    out.lower80.push(quantileSorted(sorted, 0.1));
    out.upper80.push(quantileSorted(sorted, 0.9));
    out.lower95.push(quantileSorted(sorted, 0.025));
    out.upper95.push(quantileSorted(sorted, 0.975));
  }
  return out;
}

/** Bands of an ETS fit: analytical for class 1, simulated otherwise. */
export function etsBands(fit: EtsFit, forecast: number[]): Bands {
  if (isLinearAdditive(fit)) return gaussianBands(forecast, class1Sd(fit, forecast.length));
  return simulatedBands(fit, forecast.length);
}
