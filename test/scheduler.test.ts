// Scheduled jobs run each occurrence exactly once, even when several instances fire together.
import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { runOnce, type ScheduledJob } from '../src/server/core/scheduler.js';
import { scheduledJobs } from '../src/server/jobs.js';
import { purgeSessionsJob } from '../src/server/modules/auth/sessions.job.js';
import { Cron } from 'croner';

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

describe('scheduled jobs', () => {
  it('should give every job a unique name and a valid cron pattern', () => {
    const names = scheduledJobs.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of scheduledJobs) expect(() => new Cron(job.cron, { paused: true }).stop(), job.name).not.toThrow();
  });

  it('should purge expired sessions and keep live ones', async () => {
    const cookie = await t.loginAs('hq_analyst');
    const now = t.clock.now();
    await t.deps.db
      .insertInto('sessions')
      .values({
        id: 'expired-session-hash',
        user_id: (await t.deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
        created_at: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
        expires_at: new Date(now.getTime() - 1000).toISOString(),
        last_seen_at: new Date(now.getTime() - 86_400_000).toISOString(),
        ip: null,
        user_agent: null,
      })
      .execute();
    const outcome = await runOnce(t.deps.db, t.clock, purgeSessionsJob, 'test-day');
    expect(outcome).toEqual({ ran: true, result: { deleted: 1 } });
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });
});
