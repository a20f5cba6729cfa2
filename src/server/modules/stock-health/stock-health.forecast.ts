// Monthly demand forecasts per dealer x SKU and per region x product from sell-out, with the
// forecasting engine (forecast/forecast.service.ts: automatic ETS, Croston/TSB, fallbacks), its
// 80/95% bands and a rolling-origin backtest MASE beside each forecast (and seasonal naive's on
// the same origins, so users see whether the model beats the simple rule).
import { sql } from 'kysely';
import type { DemandForecast, DemandForecastQuery } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, regionPrefix, visibleDealer } from '../../core/access.js';
import { invalid } from '../../core/errors.js';
import { productsBySku } from '../orders/orders.service.js';
import { businessDate, addMonths, monthOf, monthRange } from '../../../shared/dates.js';
import { forecastSeries, type ForecastResult } from '../forecast/forecast.service.js';
import { isShortSeasonal, shortMinTrain, shortSeasonalForecast } from '../forecast/short-seasonal.rules.js';
import { rollingOriginMase } from '../forecast/backtest.rules.js';
import { seasonalNaive } from '../forecast/accuracy.rules.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

export const DEFAULT_HORIZON = 6;
const FREQUENCY = 12;

/**
 * Monthly totals from the first complete month with sales to the last complete month before
 * today (the current month is partial; so is a first month whose first sale is after its 3rd).
 */
export function monthlySeries(rows: { month: string; quantity: number; firstOn: string }[], today: string): { months: string[]; values: number[] } {
  const lastMonth = addMonths(monthOf(today), -1);
  const sorted = rows.filter((r) => r.month <= lastMonth).sort((a, b) => (a.month < b.month ? -1 : 1));
  if (sorted.length === 0) return { months: [], values: [] };
  let first = sorted[0].month;
  if (Number(sorted[0].firstOn.slice(8, 10)) > 3 && first < lastMonth) first = addMonths(first, 1);
  const byMonth = new Map(sorted.map((r) => [r.month, r.quantity]));
  const months = monthRange(first, lastMonth);
  return { months, values: months.map((m) => byMonth.get(m) ?? 0) };
}

/**
 * The engine's forecast and its rolling-origin MASE. A monthly series of 17 to 25 months (the
 * demo's two years) is too short for seasonal ETS: the short-seasonal rule then picks ETS,
 * seasonal naive or their mean by the same backtest, on origins that keep a season and four months.
 */
export function forecastWithBacktest(values: number[], horizon: number): { result: ForecastResult; mase: number | null } {
  if (isShortSeasonal(values.length, FREQUENCY)) {
    const short = shortSeasonalForecast(values, FREQUENCY, horizon);
    if (short) return { result: short, mase: short.mase };
  }
  const result = forecastSeries({ values, frequency: FREQUENCY, horizon }, { backtest: true });
  return { result, mase: result.mase ?? null };
}

export async function demandForecast(ctx: ServiceContext, query: DemandForecastQuery): Promise<DemandForecast> {
  const scope = dealerScopeOf(ctx.caller);
  if (query.dealerId) {
    await visibleDealerOr404(ctx, query.dealerId);
  }
  const [product] = await productsBySku(ctx.db, [query.sku]);
  if (!product) throw invalid('/querystring/sku', `is not a known SKU (${query.sku})`);
  const month = sql<string>`substr(s.sold_on, 1, 7)`;
  let q = ctx.db
    .selectFrom('sellout_records as s')
    .select([month.as('month'), sql<number>`sum(s.quantity)`.as('quantity'), sql<string>`min(s.sold_on)`.as('first_on'), sql<number>`count(distinct s.dealer_id)`.as('dealers')])
    .where('s.product_id', '=', product.id)
    .where(visibleDealer(scope, 's.dealer_id'))
    .groupBy(month);
  if (query.dealerId) q = q.where('s.dealer_id', '=', query.dealerId);
  if (query.regionCode) {
    const prefix = regionPrefix(query.regionCode);
    q = q.where('s.dealer_id', 'in', (eb) => eb.selectFrom('dealer_territories as t').select('t.dealer_id').where('t.region_code', 'like', `${prefix}%`));
  }
  const rows = await q.execute();
  const today = businessDate(ctx.clock.now());
  const { months, values } = monthlySeries(
    rows.map((r) => ({ month: r.month, quantity: Number(r.quantity), firstOn: r.first_on })),
    today,
  );
  const horizon = query.horizon ?? DEFAULT_HORIZON;
  const base = {
    sku: product.sku,
    productName: product.name,
    dealerId: query.dealerId ?? null,
    regionCode: query.regionCode ?? null,
    dealerCount: Math.max(0, ...rows.map((r) => Number(r.dealers))),
    months,
    history: values,
  };
  const forecastMonths = Array.from({ length: horizon }, (_, i) => addMonths(months.length ? months[months.length - 1] : addMonths(monthOf(today), -1), i + 1));
  if (values.length === 0) {
    const zeros = Array.from({ length: horizon }, () => 0);
    return { ...base, forecastMonths, model: 'NoHistory', forecast: zeros, lower80: zeros, upper80: zeros, lower95: zeros, upper95: zeros, mase: null, seasonalNaiveMase: null };
  }
  const { result, mase } = forecastWithBacktest(values, horizon);
  // Demand is never negative: bands and points are floored at zero.
  const floor = (xs: number[]) => xs.map((v) => Math.max(0, v));
  const short = values.length < 2 * FREQUENCY + 2 ? shortMinTrain(FREQUENCY) : undefined;
  const snaive = rollingOriginMase(values, FREQUENCY, horizon, (train, h) => seasonalNaive(train, FREQUENCY, h), 3, short);
  return {
    ...base,
    forecastMonths,
    model: result.model,
    forecast: floor(result.forecast),
    lower80: floor(result.lower80),
    upper80: floor(result.upper80),
    lower95: floor(result.lower95),
    upper95: floor(result.upper95),
    mase,
    seasonalNaiveMase: snaive,
  };
}
