// The C8 earning rules, applied per month by the period job (and on demand): task completion
// (perFullCompletion x completion rate against the elastic target), each new customer, and at a
// quarter's last month the satisfaction bonus when the survey average reaches the threshold.
// Each award carries a source key, so re-running a month never awards twice.
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { invalid, isoNowDate } from '../incentives/shared.js';
import { policyOn } from '../incentives/policy.service.js';
import { newCustomersByDealer, salesByDealer } from '../incentives/incentives.service.js';
import { elasticTargets } from '../rebates/targets.seam.js';
import { satisfactionSource } from '../evaluation/sources.js';
import { parsePeriod, quarterOf } from '../../../shared/dates.js';
import { appendEntry, type NewEntry } from './points.service.js';
import { taskPoints } from './points.rules.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';

export async function runEarning(ctx: ServiceContext, month: string): Promise<{ period: string; entries: number; points: number }> {
  const { from, to } = parsePeriod(month);
  if (to >= isoNowDate(ctx)) throw invalid('/period', 'must be a month that has ended');
  const policy = (await policyOn(ctx.db, to)).policy;
  const dealers = await ctx.db.selectFrom('dealers').select('id').where('status', 'in', TRADING_STATUSES).orderBy('id').execute();
  const ids = dealers.map((d) => d.id);
  const [sales, targets, customers] = await Promise.all([salesByDealer(ctx.db, from, to), elasticTargets(ctx.db, ids, month), newCustomersByDealer(ctx.db, from, to)]);
  const awards: NewEntry[] = [];
  for (const id of ids) {
    const adjusted = targets.get(id)?.adjustedTargetFen;
    if (adjusted && adjusted > 0 && policy.points.perFullCompletion > 0) {
      const points = taskPoints(policy.points.perFullCompletion, Math.max(0, sales.get(id) ?? 0), adjusted);
      if (points > 0) awards.push({ dealerId: id, points, kind: 'task', reason: `${month} 任务完成率 ${Math.round(((sales.get(id) ?? 0) / adjusted) * 100)}%`, sourceKey: `task:${month}:${id}` });
    }
    const fresh = customers.get(id) ?? 0;
    if (fresh > 0 && policy.points.perNewCustomer > 0) {
      awards.push({ dealerId: id, points: fresh * policy.points.perNewCustomer, kind: 'new_customer', reason: `${month} 新客户 ${fresh} 个`, sourceKey: `customers:${month}:${id}` });
    }
  }
  // Satisfaction is measured per quarter, by the service capability when it is registered.
  const source = satisfactionSource();
  const quarter = quarterOf(from);
  if (source && Number(month.slice(5, 7)) % 3 === 0 && policy.points.satisfactionPoints > 0) {
    const inputs = await source.forPeriod(ctx.db, parsePeriod(quarter), ids);
    for (const [id, s] of inputs) {
      if (s.survey !== null && s.survey >= policy.points.satisfactionThreshold) {
        awards.push({
          dealerId: id,
          points: policy.points.satisfactionPoints,
          kind: 'satisfaction',
          reason: `${quarter} 客户满意度 ${s.survey.toFixed(2)}`,
          sourceKey: `satisfaction:${quarter}:${id}`,
        });
      }
    }
  }
  let entries = 0;
  let total = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const award of awards) {
      if (await appendEntry(trx, ctx, award, policy.points.expiryQuarters)) {
        entries++;
        total += award.points;
      }
    }
    await appendAudit(trx, ctx, { action: 'points.earning_run', entityType: 'points', entityId: month, change: { period: month, entries, points: total } });
  });
  return { period: month, entries, points: total };
}
