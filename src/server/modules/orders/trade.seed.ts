// Demo data of the trade screens beyond the 24 months of history (seed/history.ts): promotions
// (one ended, one coming; neither changes the price of an order placed today, so other demos and
// tests keep their numbers) and today's overdue reminders, so every trade page has something to show.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/clock.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { sendOverdueReminders } from '../receivables/reminders.js';
import { addDays, businessDate } from '../../../shared/dates.js';
import { createPromotion } from './promotions.service.js';

export async function seedTradeDemo(db: Database, clock: Clock) {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: 'demo' }, requestId: null };
  const today = businessDate(clock.now());
  await createPromotion(ctx, { name: '国庆进货季 满20万减6000', startsOn: addDays(today, -60), endsOn: addDays(today, -30), thresholdFen: 20_000_000, discountFen: 600_000, budgetFen: 30_000_000 });
  await createPromotion(ctx, {
    name: '金牌经销商年末冲量 满50万享97折',
    tier: 'gold',
    startsOn: addDays(today, 10),
    endsOn: addDays(today, 40),
    thresholdFen: 50_000_000,
    discountRate: 0.03,
    budgetFen: 80_000_000,
  });
  return sendOverdueReminders(ctx, today);
}
