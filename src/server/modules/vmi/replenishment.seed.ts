// Demo data of transfers and VMI (deterministic, through the services): a small cost table, a
// nationwide transfer plan left for HQ to approve, an executed plan for one province, and VMI
// proposals for six VMI dealers (one confirmed into an order, one rejected).
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { planTransfers } from '../transfers/transfers.plan.js';
import { createCost, transitionPlan } from '../transfers/transfers.service.js';
import { confirmProposal, generateProposals, rejectProposal } from './vmi.service.js';

export async function seedReplenishment(db: Database, clock: Clock): Promise<void> {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: '演示数据' }, requestId: null };
  // Contracted freight between neighbouring cities of the Pearl River Delta (per unit).
  for (const [from, to, fen] of [
    ['440100', '440300', 250],
    ['440100', '441900', 180],
    ['440300', '441900', 160],
    ['310000', '320000', 220],
  ] as const) {
    await createCost(ctx, { fromRegionCode: from, toRegionCode: to, unitCostFen: fen, note: '物流合同价' });
  }
  // The province with the most trading dealers gets an executed plan; the whole country a proposed one.
  const top = await db
    .selectFrom('dealer_territories')
    .select([sql<string>`substr(region_code, 1, 2)`.as('province'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`substr(region_code, 1, 2)`)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`substr(region_code, 1, 2)`)
    .executeTakeFirst();
  if (top) {
    const province = await planTransfers(ctx, { regionCode: `${top.province}0000` });
    if (province.moves.length > 0) {
      await transitionPlan(ctx, province.id, { to: 'approved' });
      await transitionPlan(ctx, province.id, { to: 'executed' });
    }
  }
  await planTransfers(ctx, {});

  // Six VMI dealers keep the seed fast (each SKU is a forecast fit); the nightly job covers all.
  const vmiDealers = await db.selectFrom('dealers').select('id').where('vmi', '=', 1).where('status', '=', 'active').orderBy('code').limit(6).execute();
  const created = [];
  for (const d of vmiDealers) created.push(...(await generateProposals(ctx, { dealerId: d.id })).created);
  if (created[0]) {
    try {
      await confirmProposal(ctx, created[0].id, {});
    } catch (error) {
      if (!(error instanceof AppError)) throw error; // a credit refusal stays on the proposal, as in real use
    }
  }
  if (created[1]) await rejectProposal(ctx, created[1].id, '经销商仓库盘点中，下周再补');
}
