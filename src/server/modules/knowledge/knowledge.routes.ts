import { Type } from 'typebox';
import { IdParams } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { Article, ArticleBody, SearchHit, SearchQuery, createArticle, getArticle, searchArticles, updateArticle } from './knowledge.service.js';
import { Announcement, AnnouncementBody, ANNOUNCEMENT_KINDS, Receipts, listAnnouncements, markRead, publishAnnouncement, receiptsOf } from './announcements.service.js';

export default async function knowledgeRoutes(app: App, deps: AppDeps) {
  const tags = ['service'];
  app.get(
    '/v1/kb/articles',
    {
      config: { access: { permission: 'knowledge.read' } },
      schema: { tags, summary: 'Search the knowledge base (Chinese word segmentation; ranked)', querystring: SearchQuery, response: { 200: Type.Object({ items: Type.Array(SearchHit) }) } },
    },
    async (request) => ({ items: await searchArticles(ctxOf(deps, request), request.query.q, request.query.status) }),
  );
  app.post('/v1/kb/articles', { config: { access: { permission: 'knowledge.write' } }, schema: { tags, body: ArticleBody, response: { 201: Article } } }, async (request, reply) =>
    reply.code(201).send(await createArticle(ctxOf(deps, request), request.body)),
  );
  app.get('/v1/kb/articles/:id', { config: { access: { permission: 'knowledge.read' } }, schema: { tags, params: IdParams, response: { 200: Article } } }, async (request) =>
    getArticle(ctxOf(deps, request), request.params.id),
  );
  app.put(
    '/v1/kb/articles/:id',
    { config: { access: { permission: 'knowledge.write' } }, schema: { tags, summary: 'Edit or publish an article', params: IdParams, body: ArticleBody, response: { 200: Article } } },
    async (request) => updateArticle(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/announcements',
    {
      config: { access: { permission: 'knowledge.read' } },
      schema: {
        tags,
        summary: 'Announcements, policy documents and meeting records, newest first',
        querystring: Type.Object({ kind: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...ANNOUNCEMENT_KINDS] })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Announcement) }) },
      },
    },
    async (request) => ({ items: await listAnnouncements(ctxOf(deps, request), request.query.kind) }),
  );
  app.post('/v1/announcements', { config: { access: { permission: 'announcements.publish' } }, schema: { tags, body: AnnouncementBody, response: { 201: Announcement } } }, async (request, reply) =>
    reply.code(201).send(await publishAnnouncement(ctxOf(deps, request), request.body)),
  );
  app.post(
    '/v1/announcements/:id/read',
    {
      config: { access: { permission: 'knowledge.read' } },
      schema: { tags, summary: 'Record that the caller has read it (read receipt)', params: IdParams, response: { 200: Type.Object({ announcementId: Type.String(), readAt: Type.String() }) } },
    },
    async (request) => markRead(ctxOf(deps, request), request.params.id),
  );
  app.get(
    '/v1/announcements/:id/receipts',
    { config: { access: { permission: 'announcements.publish' } }, schema: { tags, summary: 'Who read it; dealers without a reader', params: IdParams, response: { 200: Receipts } } },
    async (request) => receiptsOf(ctxOf(deps, request), request.params.id),
  );
}
