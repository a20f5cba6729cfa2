// Pure rebate arithmetic (C8): tier step, over-achievement bonus on sales above the elastic
// target times the reward coefficient (C6), brand promotion fund, deductions.
import type { IncentivePolicy } from '../../../shared/schemas/incentives.js';
import { applyBp, mulDiv, tierByCode, toBp } from '../incentives/policy.rules.js';

export interface ElasticTarget {
  adjustedTargetFen: number;
  /** the reward coefficient on bonus-linked rebates, in basis points (10000 = 1.0) */
  coefficientBp: number;
  reason: string | null;
}

/**
 * C6: when the region's demand index (this period / same period last year) is below 0.9, the
 * target becomes target x max(0.7, index) and the reward coefficient follows the same factor.
 * Kept here (and not imported from evaluation) so rebates compile whether or not issue 6 has
 * landed; `targets.seam.ts` prefers the evaluation's stored adjustment when one exists.
 */
export function elasticTarget(targetFen: number, demandIndex: number | null): ElasticTarget {
  if (demandIndex === null || demandIndex >= 0.9) return { adjustedTargetFen: targetFen, coefficientBp: 10_000, reason: null };
  const factorBp = Math.max(7_000, Math.round(demandIndex * 10_000));
  return {
    adjustedTargetFen: applyBp(targetFen, factorBp),
    coefficientBp: factorBp,
    reason: `市场需求指数 ${demandIndex.toFixed(2)} 同比下降超过10%，目标 x ${(factorBp / 10_000).toFixed(2)}`,
  };
}

export interface RebateInput {
  tier: string;
  qualifyingSalesFen: number;
  /** the period target; null when none is set (no bonus then) */
  targetFen: number | null;
  adjustedTargetFen: number | null;
  coefficientBp: number;
  /** grade-driven rate steps from evaluation (C6), added to the tier's rate */
  rateAdjustmentBp?: number;
  deductionsFen: number;
}

export interface RebateFigures {
  rateBp: number;
  rebateFen: number;
  bonusFen: number;
  brandFundFen: number;
  /** deductions actually applied: never more than the gross rebate (a statement is never negative) */
  deductionsFen: number;
  totalFen: number;
}

export function computeRebate(policy: IncentivePolicy, input: RebateInput): RebateFigures {
  const sales = Math.max(0, input.qualifyingSalesFen);
  const rateBp = Math.max(0, toBp(tierByCode(policy, input.tier).rebateRate) + (input.rateAdjustmentBp ?? 0));
  const rebateFen = applyBp(sales, rateBp);
  const excess = input.adjustedTargetFen === null ? 0 : Math.max(0, sales - input.adjustedTargetFen);
  // One rounding for rate x coefficient, so the bonus is exact to the fen.
  const bonusFen = mulDiv(excess, toBp(policy.overAchievementRate) * input.coefficientBp, 100_000_000);
  const brandFundFen = policy.brandFund.tiers.includes(input.tier) ? applyBp(sales, toBp(policy.brandFund.rate)) : 0;
  const gross = rebateFen + bonusFen + brandFundFen;
  const deductionsFen = Math.min(gross, Math.max(0, input.deductionsFen));
  return { rateBp, rebateFen, bonusFen, brandFundFen, deductionsFen, totalFen: gross - deductionsFen };
}

/** Statement state machine: draft -> approved -> paid; nothing leaves paid. */
export const STATEMENT_TRANSITIONS: Record<string, string[]> = { draft: ['approved'], approved: ['paid'], paid: [] };
