// Pure rebate arithmetic (C8): tier step, over-achievement bonus on sales above the elastic
// target times the reward coefficient (C6, computed by evaluation: targets.seam.ts), brand
// promotion fund, deductions.
import type { IncentivePolicy } from '../../../shared/schemas/incentives.js';
import { applyBp, mulDiv, tierByCode, toBp } from '../incentives/policy.rules.js';

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
