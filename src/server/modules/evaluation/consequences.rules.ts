// The grade-driven consequences of C6 (rebate-rate and credit-limit steps). Tiers are not graded
// here: the incentive policy's ladder is (incentives/policy.rules.ts tierStanding).
import type { EvaluationSettings, Grade } from './settings.rules.js';

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
