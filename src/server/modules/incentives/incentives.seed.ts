// Demo incentives, deterministic and through the services (so every figure is audited and
// traceable): three months of rebate statements (paid, approved, draft), points earned by the
// rules over six months with a catalogue and redemptions, last quarter's expiry, awards, profit
// pools for the busiest provinces, risk-fund contributions, claims and a grant. Targets come from
// evaluation's seed when it ran first (bonus and task points need them). First of all, last year's
// regrade, as HQ runs it each January: the demo's tiers then follow the policy ladder (its random
// starting tiers in seed/demo.ts only price the history), and statements use the re-graded rates.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/clock.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { addMonths, monthOf, parsePeriod, previousPeriod, quarterOf, businessDate } from '../../../shared/dates.js';
import { runRebates } from '../rebates/rebates.run.js';
import { addDeduction, transitionStatement } from '../rebates/rebates.service.js';
import { manualEntry, runExpiry } from '../points/points.service.js';
import { runEarning } from '../points/points.earning.js';
import { createCatalogItem, decideRedemption, redeem } from '../points/redemptions.service.js';
import { decideAward, nominate, runStars } from './stars.service.js';
import { decideClaim, grant, runContributions, runProfitPool, submitClaim } from './economics.service.js';
import { regradeTiers } from '../evaluation/consequences.service.js';
import { ACTIVE_OR_WARNING } from '../../../shared/dealer-lifecycle.js';

const CATALOG = [
  { name: '门店展柜补贴', category: 'equipment' as const, points: 800, stock: 20 },
  { name: '演示样机(空气炸锅)', category: 'equipment' as const, points: 300, stock: 40 },
  { name: '社区电梯广告(1个月)', category: 'advertising' as const, points: 1200, stock: 10 },
  { name: '线上信息流投放券', category: 'advertising' as const, points: 500, stock: 30 },
  { name: '总部导购培训名额', category: 'training' as const, points: 200, stock: 60 },
  { name: '数字化门店系统年费', category: 'training' as const, points: 1500, stock: 0 },
];

export async function seedIncentives(db: Database, clock: Clock): Promise<void> {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: 'demo-seed' }, requestId: null };
  const today = businessDate(clock.now());
  const m1 = addMonths(monthOf(today), -1);
  const m2 = addMonths(m1, -1);
  const m3 = addMonths(m2, -1);
  const dealers = await db.selectFrom('dealers').select(['id', 'code', 'level']).where('status', 'in', ACTIVE_OR_WARNING).orderBy('code').execute();
  if (dealers.length === 0) return;
  await regradeTiers(ctx, String(Number(today.slice(0, 4)) - 1));
  const pick = (i: number) => dealers[i % dealers.length].id;

  // Rebates: deductions (diversion penalties), then three runs; the oldest paid, the next approved.
  await addDeduction(ctx, { dealerId: pick(3), period: m2, amountFen: 500_000, source: 'diversion', reason: '跨区域窜货 1 起（C12 罚款）' });
  await addDeduction(ctx, { dealerId: pick(8), period: m1, amountFen: 200_000, source: 'penalty', reason: '低于最低零售价销售' });
  for (const period of [m3, m2, m1]) await runRebates(ctx, period);
  const statements = await db.selectFrom('rebate_statements').select(['id', 'period']).where('period', 'in', [m3, m2]).orderBy('id').execute();
  for (const [i, s] of statements.entries()) {
    await transitionStatement(ctx, s.id, { to: 'approved' });
    if (s.period === m3) await transitionStatement(ctx, s.id, { to: 'paid', method: i % 5 === 0 ? 'cash' : 'credit_note', reference: i % 5 === 0 ? `转账 ${m3}` : undefined });
  }

  // Points: six months of earning rules, an opening grant, a catalogue and some redemptions.
  let month = m1;
  const months: string[] = [];
  for (let i = 0; i < 6; i++) {
    months.unshift(month);
    month = addMonths(month, -1);
  }
  for (const [i, d] of dealers.entries()) {
    if (i % 2 === 0) await manualEntry(ctx, { dealerId: d.id, points: 600 + (i % 7) * 150, reason: '年度合作签约奖励' });
  }
  for (const m of months) await runEarning(ctx, m);
  const items = [];
  for (const item of CATALOG) items.push(await createCatalogItem(ctx, item));
  for (let i = 0; i < 12; i++) {
    const dealerId = pick(i * 2);
    try {
      const r = await redeem(ctx, { dealerId, catalogItemId: items[i % 5].id, quantity: 1 });
      if (i % 3 === 0) await decideRedemption(ctx, r.id, 'approved');
      if (i % 4 === 0) await decideRedemption(ctx, r.id, i % 3 === 0 ? 'fulfilled' : 'rejected', i % 3 === 0 ? undefined : '本季度名额已满');
    } catch {
      // a dealer without enough points is refused, as it would be in real use
    }
  }
  const quarterStart = parsePeriod(quarterOf(today)).from;
  await runExpiry(ctx, quarterStart);

  // Stars (only where targets exist) and the yearly awards.
  const lastYear = Number(today.slice(0, 4)) - 1;
  await runStars(ctx, lastYear);
  const a1 = await nominate(ctx, { year: lastYear, category: 'innovation', dealerId: pick(1), citation: '首创社区快闪体验店模式，带动周边三个区县销量' });
  await decideAward(ctx, a1.id, 'awarded', 2_000_000);
  await nominate(ctx, { year: lastYear, category: 'strategic', dealerId: pick(5), citation: '配合总部完成新品净水器区域首发与渠道下沉' });

  // Joint profit pool: last complete quarter against the same quarter a year before.
  const lastQuarter = previousPeriod(quarterOf(today));
  for (const province of ['440000', '330000', '320000']) await runProfitPool(ctx, province, lastQuarter);

  // Risk fund: contributions for the last two quarters, a grant, an approved and an open claim.
  await runContributions(ctx, previousPeriod(lastQuarter));
  await runContributions(ctx, lastQuarter);
  await grant(ctx, { dealerId: pick(2), amountFen: 300_000, note: '数字化工具补贴（能力基金）' });
  const c1 = await submitClaim(ctx, { dealerId: pick(4), lossFen: 1_200_000, reason: '区域市场需求下滑，电暖桌压货', evidence: ['库存盘点表 2026-09', '区域市场需求指数 0.78'] });
  await decideClaim(ctx, c1.id, 'approved');
  await submitClaim(ctx, { dealerId: pick(6), lossFen: 800_000, reason: '台风导致门店停业，季节性商品滞销', evidence: ['停业通知', '滞销品清单'] });
}
