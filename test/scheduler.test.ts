// Scheduled jobs run each occurrence exactly once, even when several instances fire together.
import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { runOnce, type ScheduledJob } from '../src/server/core/scheduler.js';

const t = await createTestApp();

function countingJob(name: string, fail = false) {
  const seen: string[] = [];
  const job: ScheduledJob = {
    name,
    cron: '0 2 1 * *',
    occurrenceOf: (d) => d.toISOString().slice(0, 7),
    run: async (_ctx, occurrence) => {
      seen.push(occurrence);
      await new Promise((r) => setTimeout(r, 20));
      if (fail) throw new Error('boom');
      return { occurrence };
    },
  };
  return { job, seen };
}

describe('scheduler', () => {
  it('should run an occurrence once when five instances fire it at the same time', async () => {
    const { job, seen } = countingJob('test.parallel');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runOnce(t.deps.db, t.clock, job, '2026-10')));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(seen).toEqual(['2026-10']);
    const row = await t.deps.db.selectFrom('job_runs').selectAll().where('job', '=', 'test.parallel').executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    expect(JSON.parse(row.result!)).toEqual({ occurrence: '2026-10' });
  });

  it('should run the next occurrence again', async () => {
    const { job, seen } = countingJob('test.sequence');
    await runOnce(t.deps.db, t.clock, job, '2026-10');
    await runOnce(t.deps.db, t.clock, job, '2026-10');
    await runOnce(t.deps.db, t.clock, job, '2026-11');
    expect(seen).toEqual(['2026-10', '2026-11']);
  });

  it('should release a failed occurrence so a retry runs it', async () => {
    const failing = countingJob('test.retry', true);
    await expect(runOnce(t.deps.db, t.clock, failing.job, '2026-10')).rejects.toThrow('boom');
    const ok = countingJob('test.retry');
    expect((await runOnce(t.deps.db, t.clock, ok.job, '2026-10')).ran).toBe(true);
  });
});
