// Pure order math: prices, promotions, discount allocation, pro-rata slices, credit, lifecycle.
// Money is integer fen; products of money and quantities go through BigInt so nothing rounds.
import { ORDER_TRANSITIONS, type OrderStatus } from '../../../shared/schemas/orders.js';
import { shortfallBeyond } from '../../../shared/credit.js';

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** quantity x unit price, refusing results beyond exact float integers. */
export function lineGross(quantity: number, unitPriceFen: number): number {
  const gross = BigInt(quantity) * BigInt(unitPriceFen);
  if (gross > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('line amount too large');
  return Number(gross);
}

/** floor(amount x part / whole), exact. */
export function proRata(amount: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(amount) * BigInt(part)) / BigInt(whole));
}

/**
 * The value of `quantity` more units of a line after `before` units, as a difference of
 * cumulative floors: all slices of a line add up to exactly its amount.
 */
export const sliceOf = (amountFen: number, lineQuantity: number, before: number, quantity: number): number =>
  proRata(amountFen, before + quantity, lineQuantity) - proRata(amountFen, before, lineQuantity);

export interface PromotionTerms {
  id: string;
  thresholdFen: number;
  discountFen: number | null;
  discountRateBp: number | null;
  /** budget - used: a promotion never gives more than it has left. */
  remainingFen: number;
}

/** The discount a promotion gives on a subtotal: 0 below its threshold, capped by subtotal and budget. */
export function promotionDiscount(subtotalFen: number, promo: PromotionTerms): number {
  if (subtotalFen <= 0 || subtotalFen < promo.thresholdFen) return 0;
  const raw = promo.discountFen ?? proRata(subtotalFen, promo.discountRateBp ?? 0, 10_000);
  return Math.max(0, Math.min(raw, subtotalFen, promo.remainingFen));
}

/** The promotion giving the largest discount (ties: the first listed). */
export function bestPromotion(subtotalFen: number, promos: PromotionTerms[]): { promotion: PromotionTerms; discountFen: number } | null {
  let best: { promotion: PromotionTerms; discountFen: number } | null = null;
  for (const promotion of promos) {
    const discountFen = promotionDiscount(subtotalFen, promotion);
    if (discountFen > 0 && (!best || discountFen > best.discountFen)) best = { promotion, discountFen };
  }
  return best;
}

/**
 * Spreads an order discount over its lines in proportion to their gross amounts (largest
 * remainder): the shares add up to the discount exactly and no share exceeds its line.
 */
export function allocateDiscount(grossAmounts: number[], discountFen: number): number[] {
  const total = grossAmounts.reduce((s, g) => s + g, 0);
  if (discountFen <= 0 || total <= 0) return grossAmounts.map(() => 0);
  if (discountFen > total) throw new RangeError('discount exceeds the order');
  const D = BigInt(discountFen);
  const G = BigInt(total);
  const shares = grossAmounts.map((g) => Number((D * BigInt(g)) / G));
  const remainders = grossAmounts.map((g, i) => ({ i, r: (D * BigInt(g)) % G }));
  let left = discountFen - shares.reduce((s, x) => s + x, 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i]++;
    left--;
  }
  return shares;
}

export interface LineToPrice {
  quantity: number;
  unitPriceFen: number;
}
export interface PricedLine extends LineToPrice {
  discountFen: number;
  amountFen: number;
}
export interface PricedOrder<L> {
  lines: (L & PricedLine)[];
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
}

/** Prices an order: every total is the sum of its lines (subtotal, discount and total alike). */
export function priceOrder<L extends LineToPrice>(lines: L[], discountFen: number): PricedOrder<L> {
  const gross = lines.map((l) => lineGross(l.quantity, l.unitPriceFen));
  const shares = allocateDiscount(gross, discountFen);
  const priced = lines.map((l, i) => ({ ...l, discountFen: shares[i], amountFen: gross[i] - shares[i] }));
  return {
    lines: priced,
    subtotalFen: gross.reduce((s, g) => s + g, 0),
    discountFen: shares.reduce((s, x) => s + x, 0),
    totalFen: priced.reduce((s, l) => s + l.amountFen, 0),
  };
}

export interface Exposure {
  creditLimitFen: number;
  openReceivablesFen: number;
  openOrdersFen: number;
  thisOrderFen: number;
}

/**
 * docs/rules.md, C4: credit available = limit - open receivables - open orders. A negative balance (money
 * paid ahead) adds to it, as the check at submission counts it; the quote and the receivables view show
 * this same figure.
 */
export const availableCredit = (e: Omit<Exposure, 'thisOrderFen'>): number => e.creditLimitFen - e.openReceivablesFen - e.openOrdersFen;

/** docs/rules.md, C4: an order fits when it is within the available credit; what is missing otherwise. */
export function creditShortfall(e: Exposure): number {
  return shortfallBeyond(e.thisOrderFen, availableCredit(e));
}
