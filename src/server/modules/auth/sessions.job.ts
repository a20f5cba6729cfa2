import type { ScheduledJob } from '../../core/scheduler.js';
import { purgeExpiredSessions } from '../../core/auth.js';

/** Nightly: expired sessions can never be used again, so the table keeps only live ones. */
export const purgeSessionsJob: ScheduledJob = {
  name: 'sessions.purge',
  cron: '17 3 * * *',
  occurrenceOf: (d) => d.toISOString().slice(0, 10),
  run: async (ctx) => ({ deleted: await purgeExpiredSessions(ctx.db, ctx.clock) }),
};
