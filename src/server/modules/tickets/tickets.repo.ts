// Ticket queries only: scope comes in as a DealerScope, every dealer-owned read goes through it.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import type { Transaction } from 'kysely';
import { visibleDealer, type DealerScope } from '../../core/access.js';
import type { PageRequest } from '../../core/list.js';

type Db = Database | Transaction<DB>;

export const ticketColumns = [
  't.id',
  't.number',
  't.kind',
  't.dealer_id',
  't.channel',
  't.type',
  't.priority',
  't.subject',
  't.description',
  't.product_sku',
  't.customer',
  't.step',
  't.department',
  't.assignee_id',
  't.assignee_name',
  't.escalation_level',
  't.solution',
  't.rating',
  't.reopen_count',
  't.classified_at',
  't.first_response_at',
  't.resolved_at',
  't.verified_at',
  't.closed_at',
  't.first_response_due_at',
  't.resolution_due_at',
  't.first_response_breached',
  't.resolution_breached',
  't.pauses',
  't.kb_article_id',
  't.created_by',
  't.created_at',
  't.updated_at',
] as const;

export function findTicket(db: Db, scope: DealerScope, id: string) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .select([...ticketColumns, 'd.name as dealer_name'])
    .where('t.id', '=', id)
    .where(visibleDealer(scope, 't.dealer_id'))
    .executeTakeFirst();
}
export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

export interface TicketFilter {
  kind?: string;
  step?: string;
  dealerId?: string;
  breached?: boolean;
  open?: boolean;
}

/** Breached on read: a flag the sweep set, or a deadline passed without its event. */
const breachedExpr = (now: string) =>
  sql<boolean>`(t.first_response_breached = 1 or t.resolution_breached = 1
    or (t.first_response_at is null and t.first_response_due_at < ${now})
    or (t.resolved_at is null and t.closed_at is null and t.resolution_due_at < ${now}))`;

export function listTickets(db: Database, scope: DealerScope, filter: TicketFilter, page: PageRequest, now: string) {
  let q = db
    .selectFrom('tickets as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .select([...ticketColumns, 'd.name as dealer_name'])
    .where(visibleDealer(scope, 't.dealer_id'));
  if (filter.kind) q = q.where('t.kind', '=', filter.kind);
  if (filter.step) q = q.where('t.step', '=', filter.step);
  if (filter.dealerId) q = q.where('t.dealer_id', '=', filter.dealerId);
  if (filter.open === true) q = q.where('t.step', '!=', 'closed');
  if (filter.open === false) q = q.where('t.step', '=', 'closed');
  if (filter.breached === true) q = q.where(breachedExpr(now));
  if (filter.breached === false) q = q.where(sql<boolean>`not ${breachedExpr(now)}`);
  if (page.after) q = q.where('t.id', '<', page.after);
  return q
    .orderBy('t.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Open tickets whose deadline has passed but whose breach is not yet recorded (the sweep's work). */
export function unflaggedBreaches(db: Database, now: string) {
  return db
    .selectFrom('tickets as t')
    .select([
      't.id',
      't.dealer_id',
      't.kind',
      't.escalation_level',
      't.first_response_at',
      't.first_response_due_at',
      't.resolved_at',
      't.resolution_due_at',
      't.first_response_breached',
      't.resolution_breached',
    ])
    .where('t.step', '!=', 'closed')
    .where((eb) =>
      eb.or([
        eb.and([eb('t.first_response_breached', '=', 0), eb('t.first_response_at', 'is', null), eb('t.first_response_due_at', '<', now)]),
        eb.and([eb('t.resolution_breached', '=', 0), eb('t.resolved_at', 'is', null), eb('t.resolution_due_at', '<', now)]),
      ]),
    )
    .orderBy('t.id')
    .limit(1000)
    .execute();
}

export const eventsOf = (db: Database, ticketId: string) => db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
export const commentsOf = (db: Database, ticketId: string) => db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
export const attachmentsOf = (db: Database, ticketId: string) => db.selectFrom('ticket_attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
export const templatesOfType = (db: Database, type: string) => db.selectFrom('solution_templates').selectAll().where('type', '=', type).orderBy('id').execute();

/**
 * The regional manager for a dealer: a user whose regions cover one of the dealer's territory
 * codes, the most specific region first (a city manager before a province manager), then the
 * one with fewer open tickets, then by name, so routing is deterministic.
 */
export async function regionalManagerFor(db: Db, dealerId: string) {
  const territory = await db.selectFrom('dealer_territories').select('region_code').where('dealer_id', '=', dealerId).execute();
  if (territory.length === 0) return null;
  const managers = await db.selectFrom('users').select(['id', 'display_name', 'region_codes']).where('role', '=', 'regional_manager').where('active', '=', 1).execute();
  const load = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('step', '!=', 'closed')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const loadOf = new Map(load.map((l) => [l.assignee_id, Number(l.n)]));
  const candidates: { id: string; name: string; specificity: number; load: number }[] = [];
  for (const m of managers) {
    const prefixes = (JSON.parse(m.region_codes) as string[]).map((c) => (c.endsWith('0000') ? c.slice(0, 2) : c.endsWith('00') ? c.slice(0, 4) : c));
    const best = Math.max(-1, ...prefixes.filter((p) => territory.some((t) => t.region_code.startsWith(p))).map((p) => p.length));
    if (best >= 0) candidates.push({ id: m.id, name: m.display_name, specificity: best, load: loadOf.get(m.id) ?? 0 });
  }
  candidates.sort((a, b) => b.specificity - a.specificity || a.load - b.load || a.name.localeCompare(b.name));
  return candidates[0] ?? null;
}
