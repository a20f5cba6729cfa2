// VMI replenishment (供应商管理库存): how much HQ should send a VMI dealer of one SKU (pure).
//
//   forecast demand over the cover days  D = sum of the monthly forecasts, prorated by day
//   safety stock                         SS = z x sigma x sqrt(cover / 30), sigma = the forecast's
//                                        one-month standard error (from its 95% band)
//   target level                         T = ceil(D + SS)
//   proposed quantity                    max(0, T - on hand - in transit)
import { forecastSeries } from '../forecast/forecast.service.js';

export const DAYS_PER_MONTH = 30;

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Demand over `coverDays` from monthly forecasts starting with the current month. */
export function demandOverCover(monthly: number[], coverDays: number): number {
  let demand = 0;
  for (let k = 0, left = coverDays; left > 0 && k < monthly.length; k++, left -= DAYS_PER_MONTH) {
    demand += Math.max(0, monthly[k]) * (Math.min(DAYS_PER_MONTH, left) / DAYS_PER_MONTH);
  }
  return demand;
}

export interface ReplenishmentInput {
  /** Monthly sell-out, oldest first, ending with the last complete month. */
  monthlySales: number[];
  onHand: number;
  inTransit: number;
  coverDays: number;
  serviceLevel: number;
}

export interface ReplenishmentLine {
  forecastDemand: number;
  safetyStock: number;
  targetLevel: number;
  quantity: number;
  model: string;
}

export function replenishment(input: ReplenishmentInput): ReplenishmentLine {
  const horizon = Math.ceil(input.coverDays / DAYS_PER_MONTH) + 1;
  const result = forecastSeries({ values: input.monthlySales, frequency: 12, horizon });
  const demand = demandOverCover(result.forecast, input.coverDays);
  const sigma = Math.max(0, (result.upper95[0] - result.forecast[0]) / 1.959964);
  const safety = normalQuantile(input.serviceLevel) * sigma * Math.sqrt(input.coverDays / DAYS_PER_MONTH);
  const targetLevel = Math.max(0, Math.ceil(demand + safety - 1e-9));
  return {
    forecastDemand: Math.round(demand),
    safetyStock: Math.max(0, Math.round(safety)),
    targetLevel,
    quantity: Math.max(0, targetLevel - Math.max(0, input.onHand) - Math.max(0, input.inTransit)),
    model: result.model,
  };
}
