// Frozen: never edit a released migration; add a new one. No app imports.
// Overdue reminders (催款提醒): one row per dealer and day the daily job finds it overdue, so a
// dealer sees what it was reminded of and HQ sees who was chased when. The trade rules themselves
// live in the settings table (keys credit.holdOverdueDays, receivables.reminderOverdueDays,
// idempotency.retentionDays).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('overdue_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
    .addColumn('reminded_on', 'text', (c) => c.notNull())
    .addColumn('invoice_count', 'integer', (c) => c.notNull())
    .addColumn('overdue_fen', 'bigint', (c) => c.notNull())
    .addColumn('oldest_days_overdue', 'integer', (c) => c.notNull())
    .addColumn('invoices', 'text', (c) => c.notNull()) // JSON [{docNo, dueOn, openFen}]: traceable to the ledger
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('overdue_reminders_dealer_day', ['dealer_id', 'reminded_on'])
    .execute();
  await db.schema.createIndex('overdue_reminders_day').on('overdue_reminders').column('reminded_on').execute();
}

export async function down(): Promise<void> {
  throw new Error('0005_trade_settings cannot be reverted: restore a backup instead');
}
