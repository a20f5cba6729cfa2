import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../core/http.js';
import { errorHandler } from '../../core/errors.js';
import { validatorCompiler } from '../../core/validation.js';
import forecastRoutes from './forecast.routes.js';

// The route on a bare Fastify with the app's validator and error handler (access control is the
// app's hook and is tested with the module list).
let app: App;
beforeAll(async () => {
  app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(forecastRoutes);
  await app.ready();
});
afterAll(() => app.close());

describe('POST /v1/forecast', () => {
  it('answers forecasts, 80/95% bands and the backtest MASE', async () => {
    const values = Array.from({ length: 48 }, (_, t) => 200 + 2 * t + 30 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7) % 5));
    const res = await app.inject({ method: 'POST', url: '/v1/forecast', payload: { values, frequency: 12, horizon: 12 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toMatch(/^ETS\(/);
    for (const k of ['forecast', 'lower80', 'upper80', 'lower95', 'upper95']) expect(body[k]).toHaveLength(12);
    expect(typeof body.mase).toBe('number');
  });

  it('refuses unknown fields, non-integer frequencies and empty series with field errors', async () => {
    const extra = await app.inject({ method: 'POST', url: '/v1/forecast', payload: { values: [1, 2], frequency: 1, horizon: 2, foo: 1 } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('/foo');
    const freq = await app.inject({ method: 'POST', url: '/v1/forecast', payload: { values: [1, 2], frequency: 1.5, horizon: 2 } });
    expect(freq.statusCode).toBe(400);
    const empty = await app.inject({ method: 'POST', url: '/v1/forecast', payload: { values: [], frequency: 1, horizon: 2 } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('/values');
    const long = await app.inject({ method: 'POST', url: '/v1/forecast', payload: { values: [1, 2, 3], frequency: 1, horizon: 11 } });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('/horizon');
  });
});
