import type {
  CreateTransferCostBody,
  TransferCost,
  TransferOrder,
  TransferPlan,
  TransferPlanStatus,
  TransferPlanSummary,
  TransferPlanTransitionBody,
  UpdateTransferCostBody,
} from '../../../shared/schemas/index.js';
import type { TransferPlansTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { forUpdate, isUniqueViolation } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { lockDealer } from '../orders/dealer-guard.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { businessDate } from '../../../shared/dates.js';
import { insertMovements, onHandOf } from '../inventory/inventory.service.js';
import * as repo from './transfers.repo.js';

export const toSummary = (p: TransferPlansTable): TransferPlanSummary => ({
  id: p.id,
  number: p.number,
  status: p.status as TransferPlanStatus,
  regionCode: p.region_code,
  sku: p.sku,
  boundLevel: p.bound_level as TransferPlanSummary['boundLevel'],
  totalQuantity: Number(p.total_quantity),
  totalCostFen: Number(p.total_cost_fen),
  greedy: { totalQuantity: Number(p.greedy_quantity), totalCostFen: Number(p.greedy_cost_fen) },
  supplyQuantity: Number(p.supply_quantity),
  demandQuantity: Number(p.demand_quantity),
  dealerCount: Number(p.dealer_count),
  solveMs: Number(p.solve_ms),
  createdBy: p.created_by,
  createdAt: p.created_at,
  decidedBy: p.decided_by,
  decidedAt: p.decided_at,
  decisionReason: p.decision_reason,
  executedAt: p.executed_at,
});

const toMove = (m: repo.MoveRow) => ({
  fromDealerId: m.from_dealer_id,
  fromDealerCode: m.from_code,
  fromDealerName: m.from_name,
  toDealerId: m.to_dealer_id,
  toDealerCode: m.to_code,
  toDealerName: m.to_name,
  sku: m.sku,
  productName: m.product_name,
  quantity: Number(m.quantity),
  unitCostFen: Number(m.unit_cost_fen),
  costFen: Number(m.cost_fen),
  distanceKm: m.distance_m === null ? null : Math.round(Number(m.distance_m) / 100) / 10,
  costSource: m.cost_source as 'table' | 'distance',
});

export async function getPlan(ctx: ServiceContext, id: string): Promise<TransferPlan> {
  const row = await repo.findPlan(ctx.db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Transfer plan ${id}`);
  return { ...toSummary(row), moves: (await repo.movesOf(ctx.db, id)).map(toMove) };
}

export async function listPlans(ctx: ServiceContext, filter: { status?: string }, page: PageRequest) {
  return toPage(await repo.listPlans(ctx.db, dealerScopeOf(ctx.caller), filter, page), page.limit, (r) => r.id, toSummary);
}

export async function listTransferOrders(ctx: ServiceContext, filter: { planId?: string }, page: PageRequest) {
  const rows = await repo.listTransferOrders(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): TransferOrder => ({
      id: r.id,
      number: r.number,
      planId: r.plan_id,
      planNumber: r.plan_number,
      fromDealerId: r.from_dealer_id,
      fromDealerName: r.from_name,
      toDealerId: r.to_dealer_id,
      toDealerName: r.to_name,
      sku: r.sku,
      quantity: Number(r.quantity),
      costFen: Number(r.cost_fen),
      status: r.status,
      executedAt: r.executed_at,
      createdBy: r.created_by,
    }),
  );
}

const ALLOWED: Record<string, TransferPlanStatus[]> = { proposed: ['approved', 'rejected'], approved: ['executed', 'rejected'], rejected: [], executed: [] };

/**
 * Approve or reject a proposed plan (HQ), or execute an approved one: each move becomes a
 * transfer order, stock leaves the sending dealer (transfer_out) and enters the receiving one
 * (transfer_in) in the same transaction, which fails whole when a sender no longer holds enough.
 */
export async function transitionPlan(ctx: ServiceContext, id: string, body: TransferPlanTransitionBody): Promise<TransferPlan> {
  const scope = dealerScopeOf(ctx.caller);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findPlan(trx, scope, id))) throw notFound(`Transfer plan ${id}`);
    const plan = (await forUpdate(trx, trx.selectFrom('transfer_plans').selectAll().where('id', '=', id)).executeTakeFirst())!;
    if (!ALLOWED[plan.status]?.includes(body.to)) throw new AppError('INVALID_TRANSITION', `A ${plan.status} plan cannot become ${body.to}`, undefined, { from: plan.status, to: body.to });
    if (body.to === 'rejected' && !body.reason) throw invalid('/reason', 'is required to reject a plan');
    const now = ctx.clock.now().toISOString();
    if (body.to !== 'executed') {
      await trx
        .updateTable('transfer_plans')
        .set({ status: body.to, decided_by: ctx.caller.name, decided_at: now, decision_reason: body.reason ?? null, updated_at: now })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, ctx, {
        action: `transfer_plan.${body.to === 'approved' ? 'approve' : 'reject'}`,
        entityType: 'transfer_plan',
        entityId: id,
        change: { from: plan.status, to: body.to, reason: body.reason ?? null },
      });
      return;
    }
    const moves = await repo.movesOf(trx, id);
    // Lock every dealer involved, in id order (no deadlock between two executions on PostgreSQL).
    for (const dealerId of [...new Set(moves.flatMap((m) => [m.from_dealer_id, m.to_dealer_id]))].sort()) await lockDealer(trx, ctx, dealerId);
    const needed = new Map<string, { dealerId: string; productId: string; sku: string; code: string; quantity: number }>();
    for (const m of moves) {
      const key = `${m.from_dealer_id}|${m.product_id}`;
      const n = needed.get(key) ?? { dealerId: m.from_dealer_id, productId: m.product_id, sku: m.sku, code: m.from_code, quantity: 0 };
      n.quantity += Number(m.quantity);
      needed.set(key, n);
    }
    const short: { dealerCode: string; sku: string; needed: number; onHand: number }[] = [];
    for (const n of needed.values()) {
      const onHand = (await onHandOf(trx, n.dealerId, [n.productId])).get(n.productId) ?? 0;
      if (onHand < n.quantity) short.push({ dealerCode: n.code, sku: n.sku, needed: n.quantity, onHand });
    }
    if (short.length) {
      throw new AppError(
        'BUSINESS_RULE',
        `Stock changed since planning: ${short.map((s) => `${s.dealerCode} holds ${s.onHand} of ${s.sku}, the plan moves ${s.needed}`).join('; ')}. Plan again.`,
        undefined,
        { rule: 'TRANSFER_STOCK_SHORT', short },
      );
    }
    const today = businessDate(ctx.clock.now());
    const orders: { id: string; number: string }[] = [];
    for (const m of moves) {
      const order = { id: newId('tro'), number: await nextDocNumber(trx, 'TO', today) };
      await trx
        .insertInto('transfer_orders')
        .values({
          id: order.id,
          number: order.number,
          plan_id: id,
          position: m.position,
          from_dealer_id: m.from_dealer_id,
          to_dealer_id: m.to_dealer_id,
          product_id: m.product_id,
          quantity: Number(m.quantity),
          cost_fen: Number(m.cost_fen),
          status: 'completed',
          executed_at: now,
          created_by: ctx.caller.name,
        })
        .execute();
      const ref = { ref_type: 'transfer_order', ref_id: order.id, moved_at: now };
      await insertMovements(
        trx,
        [
          { dealer_id: m.from_dealer_id, product_id: m.product_id, quantity: -Number(m.quantity), kind: 'transfer_out', ...ref },
          { dealer_id: m.to_dealer_id, product_id: m.product_id, quantity: Number(m.quantity), kind: 'transfer_in', ...ref },
        ],
        now,
      );
      await appendAudit(trx, ctx, {
        action: 'transfer_order.execute',
        entityType: 'transfer_order',
        entityId: order.id,
        change: { number: order.number, planId: id, fromDealerId: m.from_dealer_id, toDealerId: m.to_dealer_id, sku: m.sku, quantity: Number(m.quantity), costFen: Number(m.cost_fen) },
      });
      orders.push(order);
    }
    await trx.updateTable('transfer_plans').set({ status: 'executed', executed_at: now, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'transfer_plan.execute',
      entityType: 'transfer_plan',
      entityId: id,
      change: { from: plan.status, to: 'executed', transferOrders: orders.map((o) => o.number) },
    });
  });
  return getPlan(ctx, id);
}

// ---- the cost table ----
const toCost = (c: { id: string; from_region_code: string; to_region_code: string; unit_cost_fen: number; note: string | null; updated_at: string }): TransferCost => ({
  id: c.id,
  fromRegionCode: c.from_region_code,
  toRegionCode: c.to_region_code,
  unitCostFen: Number(c.unit_cost_fen),
  note: c.note,
  updatedAt: c.updated_at,
});

export async function listCosts(ctx: ServiceContext, page: PageRequest) {
  let query = ctx.db
    .selectFrom('transfer_costs')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  return toPage(await query.execute(), page.limit, (r) => r.id, toCost);
}

export async function createCost(ctx: ServiceContext, body: CreateTransferCostBody): Promise<TransferCost> {
  const now = ctx.clock.now().toISOString();
  const row = {
    id: newId('tco'),
    from_region_code: body.fromRegionCode,
    to_region_code: body.toRegionCode,
    unit_cost_fen: body.unitCostFen,
    note: body.note ?? null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const reverse = await trx.selectFrom('transfer_costs').select('id').where('from_region_code', '=', body.toRegionCode).where('to_region_code', '=', body.fromRegionCode).executeTakeFirst();
      if (reverse) throw conflict(`A cost between ${body.toRegionCode} and ${body.fromRegionCode} exists already (costs apply both ways)`, { existingId: reverse.id });
      await trx.insertInto('transfer_costs').values(row).execute();
      await appendAudit(trx, ctx, { action: 'transfer_cost.create', entityType: 'transfer_cost', entityId: row.id, change: body });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A cost from ${body.fromRegionCode} to ${body.toRegionCode} exists already`);
    throw error;
  }
  return toCost(row);
}

export async function updateCost(ctx: ServiceContext, id: string, body: UpdateTransferCostBody): Promise<TransferCost> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await forUpdate(trx, trx.selectFrom('transfer_costs').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!before) throw notFound(`Transfer cost ${id}`);
    const now = ctx.clock.now().toISOString();
    const patch = { ...(body.unitCostFen !== undefined ? { unit_cost_fen: body.unitCostFen } : {}), ...(body.note !== undefined ? { note: body.note } : {}), updated_at: now };
    await trx.updateTable('transfer_costs').set(patch).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'transfer_cost.update',
      entityType: 'transfer_cost',
      entityId: id,
      change: { from: { unitCostFen: Number(before.unit_cost_fen), note: before.note }, to: body },
    });
    return toCost({ ...before, ...patch });
  });
}

export async function deleteCost(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('transfer_costs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(`Transfer cost ${id}`);
    await trx.deleteFrom('transfer_costs').where('id', '=', id).execute();
    await appendAudit(trx, ctx, { action: 'transfer_cost.delete', entityType: 'transfer_cost', entityId: id, change: toCost(before) });
  });
}
