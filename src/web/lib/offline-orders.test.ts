// What happens to an order written offline once the network is back: sent, held for the dealer's
// confirmation, or kept (src/web/lib/offline-orders.ts).
import { describe, expect, it } from 'vitest';
import { decideDraft, newIdempotencyKey } from './offline-orders';

const seen = { totalFen: 120_000, availableCreditFen: 5_000_000, estimated: true };
const quote = (totalFen: number, availableCreditFen: number, problems: { index: number; sku: string; message: string }[] = []) => ({ totalFen, problems, credit: { availableCreditFen } });

describe('decideDraft', () => {
  it('sends a draft whose total and available credit are what the dealer saw', () => {
    expect(decideDraft({ seen, attempted: false }, quote(120_000, 5_000_000))).toEqual({ action: 'send' });
  });

  it('asks the dealer when the total changed (a price or promotion moved)', () => {
    expect(decideDraft({ seen, attempted: false }, quote(126_000, 5_000_000))).toEqual({ action: 'ask', now: { totalFen: 126_000, availableCreditFen: 5_000_000, changed: ['total'] } });
  });

  it('asks the dealer when the available credit changed, up or down', () => {
    expect(decideDraft({ seen, attempted: false }, quote(120_000, 4_000_000))).toEqual({ action: 'ask', now: { totalFen: 120_000, availableCreditFen: 4_000_000, changed: ['credit'] } });
    expect(decideDraft({ seen, attempted: false }, quote(120_000, 6_000_000))).toMatchObject({ action: 'ask', now: { changed: ['credit'] } });
    expect(decideDraft({ seen, attempted: false }, quote(1, 2))).toMatchObject({ action: 'ask', now: { changed: ['total', 'credit'] } });
  });

  it('after an attempt that may have been placed, its own total held against the credit is no change', () => {
    // The lost answer: the order exists and holds 1,200.00 of the credit; resending replays it.
    expect(decideDraft({ seen, attempted: true }, quote(120_000, 5_000_000 - 120_000))).toEqual({ action: 'send' });
    expect(decideDraft({ seen, attempted: true }, quote(120_000, 5_000_000))).toEqual({ action: 'send' });
    // Without an attempt the same drop is somebody else's order or invoice.
    expect(decideDraft({ seen, attempted: false }, quote(120_000, 5_000_000 - 120_000))).toMatchObject({ action: 'ask' });
    // Any other drop is a change even after an attempt.
    expect(decideDraft({ seen, attempted: true }, quote(120_000, 5_000_000 - 100_000))).toMatchObject({ action: 'ask' });
  });

  it('keeps a draft with a line that can no longer be ordered, whatever the figures', () => {
    const problems = [{ index: 0, sku: 'SKU-1', message: 'is not an active product' }];
    expect(decideDraft({ seen, attempted: false }, quote(0, 5_000_000, problems))).toEqual({ action: 'keep', problems });
  });
});

describe('newIdempotencyKey', () => {
  it('makes distinct UUIDs the API accepts as keys', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
