// The trade rules HQ may change (credit hold, overdue reminders, idempotency retention): one
// document in the one settings mechanism (src/server/core/settings.ts). GET/PUT
// /api/v1/settings/trade keeps its flat body for existing clients; it reads and writes the same
// document as the HQ settings page.
import { TradeSettings } from '../../../shared/schemas/orders.js';
import type { ServiceContext } from '../../core/caller.js';
import { defineSetting, readSetting, writeSetting } from '../../core/settings.js';
import type { Database } from '../../db/database.js';

export const TRADE_SETTINGS = defineSetting({
  key: 'orders.trade',
  module: 'orders',
  title: { 'zh-CN': '交易规则：信用暂停、逾期催款、幂等键保留', en: 'Trade rules: credit hold, overdue reminders, idempotency retention' },
  schema: TradeSettings,
  defaults: { creditHoldOverdueDays: 90, overdueReminderDays: 1, idempotencyRetentionDays: 30 },
  permission: 'trade.configure',
});

export const tradeSettings = (db: Database): Promise<TradeSettings> => readSetting(db, TRADE_SETTINGS);

/** PUT /settings/trade: replaces the whole document (versioned and audited by the mechanism). */
export const saveTradeSettings = (ctx: ServiceContext, body: TradeSettings): Promise<TradeSettings> => writeSetting(ctx, TRADE_SETTINGS, body);
