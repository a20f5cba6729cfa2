// The demo history as a pure simulation (no database): weekly customer demand with seasonality
// and growth drives each dealer's sell-out; dealers reorder to keep about five weeks of cover;
// orders are approved, shipped (some in two parts), invoiced, received and paid late or on time.
import { priceOrder, sliceOf } from '../modules/orders/orders.rules.js';
import { addDays, daysBetween } from '../../shared/dates.js';
import type { prng } from './demo.js';

type Rand = ReturnType<typeof prng>;

export interface SimDealer {
  id: string;
  code: string;
  level: number;
  parentId: string | null;
  tier: string;
  status: string;
  creditLimitFen: number;
  termDays: number;
  /** Dealers with demo logins pay on time and keep trading, so the demo can order. */
  showcase: boolean;
}
export interface SimProduct {
  id: string;
  listPriceFen: number;
  retailPriceFen: number;
}
export interface SimShipment {
  shippedOn: string;
  lines: { lineNo: number; productId: string; quantity: number; amountFen: number }[];
  amountFen: number;
}
export interface SimOrder {
  dealerId: string;
  supplierId: string | null;
  orderDate: string;
  lines: { lineNo: number; productId: string; quantity: number; unitPriceFen: number; discountFen: number; amountFen: number }[];
  subtotalFen: number;
  totalFen: number;
  /** Status moves with their dates, the last one at or before today. */
  moves: { to: string; on: string }[];
  shipments: SimShipment[];
}
export interface SimSale {
  dealerId: string;
  date: string;
  productId: string;
  quantity: number;
  amountFen: number;
  source: 'seed' | 'sub_dealer_order';
  order?: SimOrder;
  customerRef: string | null;
}
export interface SimReceipt {
  dealerId: string;
  on: string;
  productId: string;
  quantity: number;
  order: SimOrder;
}
export interface SimPayment {
  dealerId: string;
  on: string;
  amountFen: number;
}
export interface Simulation {
  openings: { dealerId: string; on: string; productId: string; quantity: number }[];
  orders: SimOrder[];
  sales: SimSale[];
  receipts: SimReceipt[];
  payments: SimPayment[];
}

/** Demand by month (China): pre-New-Year stocking, the Spring Festival dip, 618, Golden Week, Double 11. */
export const SEASON = [1.15, 0.55, 0.9, 0.95, 1.0, 1.15, 0.9, 0.9, 1.05, 1.1, 1.35, 1.2];
const COVER_WEEKS = 5;

function poisson(rand: Rand, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * (rand.next() + rand.next() + rand.next() - 1.5) * 2));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand.next();
  while (p > limit) {
    k++;
    p *= rand.next();
  }
  return k;
}

const monthOf = (date: string) => Number(date.slice(5, 7)) - 1;

export interface SimInput {
  today: string;
  weeks: number;
  dealers: SimDealer[];
  products: SimProduct[];
  priceOf: (tier: string, productId: string, on: string) => number;
  rand: Rand;
}

/** One dealer's weeks: demand, sales limited by stock, reorders and their fulfilment. */
function simulateDealer(input: SimInput, dealer: SimDealer, assortment: SimProduct[], subDemand: Map<string, { on: string; quantity: number; order: SimOrder }[]>, out: Simulation) {
  const { rand, today, weeks, priceOf } = input;
  const start = addDays(today, -weeks * 7);
  const growth = 1.1 + rand.next() * 0.25; // a year
  const monthlyFen = (dealer.creditLimitFen * 0.5 * 30) / (dealer.termDays + 30);
  const weights = assortment.map(() => 0.3 + rand.next());
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const nowPrice = (p: SimProduct) => priceOf(dealer.tier, p.id, today);
  const rates = assortment.map((p, i) => (monthlyFen * (weights[i] / weightSum)) / 4.33 / nowPrice(p));
  const subRate = assortment.map((p) => (subDemand.get(p.id) ?? []).reduce((s, e) => s + e.quantity, 0) / weeks);
  // Opening stock: the dealer traded before the history starts (recorded as an opening adjustment).
  const opening = Math.pow(growth, -1 * (weeks / 52)) * SEASON[monthOf(start)] * COVER_WEEKS;
  const stock = assortment.map((_, i) => Math.round(rates[i] * opening));
  assortment.forEach((p, i) => stock[i] > 0 && out.openings.push({ dealerId: dealer.id, on: start, productId: p.id, quantity: stock[i] }));
  const onOrder = assortment.map(() => 0);
  const arrivals: { on: string; index: number; quantity: number; order: SimOrder }[] = [];
  const stopsOrdering = dealer.status === 'terminated' ? weeks - 16 : dealer.status === 'terminating' ? weeks - 6 : weeks;
  const orderEvery = dealer.level === 2 ? 4 : 2;
  const phase = rand.int(0, orderEvery - 1);
  const lateness = dealer.showcase ? 0 : rand.next() < 0.06 ? 2 : rand.next() < 0.25 ? 1 : 0; // bad, slow, good payer
  const subEvents = [...subDemand.entries()]
    .flatMap(([productId, list]) => list.map((e) => ({ ...e, index: assortment.findIndex((p) => p.id === productId) })))
    .sort((a, b) => a.on.localeCompare(b.on));
  let subCursor = 0;

  for (let w = 0; w < weeks; w++) {
    const weekStart = addDays(start, w * 7);
    const saleDate = addDays(weekStart, 6) > today ? today : addDays(weekStart, 6);
    const level = Math.pow(growth, (w - weeks) / 52) * (dealer.status === 'warning' && w > weeks - 26 ? 0.7 : 1);
    // Reorder: cover for COVER_WEEKS of expected demand (own and sub-dealers'), less stock and what is on the way.
    if (w < stopsOrdering && (w + phase) % orderEvery === 0) {
      const orderDate = addDays(weekStart, rand.int(0, 3));
      if (orderDate <= today) {
        const season = SEASON[monthOf(addDays(orderDate, 14))]; // the weeks the goods will cover
        const wanted = assortment.map((_, i) => Math.ceil((rates[i] * season * level + subRate[i]) * COVER_WEEKS - stock[i] - onOrder[i]));
        const lines = assortment.flatMap((p, i) => (wanted[i] > 0 ? [{ index: i, productId: p.id, quantity: wanted[i], unitPriceFen: priceOf(dealer.tier, p.id, orderDate) }] : []));
        if (lines.length) placeOrder(input, dealer, orderDate, lines, lateness, arrivals, onOrder, out);
      }
    }
    // Goods that arrived before the week's sale date are on the shelf.
    for (const a of arrivals.filter((x) => x.on < saleDate && x.quantity > 0)) {
      stock[a.index] += a.quantity;
      onOrder[a.index] -= a.quantity;
      out.receipts.push({ dealerId: dealer.id, on: a.on, productId: assortment[a.index].id, quantity: a.quantity, order: a.order });
      a.quantity = 0;
    }
    // Level-2 dealers' receipts from this dealer are its sell-out (source sub_dealer_order).
    while (subCursor < subEvents.length && subEvents[subCursor].on < addDays(weekStart, 7)) {
      const e = subEvents[subCursor++];
      if (e.index < 0) continue;
      stock[e.index] -= e.quantity;
      const line = e.order.lines.find((l) => l.productId === assortment[e.index].id)!;
      out.sales.push({
        dealerId: dealer.id,
        date: e.on,
        productId: line.productId,
        quantity: e.quantity,
        amountFen: sliceOf(line.amountFen, line.quantity, 0, e.quantity),
        source: 'sub_dealer_order',
        order: e.order,
        customerRef: null,
      });
    }
    if (weekStart > today) break;
    const season = SEASON[monthOf(saleDate)];
    assortment.forEach((p, i) => {
      const sold = Math.min(Math.max(stock[i], 0), poisson(rand, rates[i] * season * level));
      if (sold <= 0) return;
      stock[i] -= sold;
      const unit = Math.round((p.retailPriceFen * (1 + rand.next() * 0.1)) / 10) * 10;
      // A week across a month end is reported in two rows, so monthly totals follow the calendar.
      const firstDays = weekStart.slice(0, 7) === saleDate.slice(0, 7) ? 7 : daysBetween(weekStart, `${saleDate.slice(0, 7)}-01`);
      const early = Math.round((sold * firstDays) / 7);
      const parts =
        firstDays < 7
          ? [
              { date: addDays(`${saleDate.slice(0, 7)}-01`, -1), quantity: early },
              { date: saleDate, quantity: sold - early },
            ]
          : [{ date: saleDate, quantity: sold }];
      for (const part of parts) {
        if (part.quantity > 0) out.sales.push({ dealerId: dealer.id, date: part.date, productId: p.id, quantity: part.quantity, amountFen: part.quantity * unit, source: 'seed', customerRef: null });
      }
    });
  }
  // Goods received after the last sale date (up to today) are on the shelf too.
  for (const a of arrivals.filter((x) => x.on <= today && x.quantity > 0)) {
    out.receipts.push({ dealerId: dealer.id, on: a.on, productId: assortment[a.index].id, quantity: a.quantity, order: a.order });
  }
}

/** An order with its whole future: approval, shipments (10% in two parts), receipt, closing, payment. */
function placeOrder(
  input: SimInput,
  dealer: SimDealer,
  orderDate: string,
  wanted: { index: number; productId: string; quantity: number; unitPriceFen: number }[],
  lateness: number,
  arrivals: { on: string; index: number; quantity: number; order: SimOrder }[],
  onOrder: number[],
  out: Simulation,
) {
  const { rand, today } = input;
  const priced = priceOrder(
    wanted.map((l, i) => ({ ...l, lineNo: i + 1 })),
    0,
  );
  const order: SimOrder = {
    dealerId: dealer.id,
    supplierId: dealer.level === 2 ? dealer.parentId : null,
    orderDate,
    lines: priced.lines.map((l) => ({ lineNo: l.lineNo, productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, amountFen: l.amountFen })),
    subtotalFen: priced.subtotalFen,
    totalFen: priced.totalFen,
    moves: [{ to: 'submitted', on: orderDate }],
    shipments: [],
  };
  out.orders.push(order);
  const move = (to: string, on: string) => on <= today && order.moves.push({ to, on });
  if (rand.next() < 0.03) {
    move('cancelled', addDays(orderDate, 1));
    return;
  }
  const approvedOn = addDays(orderDate, rand.int(0, 2));
  if (!move('approved', approvedOn)) return;
  wanted.forEach((l) => (onOrder[l.index] += l.quantity));
  const split = rand.next() < 0.1 && order.lines.some((l) => l.quantity > 1);
  const firstOn = addDays(approvedOn, rand.int(1, 4));
  const parts = split
    ? [
        { on: firstOn, share: 0.6 },
        { on: addDays(firstOn, rand.int(5, 10)), share: 1 },
      ]
    : [{ on: firstOn, share: 1 }];
  const shipped = order.lines.map(() => 0);
  for (const part of parts) {
    if (part.on > today) break;
    const lines = order.lines.flatMap((l, i) => {
      const target = part.share === 1 ? l.quantity : Math.floor(l.quantity * part.share);
      const quantity = target - shipped[i];
      if (quantity <= 0) return [];
      const amountFen = sliceOf(l.amountFen, l.quantity, shipped[i], quantity);
      shipped[i] += quantity;
      return [{ lineNo: l.lineNo, productId: l.productId, quantity, amountFen }];
    });
    const shipment = { shippedOn: part.on, lines, amountFen: lines.reduce((s, l) => s + l.amountFen, 0) };
    order.shipments.push(shipment);
    move(part.share === 1 ? 'shipped' : 'partially_shipped', part.on);
    // Payment of this invoice: on time, slow or bad (bad payers stop paying in the last 150 days).
    const dueOn = addDays(part.on, dealer.termDays);
    const late = lateness === 0 ? rand.int(-5, 10) : lateness === 1 ? rand.int(15, 50) : rand.int(45, 75);
    const paidOn = addDays(dueOn, late);
    const stopped = lateness === 2 && daysBetween(dueOn, today) < 150;
    if (!stopped && paidOn <= today) out.payments.push({ dealerId: dealer.id, on: paidOn, amountFen: shipment.amountFen });
  }
  const last = order.shipments[order.shipments.length - 1];
  if (!last || order.moves[order.moves.length - 1].to !== 'shipped') return;
  const receivedOn = addDays(last.shippedOn, rand.int(2, 5));
  if (!move('received', receivedOn)) return;
  order.lines.forEach((l) => arrivals.push({ on: receivedOn, index: wanted[l.lineNo - 1].index, quantity: l.quantity, order }));
  move('closed', addDays(receivedOn, 30));
}

/** Every trading dealer's history; level-2 dealers first, as their orders are their parents' sales. */
export function simulate(input: SimInput): Simulation {
  const out: Simulation = { openings: [], orders: [], sales: [], receipts: [], payments: [] };
  const { rand, products } = input;
  const assortments = new Map<string, SimProduct[]>();
  const pick = (from: SimProduct[], n: number) =>
    [...from]
      .map((p) => ({ p, k: rand.next() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, n)
      .map((x) => x.p);
  for (const d of input.dealers.filter((x) => x.level === 1)) assortments.set(d.id, pick(products, rand.int(6, 12)));
  const subDemand = new Map<string, Map<string, { on: string; quantity: number; order: SimOrder }[]>>();
  for (const d of input.dealers.filter((x) => x.level === 2)) {
    const parentRange = assortments.get(d.parentId ?? '') ?? products;
    const assortment = pick(parentRange, Math.min(parentRange.length, rand.int(3, 6)));
    const before = out.receipts.length;
    simulateDealer(input, d, assortment, new Map(), out);
    const demand = subDemand.get(d.parentId ?? '') ?? subDemand.set(d.parentId ?? '', new Map()).get(d.parentId ?? '')!;
    for (const r of out.receipts.slice(before)) (demand.get(r.productId) ?? demand.set(r.productId, []).get(r.productId)!).push({ on: r.on, quantity: r.quantity, order: r.order });
  }
  for (const d of input.dealers.filter((x) => x.level === 1)) simulateDealer(input, d, assortments.get(d.id)!, subDemand.get(d.id) ?? new Map(), out);
  return out;
}
