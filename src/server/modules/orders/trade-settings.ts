// The trade rules HQ may change (credit hold, overdue reminders, idempotency retention), one
// settings row each, so the credit check keeps reading its own key in the same SQL statement.
import type { TradeSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { CREDIT_HOLD_DAYS_DEFAULT, CREDIT_HOLD_DAYS_KEY, settingValue } from './credit.js';

type Field = keyof TradeSettings;

/** Each field: its settings key and the default in force while HQ has not set it. */
export const TRADE_SETTING_KEYS: Record<Field, { key: string; fallback: number }> = {
  creditHoldOverdueDays: { key: CREDIT_HOLD_DAYS_KEY, fallback: CREDIT_HOLD_DAYS_DEFAULT },
  overdueReminderDays: { key: 'receivables.reminderOverdueDays', fallback: 1 },
  idempotencyRetentionDays: { key: 'idempotency.retentionDays', fallback: 30 },
};

const FIELDS = Object.keys(TRADE_SETTING_KEYS) as Field[];

export async function tradeSettings(db: Database): Promise<TradeSettings> {
  const keys = FIELDS.map((f) => TRADE_SETTING_KEYS[f].key);
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  // A stored value outside the allowed range (edited by hand) falls back to the default.
  return Object.fromEntries(
    FIELDS.map((f) => {
      const { key, fallback } = TRADE_SETTING_KEYS[f];
      const value = Math.trunc(settingValue(byKey.get(key), fallback));
      return [f, value >= 1 && value <= 3650 ? value : fallback];
    }),
  ) as TradeSettings;
}

/** PUT /settings/trade: replaces all three values (audited with before and after). */
export async function saveTradeSettings(ctx: ServiceContext, body: TradeSettings): Promise<TradeSettings> {
  const before = await tradeSettings(ctx.db);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const field of FIELDS) {
      const value = JSON.stringify(body[field]);
      await trx
        .insertInto('settings')
        .values({ key: TRADE_SETTING_KEYS[field].key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: 'trade', change: { from: before, to: body } });
  });
  return tradeSettings(ctx.db);
}
