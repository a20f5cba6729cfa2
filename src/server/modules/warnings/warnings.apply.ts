// Applies the C7 warning decisions of one evaluation run, inside the run's transaction: opens,
// escalates, de-escalates or resolves each dealer's warning, records the event, notifies, moves
// the dealer between active and warning, and audits every change.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { chunks } from '../../core/locks.js';
import { judgeMove } from '../../../shared/dealer-lifecycle.js';
import { moveDealerStatus } from '../dealers/dealers.service.js';
import type { DealerStatus } from '../../../shared/schemas/dealers.js';
import { decideWarning, type DealerSignals, type WarningLevel, type WarningThresholds } from './warnings.rules.js';

export interface ApplySummary {
  opened: number;
  escalated: number;
  deEscalated: number;
  resolved: number;
}

async function openWarnings(trx: Transaction<DB>, dealerIds: string[]) {
  const out = new Map<string, { id: string; level: WarningLevel; level_since: string; reasons: string; deadline: string | null }>();
  for (const ids of chunks(dealerIds, 500)) {
    const rows = await trx
      .selectFrom('warnings as w')
      .leftJoin('improvement_plans as p', (j) => j.onRef('p.warning_id', '=', 'w.id').on('p.status', '=', 'active'))
      .select(['w.id', 'w.dealer_id', 'w.level', 'w.level_since', 'w.reasons', 'p.deadline'])
      .where('w.status', '=', 'open')
      .where('w.dealer_id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.dealer_id, { id: r.id, level: r.level as WarningLevel, level_since: r.level_since, reasons: r.reasons, deadline: r.deadline ?? null });
  }
  return out;
}

/**
 * Moves a dealer between active and warning as the warnings workflow (the guarded path of
 * dealers.service.ts). A dealer another workflow holds (in its exit: terminating) keeps its
 * status: the warning is still recorded. A caller whose role may not run it is refused.
 */
async function moveDealer(trx: Transaction<DB>, ctx: ServiceContext, dealerId: string, to: DealerStatus, reason: string): Promise<boolean> {
  const row = await trx.selectFrom('dealers').select('status').where('id', '=', dealerId).executeTakeFirst();
  const from = row?.status as DealerStatus | undefined;
  if (!from || from === to) return false;
  const verdict = judgeMove(from, to, 'warnings', ctx.caller.role);
  if (!verdict.ok && verdict.reason !== 'role') return false;
  await moveDealerStatus(trx, ctx, { dealerId, to, reason, workflow: 'warnings' });
  return true;
}

export async function notify(trx: Transaction<DB>, ctx: ServiceContext, n: { dealerId: string; warningId: string | null; kind: string; level: string | null; message: string }) {
  await trx
    .insertInto('warning_notifications')
    .values({ id: newId('wnt'), dealer_id: n.dealerId, warning_id: n.warningId, kind: n.kind, level: n.level, message: n.message, created_at: ctx.clock.now().toISOString() })
    .execute();
}

export async function applyWarnings(trx: Transaction<DB>, ctx: ServiceContext, signals: Map<string, DealerSignals>, thresholds: WarningThresholds): Promise<ApplySummary> {
  const summary: ApplySummary = { opened: 0, escalated: 0, deEscalated: 0, resolved: 0 };
  const open = await openWarnings(trx, [...signals.keys()]);
  const now = ctx.clock.now().toISOString();
  for (const [dealerId, s] of signals) {
    const current = open.get(dealerId);
    const decision = decideWarning(s, current ? { level: current.level, levelSince: current.level_since, planDeadline: current.deadline } : null, thresholds);
    if (decision.action === 'none') continue;
    const event = async (warningId: string, from: string | null, to: string, kind: string, reason: string) => {
      await trx
        .insertInto('warning_events')
        .values({ id: newId('wev'), warning_id: warningId, dealer_id: dealerId, from_level: from, to_level: to, kind, period: s.period, reason, actor_name: ctx.caller.name, at: now })
        .execute();
      await appendAudit(trx, ctx, { action: `warning.${kind}`, entityType: 'warning', entityId: warningId, change: { dealerId, from, to, period: s.period, reason } });
    };
    const why = decision.reasons.map((r) => r.code).join(', ');
    if (decision.action === 'open') {
      const id = newId('wrn');
      await trx
        .insertInto('warnings')
        .values({
          id,
          dealer_id: dealerId,
          level: decision.level,
          status: 'open',
          reasons: JSON.stringify(decision.reasons),
          opened_at: now,
          opened_period: s.period,
          level_since: s.periodEnd,
          last_period: s.period,
          closed_at: null,
          updated_at: now,
        })
        .execute();
      await event(id, null, decision.level, 'opened', why);
      await notify(trx, ctx, { dealerId, warningId: id, kind: 'opened', level: decision.level, message: `${decision.level}: ${why}` });
      await moveDealer(trx, ctx, dealerId, 'warning', `warning ${decision.level} opened (${s.period}): ${why}`);
      summary.opened++;
      continue;
    }
    const w = current!;
    if (decision.action === 'resolve') {
      await trx.updateTable('warnings').set({ status: 'resolved', closed_at: now, last_period: s.period, updated_at: now }).where('id', '=', w.id).execute();
      await trx.updateTable('improvement_plans').set({ status: 'achieved', updated_at: now }).where('warning_id', '=', w.id).where('status', '=', 'active').execute();
      await event(w.id, w.level, w.level, 'resolved', `recovered in ${s.period}`);
      await notify(trx, ctx, { dealerId, warningId: w.id, kind: 'resolved', level: w.level, message: `recovered in ${s.period}` });
      await moveDealer(trx, ctx, dealerId, 'active', `warning resolved (${s.period})`);
      summary.resolved++;
      continue;
    }
    const reasons = decision.reasons.length ? JSON.stringify(decision.reasons) : w.reasons;
    if (decision.action === 'keep') {
      await trx.updateTable('warnings').set({ reasons, last_period: s.period, updated_at: now }).where('id', '=', w.id).execute();
      continue;
    }
    // escalate / de_escalate: the level moves and its clock restarts
    await trx.updateTable('warnings').set({ level: decision.level, level_since: s.periodEnd, reasons, last_period: s.period, updated_at: now }).where('id', '=', w.id).execute();
    const kind = decision.action === 'escalate' ? 'escalated' : 'de_escalated';
    await event(w.id, w.level, decision.level, kind, decision.action === 'escalate' ? why : `recovered in ${s.period}`);
    await notify(trx, ctx, { dealerId, warningId: w.id, kind, level: decision.level, message: `${w.level} -> ${decision.level}${why ? `: ${why}` : ''}` });
    if (decision.action === 'escalate') summary.escalated++;
    else summary.deEscalated++;
  }
  return summary;
}
