// Nightly VMI run: fresh proposals for every VMI dealer (superseding yesterday's open ones), confirmed
// at once when HQ has turned auto-confirm on. One run per day in China (UTC+8).
import type { ScheduledJob } from '../../core/scheduler.js';
import { businessDate } from '../../../shared/dates.js';
import { generateProposals } from './vmi.service.js';

export const vmiProposalsJob: ScheduledJob = {
  name: 'vmi.proposals',
  cron: '30 3 * * *',
  occurrenceOf: (firedAt) => businessDate(firedAt), // the day in China
  async run(ctx) {
    const { created, skippedDealers, autoConfirmed } = await generateProposals(ctx, {});
    return { created: created.length, skippedDealers, autoConfirmed };
  },
};
