// Knowledge base (C10: solved cases become articles): drafts and published articles, a word index
// kept in step with every save, and ranked Chinese search over it.
import { sql, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import { Type, type Static } from 'typebox';
import { isDealerRole, isHqRole } from '../../../shared/permissions.js';
import type { DB, KbArticlesTable } from '../../db/types.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { chunks } from '../../core/locks.js';
import { indexWeights, minimumHits, publishRefusal, queryTokens, snippet } from './knowledge.rules.js';

export const ArticleBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    productSku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    status: Type.Optional(Type.Unsafe<'draft' | 'published'>({ type: 'string', enum: ['draft', 'published'] })),
  },
  { additionalProperties: false },
);
export type ArticleBody = Static<typeof ArticleBody>;
export const Article = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  type: Type.Union([Type.String(), Type.Null()]),
  productSku: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  sourceTicketId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const SearchHit = Type.Object({
  id: Type.String(),
  title: Type.String(),
  snippet: Type.String(),
  status: Type.String(),
  type: Type.Union([Type.String(), Type.Null()]),
  hits: Type.Integer(),
  score: Type.Integer(),
});
export const SearchQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), status: Type.Optional(Type.Unsafe<'draft' | 'published'>({ type: 'string', enum: ['draft', 'published'] })) },
  { additionalProperties: false },
);

const view = (a: KbArticlesTable) => ({
  id: a.id,
  title: a.title,
  body: a.body,
  type: a.type,
  productSku: a.product_sku,
  status: a.status,
  sourceTicketId: a.source_ticket_id,
  createdBy: a.created_by,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
});

async function reindex(trx: Transaction<DB> | Database, articleId: string, title: string, body: string) {
  await trx.deleteFrom('kb_tokens').where('article_id', '=', articleId).execute();
  const rows = [...indexWeights(title, body)].map(([token, weight]) => ({ token, article_id: articleId, weight }));
  for (const batch of chunks(rows, 300)) await trx.insertInto('kb_tokens').values(batch).execute();
}

async function insertArticle(trx: Transaction<DB>, ctx: ServiceContext, a: Omit<KbArticlesTable, 'id' | 'created_by' | 'created_at' | 'updated_at'>) {
  const now = ctx.clock.now().toISOString();
  const row: KbArticlesTable = { id: newId('kba'), ...a, created_by: ctx.caller.name, created_at: now, updated_at: now };
  await trx.insertInto('kb_articles').values(row).execute();
  await reindex(trx, row.id, row.title, row.body);
  await appendAudit(trx, ctx, { action: 'kb.create', entityType: 'kb_article', entityId: row.id, change: { title: row.title, status: row.status, sourceTicketId: row.source_ticket_id } });
  return row;
}

/** A closed customer case as a draft article: the problem, then the solution that satisfied. */
export async function draftFromTicket(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  t: { id: string; number: string; subject: string; description: string; solution?: string | null; type: string; product_sku: string | null; rating?: number | null },
) {
  const body = `【问题】${t.description}\n【解决方案】${t.solution ?? '（未记录）'}\n【来源】工单 ${t.number}${t.rating ? `，客户评分 ${t.rating}` : ''}`;
  const row = await insertArticle(trx, ctx, { title: t.subject, body, type: t.type, product_sku: t.product_sku, status: 'draft', source_ticket_id: t.id });
  return row.id;
}

/** 403 naming `status` when the caller may not publish (knowledge.rules.ts publishRefusal). */
function checkPublish(ctx: ServiceContext, current: string | null, wanted: string) {
  const refusal = publishRefusal(isHqRole(ctx.caller.role), current, wanted);
  if (refusal) throw new AppError('FORBIDDEN', refusal, [{ path: '/status', message: refusal }]);
}

export async function createArticle(ctx: ServiceContext, body: ArticleBody) {
  checkPublish(ctx, null, body.status ?? 'draft');
  const row = await ctx.db
    .transaction()
    .execute((trx) =>
      insertArticle(trx, ctx, { title: body.title, body: body.body, type: body.type ?? null, product_sku: body.productSku ?? null, status: body.status ?? 'draft', source_ticket_id: null }),
    );
  return view(row);
}

export async function updateArticle(ctx: ServiceContext, id: string, body: ArticleBody) {
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('kb_articles').selectAll().where('id', '=', id).where(visibleArticle(ctx)).executeTakeFirst();
    if (!existing) throw notFound(`Article ${id}`);
    checkPublish(ctx, existing.status, body.status ?? existing.status);
    const patch = {
      title: body.title,
      body: body.body,
      type: body.type ?? existing.type,
      product_sku: body.productSku ?? existing.product_sku,
      status: body.status ?? existing.status,
      updated_at: now,
    };
    await trx.updateTable('kb_articles').set(patch).where('id', '=', id).execute();
    await reindex(trx, id, patch.title, patch.body);
    await appendAudit(trx, ctx, { action: 'kb.update', entityType: 'kb_article', entityId: id, change: { title: patch.title, status: patch.status } });
  });
  return getArticle(ctx, id);
}

/** Dealers read published articles only; editors see drafts as well. */
const visibleStatuses = (ctx: ServiceContext, wanted?: string) => (isDealerRole(ctx.caller.role) ? ['published'] : wanted ? [wanted] : ['draft', 'published']);

/**
 * A draft made from a ticket carries that ticket's customer case, so it is seen in the ticket
 * dealer's scope only (core/access.ts), like the ticket; published articles and drafts written
 * by hand are the whole knowledge base's.
 */
const visibleArticle = (ctx: ServiceContext, column = 'kb_articles') => {
  const scope = dealerScopeOf(ctx.caller);
  return (eb: ExpressionBuilder<DB, any>) =>
    scope.kind === 'all'
      ? sql<SqlBool>`1 = 1`
      : eb.or([
          eb(eb.ref(`${column}.status` as any), '=', 'published'),
          eb(eb.ref(`${column}.source_ticket_id` as any), 'is', null),
          eb(eb.ref(`${column}.source_ticket_id` as any), 'in', eb.selectFrom('tickets as kb_t').select('kb_t.id').where(visibleDealer(scope, 'kb_t.dealer_id'))),
        ]);
};

export async function getArticle(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('kb_articles').selectAll().where('id', '=', id).where('status', 'in', visibleStatuses(ctx)).where(visibleArticle(ctx)).executeTakeFirst();
  if (!row) throw notFound(`Article ${id}`);
  return view(row);
}

/** Ranked search: articles holding most of the query's words first, then by word weight. */
export async function searchArticles(ctx: ServiceContext, q: string | undefined, status?: string) {
  const statuses = visibleStatuses(ctx, status);
  const tokens = q ? queryTokens(q) : [];
  if (tokens.length === 0) {
    const rows = await ctx.db.selectFrom('kb_articles').selectAll().where('status', 'in', statuses).where(visibleArticle(ctx)).orderBy('updated_at', 'desc').limit(50).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, snippet: snippet(r.body, []), status: r.status, type: r.type, hits: 0, score: 0 }));
  }
  const ranked = await ctx.db
    .selectFrom('kb_tokens as k')
    .innerJoin('kb_articles as a', 'a.id', 'k.article_id')
    .select(['a.id', 'a.title', 'a.body', 'a.status', 'a.type', (eb) => eb.fn.countAll<number>().as('hits'), (eb) => eb.fn.sum<number>('k.weight').as('score')])
    .where('k.token', 'in', tokens)
    .where('a.status', 'in', statuses)
    .where(visibleArticle(ctx, 'a'))
    .groupBy(['a.id', 'a.title', 'a.body', 'a.status', 'a.type'])
    .having((eb) => eb.fn.countAll(), '>=', minimumHits(tokens.length))
    .orderBy('hits', 'desc')
    .orderBy('score', 'desc')
    .orderBy('a.id')
    .limit(50)
    .execute();
  return ranked.map((r) => ({ id: r.id, title: r.title, snippet: snippet(r.body, tokens), status: r.status, type: r.type, hits: Number(r.hits), score: Number(r.score) }));
}
