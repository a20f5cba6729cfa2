// The explicit list of scheduled jobs: each capability exports its ScheduledJob(s) and adds them
// here; `qudao serve` starts them (see core/scheduler.ts for the exactly-once rule).
import type { ScheduledJob } from './core/scheduler.js';
import { purgeSessionsJob } from './modules/auth/sessions.job.js';

export const scheduledJobs: ScheduledJob[] = [
  purgeSessionsJob,
];
