// Scheduled incentive jobs (exactly once per occurrence through core/scheduler runOnce):
// monthly points earning and draft rebate accrual for the month just closed, and the
// quarter-end points expiry (the same service the POST /points/expiry-runs route calls).
import type { ScheduledJob } from '../../core/scheduler.js';
import { addMonths, monthOf, parsePeriod, quarterOf, shiftPeriod, businessDate } from '../../../shared/dates.js';
import { runEarning } from '../points/points.earning.js';
import { runExpiry } from '../points/points.service.js';
import { runRebates } from '../rebates/rebates.run.js';

/** The month before the one an instant falls in (UTC calendar), YYYY-MM. */
const monthBefore = (d: Date) => addMonths(monthOf(businessDate(d)), -1);

/** Fires on the 1st of Jan/Apr/Jul/Oct; the occurrence is the quarter that just ended. */
export const pointsExpiryJob: ScheduledJob = {
  name: 'points.expiry',
  cron: '30 1 1 1,4,7,10 *',
  occurrenceOf: (firedAt) => quarterOf(`${monthBefore(firedAt)}-01`),
  // asOf = the first day after the quarter: every lot of that quarter (and older) expires.
  run: (ctx, occurrence) => runExpiry(ctx, parsePeriod(shiftPeriod(occurrence, 1)).from),
};

export const pointsEarningJob: ScheduledJob = {
  name: 'points.earning',
  cron: '0 3 2 * *',
  occurrenceOf: (firedAt) => monthBefore(firedAt),
  run: (ctx, month) => runEarning(ctx, month),
};

export const rebateAccrualJob: ScheduledJob = {
  name: 'rebates.accrual',
  cron: '0 4 2 * *',
  occurrenceOf: (firedAt) => monthBefore(firedAt),
  run: (ctx, month) => runRebates(ctx, month),
};

export const incentiveJobs: ScheduledJob[] = [pointsExpiryJob, pointsEarningJob, rebateAccrualJob];
