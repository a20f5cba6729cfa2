// Announcements, policy documents and meeting records (C9) with read receipts: every reader's
// first opening is recorded once; HQ sees who read and which dealers have not yet.
import { Type, type Static } from 'typebox';
import { isDealerRole } from '../../../shared/permissions.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { ACTIVE_OR_WARNING } from '../../../shared/dealer-lifecycle.js';

export const ANNOUNCEMENT_KINDS = ['announcement', 'policy', 'meeting'] as const;
export const AnnouncementBody = Type.Object(
  {
    kind: Type.Unsafe<(typeof ANNOUNCEMENT_KINDS)[number]>({ type: 'string', enum: [...ANNOUNCEMENT_KINDS] }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20000 }),
  },
  { additionalProperties: false },
);
export type AnnouncementBody = Static<typeof AnnouncementBody>;
export const Announcement = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  publishedBy: Type.String(),
  publishedAt: Type.String(),
  readByMe: Type.Boolean(),
  readCount: Type.Integer(),
});
export const Receipts = Type.Object({
  announcementId: Type.String(),
  readers: Type.Array(Type.Object({ userName: Type.String(), dealerId: Type.Union([Type.String(), Type.Null()]), dealerName: Type.Union([Type.String(), Type.Null()]), readAt: Type.String() })),
  dealersRead: Type.Integer(),
  dealersTotal: Type.Integer(),
  unreadDealers: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
});

export async function publishAnnouncement(ctx: ServiceContext, body: AnnouncementBody) {
  const now = ctx.clock.now().toISOString();
  const row = { id: newId('ann'), kind: body.kind, title: body.title, body: body.body, published_by: ctx.caller.name, published_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('announcements').values(row).execute();
    await appendAudit(trx, ctx, { action: 'announcement.publish', entityType: 'announcement', entityId: row.id, change: body });
  });
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, publishedBy: row.published_by, publishedAt: row.published_at, readByMe: false, readCount: 0 };
}

export async function listAnnouncements(ctx: ServiceContext, kind?: string) {
  let q = ctx.db.selectFrom('announcements').selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(200);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const mine =
    ids.length && ctx.caller.id ? await ctx.db.selectFrom('announcement_reads').select('announcement_id').where('user_id', '=', ctx.caller.id).where('announcement_id', 'in', ids).execute() : [];
  // Read counts are counted among readers the caller may see (a dealer: its own people only).
  const counts = ids.length
    ? await readsQuery(ctx)
        .select(['r.announcement_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.announcement_id', 'in', ids)
        .groupBy('r.announcement_id')
        .execute()
    : [];
  const mineSet = new Set(mine.map((m) => m.announcement_id));
  const countOf = new Map(counts.map((c) => [c.announcement_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    readByMe: mineSet.has(r.id),
    readCount: countOf.get(r.id) ?? 0,
  }));
}

function readsQuery(ctx: ServiceContext) {
  const q = ctx.db.selectFrom('announcement_reads as r');
  if (isDealerRole(ctx.caller.role)) return q.where('r.dealer_id', '=', ctx.caller.dealerId ?? '(no dealer)');
  const scope = dealerScopeOf(ctx.caller);
  return scope.kind === 'all' ? q : q.where((eb) => eb.or([eb('r.dealer_id', 'is', null), visibleDealer(scope, 'r.dealer_id')(eb as never)]));
}

/** POST /announcements/{id}/read: the caller's receipt (the first reading counts). */
export async function markRead(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('announcements').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Announcement ${id}`);
  if (!ctx.caller.id) return { announcementId: id, readAt: ctx.clock.now().toISOString() };
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('announcement_reads')
    .values({ announcement_id: id, user_id: ctx.caller.id, user_name: ctx.caller.name, dealer_id: ctx.caller.dealerId, read_at: now })
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .execute();
  const receipt = await ctx.db.selectFrom('announcement_reads').select('read_at').where('announcement_id', '=', id).where('user_id', '=', ctx.caller.id).executeTakeFirstOrThrow();
  return { announcementId: id, readAt: receipt.read_at };
}

/** GET /announcements/{id}/receipts: readers, and the dealers in scope with nobody who read it. */
export async function receiptsOf(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('announcements').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Announcement ${id}`);
  const readers = await readsQuery(ctx)
    .leftJoin('dealers as d', 'd.id', 'r.dealer_id')
    .select(['r.user_name', 'r.dealer_id', 'd.name as dealer_name', 'r.read_at'])
    .where('r.announcement_id', '=', id)
    .orderBy('r.read_at')
    .execute();
  const dealers = await ctx.db
    .selectFrom('dealers')
    .select(['id', 'code', 'name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id'))
    .where('status', 'in', ACTIVE_OR_WARNING)
    .orderBy('code')
    .execute();
  const readDealers = new Set(readers.map((r) => r.dealer_id).filter(Boolean));
  return {
    announcementId: id,
    readers: readers.map((r) => ({ userName: r.user_name, dealerId: r.dealer_id, dealerName: r.dealer_name, readAt: r.read_at })),
    dealersRead: dealers.filter((d) => readDealers.has(d.id)).length,
    dealersTotal: dealers.length,
    unreadDealers: dealers.filter((d) => !readDealers.has(d.id)).slice(0, 500),
  };
}
