import type { Transaction } from 'kysely';
import { SHIPMENT_MAX_CODES, type OrderStatus, type Shipment, type ShipmentBody } from '../../../shared/schemas/index.js';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { AppError, conflict, invalidMany, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { chunks } from '../../core/locks.js';
import { postEntry } from '../receivables/receivables.service.js';
import { lockOrder } from './dealer-guard.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import * as repo from './orders.repo.js';
import { sliceOf } from './orders.rules.js';
import { addDays, businessDate } from '../../../shared/dates.js';
import { invalidTransition, moveStatus } from './orders.transitions.js';

const SHIPPABLE: OrderStatus[] = ['approved', 'partially_shipped'];
const CODE_BATCH = 1000;

/** Codes are checked in the request first: a repeated code is named before anything is written. */
function checkCodes(body: ShipmentBody) {
  const errors = body.lines.flatMap((l, i) =>
    l.codes && l.codes.length !== l.quantity ? [{ path: `/lines/${i}/codes`, message: `holds ${l.codes.length} codes for ${l.quantity} units (one code per unit)` }] : [],
  );
  if (errors.length) throw invalidMany(errors);
  const total = body.lines.reduce((s, l) => s + (l.codes?.length ?? 0), 0);
  if (total > SHIPMENT_MAX_CODES) throw new AppError('PAYLOAD_TOO_LARGE', `A shipment holds at most ${SHIPMENT_MAX_CODES} codes`);
  const seen = new Set<string>();
  for (const line of body.lines) {
    for (const code of line.codes ?? []) {
      if (seen.has(code)) throw conflict(`Unit code ${code} appears twice in this shipment`, { duplicateCode: code });
      seen.add(code);
    }
  }
}

/**
 * Binds unit codes to the receiving dealer, ~1000 rows per INSERT. A code already registered
 * anywhere makes the insert skip it (ON CONFLICT DO NOTHING ... RETURNING), which names the first
 * duplicate; the whole shipment then rolls back.
 */
async function insertCodes(trx: Transaction<DB>, rows: { code: string; dealer_id: string; product_id: string; shipment_id: string; batch_no: string | null }[]) {
  for (const batch of chunks(rows, CODE_BATCH)) {
    const inserted = await trx
      .insertInto('unit_codes')
      .values(batch)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    if (inserted.length !== batch.length) {
      const got = new Set(inserted.map((r) => r.code));
      const duplicate = batch.find((r) => !got.has(r.code))!.code;
      throw conflict(`Unit code ${duplicate} is already registered`, { duplicateCode: duplicate });
    }
  }
}

/** POST /orders/{id}/shipments: ships part or all of what is left, invoices it, binds its codes. */
export async function shipOrder(ctx: ServiceContext, orderId: string, body: ShipmentBody): Promise<Shipment> {
  checkCodes(body);
  return ctx.db.transaction().execute(async (trx) => {
    const { order, dealer } = await lockOrder(trx, ctx, orderId);
    const from = order.status as OrderStatus;
    if (!SHIPPABLE.includes(from)) throw invalidTransition(from, 'shipped', `An order that is ${from} cannot be shipped (it must be approved)`);
    const lines = await repo.linesOf(trx, [orderId]);
    const bySku = new Map(lines.map((l) => [l.sku, { ...l, shippedSoFar: Number(l.shipped) }]));

    const problems: { path: string; message: string }[] = [];
    const planned = body.lines.map((l, i) => {
      const line = bySku.get(l.sku);
      if (!line) {
        problems.push({ path: `/lines/${i}/sku`, message: `is not on order ${order.number} (${l.sku})` });
        return null;
      }
      const left = line.quantity - line.shippedSoFar;
      if (l.quantity > left) {
        problems.push({ path: `/lines/${i}/quantity`, message: `exceeds the ${left} units of ${l.sku} left to ship` });
        return null;
      }
      const amountFen = sliceOf(Number(line.amount_fen), line.quantity, line.shippedSoFar, l.quantity);
      line.shippedSoFar += l.quantity;
      return { ...l, line, amountFen };
    });
    if (problems.some((p) => p.path.endsWith('/sku'))) throw invalidMany(problems.filter((p) => p.path.endsWith('/sku')));
    if (problems.length) throw new AppError('BUSINESS_RULE', problems.map((p) => `${p.path.slice(1)} ${p.message}`).join('; '), problems);

    const now = ctx.clock.now().toISOString();
    const today = businessDate(ctx.clock.now());
    const shipmentId = newId('shp');
    const number = await nextDocNumber(trx, 'SH', today);
    const ok = planned.map((p) => p!);
    const amountFen = ok.reduce((s, p) => s + p.amountFen, 0);
    await trx
      .insertInto('shipments')
      .values({ id: shipmentId, number, order_id: orderId, dealer_id: order.dealer_id, shipped_on: today, amount_fen: amountFen, created_by: ctx.caller.name, created_at: now })
      .execute();
    await trx
      .insertInto('shipment_lines')
      .values(
        ok.map((p, i) => ({
          shipment_id: shipmentId,
          position: i + 1,
          order_id: orderId,
          line_no: p.line.line_no,
          product_id: p.line.product_id,
          quantity: p.quantity,
          batch_no: p.batchNo ?? null,
          amount_fen: p.amountFen,
          code_count: p.codes?.length ?? 0,
        })),
      )
      .execute();
    const codeRows = ok.flatMap((p) => (p.codes ?? []).map((code) => ({ code, dealer_id: order.dealer_id, product_id: p.line.product_id, shipment_id: shipmentId, batch_no: p.batchNo ?? null })));
    await insertCodes(trx, codeRows);

    const dueOn = addDays(today, dealer.payment_term_days);
    const invoice = await postEntry(trx, ctx, { dealerId: order.dealer_id, kind: 'invoice', amountFen, entryOn: today, dueOn, orderId, sourceId: shipmentId, reference: number });
    const complete = [...bySku.values()].every((l) => l.shippedSoFar >= l.quantity);
    const to: OrderStatus = complete ? 'shipped' : 'partially_shipped';
    if (to !== from) await moveStatus(trx, ctx, orderId, from, to, `shipment ${number}`);
    await appendAudit(trx, ctx, {
      action: 'order.ship',
      entityType: 'order',
      entityId: orderId,
      change: {
        number: order.number,
        shipment: number,
        lines: ok.map((p) => ({ sku: p.sku, quantity: p.quantity, batchNo: p.batchNo ?? null, amountFen: p.amountFen, codeCount: p.codes?.length ?? 0 })),
        invoice: invoice.doc_no,
        amountFen,
        status: to,
      },
    });
    return {
      id: shipmentId,
      number,
      orderId,
      dealerId: order.dealer_id,
      shippedOn: today,
      amountFen,
      codeCount: codeRows.length,
      lines: ok.map((p) => ({ sku: p.sku, quantity: p.quantity, batchNo: p.batchNo ?? null, amountFen: p.amountFen, codeCount: p.codes?.length ?? 0 })),
      invoice: { id: invoice.id, docNo: invoice.doc_no, amountFen, dueOn },
      orderStatus: to,
      createdAt: now,
    };
  });
}

/** Shipments of an order (without their codes). */
export async function shipmentsOf(ctx: ServiceContext, orderId: string) {
  const order = await repo.findOrder(ctx.db, dealerScopeOf(ctx.caller), orderId);
  if (!order) throw notFound(`Order ${orderId}`);
  const shipments = await ctx.db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  const lines = await ctx.db
    .selectFrom('shipment_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.shipment_id', 'p.sku', 'l.quantity', 'l.batch_no', 'l.amount_fen', 'l.code_count'])
    .where('l.order_id', '=', orderId)
    .orderBy('l.shipment_id')
    .orderBy('l.position')
    .execute();
  const invoices = await ctx.db.selectFrom('receivable_entries').select(['id', 'doc_no', 'amount_fen', 'due_on', 'source_id']).where('order_id', '=', orderId).where('kind', '=', 'invoice').execute();
  return shipments.map((s): Omit<Shipment, 'orderStatus'> & { orderStatus: OrderStatus } => {
    const own = lines.filter((l) => l.shipment_id === s.id);
    const inv = invoices.find((i) => i.source_id === s.id);
    return {
      id: s.id,
      number: s.number,
      orderId,
      dealerId: s.dealer_id,
      shippedOn: s.shipped_on,
      amountFen: Number(s.amount_fen),
      codeCount: own.reduce((n, l) => n + l.code_count, 0),
      lines: own.map((l) => ({ sku: l.sku, quantity: l.quantity, batchNo: l.batch_no, amountFen: Number(l.amount_fen), codeCount: l.code_count })),
      invoice: { id: inv?.id ?? '', docNo: inv?.doc_no ?? '', amountFen: Number(inv?.amount_fen ?? 0), dueOn: inv?.due_on ?? s.shipped_on },
      orderStatus: order.status as OrderStatus,
      createdAt: s.created_at,
    };
  });
}
