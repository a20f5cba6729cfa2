// The pipeline board: moves, decisions, history, rankings (docs/rules.md, C1-C3).
import {
  OPEN_PROSPECT_STAGES,
  SUCCESSOR_PROSPECT_STAGES,
  type Decision,
  type DecisionBody,
  type Prospect,
  type ProspectEvent,
  type ProspectMove,
  type ProspectStage,
  type RankedProspect,
} from '../../../shared/schemas/index.js';
import type { ProspectsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { requirePermission } from '../../core/access.js';
import { AppError, invalid } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { isClosedStatus } from '../due-diligence/checklists.js';
import { checklistItemsOf } from '../due-diligence/due-diligence.service.js';
import * as repo from './prospects.repo.js';
import { canMoveProspect, isTerminalStage } from './prospects.rules.js';
import { getProspect, loadProspect, parseJson, prospectScopeOf } from './prospects.service.js';
import { invalidTransition, recordStage } from './stages.js';

/** The conditions to leave a stage forwards: a passed screening; completed due diligence. */
async function checkGate(ctx: ServiceContext, row: ProspectsTable, to: ProspectStage) {
  if (row.stage === 'screening' && to === 'due_diligence' && row.screening_passed !== 1) {
    const detail =
      row.screening_total_centi === null
        ? `Prospect ${row.number} has not been screened yet`
        : `The latest screening of prospect ${row.number} did not pass (total ${row.screening_total_centi / 100}${row.screening_knocked_out === 1 ? ', knocked out' : ''})`;
    throw new AppError('BUSINESS_RULE', detail);
  }
  if (row.stage === 'due_diligence' && to === 'decision') {
    const open = (await checklistItemsOf(ctx.db, row.id)).filter((i) => !isClosedStatus(i.status)).map((i) => i.code);
    if (open.length) {
      throw new AppError('BUSINESS_RULE', `Due diligence of prospect ${row.number} is not complete: ${open.length} checklist item(s) open (${open.join(', ')})`, undefined, { openItems: open });
    }
  }
}

const cleared = { decision: null, decision_reasons: null, decided_by: null, decided_at: null } satisfies Partial<ProspectsTable>;

/** A move on the pipeline board (who, when, why). Rejecting and reopening are HQ decisions. */
export async function transitionProspect(ctx: ServiceContext, id: string, to: ProspectStage, reason: string): Promise<Prospect> {
  const row = await loadProspect(ctx, id);
  const from = row.stage as ProspectStage;
  if (to === 'converted') throw invalidTransition(from, to, ': conversion needs a contract (POST /api/v1/prospects/{id}/convert)');
  if (!canMoveProspect(from, to)) throw invalidTransition(from, to);
  if (to === 'rejected') return decideProspect(ctx, id, { decision: 'reject', reasons: reason });
  if (from === 'rejected') requirePermission(ctx.caller, 'prospects.decide');
  await checkGate(ctx, row, to);
  await ctx.db.transaction().execute(async (trx) => {
    // Going back (or reopening) withdraws a decision taken on the earlier evidence.
    await recordStage(trx, ctx, row, to, reason, to === 'new' || to === 'due_diligence' ? cleared : {});
    await appendAudit(trx, ctx, { action: 'prospect.transition', entityType: 'prospect', entityId: id, change: { from, to, reason } });
  });
  return getProspect(ctx, id);
}

/** Approve / approve with conditions after due diligence; reject at any open stage (C2). */
export async function decideProspect(ctx: ServiceContext, id: string, body: DecisionBody): Promise<Prospect> {
  const row = await loadProspect(ctx, id);
  requirePermission(ctx.caller, 'prospects.decide');
  const from = row.stage as ProspectStage;
  const reasons = (Array.isArray(body.reasons) ? body.reasons : [body.reasons]).map((r) => r.trim()).filter(Boolean);
  if (reasons.length === 0) throw invalid('/reasons', 'must not be blank');
  const to: ProspectStage = body.decision === 'reject' ? 'rejected' : 'decision';
  if (isTerminalStage(from)) throw invalidTransition(from, to, `: prospect ${row.number} is already ${from}`);
  if (to === 'decision' && from !== 'due_diligence' && from !== 'decision') {
    throw invalidTransition(from, to, ': approval needs due diligence first');
  }
  if (from === 'due_diligence' && to === 'decision') await checkGate(ctx, row, 'decision');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await recordStage(trx, ctx, row, to, `${body.decision}: ${reasons.join('; ')}`, {
      decision: body.decision,
      decision_reasons: JSON.stringify(reasons),
      decided_by: ctx.caller.name,
      decided_at: now,
    });
    await appendAudit(trx, ctx, { action: 'prospect.decide', entityType: 'prospect', entityId: id, change: { from, decision: body.decision, reasons } });
  });
  return getProspect(ctx, id);
}

export async function prospectEvents(ctx: ServiceContext, id: string, page: PageRequest) {
  await loadProspect(ctx, id);
  const rows = await repo.eventsOf(ctx.db, id, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): ProspectEvent => ({
      id: r.id,
      prospectId: r.prospect_id,
      fromStage: r.from_stage as ProspectStage | null,
      toStage: r.to_stage as ProspectStage,
      reason: r.reason,
      actorName: r.actor_name,
      at: r.at,
    }),
  );
}

/** Who moved what and when, across the board (scoped like the prospects themselves). */
export async function recentMoves(ctx: ServiceContext, filter: { regionCode?: string }, page: PageRequest) {
  const rows = await repo.recentEvents(ctx.db, prospectScopeOf(ctx.caller), filter, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): ProspectMove => ({
      id: r.id,
      prospectId: r.prospect_id,
      prospectNumber: r.prospect_number,
      prospectName: r.prospect_name,
      fromStage: r.from_stage as ProspectStage | null,
      toStage: r.to_stage as ProspectStage,
      reason: r.reason,
      actorName: r.actor_name,
      at: r.at,
    }),
  );
}

// ---- ranking and the successor pool --------------------------------------------------------

/**
 * Prospects of a region by their latest screening, best first: the open pipeline (`ranking`), or
 * everyone not converted, rejected included (`successors`, for the exit process of C7).
 */
export async function rankProspects(ctx: ServiceContext, pool: 'ranking' | 'successors', query: { regionCode?: string; q?: string; limit?: number }): Promise<RankedProspect[]> {
  const stages = [...(pool === 'ranking' ? OPEN_PROSPECT_STAGES : SUCCESSOR_PROSPECT_STAGES)];
  const rows = await repo.rankProspects(ctx.db, prospectScopeOf(ctx.caller), { stages, regionCode: query.regionCode, q: query.q }, Math.min(query.limit ?? 100, 500));
  const regions = await repo.regionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row, i) => ({
    rank: i + 1,
    id: row.id,
    number: row.number,
    name: row.name,
    stage: row.stage as ProspectStage,
    regionCodes: regions.filter((r) => r.prospect_id === row.id).map((r) => r.region_code),
    total: row.screening_total_centi === null ? null : row.screening_total_centi / 100,
    passed: row.screening_passed === null ? null : row.screening_passed === 1,
    knockedOut: row.screening_knocked_out === null ? null : row.screening_knocked_out === 1,
    screenedAt: row.screened_at,
    decision: row.decision as Decision | null,
    reasons: parseJson<string[]>(row.decision_reasons, []),
    contactName: row.contact_name,
    phone: row.phone,
  }));
}
