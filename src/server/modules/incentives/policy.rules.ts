// Pure incentive arithmetic: periods, rates in basis points, exact rounding, tiers, policy checks.
import type { FieldError } from '../../../shared/errors.js';
import { TIERS } from '../../../shared/schemas/dealers.js';
import type { IncentivePolicy, PolicyTier } from '../../../shared/schemas/incentives.js';

/** docs/rules.md, C8/C14 defaults: the policy in force until an admin publishes a version. */
export const DEFAULT_POLICY: IncentivePolicy = {
  tiers: [
    { code: 'bronze', name: '铜牌', minAnnualSalesFen: 0, minCoverage: 0, rebateRate: 0.01 },
    { code: 'silver', name: '银牌', minAnnualSalesFen: 300_000_000, minCoverage: 1, rebateRate: 0.02 },
    { code: 'gold', name: '金牌', minAnnualSalesFen: 1_000_000_000, minCoverage: 1, rebateRate: 0.03 },
  ],
  overAchievementRate: 0.02,
  brandFund: { tiers: ['gold'], rate: 0.005 },
  points: { perFullCompletion: 100, perNewCustomer: 50, satisfactionThreshold: 4.5, satisfactionPoints: 200, expiryQuarters: 0 },
  star: { consecutiveYears: 3, loyaltyRateMin: 0.01, loyaltyRateMax: 0.03, fullRateAtCompletion: 1.5 },
  profitPool: { rate: 0.1, hqShare: 0.5 },
  riskFund: { contributionRate: 0.005, fundShare: 0.5 },
};

/** 0.03 -> 300 basis points. */
export const toBp = (rate: number): number => Math.round(rate * 10_000);
export const fromBp = (bp: number): number => bp / 10_000;

/** round(a * b / d) half away from zero, in exact integer arithmetic (products may pass 2^53). */
export function mulDiv(a: number, b: number, d: number): number {
  const n = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  return Number(((abs * 2n + den) / (den * 2n)) * sign);
}

/** fen x rate (in bp), rounded to the fen. */
export const applyBp = (fen: number, bp: number): number => mulDiv(fen, bp, 10_000);

/** Splits `total` in proportion to `weights` (largest remainder): the parts always sum to total. */
export function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(total) * BigInt(Math.max(0, w)));
  const parts = exact.map((e) => Number(e / BigInt(sum)));
  const remainders = exact.map((e, i) => ({ i, r: Number(e % BigInt(sum)) })).sort((a, b) => b.r - a.r || a.i - b.i);
  let left = total - parts.reduce((s, p) => s + p, 0);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1;
    left--;
  }
  return parts;
}

/** Tiers from lowest to highest threshold. */
export const orderedTiers = (policy: IncentivePolicy): PolicyTier[] => [...policy.tiers].sort((a, b) => a.minAnnualSalesFen - b.minAnnualSalesFen || a.minCoverage - b.minCoverage);

/** The highest tier whose sales and coverage thresholds are both met (the lowest tier otherwise). */
export function tierFor(policy: IncentivePolicy, annualSalesFen: number, coverage: number): PolicyTier {
  const tiers = orderedTiers(policy);
  let found = tiers[0];
  for (const tier of tiers) if (annualSalesFen >= tier.minAnnualSalesFen && coverage >= tier.minCoverage) found = tier;
  return found;
}

export const tierByCode = (policy: IncentivePolicy, code: string): PolicyTier => policy.tiers.find((t) => t.code === code) ?? orderedTiers(policy)[0];

export interface TierStanding {
  reached: PolicyTier;
  /** the tier above the reached one, null at the top */
  next: PolicyTier | null;
  salesGapFen: number;
  coverageGap: number;
  /** share of the next tier's sales threshold already made (0-1; 1 at the top) */
  progress: number;
}

/**
 * The one tier rule (C8): where a dealer's annual sales and coverage put it on the policy's
 * ladder, and what it still needs for the tier above. Tier progress, "my incentives", the yearly
 * regrade and the simulator all grade through this.
 */
export function tierStanding(policy: IncentivePolicy, annualSalesFen: number, coverage: number): TierStanding {
  const tiers = orderedTiers(policy);
  const reached = tierFor(policy, annualSalesFen, coverage);
  const next = tiers[tiers.indexOf(reached) + 1] ?? null;
  if (!next) return { reached, next: null, salesGapFen: 0, coverageGap: 0, progress: 1 };
  return {
    reached,
    next,
    salesGapFen: Math.max(0, next.minAnnualSalesFen - annualSalesFen),
    coverageGap: Math.max(0, next.minCoverage - coverage),
    progress: next.minAnnualSalesFen > 0 ? Math.min(1, Math.max(0, annualSalesFen) / next.minAnnualSalesFen) : 1,
  };
}

/**
 * Market coverage (C8, read with C1 "cities/counties covered" and C3 territories): the distinct
 * county-level regions a dealer's territory covers; a city or province counts the counties under
 * it, a region without children counts itself.
 */
export function countiesCovered(territory: readonly string[], childrenOf: (code: string) => readonly string[]): number {
  const counties = new Set<string>();
  const walk = (code: string) => {
    const children = childrenOf(code);
    if (children.length === 0) counties.add(code);
    else children.forEach(walk);
  };
  territory.forEach(walk);
  return counties.size;
}

const isBp = (rate: number) => Math.abs(rate * 10_000 - Math.round(rate * 10_000)) < 1e-6;

/** Checks the schema cannot express: unique tier codes, whole basis points, a coherent band. */
export function policyErrors(policy: IncentivePolicy): FieldError[] {
  const errors: FieldError[] = [];
  const codes = new Set<string>();
  policy.tiers.forEach((tier, i) => {
    // The regrade writes the code to dealers.tier, which price lists, promotions and contracts key
    // on: a code outside that vocabulary would leave a dealer with no price list (docs/decisions.md).
    if (!(TIERS as readonly string[]).includes(tier.code)) errors.push({ path: `/policy/tiers/${i}/code`, message: `must be one of the dealer tiers (${TIERS.join(', ')})` });
    else if (codes.has(tier.code)) errors.push({ path: `/policy/tiers/${i}/code`, message: 'is used by another tier' });
    codes.add(tier.code);
    if (!isBp(tier.rebateRate)) errors.push({ path: `/policy/tiers/${i}/rebateRate`, message: 'must have at most 4 decimal places' });
  });
  if (!policy.tiers.some((t) => t.minAnnualSalesFen === 0 && t.minCoverage === 0)) {
    errors.push({ path: '/policy/tiers', message: 'needs an entry tier with minAnnualSalesFen 0 and minCoverage 0' });
  }
  policy.brandFund.tiers.forEach((code, i) => {
    if (!codes.has(code)) errors.push({ path: `/policy/brandFund/tiers/${i}`, message: 'is not one of the tiers' });
  });
  const rates: [string, number][] = [
    ['/policy/overAchievementRate', policy.overAchievementRate],
    ['/policy/brandFund/rate', policy.brandFund.rate],
    ['/policy/star/loyaltyRateMin', policy.star.loyaltyRateMin],
    ['/policy/star/loyaltyRateMax', policy.star.loyaltyRateMax],
    ['/policy/profitPool/rate', policy.profitPool.rate],
    ['/policy/profitPool/hqShare', policy.profitPool.hqShare],
    ['/policy/riskFund/contributionRate', policy.riskFund.contributionRate],
    ['/policy/riskFund/fundShare', policy.riskFund.fundShare],
  ];
  for (const [path, rate] of rates) if (!isBp(rate)) errors.push({ path, message: 'must have at most 4 decimal places' });
  if (policy.star.loyaltyRateMax < policy.star.loyaltyRateMin) errors.push({ path: '/policy/star/loyaltyRateMax', message: 'must not be below loyaltyRateMin' });
  return errors;
}
