import { Type } from 'typebox';
import {
  CalendarDay,
  CalendarOverride,
  CalendarQuery,
  CommentBody,
  ConfirmationLink,
  ConfirmBody,
  ConfirmParams,
  ConfirmQuery,
  ConfirmView,
  CreateTicketBody,
  DateParams,
  IdParams,
  PauseBody,
  ResolveBody,
  ResolveResult,
  ServiceSettings,
  StepBody,
  TemplateBody,
  Ticket,
  TicketAttachment,
  TicketComment,
  TicketDetail,
  TicketListQuery,
  listOf,
} from '../../../shared/schemas/index.js';
import { DOCUMENT_CONTENT_TYPES, FileResponse, NoContent } from '../../../shared/schemas/index.js';
import type { Caller } from '../../core/caller.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { respondList, type ExportColumn } from '../../core/list.js';
import { calendarDays, deleteCalendarOverride, putCalendarOverride, saveServiceSettings, serviceSettings } from './service-settings.js';
import { createTicket, issueConfirmationLink, listTickets, pauseTicket, resolveTicket, takeStep, ticketDetail } from './tickets.service.js';
import { receiveUpload } from '../../core/uploads.js';
import { ATTACHMENT_UPLOAD, addAttachment, addComment, checkTicketVisible, confirmByCustomer, confirmationView, readAttachment } from './tickets.thread.js';

const STEP_ZH: Record<string, string> = { received: '已受理', classified: '已分类', responded: '已响应', processing: '处理中', verified: '已验证', closed: '已关闭' };
const ticketColumns: ExportColumn<Ticket>[] = [
  { key: 'number', zh: '工单号', en: 'Number', width: 18, value: (t) => t.number },
  { key: 'kind', zh: '类别', en: 'Kind', value: (t) => t.kind },
  { key: 'dealer', zh: '经销商', en: 'Dealer', width: 28, value: (t) => t.dealerName },
  { key: 'type', zh: '类型', en: 'Type', value: (t) => t.type },
  { key: 'priority', zh: '优先级', en: 'Priority', value: (t) => t.priority },
  { key: 'subject', zh: '主题', en: 'Subject', width: 40, value: (t) => t.subject },
  { key: 'step', zh: '步骤', en: 'Step', value: (t) => STEP_ZH[t.step] ?? t.step },
  { key: 'assignee', zh: '处理人', en: 'Assignee', value: (t) => t.assigneeName },
  { key: 'createdAt', zh: '创建时间', en: 'Created', width: 22, value: (t) => t.createdAt },
  { key: 'firstResponseDueAt', zh: '首次响应期限', en: 'First response due', width: 22, value: (t) => t.sla.firstResponseDueAt },
  { key: 'firstResponseAt', zh: '首次响应时间', en: 'First response', width: 22, value: (t) => t.firstResponseAt },
  { key: 'resolutionDueAt', zh: '解决期限', en: 'Resolution due', width: 22, value: (t) => t.sla.resolutionDueAt },
  { key: 'resolvedAt', zh: '解决时间', en: 'Resolved', width: 22, value: (t) => t.resolvedAt },
  { key: 'breached', zh: '超时', en: 'Breached', value: (t) => (t.sla.breached ? 1 : 0) },
  { key: 'rating', zh: '评分', en: 'Rating', value: (t) => t.rating },
];

/** Who stands behind a customer's confirmation link (recorded in events and the audit chain). */
const customerCaller: Caller = { kind: 'system', id: null, name: 'customer-link', role: 'hq_admin', dealerId: null, regionCodes: [] };

export default async function ticketRoutes(app: App, deps: AppDeps) {
  const tags = ['service'];
  const dataDir = deps.config.dataDir;

  app.post(
    '/v1/tickets',
    { config: { access: { permission: 'tickets.write' } }, schema: { tags, summary: 'File a customer feedback ticket or a dealer request', body: CreateTicketBody, response: { 201: Ticket } } },
    async (request, reply) => reply.code(201).send(await createTicket(ctxOf(deps, request), request.body)),
  );
  app.get(
    '/v1/tickets',
    { config: { access: { permission: 'tickets.read' } }, schema: { tags, summary: 'Tickets in scope; ?format=xlsx', querystring: TicketListQuery, response: { 200: listOf(Ticket) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listTickets(ctxOf(deps, request), request.query, page), { name: 'tickets', columns: ticketColumns }),
  );
  app.get(
    '/v1/tickets/:id',
    {
      config: { access: { permission: 'tickets.read', dealerParam: 'id' } },
      schema: { tags, summary: 'A ticket with its timeline, comments, attachments and solution templates', params: IdParams, response: { 200: TicketDetail } },
    },
    async (request) => ticketDetail(ctxOf(deps, request), request.params.id),
  );
  app.post(
    '/v1/tickets/:id/steps',
    {
      config: { access: { permission: 'tickets.process', dealerParam: 'id' } },
      schema: { tags, summary: 'The next step (out of order: 409 INVALID_TRANSITION)', params: IdParams, body: StepBody, response: { 200: Ticket } },
    },
    async (request) => takeStep(ctxOf(deps, request), request.params.id, request.body),
  );
  app.post(
    '/v1/tickets/:id/resolve',
    {
      config: { access: { permission: 'tickets.process', dealerParam: 'id' } },
      schema: {
        tags,
        summary: 'Record the solution; customer feedback resolved by HQ or the regional manager gets a one-time confirmation link (never shown to dealer users)',
        params: IdParams,
        body: ResolveBody,
        response: { 200: ResolveResult },
      },
    },
    async (request) => resolveTicket(ctxOf(deps, request), request.params.id, request.body.solution),
  );
  app.post(
    '/v1/tickets/:id/confirmation-link',
    {
      config: { access: { permission: 'tickets.confirmationLink', dealerParam: 'id' } },
      schema: {
        tags,
        summary: 'A new one-time confirmation link for the customer of a resolved customer-feedback ticket (earlier links stop working)',
        params: IdParams,
        response: { 200: ConfirmationLink },
      },
    },
    async (request) => issueConfirmationLink(ctxOf(deps, request), request.params.id),
  );
  app.post(
    '/v1/tickets/:id/pause',
    {
      config: { access: { permission: 'tickets.process', dealerParam: 'id' } },
      schema: { tags, summary: 'Stop the resolution clock (e.g. waiting for the customer)', params: IdParams, body: PauseBody, response: { 200: Ticket } },
    },
    async (request) => pauseTicket(ctxOf(deps, request), request.params.id, request.body.reason, true),
  );
  app.post(
    '/v1/tickets/:id/resume',
    { config: { access: { permission: 'tickets.process', dealerParam: 'id' } }, schema: { tags, params: IdParams, body: PauseBody, response: { 200: Ticket } } },
    async (request) => pauseTicket(ctxOf(deps, request), request.params.id, request.body.reason, false),
  );
  app.post(
    '/v1/tickets/:id/comments',
    { config: { access: { permission: 'tickets.write', dealerParam: 'id' } }, schema: { tags, params: IdParams, body: CommentBody, response: { 201: TicketComment } } },
    async (request, reply) => reply.code(201).send(await addComment(ctxOf(deps, request), request.params.id, request.body.body, request.body.attachmentIds)),
  );
  app.post(
    '/v1/tickets/:id/attachments',
    {
      config: { access: { permission: 'tickets.write', dealerParam: 'id' } },
      schema: {
        tags,
        summary: 'Upload an attachment (multipart field `file`; PDF, JPG, PNG, XLSX, DOCX; at most 5 MB); then name it in a comment',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: TicketAttachment },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      await checkTicketVisible(ctx, request.params.id);
      const file = await receiveUpload(request, ATTACHMENT_UPLOAD);
      return reply.code(201).send(await addAttachment(ctx, dataDir, request.params.id, file));
    },
  );
  app.get(
    '/v1/ticket-attachments/:id',
    {
      config: { access: { permission: 'tickets.read' } },
      schema: { tags, summary: 'Download an attachment', params: IdParams, response: { 200: FileResponse('The attachment as uploaded', DOCUMENT_CONTENT_TYPES) } },
    },
    async (request, reply) => {
      const { row, data } = await readAttachment(ctxOf(deps, request), dataDir, request.params.id);
      const fallback = `attachment-${row.id}${row.fileName.match(/\.[A-Za-z0-9]+$/)?.[0] ?? ''}`;
      return reply
        .type(row.contentType)
        .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  // The customer's signed link: no login; the token works once and only for its ticket.
  const publicCtx = (request: { id: unknown }) => ({ db: deps.db, clock: deps.clock, caller: customerCaller, requestId: String(request.id) });
  app.get(
    '/v1/public/tickets/:id/confirmation',
    {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'What the customer is asked to confirm (signed link)', params: ConfirmParams, querystring: ConfirmQuery, response: { 200: ConfirmView } },
    },
    async (request) => confirmationView(publicCtx(request), request.params.id, request.query.token),
  );
  app.post(
    '/v1/public/tickets/:id/confirmation',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: {
        tags,
        summary: 'The customer rates the solution (1-5); a low rating reopens the ticket',
        params: ConfirmParams,
        body: ConfirmBody,
        response: { 200: Type.Object({ number: Type.String(), step: Type.String(), rating: Type.Integer() }) },
      },
    },
    async (request) => confirmByCustomer(publicCtx(request), request.params.id, request.body.token, request.body.rating, request.body.comment),
  );

  // ---- settings, calendar, templates
  app.get('/v1/service/settings', { config: { access: { permission: 'tickets.read' } }, schema: { tags, response: { 200: ServiceSettings } } }, async () => serviceSettings(deps.db));
  app.put(
    '/v1/service/settings',
    {
      config: { access: { permission: 'service.configure' } },
      schema: { tags, summary: 'Working hours, SLA targets, reopen rating, link lifetime', body: ServiceSettings, response: { 200: ServiceSettings } },
    },
    async (request) => saveServiceSettings(ctxOf(deps, request), request.body),
  );
  app.get(
    '/v1/service/calendar',
    {
      config: { access: { permission: 'tickets.read' } },
      schema: { tags, summary: 'Business days (official calendar with HQ overrides)', querystring: CalendarQuery, response: { 200: Type.Object({ items: Type.Array(CalendarDay) }) } },
    },
    async (request) => ({ items: await calendarDays(deps.db, request.query.from, request.query.to) }),
  );
  app.put(
    '/v1/service/calendar/:date',
    {
      config: { access: { permission: 'service.configure' } },
      schema: { tags, summary: 'Make a date a working day or a holiday', params: DateParams, body: CalendarOverride, response: { 200: CalendarDay } },
    },
    async (request) => putCalendarOverride(ctxOf(deps, request), request.params.date, request.body),
  );
  app.delete('/v1/service/calendar/:date', { config: { access: { permission: 'service.configure' } }, schema: { tags, params: DateParams, response: { 204: NoContent } } }, async (request, reply) => {
    await deleteCalendarOverride(ctxOf(deps, request), request.params.date);
    return reply.code(204).send();
  });
  app.post(
    '/v1/service/templates',
    {
      config: { access: { permission: 'service.configure' } },
      schema: {
        tags,
        summary: 'Add a solution template for a type',
        body: TemplateBody,
        response: { 201: Type.Object({ id: Type.String(), type: Type.String(), title: Type.String(), body: Type.String() }) },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const row = { id: newId('tpl'), ...request.body, created_by: ctx.caller.name, created_at: ctx.clock.now().toISOString() };
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('solution_templates').values(row).execute();
        await appendAudit(trx, ctx, { action: 'service.template.create', entityType: 'solution_template', entityId: row.id, change: request.body });
      });
      return reply.code(201).send({ id: row.id, type: row.type, title: row.title, body: row.body });
    },
  );
}
