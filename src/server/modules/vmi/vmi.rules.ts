// VMI replenishment (供应商管理库存) of one dealer x SKU (pure). What to order is not decided here:
// it is stock health's (s, S) rule on its own targets (stock-health.rules.ts, read through
// stockTargets in stock-health.service.ts), so a proposal says what the alert centre says:
//   a line exists when the alert is critical or reorder (position below ROP), and orders
//   quantity = max - position, position = on hand + in transit; SS, ROP and max as stock health
// Beside it HQ sees the forecast of sell-out over the days that order has to last (the pair's lead
// time + the order cycle), to judge whether the window's average still fits a trend:
//   forecast demand D = sum of the monthly forecasts over the cover days, prorated by day
//   (the forecast itself comes from the forecast service, called in vmi.service.ts)

export const DAYS_PER_MONTH = 30;

/** Demand over `coverDays` from monthly forecasts starting with the current month. */
export function demandOverCover(monthly: number[], coverDays: number): number {
  let demand = 0;
  for (let k = 0, left = coverDays; left > 0 && k < monthly.length; k++, left -= DAYS_PER_MONTH) {
    demand += Math.max(0, monthly[k]) * (Math.min(DAYS_PER_MONTH, left) / DAYS_PER_MONTH);
  }
  return demand;
}
