import type { ScheduledJob } from '../../core/scheduler.js';
import { purgeExpiredSessions } from '../../core/auth.js';
import { purgeLoginThrottles } from './auth.service.js';
import { businessDate } from '../../../shared/dates.js';

/** Nightly: expired sessions and forgotten sign-in failures can never matter again, so the tables keep only live rows. */
export const purgeSessionsJob: ScheduledJob = {
  name: 'sessions.purge',
  cron: '17 3 * * *',
  occurrenceOf: (d) => businessDate(d),
  run: async (ctx) => {
    const deleted = await purgeExpiredSessions(ctx.db, ctx.clock);
    await purgeLoginThrottles(ctx.db, ctx.clock);
    return { deleted };
  },
};
