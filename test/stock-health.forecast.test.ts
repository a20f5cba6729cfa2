// Monthly demand forecasts per dealer x SKU and per region x product through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer, DemandForecast, Product } from '../src/shared/schemas/index.js';
import { monthlySeries } from '../src/server/modules/stock-health/stock-health.forecast.js';
import { addMonths } from '../src/shared/dates.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';

// A seasonal shape (peak in November, dip in February) growing 1% a month.
const SHAPE = [1.15, 0.55, 0.9, 0.95, 1.0, 1.15, 0.9, 0.9, 1.05, 1.1, 1.35, 1.2];
const FIRST = '2023-11';
const MONTHS = Array.from({ length: 36 }, (_, i) => addMonths(FIRST, i)); // 2023-11 .. 2026-10
const demand = (i: number, base: number) => Math.round(base * SHAPE[Number(MONTHS[i].slice(5)) - 1] * (1 + 0.01 * i));

describe('monthly series', () => {
  it('runs from the first complete month to the month before today, with empty months as zero', () => {
    const rows = [
      { month: '2026-07', quantity: 5, firstOn: '2026-07-15' }, // partial first month: dropped
      { month: '2026-08', quantity: 7, firstOn: '2026-08-02' },
      { month: '2026-10', quantity: 9, firstOn: '2026-10-01' },
      { month: '2026-11', quantity: 4, firstOn: '2026-11-03' }, // the current month: not complete
    ];
    expect(monthlySeries(rows, '2026-11-20')).toEqual({ months: ['2026-08', '2026-09', '2026-10'], values: [7, 0, 9] });
    expect(addMonths('2026-11', 3)).toBe('2027-02');
  });
});

describe('demand forecasts', () => {
  let t: TestApp;
  let admin: string;
  let p: Product;
  let gz: Dealer;
  let sz: Dealer;
  let sh: Dealer;
  let gzUser: string;

  const get = (url: string, cookie: string) => t.inject({ method: 'GET', url, headers: { cookie } });
  const sell = async (dealerId: string, base: number) => {
    const lines = MONTHS.map((m, i) => ({ date: `${m}-01`, sku: p.sku, quantity: demand(i, base), amountFen: demand(i, base) * 100 }));
    const res = await t.inject({ method: 'POST', url: '/api/v1/sellout', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ dealerId, lines }) });
    expect(res.json().accepted, res.body).toBe(36);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    p = await product(t);
    gz = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
    sz = await t.dealer({ territory: [{ regionCode: '440304', exclusive: false }] });
    sh = await t.dealer({ territory: [{ regionCode: '310101', exclusive: false }] });
    gzUser = await t.loginAs('dealer_admin', { dealerId: gz.id });
    await sell(gz.id, 100);
    await sell(sz.id, 50);
    await sell(sh.id, 400);
  });
  afterAll(async () => t?.close());

  it('forecasts a dealer x SKU from its monthly sell-out, following the season, with nested bands and a backtest MASE', async () => {
    const res = await get(`/api/v1/inventory/demand-forecast?sku=${p.sku}&dealerId=${gz.id}&horizon=6`, gzUser);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as DemandForecast;
    expect(f.months).toEqual(MONTHS);
    expect(f.history).toEqual(MONTHS.map((_, i) => demand(i, 100)));
    expect(f.forecastMonths).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    // The shape continued: November (1.35 x growth 1.36) about 184, February (0.55 x 1.39) about 76.
    const expected = [0, 1, 2, 3, 4, 5].map((h) => 100 * SHAPE[(10 + h) % 12] * (1 + 0.01 * (36 + h)));
    f.forecast.forEach((v, h) => expect(Math.abs(v - expected[h]) / expected[h], `month ${h}`).toBeLessThan(0.1));
    f.forecast.forEach((v, h) => {
      expect(f.lower95[h]).toBeLessThanOrEqual(f.lower80[h]);
      expect(f.lower80[h]).toBeLessThanOrEqual(v);
      expect(v).toBeLessThanOrEqual(f.upper80[h]);
      expect(f.upper80[h]).toBeLessThanOrEqual(f.upper95[h]);
    });
    // Seasonal naive misses the growth; the fitted model should not.
    expect(f.mase).not.toBeNull();
    expect(f.mase!).toBeLessThan(f.seasonalNaiveMase!);
  });

  it('sums a region x product over the dealers of the region only', async () => {
    const f = (await get(`/api/v1/inventory/demand-forecast?sku=${p.sku}&regionCode=440000`, admin)).json() as DemandForecast;
    expect(f.dealerCount).toBe(2);
    expect(f.history).toEqual(MONTHS.map((_, i) => demand(i, 100) + demand(i, 50)));
    const all = (await get(`/api/v1/inventory/demand-forecast?sku=${p.sku}`, admin)).json() as DemandForecast;
    expect(all.history[0]).toBe(demand(0, 100) + demand(0, 50) + demand(0, 400));
  });

  it('gives a dealer only its own demand, whatever region it asks for', async () => {
    const f = (await get(`/api/v1/inventory/demand-forecast?sku=${p.sku}`, gzUser)).json() as DemandForecast;
    expect(f.history).toEqual(MONTHS.map((_, i) => demand(i, 100)));
    const hidden = await get(`/api/v1/inventory/demand-forecast?sku=${p.sku}&dealerId=${sh.id}`, gzUser);
    expect(hidden.statusCode).toBe(404);
    const unknown = await get('/api/v1/inventory/demand-forecast?sku=NO-SUCH-SKU', admin);
    expect(unknown.statusCode).toBe(400);
  });
});
