// The comment thread of a ticket with its attachments (stored under <dataDir>/tickets/<ticket>/
// through core/uploads.ts: type judged by content, PDF, JPG, PNG, XLSX, DOCX; at most 5 MB each),
// and the customer's one-time confirmation through the signed link.
import path from 'node:path';
import type { ServiceContext } from '../../core/caller.js';
import type { TicketAttachmentsTable } from '../../db/types.js';
import { dealerScopeOf } from '../../core/access.js';
import { invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { DOCUMENT_KINDS, readStored, removeStored, storedFileColumns, storeUpload, uploadAudit, type Upload, type UploadPolicy } from '../../core/uploads.js';
import * as repo from './tickets.repo.js';
import { getTicket, hashToken, verifyByCustomer } from './tickets.service.js';
import { addEvent } from './tickets.view.js';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_UPLOAD: UploadPolicy = { kinds: DOCUMENT_KINDS, maxBytes: ATTACHMENT_MAX_BYTES, label: 'An attachment' };

async function visibleTicket(ctx: ServiceContext, id: string) {
  const row = await repo.findTicket(ctx.db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Ticket ${id}`);
  return row;
}

/** An attachment as the API shows it (in a comment, a ticket's detail, a download). */
export const attachmentView = (a: TicketAttachmentsTable) => ({
  id: a.id,
  commentId: a.comment_id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  uploadedBy: a.uploaded_by,
  uploadedAt: a.uploaded_at,
});

export async function addComment(ctx: ServiceContext, ticketId: string, body: string, attachmentIds: string[] = []) {
  await visibleTicket(ctx, ticketId);
  const now = ctx.clock.now().toISOString();
  const id = newId('tcm');
  await ctx.db.transaction().execute(async (trx) => {
    if (attachmentIds.length) {
      const found = await trx.selectFrom('ticket_attachments').select('id').where('ticket_id', '=', ticketId).where('comment_id', 'is', null).where('id', 'in', attachmentIds).execute();
      const missing = attachmentIds.find((a) => !found.some((f) => f.id === a));
      if (missing) throw invalid('/attachmentIds', `${missing} is not an unattached file of this ticket`);
      await trx.updateTable('ticket_attachments').set({ comment_id: id }).where('id', 'in', attachmentIds).execute();
    }
    await trx.insertInto('ticket_comments').values({ id, ticket_id: ticketId, body, author_id: ctx.caller.id, author_name: ctx.caller.name, author_role: ctx.caller.role, created_at: now }).execute();
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticketId).execute();
    await addEvent(trx, { id: newId('tev'), ticket_id: ticketId, kind: 'comment', note: body.slice(0, 200), actor_id: ctx.caller.id, actor_name: ctx.caller.name, at: now });
    await appendAudit(trx, ctx, { action: 'ticket.comment', entityType: 'ticket', entityId: ticketId, change: { commentId: id, body, attachmentIds } });
  });
  const attachments = attachmentIds.length ? await ctx.db.selectFrom('ticket_attachments').selectAll().where('comment_id', '=', id).execute() : [];
  return { id, body, authorName: ctx.caller.name, authorRole: ctx.caller.role, createdAt: now, attachments: attachments.map(attachmentView) };
}

/** Stores a received attachment (core/uploads.ts checked its size and type) on the ticket. */
export async function addAttachment(ctx: ServiceContext, dataDir: string, ticketId: string, file: Upload) {
  const id = newId('tat');
  const relative = await storeUpload(dataDir, path.join('tickets', ticketId), id, file);
  const row: TicketAttachmentsTable = {
    id,
    ticket_id: ticketId,
    comment_id: null,
    ...storedFileColumns(file, relative, ctx),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('ticket_attachments').values(row).execute();
      await appendAudit(trx, ctx, { action: 'ticket.attachment.add', entityType: 'ticket', entityId: ticketId, change: { id, ...uploadAudit(file) } });
    });
  } catch (error) {
    await removeStored(dataDir, relative);
    throw error;
  }
  return attachmentView(row);
}

/** Checks the ticket is the caller's to see before anything else (404 first, then the body). */
export const checkTicketVisible = visibleTicket;

export async function readAttachment(ctx: ServiceContext, dataDir: string, attachmentId: string) {
  const row = await ctx.db.selectFrom('ticket_attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw notFound(`Attachment ${attachmentId}`);
  await visibleTicket(ctx, row.ticket_id).catch(() => {
    throw notFound(`Attachment ${attachmentId}`);
  });
  try {
    return { row: attachmentView(row), data: await readStored(dataDir, row.storage_path) };
  } catch {
    throw notFound(`The file of attachment ${attachmentId}`);
  }
}

// ---- the customer's confirmation link (public, no login) -------------------------------------
/** The live confirmation of this ticket with this token; anything else is one and the same 404. */
async function liveConfirmation(ctx: ServiceContext, ticketId: string, token: string) {
  const row = await ctx.db.selectFrom('ticket_confirmations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  const now = ctx.clock.now().toISOString();
  if (!row || row.ticket_id !== ticketId || row.used_at !== null || row.expires_at < now) throw notFound('This confirmation link is not valid (used, expired or not for this ticket)');
  return row;
}

export async function confirmationView(ctx: ServiceContext, ticketId: string, token: string) {
  await liveConfirmation(ctx, ticketId, token);
  const t = await getTicket(ctx, ticketId);
  return { number: t.number, subject: t.subject, solution: t.solution, step: t.step };
}

/** The customer rates the solution: the verification step, taken once through this link. */
export async function confirmByCustomer(ctx: ServiceContext, ticketId: string, token: string, rating: number, comment?: string) {
  const ticket = await verifyByCustomer(ctx, ticketId, token, rating, comment ? `客户确认：${comment}` : '客户确认');
  return { number: ticket.number, step: ticket.step, rating };
}
