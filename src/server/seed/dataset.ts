// The whole demo dataset that `npm start` and `qudao seed --demo` load: master data and logins
// (demo.ts), a recruitment season (recruitment.ts) and 24 months of trading (history.ts).
import type { Database } from '../db/database.js';
import type { Clock } from '../core/clock.js';
import { seedDemo, type DemoSummary } from './demo.js';
import { seedRecruitment } from './recruitment.js';
import { seedHistory } from './history.js';
import { seedTradeDemo } from '../modules/orders/trade.seed.js';
import { seedStockHealth } from '../modules/stock-health/stock-health.seed.js';
import { seedReplenishment } from '../modules/vmi/replenishment.seed.js';
import { seedService } from '../modules/tickets/service.seed.js';
import { seedIncentives } from '../modules/incentives/incentives.seed.js';
import { seedPerformance } from '../modules/evaluation/evaluation.seed.js';

/** `months` of trading history (QUDAO_DEMO_MONTHS, default 24). */
export async function seedDemoDataset(db: Database, clock: Clock, options: { months?: number } = {}): Promise<DemoSummary> {
  const summary = await seedDemo(db, clock);
  await seedRecruitment(db, clock);
  await seedHistory(db, clock, { months: options.months ?? 24 });
  await seedTradeDemo(db, clock);
  await seedStockHealth(db, clock);
  await seedReplenishment(db, clock);
  await seedService(db, clock);
  await seedIncentives(db, clock);
  await seedPerformance(db, clock);
  return summary;
}
