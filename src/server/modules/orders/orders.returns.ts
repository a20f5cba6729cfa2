import type { OrderReturn, OrderStatus, ReturnBody } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError, invalidMany } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { insertMovements } from '../inventory/inventory.service.js';
import { postEntry } from '../receivables/receivables.service.js';
import { insertSellout } from '../sellout/sellout.service.js';
import { lockOrder } from './dealer-guard.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import * as repo from './orders.repo.js';
import { sliceOf } from './orders.rules.js';
import { businessDate } from '../../../shared/dates.js';
import { invalidTransition } from './orders.transitions.js';

const RETURNABLE: OrderStatus[] = ['partially_shipped', 'shipped', 'received'];

/**
 * POST /orders/{id}/returns: goods sent back with a reason. Each returned unit is credited at
 * its line's net price (cumulative slices, so a fully returned line credits exactly its amount);
 * the credit note goes to the receivables ledger. Goods already received leave the dealer's stock
 * (and, for a level-2 dealer's order, go back to its level-1 as negative sell-out).
 */
export async function returnOrder(ctx: ServiceContext, orderId: string, body: ReturnBody): Promise<OrderReturn> {
  return ctx.db.transaction().execute(async (trx) => {
    const { order } = await lockOrder(trx, ctx, orderId);
    const status = order.status as OrderStatus;
    if (!RETURNABLE.includes(status)) throw invalidTransition(status, status, `An order that is ${status} has no delivered goods to return`);
    const lines = await repo.linesOf(trx, [orderId]);
    const bySku = new Map(lines.map((l) => [l.sku, { ...l, returnedSoFar: Number(l.returned) }]));
    const unknown = body.lines.flatMap((l, i) => (bySku.has(l.sku) ? [] : [{ path: `/lines/${i}/sku`, message: `is not on order ${order.number} (${l.sku})` }]));
    if (unknown.length) throw invalidMany(unknown);
    const problems: { path: string; message: string }[] = [];
    const planned = body.lines.map((l, i) => {
      const line = bySku.get(l.sku)!;
      const left = Number(line.shipped) - line.returnedSoFar;
      if (l.quantity > left) problems.push({ path: `/lines/${i}/quantity`, message: `exceeds the ${left} shipped units of ${l.sku} not yet returned` });
      const amountFen = problems.length ? 0 : sliceOf(Number(line.amount_fen), line.quantity, line.returnedSoFar, l.quantity);
      line.returnedSoFar += l.quantity;
      return { sku: l.sku, quantity: l.quantity, line, amountFen };
    });
    if (problems.length) throw new AppError('BUSINESS_RULE', problems.map((p) => `${p.path.slice(1)} ${p.message}`).join('; '), problems);

    const now = ctx.clock.now().toISOString();
    const today = businessDate(ctx.clock.now());
    const id = newId('ret');
    const number = await nextDocNumber(trx, 'RT', today);
    const amountFen = planned.reduce((s, p) => s + p.amountFen, 0);
    await trx
      .insertInto('order_returns')
      .values({ id, number, order_id: orderId, dealer_id: order.dealer_id, reason: body.reason, amount_fen: amountFen, created_by: ctx.caller.name, created_at: now })
      .execute();
    await trx
      .insertInto('order_return_lines')
      .values(planned.map((p, i) => ({ return_id: id, position: i + 1, order_id: orderId, line_no: p.line.line_no, product_id: p.line.product_id, quantity: p.quantity, amount_fen: p.amountFen })))
      .execute();
    const creditNote = await postEntry(trx, ctx, {
      dealerId: order.dealer_id,
      kind: 'credit_note',
      amountFen,
      entryOn: today,
      orderId,
      sourceId: id,
      reference: `${number} ${body.reason}`.slice(0, 200),
    });
    if (status === 'received') {
      const ref = { ref_type: 'return', ref_id: id, moved_at: now };
      await insertMovements(
        trx,
        planned.map((p) => ({ dealer_id: order.dealer_id, product_id: p.line.product_id, quantity: -p.quantity, kind: 'return', ...ref })),
        now,
      );
      if (order.supplier_dealer_id) {
        const parent = order.supplier_dealer_id;
        await insertSellout(
          trx,
          planned.map((p) => ({
            dealer_id: parent,
            sold_on: today,
            product_id: p.line.product_id,
            quantity: -p.quantity,
            amount_fen: -p.amountFen,
            customer_ref: order.dealer_code,
            source: 'sub_dealer_return',
            order_id: orderId,
          })),
          now,
        );
        await insertMovements(
          trx,
          planned.map((p) => ({ dealer_id: parent, product_id: p.line.product_id, quantity: p.quantity, kind: 'return', ...ref })),
          now,
        );
      }
    }
    const out = planned.map((p) => ({ sku: p.sku, quantity: p.quantity, amountFen: p.amountFen }));
    await appendAudit(trx, ctx, {
      action: 'order.return',
      entityType: 'order',
      entityId: orderId,
      change: { number: order.number, return: number, reason: body.reason, lines: out, amountFen, creditNote: creditNote.doc_no },
    });
    return { id, number, orderId, dealerId: order.dealer_id, reason: body.reason, amountFen, lines: out, creditNote: { id: creditNote.id, docNo: creditNote.doc_no, amountFen }, createdAt: now };
  });
}
