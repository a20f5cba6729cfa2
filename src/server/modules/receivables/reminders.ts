// Overdue reminders (催款提醒): a daily job writes one reminder per dealer with invoices overdue
// by at least the configured number of days; dealers read their own, HQ and regions theirs.
import type { OverdueReminder } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import type { ScheduledJob } from '../../core/scheduler.js';
import { dealerScopeOf } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { chunks } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { addDays, businessDate } from '../../../shared/dates.js';
import { tradeSettings } from '../orders/orders.settings.js';
import * as repo from './receivables.repo.js';
import { daysPastDue } from './receivables.rules.js';

/**
 * Writes the reminders of one day (`asOf`). Re-running the same day adds nothing (one row per
 * dealer and day), so a retried occurrence is harmless.
 */
export async function sendOverdueReminders(ctx: ServiceContext, asOf: string) {
  const { overdueReminderDays } = await tradeSettings(ctx.db);
  const invoices = await repo.openInvoicesDueBy(ctx.db, addDays(asOf, -overdueReminderDays));
  const byDealer = new Map<string, typeof invoices>();
  for (const inv of invoices) byDealer.set(inv.dealerId, [...(byDealer.get(inv.dealerId) ?? []), inv]);
  const now = ctx.clock.now().toISOString();
  const rows = [...byDealer.entries()].map(([dealerId, list]) => ({
    id: newId('rmd'),
    dealer_id: dealerId,
    reminded_on: asOf,
    invoice_count: list.length,
    overdue_fen: list.reduce((s, i) => s + i.openFen, 0),
    oldest_days_overdue: Math.max(...list.map((i) => daysPastDue(i.dueOn, asOf))),
    invoices: JSON.stringify(list.map((i) => ({ docNo: i.docNo, dueOn: i.dueOn, openFen: i.openFen }))),
    created_at: now,
  }));
  let written = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const batch of chunks(rows, 200)) {
      const inserted = await trx
        .insertInto('overdue_reminders')
        .values(batch)
        .onConflict((oc) => oc.columns(['dealer_id', 'reminded_on']).doNothing())
        .returning('id')
        .execute();
      written += inserted.length;
    }
    await appendAudit(trx, ctx, {
      action: 'receivables.remind',
      entityType: 'job',
      entityId: 'receivables.overdueReminders',
      change: { asOf, minDaysOverdue: overdueReminderDays, dealers: written, overdueFen: rows.reduce((s, r) => s + r.overdue_fen, 0) },
    });
  });
  return { asOf, minDaysOverdue: overdueReminderDays, dealers: written };
}

export const overdueRemindersJob: ScheduledJob = {
  name: 'receivables.overdueReminders',
  cron: '0 9 * * *',
  occurrenceOf: (firedAt) => businessDate(firedAt),
  run: (ctx, occurrence) => sendOverdueReminders(ctx, occurrence),
};

export async function listReminders(ctx: ServiceContext, filter: { dealerId?: string; from?: string; to?: string }, page: PageRequest) {
  const rows = await repo.listReminders(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): OverdueReminder => ({
      id: r.id,
      dealerId: r.dealer_id,
      dealerCode: r.dealer_code,
      dealerName: r.dealer_name,
      remindedOn: r.reminded_on,
      invoiceCount: r.invoice_count,
      overdueFen: Number(r.overdue_fen),
      oldestDaysOverdue: r.oldest_days_overdue,
      invoices: JSON.parse(r.invoices) as OverdueReminder['invoices'],
      createdAt: r.created_at,
    }),
  );
}
