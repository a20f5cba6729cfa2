// Qualifying sales (docs/rules.md, C8; docs/decisions.md "One sales figure"): what HQ shipped to a
// dealer (orders without a supplier dealer) minus what the dealer returned on those orders, by
// shipment date and by the Beijing business date of the return. The one sales figure of the loop:
// the scorecard's sell-in (C6), rebates, points, tiers, stars and the simulator all read it here.
// Every figure comes from these rows, so a statement line always names its order and document.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { businessDate, dateRangeInstants, monthOf } from '../../../shared/dates.js';

export interface SalesLine {
  kind: 'shipment' | 'return';
  dealerId: string;
  sourceId: string;
  docNo: string;
  orderId: string;
  orderNumber: string;
  date: string;
  amountFen: number;
}

/** The shipment and return rows of one dealer in a date range, in date order. */
export async function salesLines(db: Database, dealerId: string, from: string, to: string): Promise<SalesLine[]> {
  const [shipments, returns] = await Promise.all([
    db
      .selectFrom('shipments as s')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .select(['s.id', 's.number', 's.order_id', 'o.number as order_number', 's.shipped_on', 's.amount_fen'])
      .where('s.dealer_id', '=', dealerId)
      .where('o.supplier_dealer_id', 'is', null)
      .where('s.shipped_on', '>=', from)
      .where('s.shipped_on', '<=', to)
      .execute(),
    db
      .selectFrom('order_returns as r')
      .innerJoin('orders as o', 'o.id', 'r.order_id')
      .select(['r.id', 'r.number', 'r.order_id', 'o.number as order_number', 'r.created_at', 'r.amount_fen'])
      .where('r.dealer_id', '=', dealerId)
      .where('o.supplier_dealer_id', 'is', null)
      .where('r.created_at', '>=', dateRangeInstants(from, to).from)
      .where('r.created_at', '<', dateRangeInstants(from, to).to)
      .execute(),
  ]);
  const lines: SalesLine[] = [
    ...shipments.map((s) => ({
      kind: 'shipment' as const,
      dealerId,
      sourceId: s.id,
      docNo: s.number,
      orderId: s.order_id,
      orderNumber: s.order_number,
      date: s.shipped_on,
      amountFen: Number(s.amount_fen),
    })),
    ...returns.map((r) => ({
      kind: 'return' as const,
      dealerId,
      sourceId: r.id,
      docNo: r.number,
      orderId: r.order_id,
      orderNumber: r.order_number,
      date: businessDate(new Date(r.created_at)), // the business date of the return's instant, as the sums count it
      amountFen: -Number(r.amount_fen),
    })),
  ];
  return lines.sort((a, b) => a.date.localeCompare(b.date) || a.docNo.localeCompare(b.docNo));
}

/** Net qualifying sales per dealer in a date range (dealers with any shipment or return). */
export async function salesByDealer(db: Database, from: string, to: string): Promise<Map<string, number>> {
  const [shipped, returned] = await Promise.all([
    db
      .selectFrom('shipments as s')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .select(['s.dealer_id', sql<number>`sum(s.amount_fen)`.as('fen')])
      .where('o.supplier_dealer_id', 'is', null)
      .where('s.shipped_on', '>=', from)
      .where('s.shipped_on', '<=', to)
      .groupBy('s.dealer_id')
      .execute(),
    db
      .selectFrom('order_returns as r')
      .innerJoin('orders as o', 'o.id', 'r.order_id')
      .select(['r.dealer_id', sql<number>`sum(r.amount_fen)`.as('fen')])
      .where('o.supplier_dealer_id', 'is', null)
      .where('r.created_at', '>=', dateRangeInstants(from, to).from)
      .where('r.created_at', '<', dateRangeInstants(from, to).to)
      .groupBy('r.dealer_id')
      .execute(),
  ]);
  const out = new Map<string, number>();
  for (const r of shipped) out.set(r.dealer_id, Number(r.fen));
  for (const r of returned) out.set(r.dealer_id, (out.get(r.dealer_id) ?? 0) - Number(r.fen));
  return out;
}

/** Net qualifying sales per dealer and month (YYYY-MM) in a date range. */
export async function monthlySalesByDealer(db: Database, from: string, to: string): Promise<Map<string, Map<string, number>>> {
  const month = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 7)`;
  const [shipped, returned] = await Promise.all([
    db
      .selectFrom('shipments as s')
      .innerJoin('orders as o', 'o.id', 's.order_id')
      .select(['s.dealer_id', month('s.shipped_on').as('month'), sql<number>`sum(s.amount_fen)`.as('fen')])
      .where('o.supplier_dealer_id', 'is', null)
      .where('s.shipped_on', '>=', from)
      .where('s.shipped_on', '<=', to)
      .groupBy(['s.dealer_id', month('s.shipped_on')])
      .execute(),
    db
      .selectFrom('order_returns as r')
      .innerJoin('orders as o', 'o.id', 'r.order_id')
      .select(['r.dealer_id', 'r.created_at', 'r.amount_fen'])
      .where('o.supplier_dealer_id', 'is', null)
      .where('r.created_at', '>=', dateRangeInstants(from, to).from)
      .where('r.created_at', '<', dateRangeInstants(from, to).to)
      .execute(),
  ]);
  const out = new Map<string, Map<string, number>>();
  const add = (dealerId: string, m: string, fen: number) => {
    const byMonth = out.get(dealerId) ?? out.set(dealerId, new Map()).get(dealerId)!;
    byMonth.set(m, (byMonth.get(m) ?? 0) + fen);
  };
  for (const r of shipped) add(r.dealer_id, r.month, Number(r.fen));
  // A return counts in the business month of its instant (src/shared/dates.ts), so it is bucketed here, not in SQL.
  for (const r of returned) add(r.dealer_id, monthOf(businessDate(new Date(r.created_at))), -Number(r.amount_fen));
  return out;
}

/** Customers (sell-out customer refs) first seen in a date range, per dealer. */
export async function newCustomersByDealer(db: Database, from: string, to: string): Promise<Map<string, number>> {
  const firsts = db
    .selectFrom('sellout_records')
    .select(['dealer_id', 'customer_ref', sql<string>`min(sold_on)`.as('first_on')])
    .where('customer_ref', 'is not', null)
    .groupBy(['dealer_id', 'customer_ref'])
    .as('f');
  const rows = await db
    .selectFrom(firsts)
    .select(['f.dealer_id', sql<number>`count(*)`.as('n')])
    .where('f.first_on', '>=', from)
    .where('f.first_on', '<=', to)
    .groupBy('f.dealer_id')
    .execute();
  return new Map(rows.map((r) => [r.dealer_id, Number(r.n)]));
}
