// The period-end close: on the 1st of each month (02:30, server time zone) evaluate the month just
// ended, and the quarter / year when it ended too (then also re-grade tiers). Warnings follow
// every run. job_runs makes each occurrence run exactly once across app instances.
import type { ScheduledJob } from '../../core/scheduler.js';
import type { ServiceContext } from '../../core/caller.js';
import { runEvaluation } from './evaluation.run.js';
import { regradeTiers } from './consequences.service.js';
import { businessDate, monthOf, previousPeriod } from '../../../shared/dates.js';

/** The month that ended before `firedAt` in China time (UTC+8): fired 2026-11-01 -> 2026-10. */
export function closedMonthOf(firedAt: Date): string {
  return previousPeriod(monthOf(businessDate(firedAt)));
}

/** The periods a month's close evaluates: the month, its quarter when it ends one, its year in December. */
export function periodsClosedBy(month: string): string[] {
  const m = Number(month.slice(5, 7));
  const year = month.slice(0, 4);
  return [month, ...(m % 3 === 0 ? [`${year}-Q${m / 3}`] : []), ...(m === 12 ? [year] : [])];
}

export async function closePeriod(ctx: ServiceContext, month: string) {
  const runs = [];
  for (const period of periodsClosedBy(month)) {
    const outcome = await runEvaluation(ctx, period);
    runs.push({ period, id: outcome.body.id, evaluated: outcome.body.evaluated, warnings: outcome.body.warnings });
  }
  const tiers = month.endsWith('-12') ? await regradeTiers(ctx, month.slice(0, 4)) : null;
  return { month, runs, tiers };
}

export const evaluationCloseJob: ScheduledJob = {
  name: 'evaluations.close',
  cron: '30 2 1 * *',
  occurrenceOf: closedMonthOf,
  run: (ctx, occurrence) => closePeriod(ctx, occurrence),
};
