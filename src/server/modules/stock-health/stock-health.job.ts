// The nightly alert run: records every current alert in stock_alert_history (one row per day and
// dealer x SKU, so a retried occurrence adds nothing) and clears acknowledgements whose alert has
// gone or changed level, so the next alert of that kind is seen afresh. The API never waits for
// it: GET /inventory/alerts computes live.
import type { AlertHistoryItem, AlertHistoryQuery } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import type { ScheduledJob } from '../../core/scheduler.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { chunks } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { businessDate } from '../../../shared/dates.js';
import { computeHealth } from './stock-health.compute.js';
import * as repo from './stock-health.repo.js';

export async function recordAlertHistory(ctx: ServiceContext, runOn: string) {
  const scope = dealerScopeOf(ctx.caller);
  const run = await computeHealth(ctx.db, scope, {}, businessDate(ctx.clock.now()));
  const alerts = run.rows.filter((r) => r.level);
  const now = ctx.clock.now().toISOString();
  const current = new Map(alerts.map((a) => [`${a.dealerId}|${a.productId}`, a.level]));
  const acks = await repo.openAcks(ctx.db, scope, {});
  const stale = acks.filter((a) => current.get(`${a.dealer_id}|${a.product_id}`) !== a.level).map((a) => a.id);
  let recorded = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const rows = alerts.map((a) => ({
      id: newId('sah'),
      run_on: runOn,
      dealer_id: a.dealerId,
      product_id: a.productId,
      level: a.level!,
      on_hand: a.onHand,
      position: a.position,
      safety_stock: a.safetyStock,
      reorder_point: a.reorderPoint,
      order_up_to: a.orderUpTo,
      suggested_quantity: a.suggestedQuantity,
      created_at: now,
    }));
    for (const batch of chunks(rows, 500)) {
      const result = await trx
        .insertInto('stock_alert_history')
        .values(batch)
        .onConflict((oc) => oc.columns(['run_on', 'dealer_id', 'product_id']).doNothing())
        .executeTakeFirst();
      recorded += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    for (const ids of chunks(stale, 500)) await trx.updateTable('stock_alert_acks').set({ cleared_at: now }).where('id', 'in', ids).execute();
    const byLevel = Object.fromEntries(['critical', 'reorder', 'overstock', 'slow'].map((l) => [l, alerts.filter((a) => a.level === l).length]));
    await appendAudit(trx, ctx, { action: 'inventory.alerts.nightly', entityType: 'job', entityId: runOn, change: { alerts: alerts.length, byLevel, clearedAcks: stale.length } });
  });
  return { runOn, alerts: alerts.length, recorded, clearedAcks: stale.length };
}

/** Runs at 01:30 server time; the occurrence is the date in China (UTC+8). */
export const nightlyAlertsJob: ScheduledJob = {
  name: 'inventory.alertsNightly',
  cron: '30 1 * * *',
  occurrenceOf: (firedAt) => businessDate(firedAt),
  run: (ctx, occurrence) => recordAlertHistory(ctx, occurrence),
};

export async function listAlertHistory(ctx: ServiceContext, query: AlertHistoryQuery, page: PageRequest) {
  let q = ctx.db
    .selectFrom('stock_alert_history as h')
    .innerJoin('dealers as d', 'd.id', 'h.dealer_id')
    .innerJoin('products as p', 'p.id', 'h.product_id')
    .select(['h.id', 'h.run_on', 'h.dealer_id', 'd.code', 'p.sku', 'h.level', 'h.on_hand', 'h.position', 'h.safety_stock', 'h.reorder_point', 'h.order_up_to', 'h.suggested_quantity'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'h.dealer_id'))
    .orderBy('h.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) q = q.where('h.id', '<', page.after);
  if (query.dealerId) q = q.where('h.dealer_id', '=', query.dealerId);
  if (query.sku) q = q.where('p.sku', '=', query.sku);
  if (query.level) q = q.where('h.level', '=', query.level);
  if (query.from) q = q.where('h.run_on', '>=', query.from);
  if (query.to) q = q.where('h.run_on', '<=', query.to);
  const rows = await q.execute();
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): AlertHistoryItem => ({
      id: r.id,
      runOn: r.run_on,
      dealerId: r.dealer_id,
      dealerCode: r.code,
      sku: r.sku,
      level: r.level as AlertHistoryItem['level'],
      onHand: Number(r.on_hand),
      position: Number(r.position),
      safetyStock: Number(r.safety_stock),
      reorderPoint: Number(r.reorder_point),
      max: Number(r.order_up_to),
      suggestedQuantity: Number(r.suggested_quantity),
    }),
  );
}
