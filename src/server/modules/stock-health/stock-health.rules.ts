// Stock health of one dealer x SKU, exactly by DOMAIN.md C5 (pure: no I/O, no clock):
//   d, s_d  = mean and sample standard deviation of daily sell-out over the window (zero days count)
//   SS      = z x sqrt(L x s_d^2 + d^2 x s_L^2), z = inverse standard normal of the service level
//   ROP     = d x L + SS
//   max     = ROP + d x order cycle (the order-up-to level)
//   turnover days = average inventory value / COGS per day over the window
//   slow    = stock on hand but no sale for SLOW_DAYS days
// Alert levels: critical (on hand below SS), reorder (position below ROP; order max - position),
// slow (no sale for 90 days), overstock (on hand above max; promote or transfer the excess).
// The one home of these formulas and of the inverse normal: transfers and VMI plan with the same
// figures through stockTargets (stock-health.service.ts), never with a copy.

export const SLOW_DAYS = 90;
export const ALERT_LEVELS = ['critical', 'reorder', 'overstock', 'slow'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error
 * below 1.2e-9), so any service level gets its z: 0.95 -> 1.6449, 0.90 -> 1.2816.
 */
export function inverseNormal(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be inside (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Mean and sample standard deviation (n - 1); a single value has no spread. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** SS = z x sqrt(L x s_d^2 + d^2 x s_L^2) with d, s_d per day and L, s_L in days. */
export function safetyStock(z: number, dailyDemand: number, dailySd: number, leadTimeDays: number, leadTimeSdDays: number): number {
  return z * Math.sqrt(leadTimeDays * dailySd ** 2 + dailyDemand ** 2 * leadTimeSdDays ** 2);
}

export const reorderPoint = (dailyDemand: number, leadTimeDays: number, safety: number): number => dailyDemand * leadTimeDays + safety;

export const orderUpTo = (reorder: number, dailyDemand: number, orderCycleDays: number): number => reorder + dailyDemand * orderCycleDays;

/** Stock is counted in whole units: a target of 12.1 units needs 13 on the shelf. */
export const wholeUnits = (x: number): number => Math.max(0, Math.ceil(x - 1e-9));

/** Average inventory value over COGS per day; null when nothing was sold (turnover is infinite). */
export function turnoverDays(averageInventoryFen: number, cogsPerDayFen: number): number | null {
  return cogsPerDayFen > 0 ? averageInventoryFen / cogsPerDayFen : null;
}

/** Quantity per day for `days` days starting at day index 0 (sales keyed by day index). */
export function dailySeries(byDay: ReadonlyMap<number, number>, days: number): number[] {
  return Array.from({ length: days }, (_, i) => byDay.get(i) ?? 0);
}

/** Average end-of-day on-hand over the window: the opening stock plus the movements of each day. */
export function averageOnHand(opening: number, movementsByDay: ReadonlyMap<number, number>, days: number): number {
  if (days <= 0) return opening;
  let level = opening;
  let sum = 0;
  for (let i = 0; i < days; i++) {
    level += movementsByDay.get(i) ?? 0;
    sum += level;
  }
  return sum / days;
}

export interface HealthParams {
  serviceLevel: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  orderCycleDays: number;
}

export interface HealthInput extends HealthParams {
  /** Sell-out quantity per day of the window, zeros included. */
  dailySales: readonly number[];
  onHand: number;
  onOrder: number;
  /** Days since the last sale (or, never sold, since the stock first moved). */
  daysSinceLastSale: number;
  averageOnHand: number;
  unitCostFen: number;
}

export interface HealthMetrics {
  dailyDemand: number;
  dailyDemandSd: number;
  z: number;
  safetyStockExact: number;
  reorderPointExact: number;
  orderUpToExact: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  position: number;
  turnoverDays: number | null;
  slowMoving: boolean;
  level: AlertLevel | null;
  suggestedQuantity: number;
  action: 'order' | 'promote_or_transfer' | null;
}

export function stockHealth(input: HealthInput): HealthMetrics {
  const { mean: d, sd } = meanAndSd(input.dailySales);
  const z = inverseNormal(input.serviceLevel);
  const ssExact = safetyStock(z, d, sd, input.leadTimeDays, input.leadTimeSdDays);
  const ropExact = reorderPoint(d, input.leadTimeDays, ssExact);
  const maxExact = orderUpTo(ropExact, d, input.orderCycleDays);
  const ss = wholeUnits(ssExact);
  const rop = wholeUnits(ropExact);
  const max = wholeUnits(maxExact);
  const position = input.onHand + input.onOrder;
  const slowMoving = input.onHand > 0 && input.daysSinceLastSale >= SLOW_DAYS;
  const cogsPerDay = d * input.unitCostFen;
  const turnover = turnoverDays(input.averageOnHand * input.unitCostFen, cogsPerDay);
  const alert = classify({ onHand: input.onHand, position, safetyStock: ss, reorderPoint: rop, orderUpTo: max, slowMoving });
  return {
    dailyDemand: d,
    dailyDemandSd: sd,
    z,
    safetyStockExact: ssExact,
    reorderPointExact: ropExact,
    orderUpToExact: maxExact,
    safetyStock: ss,
    reorderPoint: rop,
    orderUpTo: max,
    position,
    turnoverDays: turnover,
    slowMoving,
    ...alert,
  };
}

/**
 * One alert per dealer x SKU, the most urgent first: a shortage (critical, then reorder) beats a
 * slow mover, which beats plain overstock (a slow mover is overstock too, but the cause matters).
 */
export function classify(s: { onHand: number; position: number; safetyStock: number; reorderPoint: number; orderUpTo: number; slowMoving: boolean }): Pick<HealthMetrics, 'level' | 'suggestedQuantity' | 'action'> {
  const toOrder = Math.max(0, s.orderUpTo - s.position);
  if (s.onHand < s.safetyStock) return { level: 'critical', suggestedQuantity: toOrder, action: 'order' };
  if (s.position < s.reorderPoint) return { level: 'reorder', suggestedQuantity: toOrder, action: 'order' };
  if (s.slowMoving) return { level: 'slow', suggestedQuantity: s.onHand, action: 'promote_or_transfer' };
  if (s.onHand > s.orderUpTo) return { level: 'overstock', suggestedQuantity: s.onHand - s.orderUpTo, action: 'promote_or_transfer' };
  return { level: null, suggestedQuantity: 0, action: null };
}
