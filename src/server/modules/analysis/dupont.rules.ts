// Financial analysis of a prospect's statements (docs/rules.md, C2): DuPont and the liquidity,
// leverage and working-capital ratios, per year (year-end balances) and year on year.
//
// Every ratio is an exact fraction of integer 分 rounded once, half away from zero, to
// RATIO_DECIMALS (days to DAY_DECIMALS) with BigInt arithmetic: no binary floating point sits
// between the statements and the published digits. ROE is NP / Equity rounded the same way, and
// as fractions margin x turnover x multiplier = (NP/Rev)(Rev/TA)(TA/E) = NP/E exactly, so the
// DuPont chain and the direct ratio agree to the last digit by construction.
import type { DupontYear, DupontYearInput, TrendYear } from '../../../shared/schemas/recruitment.js';

export const RATIO_DECIMALS = 6;
export const DAY_DECIMALS = 2;
export const DAYS_PER_YEAR = 365;

export interface Fraction {
  num: bigint;
  den: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** A fraction num/den (den != 0) as a number rounded half away from zero to `decimals`. */
export function roundFraction(f: Fraction, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const negative = f.num < 0n !== f.den < 0n && f.num !== 0n;
  const n = abs(f.num) * scale;
  const d = abs(f.den);
  const q = (2n * n + d) / (2n * d); // floor(n/d + 1/2)
  const value = Number(q) / Number(scale);
  return negative && value !== 0 ? -value : value;
}

/** The fraction a/b, or null when an input is missing or the denominator is zero. */
export function fraction(a: number | null | undefined, b: number | null | undefined): Fraction | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b === 0) return null;
  return { num: BigInt(a), den: BigInt(b) };
}

export const multiply = (...fs: Fraction[]): Fraction => fs.reduce((acc, f) => ({ num: acc.num * f.num, den: acc.den * f.den }), { num: 1n, den: 1n });

const ratio = (f: Fraction | null) => (f ? roundFraction(f, RATIO_DECIMALS) : null);
const days = (f: Fraction | null) => (f ? roundFraction(multiply(f, { num: BigInt(DAYS_PER_YEAR), den: 1n }), DAY_DECIMALS) : null);

/** The exact DuPont fractions of one year (null where an input is missing or a denominator is zero). */
export function dupontFractions(y: DupontYearInput) {
  return {
    netMargin: fraction(y.netProfitFen, y.revenueFen),
    assetTurnover: fraction(y.revenueFen, y.totalAssetsFen),
    equityMultiplier: fraction(y.totalAssetsFen, y.equityFen),
    roe: fraction(y.netProfitFen, y.equityFen),
  };
}

export function dupontYear(y: DupontYearInput): DupontYear {
  const f = dupontFractions(y);
  const quickNumerator = y.currentAssetsFen !== undefined && y.inventoryFen !== undefined ? y.currentAssetsFen - y.inventoryFen : undefined;
  return {
    year: y.year,
    netMargin: ratio(f.netMargin),
    assetTurnover: ratio(f.assetTurnover),
    equityMultiplier: ratio(f.equityMultiplier),
    roe: ratio(f.roe),
    currentRatio: ratio(fraction(y.currentAssetsFen, y.currentLiabilitiesFen)),
    quickRatio: ratio(fraction(quickNumerator, y.currentLiabilitiesFen)),
    debtToAsset: ratio(fraction(y.totalLiabilitiesFen, y.totalAssetsFen)),
    dsoDays: days(fraction(y.receivablesFen, y.revenueFen)),
    inventoryDays: days(fraction(y.inventoryFen, y.cogsFen)),
  };
}

/** Ratios of every year, in the order given (the pure endpoint answers in the caller's order). */
export const dupont = (years: DupontYearInput[]): DupontYear[] => years.map(dupontYear);

const growth = (cur: number, prev: number) => (prev === 0 ? null : roundFraction({ num: BigInt(cur) - BigInt(prev), den: abs(BigInt(prev)) }, RATIO_DECIMALS));
const change = (cur: number | null, prev: number | null, decimals: number) => (cur === null || prev === null ? null : Math.round((cur - prev) * 10 ** decimals) / 10 ** decimals);

/**
 * Year on year, each year against the one before it in the series (sorted by year): growth of the
 * amounts as (cur - prev) / |prev| (null when prev is 0) and the change of every ratio.
 */
export function trend(inputs: DupontYearInput[]): TrendYear[] {
  const sorted = [...inputs].sort((a, b) => a.year - b.year);
  const ratios = sorted.map(dupontYear);
  const out: TrendYear[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [y, p, r, q] = [sorted[i], sorted[i - 1], ratios[i], ratios[i - 1]];
    out.push({
      year: y.year,
      previousYear: p.year,
      revenueGrowth: growth(y.revenueFen, p.revenueFen),
      netProfitGrowth: growth(y.netProfitFen, p.netProfitFen),
      totalAssetsGrowth: growth(y.totalAssetsFen, p.totalAssetsFen),
      equityGrowth: growth(y.equityFen, p.equityFen),
      netMarginChange: change(r.netMargin, q.netMargin, RATIO_DECIMALS),
      assetTurnoverChange: change(r.assetTurnover, q.assetTurnover, RATIO_DECIMALS),
      equityMultiplierChange: change(r.equityMultiplier, q.equityMultiplier, RATIO_DECIMALS),
      roeChange: change(r.roe, q.roe, RATIO_DECIMALS),
      currentRatioChange: change(r.currentRatio, q.currentRatio, RATIO_DECIMALS),
      quickRatioChange: change(r.quickRatio, q.quickRatio, RATIO_DECIMALS),
      debtToAssetChange: change(r.debtToAsset, q.debtToAsset, RATIO_DECIMALS),
      dsoDaysChange: change(r.dsoDays, q.dsoDays, DAY_DECIMALS),
      inventoryDaysChange: change(r.inventoryDays, q.inventoryDays, DAY_DECIMALS),
    });
  }
  return out;
}
