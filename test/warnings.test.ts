// Graded warnings over time (docs/rules.md, C7), through the evaluation runs the period-end close
// makes (evaluation.job.ts): every month, and the quarter when one ends. Dealers here have
// quarterly targets only, the common case, so a month's scorecard has no sales KPI and looks
// healthy: it must not clear (or restart the clock of) an orange that two quarters raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/app.js';
import { product } from './helpers/orders.js';
import { shippedOrder } from './helpers/performance.js';
import { registerSatisfactionSource } from '../src/server/modules/evaluation/sources.js';
import { periodsClosedBy } from '../src/server/modules/evaluation/evaluation.job.js';
import type { Dealer } from '../src/shared/schemas/index.js';

const t = await createTestApp();
afterAll(async () => t.close());

const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
const QUARTERS = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
let admin: string;
let stuck: Dealer; // 10% of target every month, a year long
let recovers: Dealer; // the same until March, then on target from April

beforeAll(async () => {
  registerSatisfactionSource(null); // satisfaction from orders only
  admin = await t.loginAs('hq_admin');
  stuck = await t.dealer({ territory: [{ regionCode: '440106', exclusive: false }] });
  recovers = await t.dealer({ territory: [{ regionCode: '440104', exclusive: false }] });
  const productId = (await product(t, { listPriceFen: 1000 })).id;
  for (const m of MONTHS) {
    await shippedOrder(t.deps.db, { dealerId: stuck.id, productId, orderDate: `${m}-05`, shippedOn: `${m}-06`, amountFen: 100_000 });
    await shippedOrder(t.deps.db, { dealerId: recovers.id, productId, orderDate: `${m}-05`, shippedOn: `${m}-06`, amountFen: m >= '2026-04' ? 1_000_000 : 100_000 });
  }
  const items = QUARTERS.flatMap((period) => [stuck, recovers].map((d) => ({ dealerId: d.id, period, targetFen: 3_000_000 })));
  const res = await t.inject({ method: 'PUT', url: '/api/v1/targets', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ items }) });
  expect(res.statusCode, res.body).toBe(200);
});

const run = async (period: string) => {
  const res = await t.inject({ method: 'POST', url: '/api/v1/evaluations/runs', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify({ period }) });
  expect(res.statusCode, res.body).toBe(201);
};
interface WarningJson {
  id: string;
  level: string;
  status: string;
  levelSince: string;
  reasons: { code: string }[];
}
const openWarning = async (dealer: Dealer): Promise<WarningJson | undefined> => {
  const res = await t.inject({ method: 'GET', url: `/api/v1/warnings?dealerId=${dealer.id}&status=open`, headers: { cookie: admin } });
  return res.json().items[0];
};
const statusOf = async (dealer: Dealer) => (await t.inject({ method: 'GET', url: `/api/v1/dealers/${dealer.id}`, headers: { cookie: admin } })).json().status;

describe('warnings across monthly and quarterly runs', () => {
  // [after closing month, stuck dealer's open warning level and its clock]
  const seen: [string, string | undefined, string | undefined][] = [];
  const recovered: [string, string | undefined][] = [];

  it('walks the period-end closes in order', async () => {
    for (const month of MONTHS) {
      for (const period of periodsClosedBy(month)) await run(period);
      const w = await openWarning(stuck);
      seen.push([month, w?.level, w?.levelSince]);
      recovered.push([month, (await openWarning(recovers))?.level]);
    }
  });

  it('keeps the orange of two quarters below baseline through healthy-looking months, its clock unmoved', () => {
    const orange = seen.filter(([, level]) => level === 'orange');
    expect(orange.map(([m]) => m)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    // The clock is the end of the quarter that raised the orange, whatever the months said.
    expect(new Set(orange.map(([, , since]) => since))).toEqual(new Set(['2026-03-31']));
  });

  it('reaches red six months after the orange opened, with the reason named', async () => {
    expect(seen.at(-1)).toEqual(['2026-09', 'red', '2026-09-30']);
    const w = (await openWarning(stuck))!;
    expect(w.reasons.map((r) => r.code)).toContain('unimproved_6_months');
    const detail = await t.inject({ method: 'GET', url: `/api/v1/warnings/${w.id}`, headers: { cookie: admin } });
    expect(detail.json().events.map((e: { kind: string; toLevel: string }) => `${e.kind}:${e.toLevel}`)).toEqual(['opened:orange', 'escalated:red']);
    expect(await statusOf(stuck)).toBe('warning');
  });

  it('clears the orange when a quarter genuinely improves, and returns the dealer to active', async () => {
    // Orange from Q1; April and May alone do not clear it; Q2 on target de-escalates; July resolves.
    expect(recovered.filter(([m]) => m >= '2026-03' && m <= '2026-05').map(([, l]) => l)).toEqual(['orange', 'orange', 'orange']);
    expect(recovered.find(([m]) => m === '2026-06')![1]).toBe('yellow');
    expect(recovered.filter(([m]) => m >= '2026-07').map(([, l]) => l)).toEqual([undefined, undefined, undefined]);
    const all = await t.inject({ method: 'GET', url: `/api/v1/warnings?dealerId=${recovers.id}`, headers: { cookie: admin } });
    const orange = (all.json().items as WarningJson[]).find((w) => w.reasons.some((r) => r.code === 'two_quarters_below'))!;
    expect(orange.status).toBe('resolved');
    expect(await statusOf(recovers)).toBe('active');
  });
});

describe('improvement plans', () => {
  const plan = (warningId: string, payload: unknown) =>
    t.inject({ method: 'POST', url: `/api/v1/warnings/${warningId}/plans`, headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const goals = [{ kpi: 'sales', target: '每季度达成 80%' }];

  it('sets the deadline to today plus the planMonths HQ saved when none is given, and refuses a date that does not exist', async () => {
    const w = (await openWarning(stuck))!;
    const settings = (await t.inject({ method: 'GET', url: '/api/v1/evaluations/settings', headers: { cookie: admin } })).json();
    const saved = await t.inject({
      method: 'PUT',
      url: '/api/v1/settings/evaluation.settings',
      headers: { cookie: admin },
      payload: { value: { ...settings, warning: { ...settings.warning, planMonths: 2 } } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const today = t.clock.now().toISOString().slice(0, 10);
    const [y, m] = today.split('-').map(Number);
    const due = new Date(Date.UTC(y, m - 1 + 2, 1));
    const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
    const expected = `${due.toISOString().slice(0, 8)}${String(Math.min(Number(today.slice(8)), lastDay)).padStart(2, '0')}`;
    const res = await plan(w.id, { goals });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plans.find((p: { status: string }) => p.status === 'active').deadline).toBe(expected);

    const bad = await plan(w.id, { goals, deadline: `${Number(today.slice(0, 4)) + 1}-02-30` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('/body/deadline');
  });
});
