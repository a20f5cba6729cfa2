// Pure points arithmetic (C8). Points are spent oldest lot first (FIFO), so expiry only ever takes
// what is left of lots whose quarter has ended: never redeemed points, never unexpired ones.

export interface PointsLedgerRow {
  points: number;
  /** set on earned lots (positive entries): the last day they count */
  expiresOn: string | null;
}

/**
 * Points to expire as of `asOf`: what remains of the lots that expired before it, after every
 * spending so far (redemptions, deductions, earlier expiries) was taken from the oldest lots.
 * Lots without an expiry date never expire.
 */
export function pointsToExpire(rows: PointsLedgerRow[], asOf: string): number {
  let expiredLots = 0;
  let spent = 0;
  for (const r of rows) {
    if (r.points > 0) {
      if (r.expiresOn !== null && r.expiresOn < asOf) expiredLots += r.points;
    } else spent -= r.points;
  }
  return Math.max(0, expiredLots - spent);
}

/** Points of lots still valid on `asOf` that expire by `until`, not covered by spending (FIFO). */
export function pointsExpiringBy(rows: PointsLedgerRow[], asOf: string, until: string): number {
  const lots = rows.filter((r) => r.points > 0).sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999'));
  let spent = rows.filter((r) => r.points < 0).reduce((s, r) => s - r.points, 0);
  let expiring = 0;
  for (const lot of lots) {
    const used = Math.min(spent, lot.points);
    spent -= used;
    const left = lot.points - used;
    if (lot.expiresOn !== null && lot.expiresOn >= asOf && lot.expiresOn <= until) expiring += left;
  }
  return expiring;
}

/** C8: 100 x completion rate per month (perFull at 100%), rounded to whole points. */
export const taskPoints = (perFullCompletion: number, actualFen: number, targetFen: number): number => (targetFen > 0 ? Math.max(0, Math.round((perFullCompletion * actualFen) / targetFen)) : 0);

/** Redemption decisions: pending -> approved -> fulfilled; pending or approved -> rejected (refunded). */
export const REDEMPTION_TRANSITIONS: Record<string, string[]> = {
  pending: ['approved', 'rejected'],
  approved: ['fulfilled', 'rejected'],
  fulfilled: [],
  rejected: [],
};
