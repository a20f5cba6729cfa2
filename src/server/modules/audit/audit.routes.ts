import { Type } from 'typebox';
import { AuditEntry, AuditVerification, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { verifyChain } from '../../core/audit.js';
import { respondList, type PageRequest } from '../../core/list.js';
import type { ServiceContext } from '../../core/caller.js';

const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 64 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

async function listAudit(ctx: ServiceContext, filter: { entityType?: string; entityId?: string; action?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('audit_entries')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('seq', '<', Number(page.after));
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  const rows = await query.execute();
  const kept = rows.slice(0, page.limit);
  return {
    items: kept.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      change: JSON.parse(r.change) as unknown,
      hash: r.hash,
      requestId: r.request_id,
    })),
    nextCursor: rows.length > page.limit ? Buffer.from(JSON.stringify({ k: String(kept[kept.length - 1].seq) })).toString('base64url') : null,
  };
}

export default async function auditRoutes(app: App, deps: AppDeps) {
  app.get('/v1/audit', { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: listOf(AuditEntry) } } }, async (request, reply) =>
    respondList(request, reply, request.query, (page) => listAudit(ctxOf(deps, request), request.query, page), {
      name: 'audit',
      columns: [
        { key: 'seq', zh: '序号', en: 'Seq', value: (e) => e.seq },
        { key: 'at', zh: '时间', en: 'Time', width: 24, value: (e) => e.at },
        { key: 'actorName', zh: '操作人', en: 'Actor', value: (e) => e.actorName },
        { key: 'action', zh: '动作', en: 'Action', value: (e) => e.action },
        { key: 'entityType', zh: '对象类型', en: 'Entity type', value: (e) => e.entityType },
        { key: 'entityId', zh: '对象', en: 'Entity', value: (e) => e.entityId },
        { key: 'change', zh: '变更', en: 'Change', width: 60, value: (e) => JSON.stringify(e.change) },
        { key: 'hash', zh: '哈希', en: 'Hash', width: 70, value: (e) => e.hash },
      ],
    }),
  );
  app.get('/v1/audit/verify', { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], response: { 200: AuditVerification } } }, async () => verifyChain(deps.db));
}
