// Breach detection (C9/C10): every 15 minutes the sweep records each newly passed deadline once
// (the flag stays even if the ticket is later answered) and escalates the ticket one level:
// level 1 = the regional manager of the dealer's territory (customer feedback handled by the
// dealer) or HQ (dealer requests already with the manager), level 2 = HQ. Reads compute the
// same breach on the fly, so nothing waits for the sweep to be shown red.
import type { ServiceContext } from '../../core/caller.js';
import type { ScheduledJob } from '../../core/scheduler.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import * as repo from './tickets.repo.js';
import { addEvent } from './tickets.view.js';

export const MAX_ESCALATION = 2;

export function escalationTarget(kind: string, level: number): 'regional_manager' | 'hq' {
  return kind === 'customer_feedback' && level === 1 ? 'regional_manager' : 'hq';
}

export async function sweepBreaches(ctx: ServiceContext) {
  const now = ctx.clock.now().toISOString();
  const due = await repo.unflaggedBreaches(ctx.db, now);
  let escalated = 0;
  for (const t of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const fr = t.first_response_breached === 0 && t.first_response_at === null && t.first_response_due_at !== null && t.first_response_due_at < now;
      const rs = t.resolution_breached === 0 && t.resolved_at === null && t.resolution_due_at !== null && t.resolution_due_at < now;
      const level = Math.min(MAX_ESCALATION, t.escalation_level + 1);
      const target = escalationTarget(t.kind, level);
      const patch: Record<string, unknown> = { escalation_level: level, updated_at: now };
      if (fr) patch.first_response_breached = 1;
      if (rs) patch.resolution_breached = 1;
      if (target === 'regional_manager') {
        const manager = await repo.regionalManagerFor(trx, t.dealer_id);
        if (manager) Object.assign(patch, { assignee_id: manager.id, assignee_name: manager.name });
      }
      // The WHERE repeats the sweep's condition: a ticket answered meanwhile is left alone.
      const updated = await trx.updateTable('tickets').set(patch).where('id', '=', t.id).where('escalation_level', '=', t.escalation_level).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return;
      // The note is machine-readable (the web app words it): which clocks broke, and to whom.
      const what = [fr && 'first_response', rs && 'resolution'].filter(Boolean).join('+');
      await addEvent(trx, { id: newId('tev'), ticket_id: t.id, kind: 'escalate', note: `${what}>${target}`, actor_id: null, actor_name: ctx.caller.name, at: now });
      await appendAudit(trx, ctx, { action: 'ticket.escalate', entityType: 'ticket', entityId: t.id, change: { firstResponseBreached: fr, resolutionBreached: rs, level, target } });
      escalated++;
    });
  }
  return { at: now, escalated };
}

export const slaBreachJob: ScheduledJob = {
  name: 'tickets.slaBreaches',
  cron: '*/15 * * * *',
  // One occurrence per quarter hour.
  occurrenceOf: (firedAt) => new Date(Math.floor(firedAt.getTime() / 900_000) * 900_000).toISOString(),
  run: (ctx) => sweepBreaches(ctx),
};
