// C6 -> C8 consequences: grade-driven proposals applied on approval, and yearly tier re-grading
// with what a dealer needs for the next tier.
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type Page, type PageRequest } from '../../core/list.js';
import type { EvaluationProposal } from '../../../shared/schemas/index.js';
import type { EvaluationProposalsTable } from '../../db/types.js';
import { tierStandings } from '../incentives/tiers.service.js';
import * as repo from './evaluation.repo.js';
import { businessDate } from '../../../shared/dates.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

const offsetOf = (page: PageRequest) => (page.after ? Number(page.after) || 0 : 0);

const toProposal = (r: EvaluationProposalsTable & { code: string; name: string }): EvaluationProposal => ({
  id: r.id,
  evaluationId: r.evaluation_id,
  dealerId: r.dealer_id,
  dealerCode: r.code,
  dealerName: r.name,
  period: r.period,
  kind: r.kind as EvaluationProposal['kind'],
  grade: r.grade,
  currentValue: Number(r.current_value),
  proposedValue: Number(r.proposed_value),
  status: r.status as EvaluationProposal['status'],
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  note: r.note,
  createdAt: r.created_at,
});

export async function listProposals(ctx: ServiceContext, filter: { status?: string; dealerId?: string }, page: PageRequest): Promise<Page<EvaluationProposal>> {
  let query = ctx.db
    .selectFrom('evaluation_proposals as p')
    .innerJoin('dealers as d', 'd.id', 'p.dealer_id')
    .selectAll('p')
    .select(['d.code', 'd.name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'p.dealer_id'))
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id');
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.dealerId) query = query.where('p.dealer_id', '=', filter.dealerId);
  const offset = offsetOf(page);
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  return { items: (more ? rows.slice(0, page.limit) : rows).map(toProposal), nextCursor: more ? encodeCursor(String(offset + page.limit)) : null };
}

/** Approve applies the step (rebate adjustment row or new credit limit); reject records why. */
export async function decideProposal(ctx: ServiceContext, id: string, decision: 'approve' | 'reject', note?: string): Promise<EvaluationProposal> {
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('evaluation_proposals')
      .selectAll()
      .where('id', '=', id)
      .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealer_id'))
      .executeTakeFirst();
    if (!p) throw notFound(`Proposal ${id}`);
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const updated = await trx
      .updateTable('evaluation_proposals')
      .set({ status, decided_by: ctx.caller.name, decided_at: now, note: note ?? null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', `The proposal is ${p.status}, not pending`);
    let applied: Record<string, unknown> = {};
    if (decision === 'approve' && p.kind === 'rebate_rate') {
      const delta = Number(p.proposed_value) - Number(p.current_value);
      await trx
        .insertInto('dealer_rebate_adjustments')
        .values({ id: newId('dra'), dealer_id: p.dealer_id, delta_bp: delta, effective_period: p.period, proposal_id: p.id, created_at: now })
        .execute();
      applied = { rebateDeltaBp: delta };
    } else if (decision === 'approve' && p.kind === 'credit_limit') {
      const dealer = await trx.selectFrom('dealers').select('credit_limit_fen').where('id', '=', p.dealer_id).executeTakeFirstOrThrow();
      await trx
        .updateTable('dealers')
        .set({ credit_limit_fen: Number(p.proposed_value), updated_at: now })
        .where('id', '=', p.dealer_id)
        .execute();
      applied = { creditLimitFen: { from: Number(dealer.credit_limit_fen), to: Number(p.proposed_value) } };
    }
    await appendAudit(trx, ctx, {
      action: `evaluation_proposal.${status}`,
      entityType: 'evaluation_proposal',
      entityId: id,
      change: { dealerId: p.dealer_id, kind: p.kind, period: p.period, note: note ?? null, ...applied },
    });
  });
  const row = await ctx.db
    .selectFrom('evaluation_proposals as p')
    .innerJoin('dealers as d', 'd.id', 'p.dealer_id')
    .selectAll('p')
    .select(['d.code', 'd.name'])
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow();
  return toProposal(row);
}

/**
 * Re-grades every active dealer's tier for a year on the incentive policy's ladder, with the same
 * standing tier progress and "my incentives" show (incentives/tiers.service.ts); a re-run replaces
 * the year's review.
 */
export async function regradeTiers(ctx: ServiceContext, year: string): Promise<{ year: string; reviewed: number; changed: number }> {
  const dealers = await repo.dealersToEvaluate(ctx.db);
  const standings = await tierStandings(
    ctx.db,
    year,
    businessDate(ctx.clock.now()),
    dealers.map((d) => d.id),
  );
  const now = ctx.clock.now().toISOString();
  let changed = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of dealers) {
      const s = standings.get(d.id);
      const to = s.reached.code;
      await trx.deleteFrom('tier_reviews').where('dealer_id', '=', d.id).where('year', '=', year).execute();
      await trx
        .insertInto('tier_reviews')
        .values({ dealer_id: d.id, year, from_tier: d.tier, to_tier: to, annual_sales_fen: s.annualSalesFen, coverage: s.coverage, reviewed_by: ctx.caller.name, reviewed_at: now })
        .execute();
      if (to !== d.tier) {
        changed++;
        await trx.updateTable('dealers').set({ tier: to, updated_at: now }).where('id', '=', d.id).execute();
        await appendAudit(trx, ctx, {
          action: 'dealer.tier',
          entityType: 'dealer',
          entityId: d.id,
          change: { year, from: d.tier, to, annualSalesFen: s.annualSalesFen, coverage: s.coverage, policyVersion: standings.version.version, window: { from: standings.from, to: standings.to } },
        });
      }
    }
  });
  return { year, reviewed: dealers.length, changed };
}

/** Where a dealer stands on the policy ladder for a year (the current year by default). */
export async function tierProgress(ctx: ServiceContext, dealerId: string, year?: string) {
  const dealer = await visibleDealerOr404(ctx, dealerId);
  const today = businessDate(ctx.clock.now());
  const standings = await tierStandings(ctx.db, year ?? today.slice(0, 4), today, [dealerId]);
  const s = standings.get(dealerId);
  return {
    dealerId,
    year: standings.year,
    tier: dealer.tier,
    reachedTier: s.reached.code,
    annualSalesFen: s.annualSalesFen,
    coverage: s.coverage,
    nextTier: s.next?.code ?? null,
    salesGapFen: s.salesGapFen,
    coverageGap: s.coverageGap,
    from: standings.from,
    to: standings.to,
    policyVersion: standings.version.version,
    tiers: standings.ladder.map((t) => ({ tier: t.code, name: t.name, minAnnualSalesFen: t.minAnnualSalesFen, minCoverage: t.minCoverage, rebateRate: t.rebateRate })),
  };
}
