// The inventory KPI's rows (pure): one line per dealer x SKU held in the period, with the terms the
// scorecard sums (docs/rules.md, C6 "Inventory KPI"). The daily average on hand, the slow-mover test
// and turnover are stock health's own (stock-health.rules.ts), applied at the period's last day, so
// the scorecard and the stock-health page call the same pair slow.
import { averageOnHand, daysWithoutSale, isSlowMover } from '../stock-health/stock-health.rules.js';
import { businessDate, daysBetween, type PeriodRange } from '../../../shared/dates.js';
import type { MovementRow, SalesPerProductRow, StockPositionRow } from './evaluation.repo.js';

export interface InventoryLine {
  dealerId: string;
  productId: string;
  sku: string;
  name: string;
  category: string;
  priceFen: number;
  opening: number;
  closing: number;
  /** mean end-of-day on hand over the period's days, never below zero */
  averageOnHand: number;
  soldQuantity: number;
  lastSoldOn: string | null;
  firstMovedOn: string;
  daysWithoutSale: number;
  slow: boolean;
}

const key = (dealerId: string, productId: string) => `${dealerId}|${productId}`;

/** `slowDays` is stock health's setting (stock-health.settings.ts), so both pages use the same threshold. */
export function inventoryLines(range: PeriodRange, stock: StockPositionRow[], movements: MovementRow[], sales: SalesPerProductRow[], slowDays: number): InventoryLine[] {
  const days = daysBetween(range.from, range.to) + 1;
  const movesByPair = new Map<string, Map<number, number>>();
  for (const m of movements) {
    const k = key(m.dealer_id, m.product_id);
    let byDay = movesByPair.get(k);
    if (!byDay) movesByPair.set(k, (byDay = new Map()));
    const day = daysBetween(range.from, businessDate(new Date(m.moved_at)));
    byDay.set(day, (byDay.get(day) ?? 0) + m.quantity);
  }
  const salesByPair = new Map(sales.map((s) => [key(s.dealer_id, s.product_id), s]));
  return stock.map((p) => {
    const sold = salesByPair.get(key(p.dealer_id, p.product_id));
    const firstMovedOn = businessDate(new Date(p.first_moved_at));
    const idle = daysWithoutSale(range.to, sold?.last_sold_on ?? null, firstMovedOn);
    return {
      dealerId: p.dealer_id,
      productId: p.product_id,
      sku: p.sku,
      name: p.name,
      category: p.category,
      priceFen: p.price_fen,
      opening: p.opening,
      closing: p.closing,
      averageOnHand: Math.max(0, averageOnHand(p.opening, movesByPair.get(key(p.dealer_id, p.product_id)) ?? new Map(), days)),
      soldQuantity: sold?.quantity ?? 0,
      lastSoldOn: sold?.last_sold_on ?? null,
      firstMovedOn,
      daysWithoutSale: idle,
      slow: isSlowMover(p.closing, idle, slowDays),
    };
  });
}
