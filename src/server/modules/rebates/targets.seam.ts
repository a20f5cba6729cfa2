// The seam to evaluation (issue 6): targets, market demand indices, HQ's elastic rule and
// grade-driven rebate-rate steps are evaluation's; rebates, points and star dealers read them
// here, so a change there touches one file. Targets and elastic targets come from evaluation's
// service (targets.service.ts), so a rebate run, task points and an evaluation of the same period
// adjust the same target the same way. No foreign keys either way (0009 never references 0008's tables).
import type { Database } from '../../db/database.js';
import { elasticTargetsFor } from '../evaluation/targets.service.js';
import { toBp } from '../incentives/policy.rules.js';
import { parsePeriod } from '../../../shared/dates.js';

export interface RebateElasticTarget {
  targetFen: number;
  adjustedTargetFen: number;
  /** the reward coefficient on bonus-linked rebates, in basis points (10000 = 1.0) */
  coefficientBp: number;
  reason: string | null;
}

/** C6 elastic targets (HQ's saved rule) of the dealers that have a target, in the basis points rebates compute with. */
export async function elasticTargets(db: Database, dealerIds: string[], period: string): Promise<Map<string, RebateElasticTarget>> {
  const out = new Map<string, RebateElasticTarget>();
  if (dealerIds.length === 0) return out;
  for (const [id, e] of await elasticTargetsFor(db, dealerIds, period)) {
    out.set(id, { targetFen: e.targetFen, adjustedTargetFen: e.adjustedTargetFen, coefficientBp: toBp(e.rewardCoefficient), reason: e.reason });
  }
  return out;
}

/** Grade-driven rebate-rate steps (approved evaluation proposals) in force by the period's end, in bp. */
export async function rateAdjustmentsFor(db: Database, dealerIds: string[], period: string): Promise<Map<string, number>> {
  if (dealerIds.length === 0) return new Map();
  const end = parsePeriod(period).to;
  const rows = await db.selectFrom('dealer_rebate_adjustments').select(['dealer_id', 'effective_period', 'delta_bp']).execute();
  const wanted = new Set(dealerIds);
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!wanted.has(r.dealer_id) || parsePeriod(r.effective_period).from > end) continue;
    out.set(r.dealer_id, (out.get(r.dealer_id) ?? 0) + Number(r.delta_bp));
  }
  return out;
}
