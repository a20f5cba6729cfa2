import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../core/http.js';
import { MAX_FREQUENCY, MAX_HORIZON, MAX_VALUES } from './forecast.service.js';
import { FORECAST_TIME_BUDGET_MS, MAX_FITTED_POINTS } from './budget.rules.js';
import { ForecastPool, forecastWithinBudget } from './forecast.pool.js';

/** Forecasts one caller may ask for per minute: each costs up to a second of a core. */
export const FORECASTS_PER_MINUTE = 8;
/** Rate-limit key: the caller (a user or an API key), so a shared office address is not one bucket. */
const callerKey = (request: FastifyRequest) => (request.caller ? `${request.caller.kind}:${request.caller.id ?? request.caller.name}` : `ip:${request.ip}`);

const Numbers = Type.Array(Type.Number());

export const ForecastBody = Type.Object(
  {
    values: Type.Array(Type.Number(), { minItems: 1, maxItems: MAX_VALUES }),
    frequency: Type.Integer({ minimum: 1, maximum: MAX_FREQUENCY }),
    horizon: Type.Integer({ minimum: 1, maximum: MAX_HORIZON }),
  },
  { additionalProperties: false },
);

export const ForecastResponse = Type.Object({
  model: Type.String(),
  forecast: Numbers,
  lower80: Numbers,
  upper80: Numbers,
  lower95: Numbers,
  upper95: Numbers,
  mase: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});

export default async function forecastRoutes(app: App) {
  const pool = new ForecastPool({ timeBudgetMs: FORECAST_TIME_BUDGET_MS });
  app.addHook('onClose', () => pool.close());
  app.post(
    '/v1/forecast',
    {
      // Forecasting a posted series reveals nothing about dealers.
      // The limit counts after the access hook has resolved the caller (preHandler, not onRequest).
      config: { access: { permission: 'dashboard.read' }, rateLimit: { max: FORECASTS_PER_MINUTE, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: callerKey } },
      schema: {
        tags: ['forecast'],
        summary: `Forecast any series: automatic ETS (or Croston/TSB for intermittent demand) with 80/95% bands and a rolling-origin backtest MASE. Budget: values x fits (1 + backtest refits) at most ${MAX_FITTED_POINTS} (400 naming values), ${FORECAST_TIME_BUDGET_MS / 1000} s (422), ${FORECASTS_PER_MINUTE} calls a minute per caller (429)`,
        body: ForecastBody,
        response: { 200: ForecastResponse },
      },
    },
    async (request) => forecastWithinBudget(pool, request.body, { backtest: true }),
  );
}
