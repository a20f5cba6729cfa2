// Pure receivables math: FIFO allocation and ageing buckets.
import { AGEING_BUCKETS, type AgeingBucket } from '../../../shared/schemas/receivables.js';
import { daysBetween } from '../../../shared/dates.js';

export interface OpenItem {
  id: string;
  openFen: number;
}

export interface AllocationLine {
  invoiceId: string;
  creditId: string;
  amountFen: number;
}

/**
 * Applies credits (payments, credit notes; oldest first) to open invoices (oldest first, as given).
 * Nothing is allocated twice: the result never exceeds an invoice's open amount or a credit.
 */
export function allocateFifo(invoices: OpenItem[], credits: OpenItem[]): AllocationLine[] {
  const out: AllocationLine[] = [];
  const open = invoices.map((i) => ({ ...i }));
  let k = 0;
  for (const credit of credits) {
    let left = credit.openFen;
    while (left > 0 && k < open.length) {
      const take = Math.min(left, open[k].openFen);
      if (take > 0) out.push({ invoiceId: open[k].id, creditId: credit.id, amountFen: take });
      open[k].openFen -= take;
      left -= take;
      if (open[k].openFen === 0) k++;
    }
  }
  return out;
}

export const daysPastDue = (dueOn: string, asOf: string) => daysBetween(dueOn, asOf);

/** Inclusive upper edges of the first three buckets (receivables.settings.ts holds those in force). */
export type AgeingEdges = readonly [number, number, number];
export const DEFAULT_AGEING_EDGES: AgeingEdges = [30, 60, 90];

/** The first bucket holds invoices not yet due and up to edges[0] days past due. */
export function bucketOf(days: number, edges: AgeingEdges = DEFAULT_AGEING_EDGES): AgeingBucket {
  if (days <= edges[0]) return '0-30';
  if (days <= edges[1]) return '31-60';
  if (days <= edges[2]) return '61-90';
  return '90+';
}

export function ageing(invoices: { dueOn: string; openFen: number }[], asOf: string, edges: AgeingEdges = DEFAULT_AGEING_EDGES): Record<AgeingBucket, number> {
  const buckets = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, 0])) as Record<AgeingBucket, number>;
  for (const inv of invoices) if (inv.openFen > 0) buckets[bucketOf(daysPastDue(inv.dueOn, asOf), edges)] += inv.openFen;
  return buckets;
}
