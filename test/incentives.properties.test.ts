// Property tests of the money-like ledgers (run on SQLite and, with TEST_DATABASE_URL, PostgreSQL):
// the points balance is the sum and never negative, expiry takes only expired unredeemed points
// (checked against an explicit lot-by-lot FIFO model), parallel redemptions never overdraw points
// or stock, and a statement is never paid twice however many payments race.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { jsonBody } from './helpers/incentives.js';
import { manualEntry, pointsAccount, runExpiry } from '../src/server/modules/points/points.service.js';
import { createCatalogItem, redeem } from '../src/server/modules/points/redemptions.service.js';
import { addDeduction, transitionStatement } from '../src/server/modules/rebates/rebates.service.js';
import { runRebates } from '../src/server/modules/rebates/rebates.run.js';
import { AppError } from '../src/server/core/errors.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('points ledger properties', () => {
  it('keeps the balance equal to the sum of entries and never below zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
          { minLength: 1, maxLength: 12 },
        ),
        async (moves) => {
          const dealer = await t.dealer();
          let model = 0;
          for (const points of moves) {
            try {
              await manualEntry(t.system, { dealerId: dealer.id, points, reason: 'prop' });
              model += points;
            } catch (e) {
              expect(codeOf(e)).toBe('INSUFFICIENT_POINTS');
              expect(model + points).toBeLessThan(0); // refused only when it would go negative
            }
            const account = await pointsAccount(t.system, dealer.id);
            expect(account.balance).toBe(model);
            expect(account.balance).toBe(account.entries.reduce((s, e) => s + e.points, 0));
            expect(account.balance).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('expires only what is left of lots whose quarter ended, never redeemed or unexpired points', async () => {
    // Days spread over 2026-Q1..Q4; each step grants or spends on that day.
    const step = fc.record({ day: fc.integer({ min: 0, max: 330 }), points: fc.integer({ min: -150, max: 200 }).filter((n) => n !== 0) });
    const start = t.clock.now();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), async (steps, quarter) => {
          const dealer = await t.dealer();
          const lots: { expiresOn: string; left: number }[] = [];
          for (const s of [...steps].sort((a, b) => a.day - b.day)) {
            const date = new Date(Date.UTC(2026, 0, 1) + s.day * 86_400_000);
            t.clock.set(new Date(date.getTime() + 2 * 3_600_000));
            const balance = lots.reduce((sum, l) => sum + l.left, 0);
            if (s.points < 0 && balance + s.points < 0) continue; // the ledger refuses it: covered above
            await manualEntry(t.system, { dealerId: dealer.id, points: s.points, reason: 'prop' });
            if (s.points > 0) {
              const q = Math.floor(date.getUTCMonth() / 3);
              lots.push({ expiresOn: new Date(Date.UTC(2026, q * 3 + 3, 0)).toISOString().slice(0, 10), left: s.points });
            } else {
              let spend = -s.points; // the model: oldest lot first, one lot at a time
              for (const lot of lots) {
                const take = Math.min(spend, lot.left);
                lot.left -= take;
                spend -= take;
              }
            }
          }
          const asOf = quarter === 4 ? '2027-01-01' : `2026-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
          t.clock.set(new Date(`${asOf}T12:00:00Z`));
          const expired = lots.filter((l) => l.expiresOn < asOf).reduce((s, l) => s + l.left, 0);
          const unexpired = lots.filter((l) => l.expiresOn >= asOf).reduce((s, l) => s + l.left, 0);
          const before = (await pointsAccount(t.system, dealer.id)).balance;
          await runExpiry(t.system, asOf);
          const after = (await pointsAccount(t.system, dealer.id)).balance;
          expect(before - after).toBe(expired);
          expect(after).toBe(unexpired);
          await runExpiry(t.system, asOf);
          expect((await pointsAccount(t.system, dealer.id)).balance).toBe(after);
        }),
        { numRuns: 12 },
      );
    } finally {
      t.clock.set(start);
    }
  });

  it('never overdraws points or stock under parallel redemptions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 50, max: 300 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 8 }),
        async (balance, stock, cost, quantities) => {
          const dealer = await t.dealer();
          if (balance > 0) await manualEntry(t.system, { dealerId: dealer.id, points: balance, reason: 'prop' });
          const item = await createCatalogItem(t.system, { name: '测试', category: 'other', points: cost, stock });
          const results = await Promise.allSettled(quantities.map((quantity) => redeem(t.system, { dealerId: dealer.id, catalogItemId: item.id, quantity })));
          const ok = quantities.filter((_, i) => results[i].status === 'fulfilled');
          for (const r of results) if (r.status === 'rejected') expect(['INSUFFICIENT_POINTS', 'OUT_OF_STOCK']).toContain(codeOf(r.reason));
          const spent = ok.reduce((s, q) => s + q * cost, 0);
          const taken = ok.reduce((s, q) => s + q, 0);
          const account = await pointsAccount(t.system, dealer.id);
          expect(account.balance).toBe(balance - spent);
          expect(account.balance).toBeGreaterThanOrEqual(0);
          const left = await t.deps.db.selectFrom('points_catalog').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow();
          expect(Number(left.stock)).toBe(stock - taken);
          expect(Number(left.stock)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('rebate payment properties', () => {
  it('pays a statement exactly once however many payments race, by credit note or cash', async () => {
    let period = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('credit_note' as const, 'cash' as const), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 50_000 }), async (methods, amount) => {
        const dealer = await t.dealer();
        // A statement built from a deduction only: total 0 keeps it valid, the payment race is the point.
        const p = `2025-${String((period++ % 12) + 1).padStart(2, '0')}`;
        await addDeduction(t.system, { dealerId: dealer.id, period: p, amountFen: amount, source: 'other', reason: 'prop' });
        await runRebates(t.system, p);
        const s = await t.deps.db.selectFrom('rebate_statements').select('id').where('dealer_id', '=', dealer.id).where('period', '=', p).executeTakeFirstOrThrow();
        await transitionStatement(t.system, s.id, { to: 'approved' });
        const results = await Promise.allSettled(methods.map((method) => transitionStatement(t.system, s.id, { to: 'paid', method })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(codeOf(r.reason)).toBe('INVALID_TRANSITION');
        const payments = await t.deps.db.selectFrom('rebate_payments').select('id').where('statement_id', '=', s.id).execute();
        expect(payments).toHaveLength(1);
      }),
      { numRuns: 10 },
    );
  });

  it('pays a statement once through HTTP as well', async () => {
    const admin = await t.loginAs('hq_admin');
    const dealer = await t.dealer();
    await addDeduction(t.system, { dealerId: dealer.id, period: '2024-06', amountFen: 5, source: 'other', reason: 'x' });
    await runRebates(t.system, '2024-06');
    const s = await t.deps.db.selectFrom('rebate_statements').select('id').where('dealer_id', '=', dealer.id).executeTakeFirstOrThrow();
    await transitionStatement(t.system, s.id, { to: 'approved' });
    const codes = await Promise.all(
      Array.from({ length: 5 }, () => t.inject({ method: 'POST', url: `/api/v1/rebates/statements/${s.id}/transitions`, ...jsonBody(admin, { to: 'paid' }) }).then((r) => r.statusCode)),
    );
    expect(codes.sort()).toEqual([200, 409, 409, 409, 409]);
  });
});
