// Tiers (DOMAIN.md C8) and the grade-driven consequences of C6.
import type { EvaluationSettings, Grade } from './settings.rules.js';

export type TierRule = EvaluationSettings['tiers'][number];

/** The highest tier whose minimum annual sales and coverage are both met (tiers ascending). */
export function tierFor(annualSalesFen: number, coverage: number, tiers: TierRule[]): string {
  let reached = tiers[0]?.tier ?? 'bronze';
  for (const t of tiers) if (annualSalesFen >= t.minAnnualSalesFen && coverage >= t.minCoverage) reached = t.tier;
  return reached;
}

export interface NextTierGap {
  currentTier: string;
  nextTier: string | null;
  salesGapFen: number;
  coverageGap: number;
}

/** What a dealer still needs for the tier above the one its figures reach. */
export function nextTierGap(annualSalesFen: number, coverage: number, tiers: TierRule[]): NextTierGap {
  const currentTier = tierFor(annualSalesFen, coverage, tiers);
  const index = tiers.findIndex((t) => t.tier === currentTier);
  const next = tiers[index + 1];
  if (!next) return { currentTier, nextTier: null, salesGapFen: 0, coverageGap: 0 };
  return {
    currentTier,
    nextTier: next.tier,
    salesGapFen: Math.max(0, next.minAnnualSalesFen - annualSalesFen),
    coverageGap: Math.max(0, next.minCoverage - coverage),
  };
}

export interface Proposal {
  kind: 'rebate_rate' | 'credit_limit';
  currentValue: number;
  proposedValue: number;
}

/**
 * The changes a grade proposes: a rebate-rate step (basis points, added to the tier rate) and a credit
 * limit step (a share of the current limit, rounded to whole yuan, never below 0). No step, no
 * proposal.
 */
export function proposalsFor(grade: Grade, current: { rebateAdjustmentBp: number; creditLimitFen: number }, steps: EvaluationSettings['consequences']): Proposal[] {
  const out: Proposal[] = [];
  const rebateStep = steps.rebateStepBp[grade] ?? 0;
  if (rebateStep !== 0) {
    out.push({ kind: 'rebate_rate', currentValue: current.rebateAdjustmentBp, proposedValue: current.rebateAdjustmentBp + rebateStep });
  }
  const creditStep = steps.creditStepRatio[grade] ?? 0;
  if (creditStep !== 0 && current.creditLimitFen > 0) {
    const proposed = Math.max(0, Math.round((current.creditLimitFen * (1 + creditStep)) / 100) * 100);
    if (proposed !== current.creditLimitFen) out.push({ kind: 'credit_limit', currentValue: current.creditLimitFen, proposedValue: proposed });
  }
  return out;
}
