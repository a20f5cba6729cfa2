// Stock health of one dealer x SKU, exactly by docs/rules.md, C5 (pure: no I/O, no clock):
//   d, s_d  = mean and sample standard deviation of daily sell-out over the window (zero days count)
//   SS      = z x sqrt(L x s_d^2 + d^2 x s_L^2), z = inverse standard normal of the service level
//   ROP     = d x L + SS
//   max     = ROP + d x order cycle (the order-up-to level)
//   turnover days = average inventory value / COGS per day over the window
//   slow    = stock on hand but no sale for slowDays days (a setting, default 90)
// Alert levels: critical (on hand below SS), reorder (position below ROP; order max - position),
// slow (no sale for slowDays days), overstock (on hand above max; promote or transfer the excess).
// The one home of these formulas (the inverse normal is core/normal.rules.ts's): transfers and VMI plan with the same
// figures through stockTargets (stock-health.service.ts), never with a copy.

import { inverseNormal } from '../../core/normal.rules.js';
import { daysBetween } from '../../../shared/dates.js';

export const DEFAULT_SLOW_DAYS = 90;
export const ALERT_LEVELS = ['critical', 'reorder', 'overstock', 'slow'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

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

/** Days without a sale at `asOf`: since the last sale, or, never sold, since the stock first moved (stock received yesterday is not slow). */
export const daysWithoutSale = (asOf: string, lastSaleOn: string | null, firstMovedOn: string): number => daysBetween(lastSaleOn ?? firstMovedOn, asOf);

/** Slow mover: stock on hand and no sale for `slowDays` days. The scorecard's slow-moving ratio (C6) counts the same pairs. */
export const isSlowMover = (onHand: number, daysSinceLastSale: number, slowDays: number): boolean => onHand > 0 && daysSinceLastSale >= slowDays;

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
  /** the `slowDays` setting */
  slowDays: number;
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
  const slowMoving = isSlowMover(input.onHand, input.daysSinceLastSale, input.slowDays);
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
export function classify(s: {
  onHand: number;
  position: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  slowMoving: boolean;
}): Pick<HealthMetrics, 'level' | 'suggestedQuantity' | 'action'> {
  const toOrder = Math.max(0, s.orderUpTo - s.position);
  if (s.onHand < s.safetyStock) return { level: 'critical', suggestedQuantity: toOrder, action: 'order' };
  if (s.position < s.reorderPoint) return { level: 'reorder', suggestedQuantity: toOrder, action: 'order' };
  if (s.slowMoving) return { level: 'slow', suggestedQuantity: s.onHand, action: 'promote_or_transfer' };
  if (s.onHand > s.orderUpTo) return { level: 'overstock', suggestedQuantity: s.onHand - s.orderUpTo, action: 'promote_or_transfer' };
  return { level: null, suggestedQuantity: 0, action: null };
}
