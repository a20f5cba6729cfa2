// Frozen: never edit a released migration; add a new one. No app imports.
// Scheduled job occurrences: one row per (job, occurrence) so a period close runs exactly once
// across every app instance (the primary key decides which instance runs it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'occurrence'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0002_jobs cannot be reverted: restore a backup instead');
}
