// Rebate statements: listing with their lines, approval, payment (credit note against receivables
// or cash, exactly once), and deductions.
import type { RebateDeduction, RebateDeductionBody, RebateStatement, RebateTransitionBody, StatementStatus } from '../../../shared/schemas/rebates.js';
import type { ServiceContext } from '../../core/caller.js';
import type { Database } from '../../db/database.js';
import type { RebateDeductionsTable } from '../../db/types.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { fromBp } from '../incentives/policy.rules.js';
import { isoNowDate, notFound } from '../incentives/shared.js';
import { lockDealer } from '../orders/dealer-guard.js';
import { postEntry } from '../receivables/receivables.service.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

export interface StatementFilter {
  dealerId?: string;
  period?: string;
  status?: StatementStatus;
}

function statementQuery(db: Database, ctx: ServiceContext) {
  return db
    .selectFrom('rebate_statements as s')
    .innerJoin('dealers as d', 'd.id', 's.dealer_id')
    .leftJoin('rebate_payments as p', 'p.statement_id', 's.id')
    .selectAll('s')
    .select(['d.code as dealer_code', 'd.name as dealer_name', 'p.method as pay_method', 'p.receivable_entry_id as pay_entry', 'p.reference as pay_reference'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 's.dealer_id'));
}
type StatementRow = Awaited<ReturnType<ReturnType<typeof statementQuery>['executeTakeFirstOrThrow']>>;

async function withLines(db: Database, rows: StatementRow[]): Promise<RebateStatement[]> {
  const ids = rows.map((r) => r.id);
  const lines = ids.length ? await db.selectFrom('rebate_statement_lines').selectAll().where('statement_id', 'in', ids).orderBy('statement_id').orderBy('position').execute() : [];
  return rows.map((r) => ({
    id: r.id,
    dealerId: r.dealer_id,
    dealerCode: r.dealer_code,
    dealerName: r.dealer_name,
    period: r.period,
    policyVersion: Number(r.policy_version),
    tier: r.tier,
    qualifyingSalesFen: Number(r.qualifying_sales_fen),
    rate: fromBp(Number(r.rate_bp)),
    targetFen: r.target_fen === null ? null : Number(r.target_fen),
    adjustedTargetFen: r.adjusted_target_fen === null ? null : Number(r.adjusted_target_fen),
    rewardCoefficient: fromBp(Number(r.reward_coefficient_bp)),
    rebateFen: Number(r.rebate_fen),
    bonusFen: Number(r.bonus_fen),
    brandFundFen: Number(r.brand_fund_fen),
    deductionsFen: Number(r.deductions_fen),
    totalFen: Number(r.total_fen),
    status: r.status as StatementStatus,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    paidAt: r.paid_at,
    payment: r.pay_method ? { method: r.pay_method as 'cash' | 'credit_note', receivableEntryId: r.pay_entry, reference: r.pay_reference } : null,
    lines: lines
      .filter((l) => l.statement_id === r.id)
      .map((l) => ({
        kind: l.kind as 'shipment',
        sourceId: l.source_id,
        orderId: l.order_id,
        orderNumber: l.order_number,
        docNo: l.doc_no,
        date: l.line_date,
        amountFen: Number(l.amount_fen),
        note: l.note,
      })),
  }));
}

export async function listStatements(ctx: ServiceContext, filter: StatementFilter, page: PageRequest) {
  let query = statementQuery(ctx.db, ctx)
    .orderBy('s.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('s.id', '<', page.after);
  if (filter.dealerId) query = query.where('s.dealer_id', '=', filter.dealerId);
  if (filter.period) query = query.where('s.period', '=', filter.period);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  const rows = await query.execute();
  const pageOf = toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r) => r,
  );
  return { items: await withLines(ctx.db, pageOf.items), nextCursor: pageOf.nextCursor };
}

export async function getStatement(ctx: ServiceContext, id: string): Promise<RebateStatement> {
  const row = await statementQuery(ctx.db, ctx).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Rebate statement ${id}`);
  return (await withLines(ctx.db, [row]))[0];
}

const invalidTransition = (from: string, to: string) => new AppError('INVALID_TRANSITION', `A ${from} statement cannot become ${to}`, undefined, { from, to });

/**
 * draft -> approved freezes the figures; approved -> paid pays once. The conditional UPDATE is the
 * guard: of two concurrent payments only one finds the statement still approved (the other waits
 * on the row and then matches nothing), and rebate_payments.statement_id is unique besides.
 */
export async function transitionStatement(ctx: ServiceContext, id: string, body: RebateTransitionBody): Promise<RebateStatement> {
  const current = await getStatement(ctx, id);
  const now = ctx.clock.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (body.to === 'approved') {
        const done = await trx
          .updateTable('rebate_statements')
          .set({ status: 'approved', approved_by: ctx.caller.name, approved_at: now, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw invalidTransition(current.status, body.to);
        await appendAudit(trx, ctx, { action: 'rebate_statement.approve', entityType: 'rebate_statement', entityId: id, change: { totalFen: current.totalFen } });
        return;
      }
      await lockDealer(trx, ctx, current.dealerId);
      const done = await trx.updateTable('rebate_statements').set({ status: 'paid', paid_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw invalidTransition((await trx.selectFrom('rebate_statements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, body.to);
      const method = body.method ?? 'credit_note';
      let entryId: string | null = null;
      if (method === 'credit_note' && current.totalFen > 0) {
        const entry = await postEntry(trx, ctx, {
          dealerId: current.dealerId,
          kind: 'credit_note',
          amountFen: current.totalFen,
          entryOn: isoNowDate(ctx),
          sourceId: id,
          reference: `返利 ${current.period}${body.reference ? ` ${body.reference}` : ''}`,
        });
        entryId = entry.id;
      }
      await trx
        .insertInto('rebate_payments')
        .values({
          id: newId('rbp'),
          statement_id: id,
          dealer_id: current.dealerId,
          method,
          amount_fen: current.totalFen,
          receivable_entry_id: entryId,
          reference: body.reference ?? null,
          created_by: ctx.caller.name,
          created_at: now,
        })
        .execute();
      await appendAudit(trx, ctx, {
        action: 'rebate_statement.pay',
        entityType: 'rebate_statement',
        entityId: id,
        change: { method, amountFen: current.totalFen, receivableEntryId: entryId, reference: body.reference ?? null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalidTransition('paid', body.to);
    throw error;
  }
  return getStatement(ctx, id);
}

const toDeduction = (r: RebateDeductionsTable): RebateDeduction => ({
  id: r.id,
  dealerId: r.dealer_id,
  period: r.period,
  amountFen: Number(r.amount_fen),
  source: r.source,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** A deduction (penalty, diversion case) counts in the period's statement while it is a draft. */
export async function addDeduction(ctx: ServiceContext, body: RebateDeductionBody): Promise<RebateDeduction> {
  await visibleDealerOr404(ctx, body.dealerId);
  const frozen = await ctx.db
    .selectFrom('rebate_statements')
    .select('status')
    .where('dealer_id', '=', body.dealerId)
    .where('period', '=', body.period)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (frozen) throw new AppError('BUSINESS_RULE', `The ${body.period} statement is already ${frozen.status}; book the deduction in a later period`);
  const row: RebateDeductionsTable = {
    id: newId('rbd'),
    dealer_id: body.dealerId,
    period: body.period,
    amount_fen: body.amountFen,
    source: body.source,
    reason: body.reason,
    created_by: ctx.caller.name,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('rebate_deductions').values(row).execute();
    await appendAudit(trx, ctx, { action: 'rebate_deduction.create', entityType: 'dealer', entityId: body.dealerId, change: body });
  });
  return toDeduction(row);
}

export async function listDeductions(ctx: ServiceContext, filter: { dealerId?: string; period?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('rebate_deductions as r')
    .selectAll('r')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'r.dealer_id'))
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1);
  if (page.after) query = query.where('r.id', '<', page.after);
  if (filter.dealerId) query = query.where('r.dealer_id', '=', filter.dealerId);
  if (filter.period) query = query.where('r.period', '=', filter.period);
  return toPage(await query.execute(), page.limit, (r) => r.id, toDeduction);
}
