import type { DealerStatus } from './schemas/dealers.js';

// DOMAIN.md C3: prospect -> screening -> due_diligence -> approved -> active -> (warning) ->
// terminating -> terminated. Shared so the web app offers exactly the moves the server accepts.
export const DEALER_TRANSITIONS: Record<DealerStatus, readonly DealerStatus[]> = {
  prospect: ['screening', 'rejected'],
  screening: ['due_diligence', 'rejected'],
  due_diligence: ['approved', 'rejected'],
  approved: ['active', 'rejected'],
  active: ['warning', 'terminating'],
  warning: ['active', 'terminating'],
  terminating: ['terminated', 'active'],
  terminated: [],
  rejected: [],
};

export function canTransition(from: DealerStatus, to: DealerStatus): boolean {
  return DEALER_TRANSITIONS[from].includes(to);
}
