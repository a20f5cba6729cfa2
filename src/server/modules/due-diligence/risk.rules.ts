// The due-diligence risk matrix (docs/rules.md, C2): score = likelihood x impact; bands low <= 4,
// medium 5-9, high 10-14, critical >= 15; the overall rating is the worst band found.
import { RISK_BANDS, type RiskBand } from '../../../shared/schemas/recruitment.js';

export interface RiskBands {
  /** Upper bounds (inclusive) of low, medium and high; anything above is critical. */
  lowMax: number;
  mediumMax: number;
  highMax: number;
}
export const DEFAULT_RISK_BANDS: RiskBands = { lowMax: 4, mediumMax: 9, highMax: 14 };

export function riskScore(likelihood: number, impact: number): number {
  if (!Number.isInteger(likelihood) || !Number.isInteger(impact) || likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5) {
    throw new RangeError('likelihood and impact are integers 1-5');
  }
  return likelihood * impact;
}

export function bandOf(score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskBand {
  if (score <= bands.lowMax) return 'low';
  if (score <= bands.mediumMax) return 'medium';
  if (score <= bands.highMax) return 'high';
  return 'critical';
}

export interface RiskSummary {
  rating: RiskBand;
  counts: Record<RiskBand, number>;
  /** grid[likelihood - 1][impact - 1]: how many findings sit in each cell of the 5x5 heat grid. */
  grid: number[][];
}

/** The overall rating (worst band; low when nothing was found), counts per band and the grid. */
export function summarizeRisk(findings: { likelihood: number; impact: number }[], bands: RiskBands = DEFAULT_RISK_BANDS): RiskSummary {
  const counts: Record<RiskBand, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  const grid = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  let worst = 0;
  for (const f of findings) {
    const band = bandOf(riskScore(f.likelihood, f.impact), bands);
    counts[band]++;
    grid[f.likelihood - 1][f.impact - 1]++;
    worst = Math.max(worst, RISK_BANDS.indexOf(band));
  }
  return { rating: RISK_BANDS[worst], counts, grid };
}
