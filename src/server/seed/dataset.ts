// The whole demo dataset that `npm start` and `qudao seed --demo` load: master data and logins
// (demo.ts), a recruitment season (recruitment.ts) and 24 months of trading (history.ts).
import type { Database } from '../db/database.js';
import type { Clock } from '../core/clock.js';
import { seedDemo, type DemoSummary } from './demo.js';
import { seedRecruitment } from './recruitment.js';
import { seedHistory } from './history.js';

export async function seedDemoDataset(db: Database, clock: Clock): Promise<DemoSummary> {
  const summary = await seedDemo(db, clock);
  await seedRecruitment(db, clock);
  await seedHistory(db, clock);
  return summary;
}
