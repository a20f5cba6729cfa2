// The explicit list of scheduled jobs: each capability exports its ScheduledJob(s) and adds them
// here; `qudao serve` starts them (see core/scheduler.ts for the exactly-once rule).
import type { ScheduledJob } from './core/scheduler.js';
import { overdueRemindersJob } from './modules/receivables/reminders.js';
import { idempotencyPurgeJob } from './modules/orders/idempotency-purge.js';
import { purgeSessionsJob } from './modules/auth/sessions.job.js';
import { nightlyAlertsJob } from './modules/stock-health/stock-health.job.js';
import { slaBreachJob } from './modules/tickets/sla.job.js';
import { incentiveJobs } from './modules/incentives/incentives.jobs.js';
import { vmiProposalsJob } from './modules/vmi/vmi.job.js';
import { evaluationCloseJob } from './modules/evaluation/evaluation.job.js';

export const scheduledJobs: ScheduledJob[] = [evaluationCloseJob, purgeSessionsJob, overdueRemindersJob, idempotencyPurgeJob, nightlyAlertsJob, slaBreachJob, ...incentiveJobs, vmiProposalsJob];
