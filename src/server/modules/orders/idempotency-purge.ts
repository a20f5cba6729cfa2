// Idempotency-Key replies are kept for a retention period (a trade setting), then purged daily:
// integrators retry within minutes or hours, and the table would otherwise grow forever.
import type { ServiceContext } from '../../core/caller.js';
import type { ScheduledJob } from '../../core/scheduler.js';
import { appendAudit } from '../../core/audit.js';
import { businessDate } from '../../../shared/dates.js';
import { tradeSettings } from './orders.settings.js';

/** Deletes keys created before now - retentionDays; returns how many went. */
export async function purgeIdempotencyKeys(ctx: ServiceContext) {
  const { idempotencyRetentionDays } = await tradeSettings(ctx.db);
  const cutoff = new Date(ctx.clock.now().getTime() - idempotencyRetentionDays * 86_400_000).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    await appendAudit(trx, ctx, { action: 'idempotency.purge', entityType: 'job', entityId: 'idempotency.purge', change: { before: cutoff, retentionDays: idempotencyRetentionDays, deleted } });
    return { before: cutoff, retentionDays: idempotencyRetentionDays, deleted };
  });
}

export const idempotencyPurgeJob: ScheduledJob = {
  name: 'idempotency.purge',
  cron: '30 3 * * *',
  occurrenceOf: (firedAt) => businessDate(firedAt),
  run: (ctx) => purgeIdempotencyKeys(ctx),
};
