// Scheduled incentive jobs (exactly once per occurrence through core/scheduler runOnce):
// monthly points earning and draft rebate accrual for the month just closed, and the
// quarter-end points expiry (the same service the POST /points/expiry-runs route calls).
import type { ScheduledJob } from '../../core/scheduler.js';
import { previousMonth, quarterOf } from './policy.rules.js';
import { runEarning } from '../points/points.earning.js';
import { runExpiry } from '../points/points.service.js';
import { runRebates } from '../rebates/rebates.run.js';

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** Fires on the 1st of Jan/Apr/Jul/Oct; the occurrence is the quarter that just ended. */
export const pointsExpiryJob: ScheduledJob = {
  name: 'points.expiry',
  cron: '30 1 1 1,4,7,10 *',
  occurrenceOf: (firedAt) => quarterOf(`${previousMonth(dateOf(firedAt))}-01`),
  // asOf = the first day after the quarter: every lot of that quarter (and older) expires.
  run: (ctx, occurrence) => {
    const [year, q] = [Number(occurrence.slice(0, 4)), Number(occurrence.slice(6))];
    const asOf = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    return runExpiry(ctx, asOf);
  },
};

export const pointsEarningJob: ScheduledJob = {
  name: 'points.earning',
  cron: '0 3 2 * *',
  occurrenceOf: (firedAt) => previousMonth(dateOf(firedAt)),
  run: (ctx, month) => runEarning(ctx, month),
};

export const rebateAccrualJob: ScheduledJob = {
  name: 'rebates.accrual',
  cron: '0 4 2 * *',
  occurrenceOf: (firedAt) => previousMonth(dateOf(firedAt)),
  run: (ctx, month) => runRebates(ctx, month),
};

export const incentiveJobs: ScheduledJob[] = [pointsExpiryJob, pointsEarningJob, rebateAccrualJob];
