// Automatic ETS: fit every admissible model and keep the one with the smallest AICc, as
// forecast::ets(y) does with its defaults (no multiplicative trend; no additive error with
// multiplicative season; multiplicative parts only for strictly positive data).

import { fitEts } from './ets.fit.rules.js';
import type { EtsFit, FitOptions } from './ets.fit.rules.js';
import type { EtsSpec, SeasonType, TrendType } from './ets.rules.js';

/** forecast::ets ignores seasonality above this frequency (the service deseasonalises such series first). */
export const MAX_ETS_SEASON = 24;

/** Seasonal models need two full seasons and a few points more: each seasonal state is then seen at least twice. */
export function seasonalAllowed(n: number, m: number): boolean {
  return m >= 2 && m <= MAX_ETS_SEASON && n >= 2 * m + 2;
}

export interface CandidateOptions {
  /** Restrict to these seasonal types (default: all that apply). */
  seasons?: SeasonType[];
  trends?: TrendType[];
}

export function candidateSpecs(y: ArrayLike<number>, m: number, options: CandidateOptions = {}): EtsSpec[] {
  let positive = y.length > 0;
  for (let i = 0; i < y.length; i++) if (!(y[i] > 0)) positive = false;
  const seasons: SeasonType[] = options.seasons ?? (seasonalAllowed(y.length, m) ? ['N', 'A', 'M'] : ['N']);
  const trends: TrendType[] = options.trends ?? ['N', 'A', 'Ad'];
  const out: EtsSpec[] = [];
  // Additive errors first: their optima seed the multiplicative-error fits of the same structure.
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of trends) {
      for (const season of seasons) {
        if (season === 'M' && (!positive || error === 'A')) continue;
        out.push({ error, trend, season });
      }
    }
  }
  return out;
}

export interface AutoEtsResult {
  best: EtsFit;
  fits: EtsFit[];
}

export function autoEts(y: ArrayLike<number>, m: number, options: CandidateOptions & FitOptions = {}): AutoEtsResult | null {
  const fits: EtsFit[] = [];
  let best: EtsFit | null = null;
  for (const spec of candidateSpecs(y, m, options)) {
    const warmStarts = spec.error === 'M' ? fits.filter((f) => f.spec.trend === spec.trend && f.spec.season === spec.season) : [];
    const fit = fitEts(y, m, spec, { ...options, warmStarts });
    if (!fit || !Number.isFinite(fit.aicc)) continue;
    fits.push(fit);
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  return best ? { best, fits } : null;
}
