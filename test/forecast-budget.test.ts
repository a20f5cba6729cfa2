// POST /api/v1/forecast within a budget (both databases): fitting runs in worker threads so the
// server keeps answering while heavy forecasts are in flight; an over-budget body is refused
// naming the field; a caller gets a bounded number of calls a minute; a fit past its time budget
// is stopped and the pool carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastPool } from '../src/server/modules/forecast/forecast.pool.js';
import { FORECASTS_PER_MINUTE } from '../src/server/modules/forecast/forecast.routes.js';
import { MAX_FITTED_POINTS } from '../src/server/modules/forecast/budget.rules.js';
import { createTestApp, type TestApp } from './helpers/app.js';

/** A noisy monthly series with trend and season: the slow path (automatic seasonal ETS). */
const series = (n: number) => Array.from({ length: n }, (_, t) => 200 + 0.1 * t + 30 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13));
// Half the budget (1,500 values x 4 fits): about half a second of a core each, seconds for eight.
const HEAVY = { values: series(MAX_FITTED_POINTS / 8), frequency: 12, horizon: 24 };

describe('forecast budget', () => {
  let t: TestApp;
  const c: Record<string, string> = {};
  const forecast = (who: string, body: unknown) =>
    t.inject({ method: 'POST', url: '/api/v1/forecast', headers: { cookie: c[who], 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    t = await createTestApp();
    const dealer = await t.dealer();
    c.dealer = await t.loginAs('dealer_staff', { dealerId: dealer.id });
    c.other = await t.loginAs('dealer_staff', { dealerId: dealer.id });
  });
  afterAll(async () => t?.close());

  it('should keep answering /api/health within 200 ms while eight heavy forecasts are in flight, then refuse the ninth with 429', async () => {
    let done = 0;
    const calls = Array.from({ length: FORECASTS_PER_MINUTE }, () =>
      forecast('dealer', HEAVY).then((res) => {
        done++;
        return res;
      }),
    );
    await new Promise((r) => setTimeout(r, 300)); // let them reach the workers
    const started = performance.now();
    const health = await t.inject({ method: 'GET', url: '/api/health' });
    const elapsed = performance.now() - started;
    expect(health.statusCode).toBe(200);
    expect(done, 'the forecasts should still be running').toBeLessThan(FORECASTS_PER_MINUTE);
    expect(elapsed).toBeLessThan(200);

    const ninth = await forecast('dealer', { values: [1, 2, 3, 4, 5], frequency: 1, horizon: 2 });
    expect(ninth.statusCode, ninth.body).toBe(429);
    expect(ninth.headers['content-type']).toContain('application/problem+json');
    expect(ninth.json().code).toBe('RATE_LIMITED');

    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json().forecast).toHaveLength(24);
    }
    // the limit is per caller: another user of the same dealer still forecasts
    expect((await forecast('other', { values: series(48), frequency: 12, horizon: 12 })).statusCode).toBe(200);
  });

  it('should refuse an over-budget body with 400 naming the field', async () => {
    const res = await forecast('other', { values: series(MAX_FITTED_POINTS / 4 + 1), frequency: 12, horizon: 24 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/values', message: expect.stringContaining(`budget of ${MAX_FITTED_POINTS}`) }] });
  });

  it('should stop a fit past its time budget with a problem naming the field, and keep serving', async () => {
    const pool = new ForecastPool({ size: 1, timeBudgetMs: 100 });
    try {
      const slow = await pool.run(HEAVY, { backtest: true }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(slow).toMatchObject({ code: 'BUSINESS_RULE', errors: [{ path: '/values' }] });
      const quick = new ForecastPool({ size: 1, timeBudgetMs: 30_000 });
      try {
        expect((await quick.run({ values: series(48), frequency: 12, horizon: 6 }, { backtest: true })).forecast).toHaveLength(6);
      } finally {
        await quick.close();
      }
      // the pool replaced the stopped worker: a domain error travels back as the same error
      await expect(pool.run({ values: [], frequency: 1, horizon: 1 }, {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/values' }] });
    } finally {
      await pool.close();
    }
  });
});
