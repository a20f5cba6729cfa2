// Demo data for evaluation (issue 6): targets for the demo dealers over the last four quarters
// (set around their real sell-in so grades spread from A to D), a market downturn in one
// province for the latest quarter (elastic targets), and evaluated periods with their warnings.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/clock.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { chunks } from '../../core/locks.js';
import * as repo from './evaluation.repo.js';
import { runEvaluation } from './evaluation.run.js';
import { salesByDealer } from '../incentives/incentives.service.js';
import { monthOf, parsePeriod, periodOf, previousPeriod, businessDate } from '../../../shared/dates.js';

/** Target = this share of the dealer's actual sell-in, by dealer: most near 100%, some far above. */
const STRETCH = [0.9, 1.0, 1.05, 1.15, 1.3, 0.95, 1.6, 1.1, 2.2, 1.0];

export async function seedPerformance(db: Database, clock: Clock): Promise<{ periods: string[] }> {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: 'demo seed' }, requestId: null };
  const today = businessDate(clock.now());
  const lastQuarter = previousPeriod(periodOf(today, 'quarter'));
  const quarters = [lastQuarter];
  for (let i = 0; i < 3; i++) quarters.unshift(previousPeriod(quarters[0]));
  const dealers = await repo.dealersToEvaluate(db);
  const subDealers = new Set((await db.selectFrom('dealers').select('id').where('level', '=', 2).execute()).map((d) => d.id));
  const now = clock.now().toISOString();
  const rows = [];
  for (const q of quarters) {
    const range = parsePeriod(q);
    const actual = await salesByDealer(db, range.from, range.to);
    for (const [i, d] of dealers.entries()) {
      // Sell-in is qualifying sales (HQ shipments): a level-2 dealer buying from its parent has none, and its
      // volume sits in the parent's target, so it gets no sell-in target (docs/decisions.md, "One sales figure").
      if (subDealers.has(d.id)) continue;
      const base = actual.get(d.id) ?? 0;
      const target = Math.max(10_000_00, Math.round((base * STRETCH[i % STRETCH.length]) / 100_00) * 100_00);
      rows.push({ dealer_id: d.id, period: q, target_fen: target, updated_by: 'demo seed', created_at: now, updated_at: now });
    }
  }
  for (const batch of chunks(rows, 300))
    await db
      .insertInto('targets')
      .values(batch)
      .onConflict((oc) => oc.columns(['dealer_id', 'period']).doNothing())
      .execute();
  // Demand in Zhejiang fell 22% year on year in the latest quarter; Guangdong held at 0.95.
  await db
    .insertInto('market_indices')
    .values([
      { region_code: '330000', period: lastQuarter, demand_index: 0.78, updated_by: 'demo seed', updated_at: now },
      { region_code: '440000', period: lastQuarter, demand_index: 0.95, updated_by: 'demo seed', updated_at: now },
    ])
    .onConflict((oc) => oc.columns(['region_code', 'period']).doNothing())
    .execute();
  for (const q of quarters) await runEvaluation(ctx, q);
  const lastMonth = previousPeriod(monthOf(today));
  await runEvaluation(ctx, lastMonth);
  return { periods: [...quarters, lastMonth] };
}
