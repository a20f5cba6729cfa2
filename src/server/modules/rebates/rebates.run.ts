// A rebate run: accrues every dealer's statement for a period from its qualifying sales (the
// shipment and return rows, kept as statement lines), its tier step, the over-achievement bonus
// above the elastic target, the brand fund and the period's deductions. Drafts are recalculated
// by every run; approved and paid statements are frozen and never touched again.
import type { RebateRun } from '../../../shared/schemas/rebates.js';
import type { ServiceContext } from '../../core/caller.js';
import type { RebateStatementLinesTable } from '../../db/types.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { chunks, forUpdate, isUniqueViolation } from '../../core/locks.js';
import { conflict, invalid, isoNowDate } from '../incentives/shared.js';
import { parsePeriod } from '../../../shared/dates.js';
import { policyOn } from '../incentives/policy.service.js';
import { salesByDealer, salesLines } from '../incentives/incentives.service.js';
import { computeRebate } from './rebates.rules.js';
import { elasticTargets, rateAdjustmentsFor } from './targets.seam.js';

export async function runRebates(ctx: ServiceContext, period: string): Promise<RebateRun> {
  const { from, to } = parsePeriod(period);
  if (from > isoNowDate(ctx)) throw invalid('/period', 'has not started yet');
  const policy = await policyOn(ctx.db, to);
  const sales = await salesByDealer(ctx.db, from, to);
  const deductionRows = await ctx.db.selectFrom('rebate_deductions').selectAll().where('period', '=', period).orderBy('id').execute();
  const dealerIds = [...new Set([...sales.keys(), ...deductionRows.map((d) => d.dealer_id)])].sort();
  const dealers = new Map((dealerIds.length ? await ctx.db.selectFrom('dealers').select(['id', 'tier']).where('id', 'in', dealerIds).execute() : []).map((d) => [d.id, d]));
  const [targets, adjustments] = await Promise.all([elasticTargets(ctx.db, dealerIds, period), rateAdjustmentsFor(ctx.db, dealerIds, period)]);
  const linesOf = new Map(await Promise.all(dealerIds.map(async (id) => [id, await salesLines(ctx.db, id, from, to)] as const)));

  const now = ctx.clock.now().toISOString();
  const runId = newId('rbr');
  let calculated = 0;
  let frozen = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const dealerId of dealerIds) {
        const existing = await forUpdate(trx, trx.selectFrom('rebate_statements').select(['id', 'status']).where('dealer_id', '=', dealerId).where('period', '=', period)).executeTakeFirst();
        if (existing && existing.status !== 'draft') {
          frozen++;
          continue;
        }
        const elastic = targets.get(dealerId) ?? null;
        const target = elastic?.targetFen ?? null;
        const deductions = deductionRows.filter((d) => d.dealer_id === dealerId);
        const tier = dealers.get(dealerId)?.tier ?? policy.policy.tiers[0].code;
        const figures = computeRebate(policy.policy, {
          tier,
          qualifyingSalesFen: sales.get(dealerId) ?? 0,
          targetFen: target,
          adjustedTargetFen: elastic?.adjustedTargetFen ?? null,
          coefficientBp: elastic?.coefficientBp ?? 10_000,
          rateAdjustmentBp: adjustments.get(dealerId) ?? 0,
          deductionsFen: deductions.reduce((s, d) => s + Number(d.amount_fen), 0),
        });
        const values = {
          run_id: runId,
          policy_version: policy.version,
          tier,
          qualifying_sales_fen: sales.get(dealerId) ?? 0,
          rate_bp: figures.rateBp,
          target_fen: target,
          adjusted_target_fen: elastic?.adjustedTargetFen ?? null,
          reward_coefficient_bp: elastic?.coefficientBp ?? 10_000,
          rebate_fen: figures.rebateFen,
          bonus_fen: figures.bonusFen,
          brand_fund_fen: figures.brandFundFen,
          deductions_fen: figures.deductionsFen,
          total_fen: figures.totalFen,
          updated_at: now,
        };
        let statementId = existing?.id;
        if (statementId) {
          await trx.updateTable('rebate_statements').set(values).where('id', '=', statementId).where('status', '=', 'draft').execute();
          await trx.deleteFrom('rebate_statement_lines').where('statement_id', '=', statementId).execute();
        } else {
          statementId = newId('rbs');
          await trx
            .insertInto('rebate_statements')
            .values({ id: statementId, dealer_id: dealerId, period, status: 'draft', approved_by: null, approved_at: null, paid_at: null, created_at: now, ...values })
            .execute();
        }
        const lines: RebateStatementLinesTable[] = [
          ...(linesOf.get(dealerId) ?? []).map((l, i) => ({
            statement_id: statementId!,
            position: i + 1,
            kind: l.kind,
            source_id: l.sourceId,
            order_id: l.orderId,
            order_number: l.orderNumber,
            doc_no: l.docNo,
            line_date: l.date,
            amount_fen: l.amountFen,
            note: null,
          })),
        ];
        for (const d of deductions) {
          lines.push({
            statement_id: statementId,
            position: lines.length + 1,
            kind: 'deduction',
            source_id: d.id,
            order_id: null,
            order_number: null,
            doc_no: null,
            line_date: d.created_at.slice(0, 10),
            amount_fen: -Number(d.amount_fen),
            note: `${d.source}: ${d.reason}`,
          });
        }
        for (const part of chunks(lines, 500)) await trx.insertInto('rebate_statement_lines').values(part).execute();
        calculated++;
      }
      await trx.insertInto('rebate_runs').values({ id: runId, period, policy_version: policy.version, calculated, frozen, created_by: ctx.caller.name, created_at: now }).execute();
      await appendAudit(trx, ctx, { action: 'rebate_run.create', entityType: 'rebate_run', entityId: runId, change: { period, policyVersion: policy.version, calculated, frozen } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Another rebate run for ${period} is in progress; try again`);
    throw error;
  }
  return { id: runId, period, policyVersion: policy.version, calculated, frozen, createdAt: now };
}
