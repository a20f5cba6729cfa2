import type { Transaction } from 'kysely';
import { ORDER_TRANSITIONS, type Order, type OrderStatus, type OrderTransitionBody } from '../../../shared/schemas/index.js';
import { can, type Permission } from '../../../shared/permissions.js';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { insertMovements } from '../inventory/inventory.service.js';
import { insertSellout } from '../sellout/sellout.service.js';
import { checkCredit } from './credit.js';
import { assertActsFor, assertTrading, lockOrder } from './dealer-guard.js';
import * as repo from './orders.repo.js';
import { canTransition } from './orders.rules.js';
import { businessDate } from '../../../shared/dates.js';
import { getOrder } from './orders.service.js';

/**
 * Who may make a move: approving and closing are HQ / regional decisions; a dealer may cancel
 * its own order while it is only submitted and confirm receipt of its goods.
 */
function permissionsFor(from: OrderStatus, to: OrderStatus): Permission[] {
  if (to === 'cancelled' && from === 'submitted') return ['orders.approve', 'orders.write'];
  if (to === 'received') return ['orders.approve', 'orders.write'];
  return ['orders.approve'];
}

export function invalidTransition(from: OrderStatus, to: OrderStatus, detail?: string) {
  const hint = to === 'shipped' || to === 'partially_shipped' ? ' (record a shipment: POST /api/v1/orders/{id}/shipments)' : '';
  return new AppError('INVALID_TRANSITION', detail ?? `An order cannot move from ${from} to ${to}${hint}`, undefined, { from, to, allowed: ORDER_TRANSITIONS[from] });
}

/** Moves a status with a guard on the old one, so two racing moves resolve to one. */
export async function moveStatus(trx: Transaction<DB>, ctx: ServiceContext, orderId: string, from: OrderStatus, to: OrderStatus, reason: string | null) {
  const now = ctx.clock.now().toISOString();
  const result = await trx.updateTable('orders').set({ status: to, updated_at: now }).where('id', '=', orderId).where('status', '=', from).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw invalidTransition(from, to, `The order is no longer ${from}`);
  await trx
    .insertInto('order_events')
    .values({ id: newId('oev'), order_id: orderId, from_status: from, to_status: to, reason, actor_name: ctx.caller.name, at: now })
    .execute();
}

/**
 * Receipt: the goods (shipped minus returned) enter the dealer's stock. A level-2 dealer's order
 * from its level-1 is also the level-1's sell-out (and leaves the level-1's stock).
 */
async function receive(trx: Transaction<DB>, ctx: ServiceContext, order: repo.OrderRow) {
  const now = ctx.clock.now().toISOString();
  const today = businessDate(ctx.clock.now());
  const lines = (await repo.linesOf(trx, [order.id]))
    .map((l) => ({ ...l, net: Number(l.shipped) - Number(l.returned), netFen: Number(l.shipped_fen) - Number(l.returned_fen) }))
    .filter((l) => l.net > 0);
  const ref = { ref_type: 'order', ref_id: order.id, moved_at: now };
  await insertMovements(
    trx,
    lines.map((l) => ({ dealer_id: order.dealer_id, product_id: l.product_id, quantity: l.net, kind: 'receipt', ...ref })),
    now,
  );
  if (order.supplier_dealer_id) {
    const parent = order.supplier_dealer_id;
    await insertSellout(
      trx,
      lines.map((l) => ({
        dealer_id: parent,
        sold_on: today,
        product_id: l.product_id,
        quantity: l.net,
        amount_fen: l.netFen,
        customer_ref: order.dealer_code,
        source: 'sub_dealer_order',
        order_id: order.id,
      })),
      now,
    );
    await insertMovements(
      trx,
      lines.map((l) => ({ dealer_id: parent, product_id: l.product_id, quantity: -l.net, kind: 'sellout', ...ref })),
      now,
    );
  }
  return lines.reduce((s, l) => s + l.net, 0);
}

/** POST /orders/{id}/transitions. */
export async function transitionOrder(ctx: ServiceContext, id: string, body: OrderTransitionBody): Promise<Order> {
  await ctx.db.transaction().execute(async (trx) => {
    const { order, dealer } = await lockOrder(trx, ctx, id);
    const from = order.status as OrderStatus;
    const to = body.to;
    if (!canTransition(from, to)) throw invalidTransition(from, to);
    const allowed = permissionsFor(from, to);
    if (!allowed.some((p) => can(ctx.caller.role, p))) throw new AppError('FORBIDDEN', `Your role (${ctx.caller.role}) may not move an order from ${from} to ${to}`);
    if (!can(ctx.caller.role, 'orders.approve')) assertActsFor(ctx, order.dealer_id);
    if (to === 'approved') assertTrading(dealer);
    const change: Record<string, unknown> = { number: order.number, from, to, reason: body.reason ?? null };
    if (to === 'approved') {
      const unshipped = Number(order.total_fen) - Number(order.shipped_fen);
      const credit = await checkCredit(trx, ctx.caller, dealer, unshipped, businessDate(ctx.clock.now()), { excludeOrderId: id, override: body.creditOverride });
      if (credit.overridden) {
        change.creditOverride = { reason: body.creditOverride!.reason, shortfallFen: credit.shortfallFen, creditHold: credit.onHold };
        await trx.updateTable('orders').set({ credit_override_reason: body.creditOverride!.reason }).where('id', '=', id).execute();
      }
    }
    if (to === 'cancelled' && order.promotion_id && Number(order.discount_fen) > 0) {
      // The promotion budget the order had taken is released.
      await trx
        .updateTable('promotions')
        .set((eb) => ({ used_fen: eb('used_fen', '-', Number(order.discount_fen)) }))
        .where('id', '=', order.promotion_id)
        .execute();
    }
    if (to === 'received') change.receivedQuantity = await receive(trx, ctx, order);
    await moveStatus(trx, ctx, id, from, to, body.reason ?? null);
    await appendAudit(trx, ctx, { action: 'order.transition', entityType: 'order', entityId: id, change });
  });
  return getOrder(ctx, id);
}
