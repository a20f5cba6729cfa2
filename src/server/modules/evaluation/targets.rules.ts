// Elastic targets (docs/rules.md, C6). When a region's market demand index (this period's demand /
// the same period last year) falls by more than 10%, the dealer's target is scaled by
// max(0.7, index); the reward coefficient on bonus-linked rebates follows the same factor.
// Pure and stable: the incentives module (issue 7) imports `elasticTarget` and
// `rewardCoefficient` from here.

export interface ElasticTargetRule {
  /** below this index the target is adjusted (0.9 = a fall of more than 10%) */
  threshold: number;
  /** the factor never goes below this (0.7) */
  floor: number;
}

export const DEFAULT_ELASTIC_RULE: ElasticTargetRule = { threshold: 0.9, floor: 0.7 };

export interface ElasticTarget {
  targetFen: number;
  adjustedTargetFen: number;
  /** the factor applied to the target: 1 when unadjusted, else max(floor, index) */
  factor: number;
  /** the same factor, applied to the reward coefficient of bonus-linked rebates */
  rewardCoefficient: number;
  adjusted: boolean;
  /** why the target moved (null when it did not) */
  reason: string | null;
}

/** The adjustment factor for a demand index; 1 when the index is unknown or not below the threshold. */
export function adjustmentFactor(demandIndex: number | null | undefined, rule: ElasticTargetRule = DEFAULT_ELASTIC_RULE): number {
  if (demandIndex === null || demandIndex === undefined || !Number.isFinite(demandIndex)) return 1;
  if (demandIndex >= rule.threshold) return 1;
  return Math.max(rule.floor, demandIndex);
}

/** The reward coefficient of bonus-linked rebates for a period: the same factor as the target's. */
export function rewardCoefficient(demandIndex: number | null | undefined, rule: ElasticTargetRule = DEFAULT_ELASTIC_RULE): number {
  return adjustmentFactor(demandIndex, rule);
}

/** Multiplies integer fen by a decimal factor, rounding half up, without float overflow. */
export function scaleFen(amountFen: number, factor: number): number {
  const micros = BigInt(Math.round(factor * 1_000_000));
  const scaled = (BigInt(Math.round(amountFen)) * micros * 2n + 1_000_000n) / 2_000_000n;
  return Number(scaled);
}

const fmt = (n: number) => (Math.round(n * 10000) / 10000).toString();

export function elasticTarget(targetFen: number, demandIndex: number | null | undefined, rule: ElasticTargetRule = DEFAULT_ELASTIC_RULE, regionCode?: string | null): ElasticTarget {
  const factor = adjustmentFactor(demandIndex, rule);
  const adjusted = factor !== 1;
  const where = regionCode ? ` in region ${regionCode}` : '';
  const reason = adjusted
    ? `Market demand index ${fmt(demandIndex as number)}${where} is below ${fmt(rule.threshold)} (demand down ${fmt((1 - (demandIndex as number)) * 100)}% year on year): target x ${fmt(factor)}${factor === rule.floor ? ` (floor ${fmt(rule.floor)})` : ''}`
    : null;
  return { targetFen, adjustedTargetFen: adjusted ? scaleFen(targetFen, factor) : targetFen, factor, rewardCoefficient: factor, adjusted, reason };
}

/** 440106 -> [440106, 440100, 440000]: a region and its ancestors, nearest first. */
export function regionAncestry(code: string): string[] {
  const chain = [code];
  if (!code.endsWith('00')) chain.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) chain.push(`${code.slice(0, 2)}0000`);
  return chain;
}

/**
 * The demand index that applies to a dealer: its first territory region's, or the nearest
 * ancestor's that has one; null when none has.
 */
export function demandIndexFor(regionCode: string | null, indexByRegion: ReadonlyMap<string, number>): { regionCode: string; demandIndex: number } | null {
  if (!regionCode) return null;
  for (const code of regionAncestry(regionCode)) {
    const value = indexByRegion.get(code);
    if (value !== undefined) return { regionCode: code, demandIndex: value };
  }
  return null;
}
