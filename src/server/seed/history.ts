// Demo history (issue 4, capability 10): 24 months of orders, shipments, invoices, payments,
// sell-out and stock movements for every trading demo dealer, deterministic and fast: one pure
// simulation (history.model.ts), then batched multi-row INSERTs in one transaction.
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { Transaction, Insertable } from 'kysely';
import { systemCaller, type ServiceContext } from '../core/caller.js';
import type { Clock } from '../core/clock.js';
import { appendAudit } from '../core/audit.js';
import { newId } from '../core/ids.js';
import { chunks } from '../core/locks.js';
import { listInForce } from '../modules/price-lists/price-lists.rules.js';
import { counterOf, docNumber } from '../core/doc-numbers.js';
import { addDays, businessDate } from '../../shared/dates.js';
import { allocateFifo } from '../modules/receivables/receivables.rules.js';
import { prng } from './demo.js';
import { simulate, type SimDealer, type SimOrder } from './history.model.js';
import { TRADING_STATUSES } from '../../shared/dealer-lifecycle.js';

export interface HistorySummary {
  from: string;
  to: string;
  dealers: number;
  orders: number;
  shipments: number;
  payments: number;
  selloutRows: number;
  stockMovements: number;
}

/** dealers that have traded at some time: the trading ones and those already terminated */
const EVER_TRADED = [...TRADING_STATUSES, 'terminated'] as const;
const at = (date: string, time = '03:00:00') => `${date}T${time}.000Z`;

/** Multi-row INSERTs of about 8,000 parameters each (both databases' limits are far above). */
async function insertAll<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: Insertable<DB[T]>[]) {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(8000 / Object.keys(rows[0] as object).length));
  for (const batch of chunks(rows, size))
    await trx
      .insertInto(table)
      .values(batch as any)
      .execute();
}

/** Document numbers continuing whatever counters exist (PO202611-000123). */
function numberer(existing: Map<string, number>) {
  const next = (prefix: string, date: string) => {
    const name = counterOf(prefix, date);
    const seq = (existing.get(name) ?? 0) + 1;
    existing.set(name, seq);
    return docNumber(prefix, date, seq);
  };
  return { next, counters: existing };
}

/**
 * Seeds 24 months (by default) of trading history ending at the clock's today. Call it once on a
 * database that has the demo dealers, products and price lists but no orders yet.
 */
export async function seedHistory(db: Database, clock: Clock, options: { months?: number; seed?: number } = {}): Promise<HistorySummary> {
  const today = businessDate(clock.now());
  const weeks = Math.round(((options.months ?? 24) * 52) / 12);
  const rand = prng(options.seed ?? 20240101);

  const [dealerRows, productRows, lists, items, users, counters] = await Promise.all([
    db.selectFrom('dealers').selectAll().where('status', 'in', EVER_TRADED).orderBy('code').execute(),
    db.selectFrom('products').select(['id', 'list_price_fen', 'min_retail_price_fen']).where('active', '=', 1).orderBy('sku').execute(),
    db.selectFrom('price_lists').select(['id', 'tier', 'effective_from', 'effective_to']).execute(),
    db.selectFrom('price_list_items').selectAll().execute(),
    db.selectFrom('users').select('dealer_id').where('dealer_id', 'is not', null).execute(),
    db.selectFrom('doc_counters').selectAll().execute(),
  ]);
  const showcase = new Set(users.map((u) => u.dealer_id));
  const dealers: SimDealer[] = dealerRows.map((d) => ({
    id: d.id,
    code: d.code,
    level: d.level,
    parentId: d.parent_dealer_id,
    tier: d.tier,
    status: d.status,
    creditLimitFen: Number(d.credit_limit_fen),
    termDays: d.payment_term_days,
    showcase: showcase.has(d.id),
  }));
  const byDealer = new Map(dealers.map((d) => [d.id, d]));
  const products = productRows.map((p) => ({ id: p.id, listPriceFen: Number(p.list_price_fen), retailPriceFen: Number(p.min_retail_price_fen) }));
  const listPrice = new Map(products.map((p) => [p.id, p.listPriceFen]));
  const overrides = new Map(items.map((i) => [`${i.price_list_id}|${i.product_id}`, Number(i.price_fen)]));
  const listCache = new Map<string, string | null>();
  const priceOf = (tier: string, productId: string, on: string) => {
    const key = `${tier}|${on}`;
    if (!listCache.has(key))
      listCache.set(
        key,
        listInForce(
          lists.filter((l) => l.tier === tier),
          on,
        )?.id ?? null,
      );
    const listId = listCache.get(key);
    return (listId ? overrides.get(`${listId}|${productId}`) : undefined) ?? listPrice.get(productId)!;
  };

  const sim = simulate({ today, weeks, dealers, products, priceOf, rand });
  const numbers = numberer(new Map(counters.map((c) => [c.name, Number(c.last)])));
  const orders = [...sim.orders].sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.dealerId.localeCompare(b.dealerId));
  const orderIds = new Map<SimOrder, string>();
  const rows = {
    orders: [] as Insertable<DB['orders']>[],
    lines: [] as Insertable<DB['order_lines']>[],
    events: [] as Insertable<DB['order_events']>[],
    shipments: [] as Insertable<DB['shipments']>[],
    shipmentLines: [] as Insertable<DB['shipment_lines']>[],
    entries: [] as Insertable<DB['receivable_entries']>[],
    allocations: [] as Insertable<DB['receivable_allocations']>[],
    sellout: [] as Insertable<DB['sellout_records']>[],
    movements: [] as Insertable<DB['stock_movements']>[],
  };
  const seedName = 'demo-seed';
  const ledger = new Map<string, { date: string; kind: 'invoice' | 'payment'; id: string; amountFen: number; dueOn?: string }[]>();
  const ledgerOf = (dealerId: string) => ledger.get(dealerId) ?? ledger.set(dealerId, []).get(dealerId)!;

  for (const o of orders) {
    const id = newId('ord');
    orderIds.set(o, id);
    const last = o.moves[o.moves.length - 1];
    rows.orders.push({
      id,
      number: numbers.next('PO', o.orderDate),
      dealer_id: o.dealerId,
      supplier_dealer_id: o.supplierId,
      status: last.to,
      order_date: o.orderDate,
      subtotal_fen: o.subtotalFen,
      discount_fen: 0,
      total_fen: o.totalFen,
      promotion_id: null,
      credit_override_reason: null,
      note: null,
      created_by: seedName,
      created_at: at(o.orderDate),
      updated_at: at(last.on),
    });
    for (const l of o.lines)
      rows.lines.push({ order_id: id, line_no: l.lineNo, product_id: l.productId, quantity: l.quantity, unit_price_fen: l.unitPriceFen, discount_fen: l.discountFen, amount_fen: l.amountFen });
    o.moves.forEach((m, i) => rows.events.push({ id: newId('oev'), order_id: id, from_status: i === 0 ? null : o.moves[i - 1].to, to_status: m.to, reason: null, actor_name: seedName, at: at(m.on) }));
    const dealer = byDealer.get(o.dealerId)!;
    for (const s of o.shipments) {
      const shipmentId = newId('shp');
      const number = numbers.next('SH', s.shippedOn);
      rows.shipments.push({
        id: shipmentId,
        number,
        order_id: id,
        dealer_id: o.dealerId,
        shipped_on: s.shippedOn,
        amount_fen: s.amountFen,
        created_by: seedName,
        created_at: at(s.shippedOn, '04:00:00'),
      });
      s.lines.forEach((l, i) =>
        rows.shipmentLines.push({
          shipment_id: shipmentId,
          position: i + 1,
          order_id: id,
          line_no: l.lineNo,
          product_id: l.productId,
          quantity: l.quantity,
          batch_no: `B${s.shippedOn.replace(/-/g, '')}`,
          amount_fen: l.amountFen,
          code_count: 0,
        }),
      );
      const invoiceId = newId('rcv');
      const dueOn = addDays(s.shippedOn, dealer.termDays);
      rows.entries.push({
        id: invoiceId,
        dealer_id: o.dealerId,
        kind: 'invoice',
        doc_no: numbers.next('INV', s.shippedOn),
        amount_fen: s.amountFen,
        entry_on: s.shippedOn,
        due_on: dueOn,
        order_id: id,
        source_id: shipmentId,
        reference: number,
        created_by: seedName,
        created_at: at(s.shippedOn, '04:00:00'),
      });
      ledgerOf(o.dealerId).push({ date: s.shippedOn, kind: 'invoice', id: invoiceId, amountFen: s.amountFen, dueOn });
    }
  }
  for (const p of [...sim.payments].sort((a, b) => a.on.localeCompare(b.on))) {
    const id = newId('rcv');
    rows.entries.push({
      id,
      dealer_id: p.dealerId,
      kind: 'payment',
      doc_no: numbers.next('PAY', p.on),
      amount_fen: -p.amountFen,
      entry_on: p.on,
      due_on: null,
      order_id: null,
      source_id: null,
      reference: '银行转账',
      created_by: seedName,
      created_at: at(p.on, '08:00:00'),
    });
    ledgerOf(p.dealerId).push({ date: p.on, kind: 'payment', id, amountFen: p.amountFen });
  }
  // Allocations as the service would have made them: after each posting, FIFO by due date.
  for (const [dealerId, events] of ledger) {
    events.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1));
    const open: { id: string; dueOn: string; entryOn: string; openFen: number }[] = [];
    const credits: { id: string; openFen: number }[] = [];
    for (const e of events) {
      if (e.kind === 'invoice') open.push({ id: e.id, dueOn: e.dueOn!, entryOn: e.date, openFen: e.amountFen });
      else credits.push({ id: e.id, openFen: e.amountFen });
      open.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.entryOn.localeCompare(b.entryOn) || a.id.localeCompare(b.id));
      for (const a of allocateFifo(
        open.filter((i) => i.openFen > 0),
        credits.filter((c) => c.openFen > 0),
      )) {
        open.find((i) => i.id === a.invoiceId)!.openFen -= a.amountFen;
        credits.find((c) => c.id === a.creditId)!.openFen -= a.amountFen;
        rows.allocations.push({ id: newId('ral'), dealer_id: dealerId, invoice_id: a.invoiceId, credit_id: a.creditId, amount_fen: a.amountFen, created_at: at(e.date, '08:00:00') });
      }
    }
  }
  for (const sale of [...sim.sales].sort((a, b) => a.date.localeCompare(b.date))) {
    const id = newId('sel');
    const orderId = sale.order ? orderIds.get(sale.order)! : null;
    const customer = sale.order ? byDealer.get(sale.order.dealerId)!.code : sale.customerRef;
    rows.sellout.push({
      id,
      dealer_id: sale.dealerId,
      sold_on: sale.date,
      product_id: sale.productId,
      quantity: sale.quantity,
      amount_fen: sale.amountFen,
      customer_ref: customer,
      source: sale.source,
      order_id: orderId,
      created_at: at(sale.date, '12:00:00'),
    });
    const byOrder = sale.source === 'sub_dealer_order';
    rows.movements.push({
      id: newId('stm'),
      dealer_id: sale.dealerId,
      product_id: sale.productId,
      quantity: -sale.quantity,
      kind: 'sellout',
      ref_type: byOrder ? 'order' : 'sellout',
      ref_id: byOrder ? orderId : id,
      moved_at: byOrder ? at(sale.date, '06:00:00') : at(sale.date, '00:00:00'),
      created_at: at(sale.date, '12:00:00'),
    });
  }
  for (const o of sim.openings) {
    rows.movements.push({
      id: newId('stm'),
      dealer_id: o.dealerId,
      product_id: o.productId,
      quantity: o.quantity,
      kind: 'adjustment',
      ref_type: 'opening',
      ref_id: null,
      moved_at: at(o.on, '00:00:00'),
      created_at: at(o.on, '00:00:00'),
    });
  }
  for (const r of sim.receipts) {
    rows.movements.push({
      id: newId('stm'),
      dealer_id: r.dealerId,
      product_id: r.productId,
      quantity: r.quantity,
      kind: 'receipt',
      ref_type: 'order',
      ref_id: orderIds.get(r.order)!,
      moved_at: at(r.on, '06:00:00'),
      created_at: at(r.on, '06:00:00'),
    });
  }

  const summary: HistorySummary = {
    from: addDays(today, -weeks * 7),
    to: today,
    dealers: dealers.length,
    orders: rows.orders.length,
    shipments: rows.shipments.length,
    payments: sim.payments.length,
    selloutRows: rows.sellout.length,
    stockMovements: rows.movements.length,
  };
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: seedName }, requestId: null };
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'orders', rows.orders);
    await insertAll(trx, 'order_lines', rows.lines);
    await insertAll(trx, 'order_events', rows.events);
    await insertAll(trx, 'shipments', rows.shipments);
    await insertAll(trx, 'shipment_lines', rows.shipmentLines);
    await insertAll(trx, 'receivable_entries', rows.entries);
    await insertAll(trx, 'receivable_allocations', rows.allocations);
    await insertAll(trx, 'sellout_records', rows.sellout);
    await insertAll(trx, 'stock_movements', rows.movements);
    for (const [name, last] of numbers.counters) {
      await trx
        .insertInto('doc_counters')
        .values({ name, last })
        .onConflict((oc) => oc.column('name').doUpdateSet({ last }))
        .execute();
    }
    await appendAudit(trx, ctx, { action: 'seed.history', entityType: 'system', entityId: null, change: summary });
  });
  return summary;
}
