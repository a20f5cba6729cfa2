import { Type } from 'typebox';
import type { App } from '../../core/http.js';
import { forecastSeries, MAX_FREQUENCY, MAX_HORIZON, MAX_VALUES } from './forecast.service.js';

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
  app.post(
    '/v1/forecast',
    {
      // Forecasting a posted series reveals nothing about dealers.
      config: { access: { permission: 'dashboard.read' } },
      schema: {
        tags: ['forecast'],
        summary: 'Forecast any series: automatic ETS (or Croston/TSB for intermittent demand) with 80/95% bands and a rolling-origin backtest MASE',
        body: ForecastBody,
        response: { 200: ForecastResponse },
      },
    },
    async (request) => forecastSeries(request.body, { backtest: true }),
  );
}
