// The seam to evaluation (issue 6): targets, market demand indices and grade-driven rebate-rate
// steps live in its tables; rebates, points and star dealers only read them, here, so a change
// there touches one file. No foreign keys either way (0009 never references 0008's tables).
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { elasticTarget as elasticRule } from '../evaluation/targets.rules.js';
import { monthsOf, periodRange, toBp } from '../incentives/policy.rules.js';
import type { ElasticTarget } from './rebates.rules.js';

/**
 * Targets of a period per dealer: a target set for exactly that period, else the sum of the
 * quarter or month targets inside it (a year of monthly targets is a yearly target).
 */
export async function targetsFor(db: Database, dealerIds: string[], period: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (dealerIds.length === 0) return out;
  const months = monthsOf(period);
  const quarters = period.length === 4 ? [1, 2, 3, 4].map((q) => `${period}-Q${q}`) : [];
  const rows = await db
    .selectFrom('targets')
    .select(['dealer_id', 'period', 'target_fen'])
    .where('period', 'in', [period, ...months, ...quarters])
    .execute();
  const byDealer = new Map<string, { exact?: number; quarters: number; months: number; hasQ: boolean; hasM: boolean }>();
  const wanted = new Set(dealerIds);
  for (const r of rows) {
    if (!wanted.has(r.dealer_id)) continue;
    const entry = byDealer.get(r.dealer_id) ?? byDealer.set(r.dealer_id, { quarters: 0, months: 0, hasQ: false, hasM: false }).get(r.dealer_id)!;
    const fen = Number(r.target_fen);
    if (r.period === period) entry.exact = fen;
    else if (r.period.includes('Q')) {
      entry.quarters += fen;
      entry.hasQ = true;
    } else {
      entry.months += fen;
      entry.hasM = true;
    }
  }
  for (const [dealerId, e] of byDealer) {
    const value = e.exact ?? (e.hasQ ? e.quarters : e.hasM ? e.months : undefined);
    if (value !== undefined) out.set(dealerId, value);
  }
  return out;
}

/** The demand index of each dealer's first territory region (or its nearest ancestor) for the period. */
export async function demandIndicesFor(db: Database, dealerIds: string[], period: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (dealerIds.length === 0) return out;
  const [territories, indices] = await Promise.all([
    db.selectFrom('dealer_territories').select(['dealer_id', sql<string>`min(region_code)`.as('region_code')]).groupBy('dealer_id').execute(),
    db.selectFrom('market_indices').select(['region_code', 'demand_index']).where('period', '=', period).execute(),
  ]);
  const byRegion = new Map(indices.map((i) => [i.region_code, Number(i.demand_index)]));
  const wanted = new Set(dealerIds);
  for (const t of territories) {
    if (!wanted.has(t.dealer_id)) continue;
    const code = t.region_code;
    for (const candidate of [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) {
      const index = byRegion.get(candidate);
      if (index !== undefined) {
        out.set(t.dealer_id, index);
        break;
      }
    }
  }
  return out;
}

/** C6 elastic target through evaluation's own rule, in the basis points rebates compute with. */
export function elasticTarget(targetFen: number, demandIndex: number | null): ElasticTarget {
  const e = elasticRule(targetFen, demandIndex);
  return { adjustedTargetFen: e.adjustedTargetFen, coefficientBp: toBp(e.rewardCoefficient), reason: e.reason };
}

/** Grade-driven rebate-rate steps (approved evaluation proposals) in force by the period's end, in bp. */
export async function rateAdjustmentsFor(db: Database, dealerIds: string[], period: string): Promise<Map<string, number>> {
  if (dealerIds.length === 0) return new Map();
  const end = periodRange(period).to;
  const rows = await db.selectFrom('dealer_rebate_adjustments').select(['dealer_id', 'effective_period', 'delta_bp']).execute();
  const wanted = new Set(dealerIds);
  const out = new Map<string, number>();
  for (const r of rows) {
    if (!wanted.has(r.dealer_id) || periodRange(r.effective_period).from > end) continue;
    out.set(r.dealer_id, (out.get(r.dealer_id) ?? 0) + Number(r.delta_bp));
  }
  return out;
}
