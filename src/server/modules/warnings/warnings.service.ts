// Warnings board: lists (scoped), one warning with its events and improvement plans, plans and
// check-ins, and the notifications a person reads.
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type Page, type PageRequest } from '../../core/list.js';
import type { ImprovementPlan, Warning, WarningDetail, WarningNotification } from '../../../shared/schemas/index.js';
import type { WarningsTable } from '../../db/types.js';
import { notify } from './warnings.apply.js';
import { addMonthsToDate, isRealDate, businessDate } from '../../../shared/dates.js';
import { loadSettings } from '../evaluation/evaluation.settings.js';

const offsetOf = (page: PageRequest) => (page.after ? Number(page.after) || 0 : 0);

type Row = WarningsTable & { code: string; name: string; deadline: string | null };
const toWarning = (r: Row): Warning => ({
  id: r.id,
  dealerId: r.dealer_id,
  dealerCode: r.code,
  dealerName: r.name,
  level: r.level as Warning['level'],
  reasons: JSON.parse(r.reasons),
  openedAt: r.opened_at,
  openedPeriod: r.opened_period,
  levelSince: r.level_since,
  lastPeriod: r.last_period,
  status: r.status as Warning['status'],
  closedAt: r.closed_at,
  planDeadline: r.deadline ?? null,
});

function baseQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('warnings as w')
    .innerJoin('dealers as d', 'd.id', 'w.dealer_id')
    .selectAll('w')
    .select(['d.code', 'd.name'])
    .select((eb) =>
      eb
        .selectFrom('improvement_plans as p')
        .whereRef('p.warning_id', '=', 'w.id')
        .where('p.status', '=', 'active')
        .select((e) => e.fn.max('p.deadline').as('dl'))
        .as('deadline'),
    )
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'w.dealer_id'));
}

export async function listWarnings(ctx: ServiceContext, filter: { dealerId?: string; level?: string; status?: string }, page: PageRequest): Promise<Page<Warning>> {
  let query = baseQuery(ctx).orderBy('w.opened_at', 'desc').orderBy('w.id');
  if (filter.dealerId) query = query.where('w.dealer_id', '=', filter.dealerId);
  if (filter.level) query = query.where('w.level', '=', filter.level);
  if (filter.status) query = query.where('w.status', '=', filter.status);
  const offset = offsetOf(page);
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  return { items: (more ? rows.slice(0, page.limit) : rows).map((r) => toWarning(r as Row)), nextCursor: more ? encodeCursor(String(offset + page.limit)) : null };
}

async function findWarning(ctx: ServiceContext, id: string): Promise<Row> {
  const row = await baseQuery(ctx).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Warning ${id}`);
  return row as Row;
}

export async function getWarning(ctx: ServiceContext, id: string): Promise<WarningDetail> {
  const w = await findWarning(ctx, id);
  const events = await ctx.db.selectFrom('warning_events').selectAll().where('warning_id', '=', id).orderBy('at').orderBy('id').execute();
  const plans = await ctx.db.selectFrom('improvement_plans').selectAll().where('warning_id', '=', id).orderBy('created_at').execute();
  const checkins = plans.length
    ? await ctx.db
        .selectFrom('plan_checkins')
        .selectAll()
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .orderBy('at')
        .execute()
    : [];
  return {
    ...toWarning(w),
    events: events.map((e) => ({ id: e.id, fromLevel: e.from_level, toLevel: e.to_level, kind: e.kind, period: e.period, reason: e.reason, actorName: e.actor_name, at: e.at })),
    plans: plans.map((p): ImprovementPlan => ({
      id: p.id,
      warningId: p.warning_id,
      goals: JSON.parse(p.goals),
      deadline: p.deadline,
      status: p.status,
      createdBy: p.created_by,
      createdAt: p.created_at,
      checkins: checkins.filter((c) => c.plan_id === p.id).map((c) => ({ id: c.id, note: c.note, progress: Number(c.progress), actorName: c.actor_name, at: c.at })),
    })),
  };
}

/** A formal improvement plan (goals and deadline, by default the evaluation setting's planMonths from today) on an open warning; replaces an active one. */
export async function createPlan(ctx: ServiceContext, warningId: string, input: { goals: { kpi: string; target: string; note?: string }[]; deadline?: string }): Promise<WarningDetail> {
  const w = await findWarning(ctx, warningId);
  if (w.status !== 'open') throw new AppError('INVALID_TRANSITION', `The warning is ${w.status}`);
  const today = businessDate(ctx.clock.now());
  const body = { ...input, deadline: input.deadline ?? addMonthsToDate(today, (await loadSettings(ctx.db)).warning.planMonths) };
  if (!isRealDate(body.deadline) || body.deadline <= today) throw invalid('/body/deadline', 'must be a real date after today');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('improvement_plans').set({ status: 'replaced', updated_at: now }).where('warning_id', '=', warningId).where('status', '=', 'active').execute();
    const id = newId('ipl');
    await trx
      .insertInto('improvement_plans')
      .values({
        id,
        warning_id: warningId,
        dealer_id: w.dealer_id,
        goals: JSON.stringify(body.goals),
        deadline: body.deadline,
        status: 'active',
        created_by: ctx.caller.name,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await notify(trx, ctx, { dealerId: w.dealer_id, warningId, kind: 'plan', level: w.level, message: `improvement plan due ${body.deadline}` });
    await appendAudit(trx, ctx, { action: 'improvement_plan.create', entityType: 'improvement_plan', entityId: id, change: { warningId, goals: body.goals, deadline: body.deadline } });
  });
  return getWarning(ctx, warningId);
}

export async function addCheckin(ctx: ServiceContext, planId: string, body: { note: string; progress: number }): Promise<WarningDetail> {
  const plan = await ctx.db
    .selectFrom('improvement_plans')
    .selectAll()
    .where('id', '=', planId)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealer_id'))
    .executeTakeFirst();
  if (!plan) throw notFound(`Improvement plan ${planId}`);
  if (plan.status !== 'active') throw new AppError('INVALID_TRANSITION', `The plan is ${plan.status}`);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const id = newId('pci');
    await trx.insertInto('plan_checkins').values({ id, plan_id: planId, note: body.note, progress: body.progress, actor_name: ctx.caller.name, at: now }).execute();
    await appendAudit(trx, ctx, { action: 'improvement_plan.checkin', entityType: 'improvement_plan', entityId: planId, change: body });
  });
  return getWarning(ctx, plan.warning_id);
}

export async function listNotifications(ctx: ServiceContext, filter: { unread?: boolean }, page: PageRequest): Promise<Page<WarningNotification>> {
  const userId = ctx.caller.id ?? '';
  let query = ctx.db
    .selectFrom('warning_notifications as n')
    .innerJoin('dealers as d', 'd.id', 'n.dealer_id')
    .leftJoin('warning_notification_reads as r', (j) => j.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', userId))
    .select(['n.id', 'n.dealer_id', 'd.name', 'n.warning_id', 'n.kind', 'n.level', 'n.message', 'n.created_at', 'r.read_at'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'n.dealer_id'))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc');
  if (filter.unread) query = query.where('r.read_at', 'is', null);
  const offset = offsetOf(page);
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  return {
    items: (more ? rows.slice(0, page.limit) : rows).map((r) => ({
      id: r.id,
      dealerId: r.dealer_id,
      dealerName: r.name,
      warningId: r.warning_id,
      kind: r.kind,
      level: r.level,
      message: r.message,
      createdAt: r.created_at,
      read: r.read_at !== null,
    })),
    nextCursor: more ? encodeCursor(String(offset + page.limit)) : null,
  };
}

export async function markRead(ctx: ServiceContext, id: string): Promise<{ read: true }> {
  const n = await ctx.db
    .selectFrom('warning_notifications')
    .select('id')
    .where('id', '=', id)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealer_id'))
    .executeTakeFirst();
  if (!n) throw notFound(`Notification ${id}`);
  if (!ctx.caller.id) return { read: true };
  await ctx.db
    .insertInto('warning_notification_reads')
    .values({ notification_id: id, user_id: ctx.caller.id, read_at: ctx.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .execute();
  return { read: true };
}
