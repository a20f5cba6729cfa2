// VMI replenishment proposals: generated for VMI dealers from the stock-health targets of their
// stock and what is already on the way (the alert centre's reorder suggestions, vmi.rules.ts), with
// the sell-out forecast beside each line; HQ confirms (or the autoConfirm setting does), and a
// confirmed proposal becomes an ordinary purchase order through the order service and its credit check.
import type { Order, VmiConfirmBody, VmiProposal, VmiStatus } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { forUpdate } from '../../core/locks.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { createOrder } from '../orders/orders.service.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { businessDate, monthOf } from '../../../shared/dates.js';
import { tierPrices } from '../orders/orders.service.js';
import { isShort, stockTargets } from '../stock-health/stock-health.service.js';
import { DEFAULT_HORIZON, forecastWithBacktest, monthlySeries } from '../stock-health/stock-health.forecast.js';
import { DAYS_PER_MONTH, demandOverCover } from './vmi.rules.js';
import { vmiSettings } from './vmi.settings.js';
import * as repo from './vmi.repo.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

function toProposal(row: repo.ProposalRow, lines: Awaited<ReturnType<typeof repo.linesOf>>): VmiProposal {
  return {
    id: row.id,
    number: row.number,
    dealerId: row.dealer_id,
    dealerCode: row.dealer_code,
    dealerName: row.dealer_name,
    status: row.status as VmiStatus,
    coverDays: Number(row.cover_days),
    estimatedFen: Number(row.estimated_fen),
    orderId: row.order_id,
    lastError: row.last_error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    lines: lines
      .filter((l) => l.proposal_id === row.id)
      .map((l) => ({
        lineNo: Number(l.line_no),
        sku: l.sku,
        productName: l.name,
        onHand: Number(l.on_hand),
        inTransit: Number(l.in_transit),
        forecastDemand: Number(l.forecast_demand),
        safetyStock: Number(l.safety_stock),
        reorderPoint: l.reorder_point === null ? null : Number(l.reorder_point),
        targetLevel: Number(l.target_level),
        quantity: Number(l.quantity),
        unitPriceFen: Number(l.unit_price_fen),
        forecastModel: l.forecast_model,
        coverDays: l.cover_days === null ? null : Number(l.cover_days),
      })),
  };
}

export async function getProposal(ctx: ServiceContext, id: string): Promise<VmiProposal> {
  const row = await repo.findProposal(ctx.db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`VMI proposal ${id}`);
  return toProposal(row, await repo.linesOf(ctx.db, [id]));
}

export async function listProposals(ctx: ServiceContext, filter: { dealerId?: string; status?: string }, page: PageRequest) {
  const rows = await repo.listProposals(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  const lines = await repo.linesOf(
    ctx.db,
    rows.slice(0, page.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r) => toProposal(r, lines),
  );
}

/**
 * The forecast sell-out over `coverDays` from monthly sell-out (oldest first, ending with the last
 * complete month), by the demand forecast's own method choice (stock-health.forecast.ts), so the
 * VMI line and the demand forecast page name the same model for the same dealer x SKU (the
 * short-seasonal choice backtests at the horizon, so the page's default horizon is used unless the
 * cover days need more months).
 */
export function forecastOverCover(monthlySales: number[], coverDays: number): { forecastDemand: number; model: string } {
  if (monthlySales.length === 0) return { forecastDemand: 0, model: 'none' };
  const { result } = forecastWithBacktest(monthlySales, Math.max(DEFAULT_HORIZON, Math.ceil(coverDays / DAYS_PER_MONTH) + 1));
  return { forecastDemand: Math.round(demandOverCover(result.forecast, coverDays)), model: result.model };
}

/**
 * The proposal lines of one dealer today: every active SKU the alert centre calls short, ordered
 * up to its order-up-to level, with the forecast over the pair's lead time + order cycle beside it.
 */
async function proposeFor(ctx: ServiceContext, dealer: { id: string; tier: string }) {
  const today = businessDate(ctx.clock.now());
  const { orderCycleDays, targets } = await stockTargets(ctx, { dealerId: dealer.id });
  const short = new Map(targets.filter((t) => isShort(t.level) && t.suggestedQuantity > 0).map((t) => [t.productId, t]));
  if (short.size === 0) return { orderCycleDays, lines: [] };
  const products = await ctx.db
    .selectFrom('products')
    .select(['id', 'sku', 'list_price_fen', 'active'])
    .where('id', 'in', [...short.keys()])
    .where('active', '=', 1)
    .orderBy('sku')
    .execute();
  const [prices, sales] = await Promise.all([tierPrices(ctx.db, dealer.tier, products, today), repo.monthlySales(ctx.db, dealer.id, [...short.keys()], `${monthOf(today)}-01`)]);
  const series = new Map<string, number[]>();
  for (const id of short.keys())
    series.set(
      id,
      monthlySeries(
        sales.filter((s) => s.productId === id),
        today,
      ).values,
    );
  const lines = products.map((p) => {
    const t = short.get(p.id)!;
    const coverDays = Math.ceil(t.leadTimeDays) + orderCycleDays;
    const forecast = forecastOverCover(series.get(p.id) ?? [], coverDays);
    return {
      productId: p.id,
      onHand: t.onHand,
      inTransit: t.onOrder,
      safetyStock: t.safetyStock,
      reorderPoint: t.reorderPoint,
      targetLevel: t.orderUpTo,
      quantity: t.suggestedQuantity,
      coverDays,
      ...forecast,
      unitPriceFen: prices.get(p.id) ?? Number(p.list_price_fen),
    };
  });
  return { orderCycleDays, lines };
}

export async function generateProposals(ctx: ServiceContext, body: { dealerId?: string }) {
  const scope = dealerScopeOf(ctx.caller);
  if (body.dealerId) {
    const visible = await visibleDealerOr404(ctx, body.dealerId);
    if (visible.vmi !== 1) throw new AppError('BUSINESS_RULE', 'The dealer is not a VMI dealer', undefined, { rule: 'NOT_VMI' });
  }
  const settings = await vmiSettings(ctx.db);
  const dealers = await repo.vmiDealers(ctx.db, scope, body.dealerId);
  const created: VmiProposal[] = [];
  let skipped = 0;
  for (const dealer of dealers) {
    const { orderCycleDays, lines } = await proposeFor(ctx, dealer);
    if (lines.length === 0) {
      skipped++;
      continue;
    }
    const id = newId('vmp');
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock.now().toISOString();
      const stale = await trx.selectFrom('vmi_proposals').select('id').where('dealer_id', '=', dealer.id).where('status', '=', 'proposed').execute();
      if (stale.length)
        await trx
          .updateTable('vmi_proposals')
          .set({ status: 'superseded', updated_at: now })
          .where(
            'id',
            'in',
            stale.map((s) => s.id),
          )
          .execute();
      const number = await nextDocNumber(trx, 'VP', businessDate(ctx.clock.now()));
      const estimated = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
      await trx
        .insertInto('vmi_proposals')
        .values({
          id,
          number,
          dealer_id: dealer.id,
          status: 'proposed',
          cover_days: orderCycleDays,
          order_id: null,
          estimated_fen: estimated,
          last_error: null,
          created_by: ctx.caller.name,
          created_at: now,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('vmi_proposal_lines')
        .values(
          lines.map((l, k) => ({
            proposal_id: id,
            line_no: k + 1,
            product_id: l.productId,
            on_hand: l.onHand,
            in_transit: l.inTransit,
            forecast_demand: l.forecastDemand,
            safety_stock: l.safetyStock,
            reorder_point: l.reorderPoint,
            target_level: l.targetLevel,
            quantity: l.quantity,
            unit_price_fen: l.unitPriceFen,
            forecast_model: l.model,
            cover_days: l.coverDays,
          })),
        )
        .execute();
      await appendAudit(trx, ctx, {
        action: 'vmi_proposal.create',
        entityType: 'vmi_proposal',
        entityId: id,
        change: { number, dealerId: dealer.id, superseded: stale.map((s) => s.id), lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) },
      });
    });
    created.push(await getProposal(ctx, id));
  }
  let autoConfirmed = 0;
  if (settings.autoConfirm) {
    for (const [k, p] of created.entries()) {
      try {
        created[k] = (await confirmProposal(ctx, p.id, {})).proposal;
        autoConfirmed++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        created[k] = await getProposal(ctx, p.id); // left proposed, with the refusal in lastError
      }
    }
  }
  return { created, skippedDealers: skipped, autoConfirmed };
}

/**
 * Confirm: the proposal is claimed (proposed -> confirming) so two confirmations cannot both order,
 * then ordered through createOrder (price list, promotions, credit check under the dealer lock).
 * A refusal puts it back to proposed with the reason; success links the order.
 */
export async function confirmProposal(ctx: ServiceContext, id: string, body: VmiConfirmBody): Promise<{ proposal: VmiProposal; order: Order }> {
  const current = await getProposal(ctx, id);
  const overrides = new Map((body.lines ?? []).map((l) => [l.sku, l.quantity]));
  (body.lines ?? []).forEach((l, i) => {
    if (!current.lines.some((x) => x.sku === l.sku)) throw invalid(`/lines/${i}/sku`, `is not a line of this proposal (${l.sku})`);
  });
  const lines = current.lines.map((l) => ({ sku: l.sku, quantity: overrides.get(l.sku) ?? l.quantity })).filter((l) => l.quantity > 0);
  if (lines.length === 0) throw invalid('/lines', 'leave at least one line with a quantity above 0');
  const now = () => ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom('vmi_proposals').select(['status']).where('id', '=', id)).executeTakeFirstOrThrow();
    if (row.status !== 'proposed') throw new AppError('INVALID_TRANSITION', `A ${row.status} proposal cannot be confirmed`, undefined, { from: row.status, to: 'ordered' });
    await trx.updateTable('vmi_proposals').set({ status: 'confirming', updated_at: now() }).where('id', '=', id).execute();
  });
  let order: Order;
  try {
    order = (await createOrder(ctx, { dealerId: current.dealerId, lines, note: `VMI ${current.number}` }, `vmi-proposal:${id}`)).body;
  } catch (error) {
    const reason = error instanceof AppError ? `${error.code}: ${error.message}` : 'The order could not be created';
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('vmi_proposals').set({ status: 'proposed', last_error: reason, updated_at: now() }).where('id', '=', id).execute();
      await appendAudit(trx, ctx, { action: 'vmi_proposal.confirm_refused', entityType: 'vmi_proposal', entityId: id, change: { reason } });
    });
    throw error;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('vmi_proposals')
      .set({ status: 'ordered', order_id: order.id, last_error: null, decided_by: ctx.caller.name, decided_at: now(), updated_at: now() })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'vmi_proposal.confirm',
      entityType: 'vmi_proposal',
      entityId: id,
      change: { orderId: order.id, orderNumber: order.number, lines, totalFen: order.totalFen },
    });
  });
  return { proposal: await getProposal(ctx, id), order };
}

export async function rejectProposal(ctx: ServiceContext, id: string, reason: string): Promise<VmiProposal> {
  await getProposal(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom('vmi_proposals').select(['status']).where('id', '=', id)).executeTakeFirstOrThrow();
    if (row.status !== 'proposed') throw new AppError('INVALID_TRANSITION', `A ${row.status} proposal cannot be rejected`, undefined, { from: row.status, to: 'rejected' });
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('vmi_proposals').set({ status: 'rejected', decided_by: ctx.caller.name, decided_at: now, decision_reason: reason, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, { action: 'vmi_proposal.reject', entityType: 'vmi_proposal', entityId: id, change: { reason } });
  });
  return getProposal(ctx, id);
}
