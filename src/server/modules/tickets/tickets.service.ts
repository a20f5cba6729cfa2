// The ticket engine: create (with routing and deadlines), read (SLA computed on read), the steps,
// resolution with the customer's confirmation link, pauses. Every change is audited.
import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CreateTicketBody, StepBody, Ticket, TicketDetail, TicketListQuery, TicketStep } from '../../../shared/schemas/index.js';
import { isDealerRole } from '../../../shared/permissions.js';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { forUpdate } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';
import { draftFromTicket } from '../knowledge/knowledge.service.js';
import * as repo from './tickets.repo.js';
import { BUILTIN_TEMPLATES, CHANNELS_OF, DEPARTMENT_OF_TYPE, isTypeOfKind, mayBeAssigned, stepOutcome, stepRefusal, type StepActor } from './tickets.rules.js';
import { calendarOf, serviceSettings } from './service-settings.js';
import { addEvent, deadlinesOf, pausesOf, ticketView, type StoredPause } from './tickets.view.js';
import type { TicketKind } from './sla.rules.js';
import { attachmentView } from './tickets.thread.js';

const nowOf = (ctx: ServiceContext) => ctx.clock.now().toISOString();
const actor = (ctx: ServiceContext) => ({ actor_id: ctx.caller.id, actor_name: ctx.caller.name });
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createTicket(ctx: ServiceContext, body: CreateTicketBody): Promise<Ticket> {
  const kind = body.kind as TicketKind;
  if (!isTypeOfKind(kind, body.type)) throw invalid('/type', `is not a type of ${kind}`);
  if (!CHANNELS_OF[kind].includes(body.channel)) throw invalid('/channel', `is not a channel of ${kind} (${CHANNELS_OF[kind].join(', ')})`);
  await visibleDealerOr404(ctx, body.dealerId);
  const [settings, now] = [await serviceSettings(ctx.db), nowOf(ctx)];
  const cal = await calendarOf(ctx.db, settings);
  const id = newId('tkt');
  await ctx.db.transaction().execute(async (trx) => {
    // Dealer requests go to the regional manager of the dealer's territory (C9).
    const manager = kind === 'dealer_request' ? await repo.regionalManagerFor(trx, body.dealerId) : null;
    const base = { kind, type: body.type, priority: body.priority, created_at: now };
    const row = {
      id,
      number: await nextDocNumber(trx, 'TK', now.slice(0, 10)),
      dealer_id: body.dealerId,
      channel: body.channel,
      subject: body.subject,
      description: body.description,
      product_sku: body.productSku ?? null,
      customer: body.customer ? JSON.stringify(body.customer) : null,
      step: 'received',
      department: DEPARTMENT_OF_TYPE[body.type] ?? null,
      assignee_id: manager?.id ?? null,
      assignee_name: manager?.name ?? null,
      pauses: '[]',
      escalation_level: 0,
      reopen_count: 0,
      first_response_breached: 0,
      resolution_breached: 0,
      created_by: ctx.caller.name,
      updated_at: now,
      ...base,
      ...deadlinesOf(settings, cal, base, []),
    };
    await trx.insertInto('tickets').values(row).execute();
    await addEvent(trx, { id: newId('tev'), ticket_id: id, kind: 'step', to_step: 'received', ...actor(ctx), at: now });
    if (manager) await addEvent(trx, { id: newId('tev'), ticket_id: id, kind: 'assign', note: manager.name, ...actor(ctx), at: now });
    await appendAudit(trx, ctx, { action: 'ticket.create', entityType: 'ticket', entityId: id, change: { ...body, number: row.number, assigneeId: row.assignee_id } });
  });
  return getTicket(ctx, id);
}

export async function getTicket(ctx: ServiceContext, id: string): Promise<Ticket> {
  const row = await repo.findTicket(ctx.db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Ticket ${id}`);
  return ticketView(row, await calendarOf(ctx.db), nowOf(ctx));
}

export async function ticketDetail(ctx: ServiceContext, id: string): Promise<TicketDetail> {
  const ticket = await getTicket(ctx, id);
  const [events, comments, attachments, custom] = await Promise.all([
    repo.eventsOf(ctx.db, id),
    repo.commentsOf(ctx.db, id),
    repo.attachmentsOf(ctx.db, id),
    repo.templatesOfType(ctx.db, ticket.type),
  ]);
  return {
    ticket,
    events: events.map((e) => ({ id: e.id, kind: e.kind, fromStep: e.from_step, toStep: e.to_step, note: e.note, rating: e.rating, actorName: e.actor_name, at: e.at })),
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      authorName: c.author_name,
      authorRole: c.author_role,
      createdAt: c.created_at,
      attachments: attachments.filter((a) => a.comment_id === c.id).map(attachmentView),
    })),
    attachments: attachments.map(attachmentView),
    templates: [...BUILTIN_TEMPLATES.filter((t) => t.type === ticket.type), ...custom].map((t) => ({ id: t.id, title: t.title, body: t.body })),
  };
}

export async function listTickets(ctx: ServiceContext, query: TicketListQuery, page: PageRequest) {
  const scope = dealerScopeOf(ctx.caller);
  const now = nowOf(ctx);
  const [rows, cal] = await Promise.all([repo.listTickets(ctx.db, scope, query, page, now), calendarOf(ctx.db)]);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r) => ticketView(r, cal, now),
  );
}

/** The ticket row, locked for the change, or 404 when the caller may not see it. */
async function lockTicket(trx: Transaction<DB>, ctx: ServiceContext, id: string) {
  const row = await forUpdate(
    trx,
    trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .where(visibleDealer(dealerScopeOf(ctx.caller), 'tickets.dealer_id')),
  ).executeTakeFirst();
  if (!row) throw notFound(`Ticket ${id}`);
  return row;
}

/** Ends an open pause (if any) at `now`. */
const closePauses = (pauses: StoredPause[], now: string) => pauses.map((p) => (p.to === null ? { ...p, to: now } : p));

/** Dealer users act as the dealer; everyone else who may process tickets acts for the brand. */
const actorOf = (ctx: ServiceContext): StepActor => (isDealerRole(ctx.caller.role) ? 'dealer' : 'brand');

/**
 * The user a ticket may be assigned to: an active HQ admin, or an active regional manager whose
 * regions hold the ticket's dealer (the same scope rule as core/access.ts); dealers never assign.
 */
async function assigneeFor(trx: Transaction<DB>, ctx: ServiceContext, dealerId: string, assigneeId: string) {
  if (actorOf(ctx) === 'dealer')
    throw new AppError('FORBIDDEN', 'Dealer users do not assign tickets; HQ and the regional manager do', [{ path: '/assigneeId', message: 'may not be set by a dealer user' }]);
  const user = await trx.selectFrom('users').select(['id', 'display_name', 'role', 'region_codes']).where('id', '=', assigneeId).where('active', '=', 1).executeTakeFirst();
  const refusal = invalid('/assigneeId', "is not HQ staff or a regional manager of this ticket's dealer");
  if (!user || !mayBeAssigned(user.role)) throw refusal;
  if (user.role === 'regional_manager') {
    const scope = dealerScopeOf({ kind: 'user', id: user.id, name: user.display_name, role: user.role, dealerId: null, regionCodes: JSON.parse(user.region_codes) as string[] });
    const inRegion = await trx.selectFrom('dealers').select('id').where('id', '=', dealerId).where(visibleDealer(scope, 'dealers.id')).executeTakeFirst();
    if (!inRegion) throw refusal;
  }
  return user;
}

/** POST /tickets/{id}/steps: one step forward, per the step rules; verification carries the rating. */
export function takeStep(ctx: ServiceContext, id: string, body: StepBody): Promise<Ticket> {
  return stepAs(ctx, id, body, actorOf(ctx));
}

/**
 * The customer's verification through its one-time link: the link is claimed in the same
 * transaction as the step, so a refused step leaves it usable and of two racing submissions
 * exactly one counts. Any link that is not live for this ticket is the same 404.
 */
export function verifyByCustomer(ctx: ServiceContext, id: string, token: string, rating: number, note: string): Promise<Ticket> {
  return stepAs(ctx, id, { to: 'verified', rating, note }, 'customer', async (trx, now) => {
    const claimed = await trx
      .updateTable('ticket_confirmations')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(token))
      .where('ticket_id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>=', now)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw notFound('This confirmation link is not valid (used, expired or not for this ticket)');
  });
}

async function stepAs(ctx: ServiceContext, id: string, body: StepBody, by: StepActor, claim?: (trx: Transaction<DB>, now: string) => Promise<void>): Promise<Ticket> {
  const settings = await serviceSettings(ctx.db);
  const cal = await calendarOf(ctx.db, settings);
  const now = nowOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ctx, id);
    if (claim) await claim(trx, now);
    const from = row.step as TicketStep;
    const outcome = stepOutcome(from, body.to, body.rating, settings.reopenBelowRating);
    if (!outcome.ok) {
      if (outcome.code === 'INVALID_TRANSITION') throw new AppError('INVALID_TRANSITION', outcome.detail, undefined, { from, to: body.to });
      throw invalid('/rating', outcome.detail);
    }
    const refusal = stepRefusal(row.kind as TicketKind, body.to, by);
    if (refusal) throw new AppError('FORBIDDEN', refusal, [{ path: '/to', message: refusal }]);
    const patch: Partial<DB['tickets']> = { updated_at: now };
    if (body.department) patch.department = body.department;
    if (body.assigneeId) {
      const user = await assigneeFor(trx, ctx, row.dealer_id, body.assigneeId);
      Object.assign(patch, { assignee_id: user.id, assignee_name: user.display_name });
    }
    if (body.to === 'classified') patch.classified_at = now;
    if (body.to === 'responded') patch.first_response_at = now;
    if (body.to === 'closed') patch.closed_at = now;
    let pauses = pausesOf(row);
    if (body.to === 'verified') {
      pauses = closePauses(pauses, now);
      patch.pauses = JSON.stringify(pauses);
      patch.rating = body.rating!;
      await trx.updateTable('ticket_confirmations').set({ used_at: now }).where('ticket_id', '=', id).where('used_at', 'is', null).execute();
      if (outcome.reopened) {
        Object.assign(patch, {
          step: 'processing',
          resolved_at: null,
          verified_at: null,
          reopen_count: row.reopen_count + 1,
          resolution_due_at: deadlinesOf(settings, cal, row, pauses).resolution_due_at,
        });
      } else {
        Object.assign(patch, { step: 'verified', verified_at: now, resolved_at: row.resolved_at ?? now });
      }
    } else {
      patch.step = body.to;
    }
    await trx.updateTable('tickets').set(patch).where('id', '=', id).execute();
    await addEvent(trx, {
      id: newId('tev'),
      ticket_id: id,
      kind: outcome.reopened ? 'reopen' : 'step',
      from_step: from,
      to_step: outcome.step,
      note: body.note ?? null,
      rating: body.rating ?? null,
      ...actor(ctx),
      at: now,
    });
    if (body.to === 'closed' && row.kind === 'customer_feedback' && !row.kb_article_id) {
      // A solved customer case becomes a knowledge-base draft (C10), for an editor to publish.
      const articleId = await draftFromTicket(trx, ctx, { ...row, ...patch });
      await trx.updateTable('tickets').set({ kb_article_id: articleId }).where('id', '=', id).execute();
    }
    await appendAudit(trx, ctx, { action: outcome.reopened ? 'ticket.reopen' : 'ticket.step', entityType: 'ticket', entityId: id, change: { ...body, from, requested: body.to, to: outcome.step } });
  });
  return getTicket(ctx, id);
}

/** A fresh one-time confirmation link for the ticket (earlier ones stop working); only its hash is stored. */
async function issueLink(trx: Transaction<DB>, id: string, now: string, days: number): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await trx.updateTable('ticket_confirmations').set({ used_at: now }).where('ticket_id', '=', id).where('used_at', 'is', null).execute();
  const expires = new Date(Date.parse(now) + days * 86_400_000).toISOString();
  await trx
    .insertInto('ticket_confirmations')
    .values({ id: newId('tcf'), ticket_id: id, token_hash: hashToken(token), expires_at: expires, used_at: null, created_at: now })
    .execute();
  return token;
}

const linkOf = (id: string, token: string | null) => ({ confirmationToken: token, confirmationUrl: token ? `/confirm/${id}?token=${token}` : null });

/**
 * POST /tickets/{id}/resolve: records the solution while processing; the resolution clock stops
 * (paused, awaiting the customer's confirmation). For customer feedback resolved by the brand's
 * staff a one-time confirmation token is issued and returned once. A dealer resolving its own
 * customer's case gets no token (it could rate itself with it): earlier links stop working and
 * HQ or the regional manager sends the customer a link (issueConfirmationLink).
 */
export async function resolveTicket(ctx: ServiceContext, id: string, solution: string) {
  const settings = await serviceSettings(ctx.db);
  const now = nowOf(ctx);
  let token: string | null = null;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ctx, id);
    if (row.step !== 'processing') throw new AppError('INVALID_TRANSITION', `A solution is recorded while processing; this ticket is ${row.step}`, undefined, { from: row.step, to: 'resolved' });
    if (actorOf(ctx) === 'dealer' && row.kind === 'dealer_request') throw forbidden('The regional manager resolves dealer requests');
    const pauses = [...closePauses(pausesOf(row), now), { from: now, to: null, reason: 'awaiting_confirmation' }];
    await trx
      .updateTable('tickets')
      .set({ solution, resolved_at: now, pauses: JSON.stringify(pauses), updated_at: now })
      .where('id', '=', id)
      .execute();
    if (row.kind === 'customer_feedback') {
      if (actorOf(ctx) === 'dealer') await trx.updateTable('ticket_confirmations').set({ used_at: now }).where('ticket_id', '=', id).where('used_at', 'is', null).execute();
      else token = await issueLink(trx, id, now, settings.confirmationDays);
    }
    await addEvent(trx, { id: newId('tev'), ticket_id: id, kind: 'resolve', note: solution, ...actor(ctx), at: now });
    await appendAudit(trx, ctx, { action: 'ticket.resolve', entityType: 'ticket', entityId: id, change: { solution, confirmationLink: token !== null } });
  });
  const ticket = await getTicket(ctx, id);
  return { ticket, ...linkOf(id, token) };
}

/**
 * POST /tickets/{id}/confirmation-link: HQ or the regional manager sends the customer a new
 * one-time link for a resolved customer-feedback ticket (after a dealer resolved it, or when a
 * link expired or got lost). Never a dealer user: the token is the customer's rating.
 */
export async function issueConfirmationLink(ctx: ServiceContext, id: string) {
  if (actorOf(ctx) === 'dealer') throw forbidden('HQ or the regional manager sends the customer its confirmation link');
  const settings = await serviceSettings(ctx.db);
  const now = nowOf(ctx);
  const token = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ctx, id);
    if (row.kind !== 'customer_feedback') throw conflict('Only customer feedback is confirmed by the customer');
    if (row.step !== 'processing' || row.resolved_at === null)
      throw new AppError(
        'INVALID_TRANSITION',
        `A confirmation link is sent for a resolved ticket awaiting the customer; this ticket is ${row.step}${row.step === 'processing' ? ' without a solution' : ''}`,
        undefined,
        { from: row.step, to: 'verified' },
      );
    const issued = await issueLink(trx, id, now, settings.confirmationDays);
    await appendAudit(trx, ctx, { action: 'ticket.confirmation_link', entityType: 'ticket', entityId: id, change: { expiresInDays: settings.confirmationDays } });
    return issued;
  });
  return linkOf(id, token) as { confirmationToken: string; confirmationUrl: string };
}

export async function pauseTicket(ctx: ServiceContext, id: string, reason: string, pause: boolean): Promise<Ticket> {
  const settings = await serviceSettings(ctx.db);
  const cal = await calendarOf(ctx.db, settings);
  const now = nowOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ctx, id);
    let pauses = pausesOf(row);
    const open = pauses.some((p) => p.to === null);
    if (pause && (open || !['responded', 'processing'].includes(row.step))) throw conflict(open ? 'The ticket is already paused' : `A ${row.step} ticket cannot be paused`);
    if (!pause && !open) throw conflict('The ticket is not paused');
    pauses = pause ? [...pauses, { from: now, to: null, reason }] : closePauses(pauses, now);
    const resolution_due_at = deadlinesOf(settings, cal, row, pauses).resolution_due_at;
    await trx
      .updateTable('tickets')
      .set({ pauses: JSON.stringify(pauses), resolution_due_at, updated_at: now })
      .where('id', '=', id)
      .execute();
    await addEvent(trx, { id: newId('tev'), ticket_id: id, kind: pause ? 'pause' : 'resume', note: reason, ...actor(ctx), at: now });
    await appendAudit(trx, ctx, { action: pause ? 'ticket.pause' : 'ticket.resume', entityType: 'ticket', entityId: id, change: { reason } });
  });
  return getTicket(ctx, id);
}

export { hashToken };
