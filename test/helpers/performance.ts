// Source rows for evaluation tests: orders with a shipment, sell-out, stock movements, written
// directly (the evaluation only reads them; their own modules are tested elsewhere).
import type { Database } from '../../src/server/db/database.js';
import { newId } from '../../src/server/core/ids.js';

let seq = 0;

export async function shippedOrder(db: Database, o: { dealerId: string; productId: string; orderDate: string; shippedOn: string | null; amountFen: number; quantity?: number }) {
  const id = newId('ord');
  const n = ++seq;
  const now = `${o.orderDate}T08:00:00.000Z`;
  await db
    .insertInto('orders')
    .values({
      id,
      number: `PT${process.pid % 1000}-${n}`,
      dealer_id: o.dealerId,
      supplier_dealer_id: null,
      status: o.shippedOn ? 'shipped' : 'approved',
      order_date: o.orderDate,
      subtotal_fen: o.amountFen,
      discount_fen: 0,
      total_fen: o.amountFen,
      promotion_id: null,
      credit_override_reason: null,
      note: null,
      created_by: 'test',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('order_lines')
    .values({ order_id: id, line_no: 1, product_id: o.productId, quantity: o.quantity ?? 1, unit_price_fen: o.amountFen / (o.quantity ?? 1), discount_fen: 0, amount_fen: o.amountFen })
    .execute();
  if (o.shippedOn) {
    await db
      .insertInto('shipments')
      .values({
        id: newId('shp'),
        number: `ST${process.pid % 1000}-${n}`,
        order_id: id,
        dealer_id: o.dealerId,
        shipped_on: o.shippedOn,
        amount_fen: o.amountFen,
        created_by: 'test',
        created_at: `${o.shippedOn}T08:00:00.000Z`,
      })
      .execute();
  }
  return id;
}

export async function sellout(db: Database, s: { dealerId: string; productId: string; soldOn: string; quantity: number; amountFen: number; customerRef?: string }) {
  await db
    .insertInto('sellout_records')
    .values({
      id: newId('sor'),
      dealer_id: s.dealerId,
      sold_on: s.soldOn,
      product_id: s.productId,
      quantity: s.quantity,
      amount_fen: s.amountFen,
      customer_ref: s.customerRef ?? null,
      source: 'test',
      order_id: null,
      created_at: `${s.soldOn}T08:00:00.000Z`,
    })
    .execute();
}

export async function stockIn(db: Database, s: { dealerId: string; productId: string; quantity: number; at: string }) {
  await db
    .insertInto('stock_movements')
    .values({ id: newId('stm'), dealer_id: s.dealerId, product_id: s.productId, quantity: s.quantity, kind: 'receipt', ref_type: null, ref_id: null, moved_at: s.at, created_at: s.at })
    .execute();
}
