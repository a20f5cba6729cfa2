// The points ledger (积分): append-only entries, balance = sum, never negative. Every write that
// can lower a balance locks the dealer row first (FOR UPDATE on PostgreSQL; SQLite serialises
// writers), then reads the sum, so parallel redemptions can never overdraw.
import { sql, type Transaction } from 'kysely';
import type { PointsAccount, PointsEntryBody } from '../../../shared/schemas/points.js';
import type { ServiceContext } from '../../core/caller.js';
import type { DB, PointsEntriesTable } from '../../db/types.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isoNowDate } from '../incentives/shared.js';
import { quarterEnd } from '../../../shared/dates.js';
import { policyOn } from '../incentives/policy.service.js';
import { lockDealer } from '../orders/dealer-guard.js';
import { pointsToExpire } from './points.rules.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

type Db = ServiceContext['db'] | Transaction<DB>;

export async function balanceOf(db: Db, dealerId: string): Promise<number> {
  const row = await db
    .selectFrom('points_entries')
    .select(sql<number>`coalesce(sum(points), 0)`.as('balance'))
    .where('dealer_id', '=', dealerId)
    .executeTakeFirst();
  return Number(row?.balance ?? 0);
}

export interface NewEntry {
  dealerId: string;
  points: number;
  kind: string;
  reason: string;
  sourceKey?: string;
  refId?: string;
}

/** Appends one entry; earned (positive) lots expire at the end of the quarter set by the policy. */
export async function appendEntry(trx: Transaction<DB>, ctx: ServiceContext, entry: NewEntry, expiryQuarters: number): Promise<PointsEntriesTable | null> {
  const today = isoNowDate(ctx);
  const row: PointsEntriesTable = {
    id: newId('pts'),
    dealer_id: entry.dealerId,
    points: entry.points,
    kind: entry.kind,
    reason: entry.reason,
    source_key: entry.sourceKey ?? null,
    expires_on: entry.points > 0 ? quarterEnd(today, expiryQuarters) : null,
    ref_id: entry.refId ?? null,
    created_by: ctx.caller.name,
    created_at: ctx.clock.now().toISOString(),
  };
  if (entry.sourceKey) {
    // Earning is idempotent: a rule awards a source (a dealer's month, a customer) once.
    const inserted = await trx
      .insertInto('points_entries')
      .values(row)
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted ? row : null;
  }
  await trx.insertInto('points_entries').values(row).execute();
  return row;
}

export async function pointsAccount(ctx: ServiceContext, dealerId: string): Promise<PointsAccount> {
  await visibleDealerOr404(ctx, dealerId);
  const rows = await ctx.db.selectFrom('points_entries').selectAll().where('dealer_id', '=', dealerId).orderBy('id', 'desc').execute();
  return {
    dealerId,
    balance: rows.reduce((s, r) => s + Number(r.points), 0),
    entries: rows.map((r) => ({ id: r.id, points: Number(r.points), kind: r.kind as 'manual', reason: r.reason, createdAt: r.created_at, expiresAt: r.expires_on })),
  };
}

/** HQ grant or deduction (audited); a deduction may not take the balance below zero. */
export async function manualEntry(ctx: ServiceContext, body: PointsEntryBody): Promise<PointsAccount> {
  const policy = await policyOn(ctx.db, isoNowDate(ctx));
  await ctx.db.transaction().execute(async (trx) => {
    await lockDealer(trx, ctx, body.dealerId);
    if (body.points < 0) {
      const balance = await balanceOf(trx, body.dealerId);
      if (balance + body.points < 0) throw new AppError('INSUFFICIENT_POINTS', `The balance is ${balance} points; cannot deduct ${-body.points}`, undefined, { balance, requested: -body.points });
    }
    const row = await appendEntry(trx, ctx, { dealerId: body.dealerId, points: body.points, kind: 'manual', reason: body.reason }, policy.policy.points.expiryQuarters);
    await appendAudit(trx, ctx, { action: 'points.manual', entityType: 'dealer', entityId: body.dealerId, change: { ...body, entryId: row!.id } });
  });
  return pointsAccount(ctx, body.dealerId);
}

/**
 * POST /points/expiry-runs and the quarter-end job: for each dealer, expires what is left of the
 * lots whose quarter ended before `asOf` (FIFO, see points.rules). Re-running expires nothing more.
 */
export async function runExpiry(ctx: ServiceContext, asOf: string): Promise<{ asOf: string; dealers: number; expiredPoints: number }> {
  const candidates = await ctx.db.selectFrom('points_entries').select('dealer_id').distinct().where('expires_on', '<', asOf).execute();
  let dealers = 0;
  let expiredPoints = 0;
  for (const { dealer_id: dealerId } of candidates) {
    await ctx.db.transaction().execute(async (trx) => {
      await lockDealer(trx, ctx, dealerId);
      const rows = await trx.selectFrom('points_entries').select(['points', 'expires_on']).where('dealer_id', '=', dealerId).execute();
      const expire = pointsToExpire(
        rows.map((r) => ({ points: Number(r.points), expiresOn: r.expires_on })),
        asOf,
      );
      if (expire <= 0) return;
      await appendEntry(trx, ctx, { dealerId, points: -expire, kind: 'expiry', reason: `季末清零 (截至 ${asOf})` }, 0);
      await appendAudit(trx, ctx, { action: 'points.expire', entityType: 'dealer', entityId: dealerId, change: { asOf, points: expire } });
      dealers++;
      expiredPoints += expire;
    });
  }
  return { asOf, dealers, expiredPoints };
}
