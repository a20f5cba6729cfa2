// The money rules as properties: every total is the sum of its lines, every split adds up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateDiscount, bestPromotion, creditShortfall, priceOrder, promotionDiscount, sliceOf } from '../src/server/modules/orders/orders.rules.js';
import { docNumber } from '../src/server/core/doc-numbers.js';
import { isRealDate } from '../src/shared/dates.js';
import { ageing, allocateFifo, bucketOf } from '../src/server/modules/receivables/receivables.rules.js';
import { checkLine } from '../src/server/modules/sellout/sellout.rules.js';
import { parseYuan, yuanToFenOrNull } from '../src/shared/money.js';

const yuanToFen = (text: string) => yuanToFenOrNull(text, { allowNegative: true });

const line = fc.record({ quantity: fc.integer({ min: 1, max: 100_000 }), unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }) });
const lines = fc.array(line, { minLength: 1, maxLength: 40 });

describe('order pricing', () => {
  it('makes subtotal, discount and total each the sum of the lines, for any discount up to the subtotal', () => {
    fc.assert(
      fc.property(lines, fc.double({ min: 0, max: 1, noNaN: true }), (ls, share) => {
        const subtotal = ls.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
        const discount = Math.floor(subtotal * share);
        const o = priceOrder(ls, discount);
        expect(o.subtotalFen).toBe(subtotal);
        expect(o.discountFen).toBe(discount);
        expect(o.totalFen).toBe(o.lines.reduce((s, l) => s + l.amountFen, 0));
        expect(o.discountFen).toBe(o.lines.reduce((s, l) => s + l.discountFen, 0));
        expect(o.totalFen).toBe(o.subtotalFen - o.discountFen);
        for (const l of o.lines) {
          expect(l.amountFen).toBe(l.quantity * l.unitPriceFen - l.discountFen);
          expect(l.discountFen).toBeGreaterThanOrEqual(0);
          expect(l.amountFen).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(l.amountFen)).toBe(true);
        }
      }),
    );
  });

  it('spreads a discount in proportion, off by less than one fen per line', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (gross, share) => {
        const total = gross.reduce((s, g) => s + g, 0);
        const discount = Math.floor(total * share);
        const parts = allocateDiscount(gross, discount);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total === 0 ? 0 : discount);
        parts.forEach((p, i) => {
          expect(p).toBeLessThanOrEqual(gross[i]);
          if (total > 0) expect(Math.abs(p - (discount * gross[i]) / total)).toBeLessThan(1);
        });
      }),
    );
  });

  it('slices a line into shipments that add up to exactly its amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }), (amount, parts) => {
        const quantity = parts.reduce((s, p) => s + p, 0);
        let before = 0;
        let sum = 0;
        for (const p of parts) {
          const slice = sliceOf(amount, quantity, before, p);
          expect(slice).toBeGreaterThanOrEqual(0);
          sum += slice;
          before += p;
        }
        expect(sum).toBe(amount);
      }),
    );
  });

  it('caps a promotion by threshold, subtotal and remaining budget', () => {
    const promo = { id: 'p', thresholdFen: 100_000, discountFen: 15_000, discountRateBp: null, remainingFen: 10_000 };
    expect(promotionDiscount(99_999, promo)).toBe(0);
    expect(promotionDiscount(100_000, promo)).toBe(10_000);
    expect(promotionDiscount(100_000, { ...promo, remainingFen: 1e9 })).toBe(15_000);
    expect(promotionDiscount(5, { ...promo, thresholdFen: 0, remainingFen: 1e9 })).toBe(5);
    expect(promotionDiscount(12_345, { ...promo, thresholdFen: 0, discountFen: null, discountRateBp: 1_000, remainingFen: 1e9 })).toBe(1_234);
    expect(bestPromotion(200_000, [promo, { ...promo, id: 'q', discountFen: null, discountRateBp: 1_000, remainingFen: 1e9 }])?.promotion.id).toBe('q');
  });

  it('computes the credit shortfall and document numbers', () => {
    expect(creditShortfall({ creditLimitFen: 100, openReceivablesFen: 50, openOrdersFen: 30, thisOrderFen: 20 })).toBe(0);
    expect(creditShortfall({ creditLimitFen: 100, openReceivablesFen: 50, openOrdersFen: 30, thisOrderFen: 21 })).toBe(1);
    expect(creditShortfall({ creditLimitFen: 100, openReceivablesFen: -50, openOrdersFen: 0, thisOrderFen: 150 })).toBe(0);
    expect(docNumber('PO', '2026-11-20', 123)).toBe('PO202611-000123');
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
  });
});

describe('receivables', () => {
  const items = (prefix: string) => fc.array(fc.integer({ min: 1, max: 1e9 }), { maxLength: 20 }).map((xs) => xs.map((openFen, i) => ({ id: `${prefix}${i}`, openFen })));

  it('allocates FIFO without over-applying either side, and settles as much as both sides allow', () => {
    fc.assert(
      fc.property(items('i'), items('c'), (invoices, credits) => {
        const lines = allocateFifo(invoices, credits);
        for (const inv of invoices) expect(lines.filter((l) => l.invoiceId === inv.id).reduce((s, l) => s + l.amountFen, 0)).toBeLessThanOrEqual(inv.openFen);
        for (const c of credits) expect(lines.filter((l) => l.creditId === c.id).reduce((s, l) => s + l.amountFen, 0)).toBeLessThanOrEqual(c.openFen);
        const total = lines.reduce((s, l) => s + l.amountFen, 0);
        const owed = invoices.reduce((s, i) => s + i.openFen, 0);
        const paid = credits.reduce((s, c) => s + c.openFen, 0);
        expect(total).toBe(Math.min(owed, paid));
        // Oldest first: an invoice is touched only when every older one is settled.
        const touched = new Set(lines.map((l) => l.invoiceId));
        invoices.forEach((inv, k) => {
          if (touched.has(inv.id)) for (const older of invoices.slice(0, k)) expect(lines.filter((l) => l.invoiceId === older.id).reduce((s, l) => s + l.amountFen, 0)).toBe(older.openFen);
        });
      }),
    );
  });

  it('puts every open fen in exactly one ageing bucket', () => {
    expect([bucketOf(-10), bucketOf(0), bucketOf(30), bucketOf(31), bucketOf(60), bucketOf(61), bucketOf(90), bucketOf(91)]).toEqual([
      '0-30',
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
    ]);
    fc.assert(
      fc.property(fc.array(fc.record({ days: fc.integer({ min: -60, max: 400 }), openFen: fc.integer({ min: 0, max: 1e9 }) })), (xs) => {
        const asOf = '2026-11-20';
        const invoices = xs.map((x) => ({ dueOn: new Date(Date.parse(`${asOf}T00:00:00Z`) - x.days * 86_400_000).toISOString().slice(0, 10), openFen: x.openFen }));
        const buckets = ageing(invoices, asOf);
        expect(Object.values(buckets).reduce((s, v) => s + v, 0)).toBe(xs.reduce((s, x) => s + x.openFen, 0));
      }),
    );
  });
});

describe('sell-out lines', () => {
  const products = new Map([['A', { id: 'p1' }]]);
  it('converts yuan text to fen exactly', () => {
    expect([yuanToFen('12'), yuanToFen('12.3'), yuanToFen('12.34'), yuanToFen('1,234.56'), yuanToFen('-0.01'), yuanToFen('1.234'), yuanToFen('abc')]).toEqual([
      1200,
      1230,
      1234,
      123456,
      -1,
      null,
      null,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(yuanToFen(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`)).toBe(fen);
      }),
    );
  });
  it('parses yuan once for every caller: spreadsheet numbers within float noise, negatives only when allowed', () => {
    expect(parseYuan(0.29)).toEqual({ ok: true, fen: 29 });
    expect(parseYuan(0.291)).toEqual({ ok: false, problem: 'not_amount' });
    expect(parseYuan('¥ 1,234.50')).toEqual({ ok: true, fen: 123_450 });
    expect(parseYuan('-3')).toEqual({ ok: false, problem: 'negative' });
    expect(parseYuan('-3', { allowNegative: true })).toEqual({ ok: true, fen: -300 });
    expect(parseYuan('99999999999999999')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseYuan('1e5')).toEqual({ ok: false, problem: 'not_amount' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        expect(parseYuan(fen / 100)).toEqual({ ok: true, fen });
      }),
    );
  });
  it('never throws on any input line, and accepts only well-formed ones', () => {
    fc.assert(
      fc.property(fc.record({ date: fc.anything(), sku: fc.anything(), quantity: fc.anything(), amountFen: fc.anything(), customerRef: fc.anything() }), (raw) => {
        const result = checkLine(raw, 0, products, '2026-11-20');
        if ('ok' in result) {
          expect(result.ok.quantity).toBeGreaterThanOrEqual(1);
          expect(result.ok.amountFen).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
