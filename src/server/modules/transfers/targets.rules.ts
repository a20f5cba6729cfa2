// Stock targets of one dealer x SKU by DOMAIN.md C5, used to find overstock and shortage (pure).
// SS = z * sqrt(L * s_d^2 + d^2 * s_L^2); ROP = d * L + SS; max (order-up-to) = ROP + d * cycle.
// Kept small and local until the stock-health module (issue 5, capabilities 1-3) exports its
// rules; then transfers should read the same numbers from there.

export interface TargetSettings {
  windowDays: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  orderCycleDays: number;
  z: number;
}

export const DEFAULT_TARGETS: TargetSettings = { windowDays: 90, leadTimeDays: 7, leadTimeSdDays: 0, orderCycleDays: 14, z: 1.645 };

export interface StockTargets {
  dailyDemand: number;
  dailySd: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
}

/**
 * `dailySales` holds one value per day of the window (zeros included). Targets are rounded up
 * to whole units: a dealer is short when it holds fewer than the rounded-up reorder point.
 */
export function stockTargets(dailySales: number[], s: TargetSettings): StockTargets {
  const n = dailySales.length;
  const d = n ? dailySales.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(dailySales.reduce((a, v) => a + (v - d) ** 2, 0) / (n - 1)) : 0;
  const ss = s.z * Math.sqrt(s.leadTimeDays * sd * sd + d * d * s.leadTimeSdDays * s.leadTimeSdDays);
  const rop = d * s.leadTimeDays + ss;
  const max = rop + d * s.orderCycleDays;
  const up = (x: number) => Math.max(0, Math.ceil(x - 1e-9));
  return { dailyDemand: d, dailySd: sd, safetyStock: up(ss), reorderPoint: up(rop), orderUpTo: up(max) };
}

/**
 * Units a dealer can give and units it needs. Overstock counts on-hand only (stock on order
 * cannot be moved) but only above the order-up-to level of its whole position; shortage is the
 * gap of the position (on hand + on order) to the reorder point.
 */
export function overstockAndShortage(onHand: number, onOrder: number, t: Pick<StockTargets, 'reorderPoint' | 'orderUpTo'>): { supply: number; demand: number } {
  const physical = Math.max(0, onHand);
  const position = physical + Math.max(0, onOrder);
  const supply = Math.min(physical, Math.max(0, position - t.orderUpTo));
  const demand = Math.max(0, t.reorderPoint - position);
  return { supply, demand };
}
