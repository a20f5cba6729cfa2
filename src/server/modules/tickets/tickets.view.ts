// A ticket row as the API shows it, with its SLA state computed on read (breach, colour, pause).
import type { Ticket, TicketStep } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceSettings } from '../../../shared/schemas/index.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { addBusinessMinutes, isBreached, slaColour, targetsFor, type BusinessCalendar, type Pause, type Priority, type TicketKind } from './sla.rules.js';
import { targetsOf } from './service-settings.js';
import type { TicketRow } from './tickets.repo.js';

export interface StoredPause extends Pause {
  reason: string;
}

export const pausesOf = (row: { pauses: string }): StoredPause[] => JSON.parse(row.pauses) as StoredPause[];

export function slaOf(row: TicketRow, cal: BusinessCalendar, now: string): Ticket['sla'] {
  const pauses = pausesOf(row);
  const firstResponseBreached = row.first_response_breached === 1 || isBreached(row.first_response_due_at, row.first_response_at, now);
  const resolutionBreached = row.resolution_breached === 1 || (row.closed_at === null && isBreached(row.resolution_due_at, row.resolved_at, now));
  const paused = pauses.some((p) => p.to === null);
  const colour =
    row.step === 'closed'
      ? firstResponseBreached || resolutionBreached
        ? 'red'
        : 'green'
      : !row.first_response_at
        ? slaColour(cal, row.created_at, row.first_response_due_at, null, now)
        : paused
          ? 'grey'
          : slaColour(cal, row.created_at, row.resolution_due_at, row.resolved_at, now, pauses);
  return {
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    breached: firstResponseBreached || resolutionBreached,
    firstResponseBreached,
    resolutionBreached,
    paused,
    colour: firstResponseBreached || resolutionBreached ? 'red' : colour,
  };
}

export function ticketView(row: TicketRow, cal: BusinessCalendar, now: string): Ticket {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as TicketKind,
    dealerId: row.dealer_id,
    dealerName: row.dealer_name,
    channel: row.channel,
    type: row.type,
    priority: row.priority,
    subject: row.subject,
    description: row.description,
    productSku: row.product_sku,
    customer: row.customer ? (JSON.parse(row.customer) as Ticket['customer']) : null,
    step: row.step as TicketStep,
    department: row.department,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    escalationLevel: row.escalation_level,
    solution: row.solution,
    rating: row.rating,
    reopenCount: row.reopen_count,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    verifiedAt: row.verified_at,
    closedAt: row.closed_at,
    kbArticleId: row.kb_article_id,
    sla: slaOf(row, cal, now),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The two deadlines of a ticket: first response from creation; resolution from creation minus pauses. */
export function deadlinesOf(settings: ServiceSettings, cal: BusinessCalendar, t: { kind: string; type: string; priority: string; created_at: string }, pauses: Pause[]) {
  const targets = targetsFor(targetsOf(settings), t.kind as TicketKind, t.type, t.priority as Priority);
  return {
    first_response_due_at: addBusinessMinutes(cal, t.created_at, targets.firstResponseMinutes),
    resolution_due_at: addBusinessMinutes(cal, t.created_at, targets.resolutionMinutes, pauses),
  };
}

export async function addEvent(
  trx: Transaction<DB> | Database,
  ev: {
    id: string;
    ticket_id: string;
    kind: string;
    from_step?: string | null;
    to_step?: string | null;
    note?: string | null;
    rating?: number | null;
    actor_id: string | null;
    actor_name: string;
    at: string;
  },
) {
  await trx
    .insertInto('ticket_events')
    .values({ from_step: null, to_step: null, note: null, rating: null, ...ev })
    .execute();
}
