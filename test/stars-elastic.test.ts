// Star dealers are judged on the elastic target (C6: HQ's saved rule), as the scorecard, rebates
// and points are: a dealer in a depressed market that beats its adjusted target each year is a star.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { shippedOrder } from './helpers/performance.js';
import type { Dealer } from '../src/shared/schemas/index.js';

const t = await createTestApp();
afterAll(async () => t.close());

let admin: string;
let dealer: Dealer;
const YEARS = ['2023', '2024', '2025'];

const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
  const res = await t.inject({ method, url, payload, headers: { cookie: admin } });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  admin = await t.loginAs('hq_admin');
  dealer = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
  const productId = (await product(t, { listPriceFen: 1000 })).id;
  // Each year: a 1,000,000 target, 900,000 shipped, and a demand index of 0.8 for the city.
  for (const y of YEARS) await shippedOrder(t.deps.db, { dealerId: dealer.id, productId, orderDate: `${y}-06-01`, shippedOn: `${y}-06-03`, amountFen: 900_000 });
  await send('PUT', '/api/v1/targets', { items: YEARS.map((period) => ({ dealerId: dealer.id, period, targetFen: 1_000_000 })) });
  await send('PUT', '/api/v1/market-index', { items: YEARS.map((period) => ({ regionCode: '440100', period, demandIndex: 0.8 })) });
});

describe('star dealers', () => {
  it('judges each year against the elastic target', async () => {
    // Default rule: index 0.8 is under the 0.9 threshold, so each target becomes 800,000; 900,000
    // sold is 112.5% each year. Loyalty rate = 1% + (3% - 1%) x (1.125 - 1) / (1.5 - 1) = 1.5%.
    await send('POST', '/api/v1/star-dealers/runs', { year: 2025 });
    const res = await t.inject({ method: 'GET', url: `/api/v1/star-dealers?year=2025&dealerId=${dealer.id}`, headers: { cookie: admin } });
    const [star] = res.json().items;
    expect(star.years.map((y: { targetFen: number; salesFen: number }) => [y.targetFen, y.salesFen])).toEqual(YEARS.map(() => [800_000, 900_000]));
    expect(star).toMatchObject({ star: true, cumulativeSalesFen: 2_700_000, averageCompletion: 1.125, loyaltyRate: 0.015, loyaltyBonusFen: 40_500 });
  });
});
