// The comment thread of a ticket with its attachments (stored under <dataDir>/tickets/<ticket>/;
// type judged by content: PDF, JPG, PNG, XLSX, DOCX; at most 5 MB each), and the customer's
// one-time confirmation through the signed link.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceContext } from '../../core/caller.js';
import type { TicketAttachmentsTable } from '../../db/types.js';
import { dealerScopeOf } from '../../core/access.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { detectEvidenceType, extensionOf, safeFileName } from '../due-diligence/evidence.rules.js';
import * as repo from './tickets.repo.js';
import { getTicket, hashToken, takeStep } from './tickets.service.js';
import { addEvent } from './tickets.view.js';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

async function visibleTicket(ctx: ServiceContext, id: string) {
  const row = await repo.findTicket(ctx.db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Ticket ${id}`);
  return row;
}

const attachmentView = (a: TicketAttachmentsTable) => ({ id: a.id, commentId: a.comment_id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes, uploadedBy: a.uploaded_by, uploadedAt: a.uploaded_at });

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

export async function addAttachment(ctx: ServiceContext, dataDir: string, ticketId: string, file: { fileName: string; data: Buffer }) {
  if (file.data.length === 0) throw invalid('/file', 'is empty');
  if (file.data.length > ATTACHMENT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `An attachment may be at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  const type = await detectEvidenceType(file.data);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Attachments must be PDF, JPG, PNG, XLSX or DOCX files (judged by their content)');
  const fileName = safeFileName(file.fileName);
  if (!type.extensions.includes(extensionOf(fileName))) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The file content is ${type.kind.toUpperCase()} but its name does not end with ${type.extensions[0]}`);
  const id = newId('tat');
  const relative = path.join('tickets', ticketId, `${id}${type.extensions[0]}`);
  const absolute = path.join(dataDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(`${absolute}.part`, file.data);
  await rename(`${absolute}.part`, absolute);
  const row: TicketAttachmentsTable = {
    id, ticket_id: ticketId, comment_id: null, file_name: fileName, content_type: type.contentType, size_bytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'), storage_path: relative, uploaded_by: ctx.caller.name, uploaded_at: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('ticket_attachments').values(row).execute();
      await appendAudit(trx, ctx, { action: 'ticket.attachment.add', entityType: 'ticket', entityId: ticketId, change: { id, fileName, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256 } });
    });
  } catch (error) {
    await rm(absolute, { force: true });
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
    return { row: attachmentView(row), data: await readFile(path.join(dataDir, row.storage_path)) };
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
  const link = await liveConfirmation(ctx, ticketId, token);
  // Claim the link first: of two racing submissions exactly one updates the row.
  const claimed = await ctx.db.updateTable('ticket_confirmations').set({ used_at: ctx.clock.now().toISOString() }).where('id', '=', link.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw notFound('This confirmation link has already been used');
  const ticket = await takeStep(ctx, ticketId, { to: 'verified', rating, note: comment ? `客户确认：${comment}` : '客户确认' });
  return { number: ticket.number, step: ticket.step, rating };
}
