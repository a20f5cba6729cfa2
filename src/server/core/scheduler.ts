// Scheduled jobs (period closes, nightly alerts, SLA breach sweeps, points expiry): an in-process
// croner timer per job in every app instance, and a job_runs row per occurrence so that of N
// instances exactly one runs each occurrence. The same runOnce serves the on-demand API.
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import type { Clock } from './clock.js';
import { systemCaller, type ServiceContext } from './caller.js';
import { isUniqueViolation } from './locks.js';

export interface ScheduledJob {
  /** unique, e.g. `evaluations.close` */
  name: string;
  /** croner pattern in the server's time zone (Asia/Shanghai by default), e.g. `0 2 1 * *` */
  cron: string;
  /** the occurrence this firing stands for, e.g. the period `2026-10` a month-end close covers */
  occurrenceOf(firedAt: Date): string;
  /** does the work; returns a JSON-able summary stored with the run */
  run(ctx: ServiceContext, occurrence: string): Promise<unknown>;
}

export type RunOutcome = { ran: true; result: unknown } | { ran: false; reason: 'already-run' };

const holderId = `${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * Runs one occurrence of a job unless some instance already has (or is running it). A failed run
 * releases its claim so the next firing (or a manual retry) tries again.
 */
export async function runOnce(db: Database, clock: Clock, job: ScheduledJob, occurrence: string): Promise<RunOutcome> {
  try {
    await db.insertInto('job_runs').values({ job: job.name, occurrence, holder: holderId, status: 'running', started_at: clock.now().toISOString(), finished_at: null, result: null }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) return { ran: false, reason: 'already-run' };
    throw error;
  }
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: `job:${job.name}` }, requestId: null };
  try {
    const result = await job.run(ctx, occurrence);
    await db
      .updateTable('job_runs')
      .set({ status: 'done', finished_at: clock.now().toISOString(), result: JSON.stringify(result ?? null) })
      .where('job', '=', job.name)
      .where('occurrence', '=', occurrence)
      .execute();
    return { ran: true, result };
  } catch (error) {
    await db.deleteFrom('job_runs').where('job', '=', job.name).where('occurrence', '=', occurrence).execute();
    throw error;
  }
}

export interface Scheduler {
  stop(): void;
}

/** Starts a timer per job; errors are logged, never thrown into the event loop. */
export function startScheduler(deps: { db: Database; clock: Clock; timezone: string; log: { info(o: object, m: string): void; error(o: object, m: string): void } }, jobs: ScheduledJob[]): Scheduler {
  const timers = jobs.map(
    (job) =>
      new Cron(job.cron, { timezone: deps.timezone, protect: true }, async () => {
        const occurrence = job.occurrenceOf(deps.clock.now());
        try {
          const outcome = await runOnce(deps.db, deps.clock, job, occurrence);
          if (outcome.ran) deps.log.info({ job: job.name, occurrence }, 'scheduled job done');
        } catch (error) {
          deps.log.error({ job: job.name, occurrence, err: error }, 'scheduled job failed');
        }
      }),
  );
  return { stop: () => timers.forEach((t) => t.stop()) };
}
