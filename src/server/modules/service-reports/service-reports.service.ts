// The monthly customer-feedback review (C10) and the quarterly communication-efficiency report
// (C9), over the tickets of the dealers the caller may see. Durations are business hours on the
// service calendar, the same clock as the SLAs.
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { findRegion } from '../regions/regions.data.js';
import { calendarOf } from '../tickets/service-settings.js';
import { businessMinutesBetween, type BusinessCalendar } from '../tickets/sla.rules.js';
import { periodInstants } from '../../../shared/dates.js';
import { STAGES, laggingStage, recurringGroups, stageStats, type Stage, type StageStats } from './stats.rules.js';

function scopedTickets(ctx: ServiceContext, kind: string) {
  return ctx.db
    .selectFrom('tickets as t')
    .innerJoin('dealers as d', 'd.id', 't.dealer_id')
    .select([
      't.id',
      't.number',
      't.dealer_id',
      'd.name as dealer_name',
      't.type',
      't.product_sku',
      't.subject',
      't.step',
      't.rating',
      't.assignee_name',
      't.created_at',
      't.first_response_at',
      't.resolved_at',
      't.verified_at',
      't.first_response_due_at',
      't.resolution_due_at',
      't.first_response_breached',
      't.resolution_breached',
      't.pauses',
    ])
    .where('t.kind', '=', kind)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 't.dealer_id'));
}

const breached = (
  r: {
    first_response_breached: number;
    resolution_breached: number;
    first_response_at: string | null;
    first_response_due_at: string | null;
    resolved_at: string | null;
    resolution_due_at: string | null;
  },
  at: string,
) =>
  r.first_response_breached === 1 ||
  r.resolution_breached === 1 ||
  (r.first_response_due_at !== null && (r.first_response_at ?? at) > r.first_response_due_at) ||
  (r.resolution_due_at !== null && (r.resolved_at ?? at) > r.resolution_due_at);

export async function feedbackMonthly(ctx: ServiceContext, month: string) {
  const { from, to } = periodInstants(month);
  const now = ctx.clock.now().toISOString();
  const asOf = now < to ? now : to;
  const rows = await scopedTickets(ctx, 'customer_feedback')
    .where('t.created_at', '<', to)
    .where((eb) => eb.or([eb('t.created_at', '>=', from), eb('t.verified_at', 'is', null), eb('t.verified_at', '>=', from)]))
    .orderBy('t.created_at')
    .execute();
  const inMonth = rows.filter((r) => r.created_at >= from);
  const solvedBy = (r: (typeof rows)[number]) => r.verified_at !== null && r.verified_at < asOf;
  const unresolved = rows.filter((r) => !solvedBy(r));
  const rated = inMonth.filter((r) => solvedBy(r) && r.rating !== null);
  const byType = new Map<string, { type: string; received: number; unresolved: number }>();
  for (const r of inMonth) {
    const g = byType.get(r.type) ?? { type: r.type, received: 0, unresolved: 0 };
    g.received++;
    if (!solvedBy(r)) g.unresolved++;
    byType.set(r.type, g);
  }
  const reviews = await ctx.db.selectFrom('ticket_problem_reviews').selectAll().where('month', '=', month).execute();
  const recurring = recurringGroups(inMonth.map((r) => ({ ...r, productSku: r.product_sku }))).map((g) => {
    const review = reviews.find((v) => v.type === g.type && v.product_sku === g.productSku);
    return {
      type: g.type,
      productSku: g.productSku,
      count: g.rows.length,
      ticketNumbers: g.rows.map((r) => r.number),
      rootCause: review?.root_cause ?? null,
      preventiveAction: review?.preventive_action ?? null,
    };
  });
  const breachedCount = inMonth.filter((r) => breached(r, asOf)).length;
  return {
    month,
    asOf,
    totals: {
      received: inMonth.length,
      resolved: inMonth.filter(solvedBy).length,
      unresolved: unresolved.length,
      breached: breachedCount,
      breachRate: inMonth.length ? breachedCount / inMonth.length : null,
      averageRating: rated.length ? Math.round((rated.reduce((s, r) => s + r.rating!, 0) / rated.length) * 100) / 100 : null,
    },
    byType: [...byType.values()].sort((a, b) => b.received - a.received),
    unresolved: unresolved.map((r) => ({
      id: r.id,
      number: r.number,
      dealerName: r.dealer_name,
      type: r.type,
      productSku: r.product_sku,
      subject: r.subject,
      step: r.step,
      createdAt: r.created_at,
      breached: breached(r, asOf),
    })),
    recurring,
  };
}

export async function saveProblemReview(ctx: ServiceContext, body: { month: string; type: string; productSku: string; rootCause: string; preventiveAction: string }) {
  const now = ctx.clock.now().toISOString();
  const row = {
    id: newId('tpr'),
    month: body.month,
    type: body.type,
    product_sku: body.productSku,
    root_cause: body.rootCause,
    preventive_action: body.preventiveAction,
    updated_by: ctx.caller.name,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ticket_problem_reviews')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['month', 'type', 'product_sku']).doUpdateSet({ root_cause: row.root_cause, preventive_action: row.preventive_action, updated_by: row.updated_by, updated_at: now }),
      )
      .execute();
    await appendAudit(trx, ctx, { action: 'service.review.save', entityType: 'problem_review', entityId: `${body.month}/${body.type}/${body.productSku}`, change: body });
  });
  return body;
}

type Durations = Record<Stage, number[]>;
const emptyDurations = (): Durations => ({ response: [], resolution: [], confirmation: [] });

function summarise(key: string, label: string, d: Durations, count: number, breachedCount: number) {
  const stages = Object.fromEntries(STAGES.map((s) => [s, stageStats(d[s])])) as Record<Stage, StageStats>;
  return { key, label, tickets: count, breached: breachedCount, breachRate: count ? breachedCount / count : null, stages, laggingStage: laggingStage(stages) };
}

export async function communicationQuarterly(ctx: ServiceContext, quarter: string) {
  const { from, to } = periodInstants(quarter);
  const now = ctx.clock.now().toISOString();
  const asOf = now < to ? now : to;
  const [rows, cal] = await Promise.all([scopedTickets(ctx, 'dealer_request').where('t.created_at', '>=', from).where('t.created_at', '<', to).execute(), calendarOf(ctx.db)]);
  const territories = rows.length
    ? await ctx.db
        .selectFrom('dealer_territories')
        .select(['dealer_id', 'region_code'])
        .where('dealer_id', 'in', [...new Set(rows.map((r) => r.dealer_id))])
        .orderBy('region_code')
        .execute()
    : [];
  const provinceOf = new Map<string, string>();
  for (const tr of territories) if (!provinceOf.has(tr.dealer_id)) provinceOf.set(tr.dealer_id, `${tr.region_code.slice(0, 2)}0000`);
  const hours = (cal: BusinessCalendar, a: string | null, b: string | null, pauses: string) => (a && b ? businessMinutesBetween(cal, a, b, JSON.parse(pauses)) / 60 : null);

  const groups = new Map<string, { label: string; d: Durations; count: number; breached: number }>();
  const overall = { label: 'all', d: emptyDurations(), count: 0, breached: 0 };
  const add = (key: string, label: string, stage: Stage | null, h: number | null, isBreached?: boolean) => {
    const g = groups.get(key) ?? { label, d: emptyDurations(), count: 0, breached: 0 };
    if (stage && h !== null) g.d[stage].push(h);
    if (isBreached !== undefined) {
      g.count++;
      if (isBreached) g.breached++;
    }
    groups.set(key, g);
  };
  for (const r of rows) {
    const b = breached(r, asOf);
    // stage durations: submitted -> first response -> resolved -> confirmed (confirmation waits are customer time: no pauses)
    const durations: [Stage, number | null][] = [
      ['response', hours(cal, r.created_at, r.first_response_at, '[]')],
      ['resolution', hours(cal, r.first_response_at, r.resolved_at, r.pauses)],
      ['confirmation', hours(cal, r.resolved_at, r.verified_at, '[]')],
    ];
    const province = provinceOf.get(r.dealer_id);
    const regionKey = `region:${province ?? 'none'}`;
    const regionLabel = province ? (findRegion(province)?.name ?? province) : '—';
    const managerKey = `manager:${r.assignee_name ?? 'none'}`;
    overall.count++;
    if (b) overall.breached++;
    add(regionKey, regionLabel, null, null, b);
    add(managerKey, r.assignee_name ?? '—', null, null, b);
    for (const [stage, h] of durations) {
      if (h === null) continue;
      overall.d[stage].push(h);
      add(regionKey, regionLabel, stage, h);
      add(managerKey, r.assignee_name ?? '—', stage, h);
    }
  }
  const pick = (prefix: string) =>
    [...groups.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, g]) => summarise(k.slice(prefix.length), g.label, g.d, g.count, g.breached))
      .sort((a, b) => b.tickets - a.tickets || a.label.localeCompare(b.label));
  return { quarter, asOf, overall: summarise('all', 'all', overall.d, overall.count, overall.breached), byRegion: pick('region:'), byManager: pick('manager:') };
}
