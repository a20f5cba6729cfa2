// Scorecard (docs/rules.md, C6): sub-indicators -> KPI scores -> composite -> grade. A KPI or
// sub-indicator without data is "no data" (null) and its weight is redistributed over the ones
// that have data, never counted as zero.
import type { EvaluationSettings, Grade } from './settings.rules.js';

export const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, n));

export interface WeightedPart {
  key: string;
  /** 0-100, or null when there is no data */
  score: number | null;
  weight: number;
}

export interface WeightedResult {
  score: number | null;
  /** the weight each part carried after redistribution (0 for parts without data) */
  effectiveWeights: Record<string, number>;
}

/** Weighted mean over the parts that have data, weights rescaled to sum to 1. */
export function weightedScore(parts: WeightedPart[]): WeightedResult {
  const present = parts.filter((p) => p.score !== null && p.weight > 0);
  const total = present.reduce((s, p) => s + p.weight, 0);
  const effectiveWeights: Record<string, number> = {};
  for (const p of parts) effectiveWeights[p.key] = 0;
  if (total <= 0) return { score: null, effectiveWeights };
  let score = 0;
  for (const p of present) {
    effectiveWeights[p.key] = p.weight / total;
    score += (p.score as number) * (p.weight / total);
  }
  return { score: round2(score), effectiveWeights };
}

/** Sales completion = actual / adjusted target; null without a (positive) target. */
export function salesCompletion(actualFen: number, adjustedTargetFen: number | null): number | null {
  if (adjustedTargetFen === null || adjustedTargetFen <= 0) return null;
  return Math.round((actualFen / adjustedTargetFen) * 10000) / 10000;
}

/** Sales KPI score: completion x 100, capped at 100. */
export const salesScore = (completion: number | null): number | null => (completion === null ? null : round2(clamp(completion * 100)));

/** A share 0..1 as a score 0..100. */
export const rateScore = (rate: number | null): number | null => (rate === null ? null : round2(clamp(rate * 100)));

/** Survey score 1..5 as 0..100 (5 -> 100, 4.5 -> 90). */
export const surveyScore = (avg: number | null): number | null => (avg === null ? null : round2(clamp((avg / 5) * 100)));

/** Turnover days at or under the benchmark score 100; above it, benchmark/days x 100. */
export function turnoverScore(days: number | null, benchmarkDays: number): number | null {
  if (days === null) return null;
  if (days <= benchmarkDays) return 100;
  return round2(clamp((benchmarkDays / days) * 100));
}

/** Slow-moving ratio (closing value share of slow movers, stock-health.rules.ts isSlowMover) as a score: (1 - ratio) x 100. */
export const slowMovingScore = (ratio: number | null): number | null => (ratio === null ? null : round2(clamp((1 - ratio) * 100)));

export function gradeOf(composite: number | null, bands: EvaluationSettings['gradeBands']): Grade | null {
  if (composite === null) return null;
  if (composite >= bands.A) return 'A';
  if (composite >= bands.B) return 'B';
  if (composite >= bands.C) return 'C';
  return 'D';
}

export interface SatisfactionIndicators {
  firstResponse24h: number | null; // share 0..1
  resolution: number | null; // share 0..1
  fulfilment: number | null; // share 0..1
  survey: number | null; // average 1..5
  renewal: number | null; // share 0..1
}

export function satisfactionScore(ind: SatisfactionIndicators, weights: EvaluationSettings['satisfactionWeights']): WeightedResult & { parts: Record<string, number | null> } {
  const parts: Record<string, number | null> = {
    firstResponse24h: rateScore(ind.firstResponse24h),
    resolution: rateScore(ind.resolution),
    fulfilment: rateScore(ind.fulfilment),
    survey: surveyScore(ind.survey),
    renewal: rateScore(ind.renewal),
  };
  const result = weightedScore(Object.entries(parts).map(([key, score]) => ({ key, score, weight: weights[key as keyof typeof weights] })));
  return { ...result, parts };
}

export interface InventoryIndicators {
  turnoverDays: number | null;
  benchmarkDays: number;
  slowMovingRatio: number | null;
}

export function inventoryScore(ind: InventoryIndicators, weights: EvaluationSettings['inventoryWeights']): WeightedResult & { parts: Record<string, number | null> } {
  const parts = { turnover: turnoverScore(ind.turnoverDays, ind.benchmarkDays), slowMoving: slowMovingScore(ind.slowMovingRatio) };
  const result = weightedScore([
    { key: 'turnover', score: parts.turnover, weight: weights.turnover },
    { key: 'slowMoving', score: parts.slowMoving, weight: weights.slowMoving },
  ]);
  return { ...result, parts };
}

export interface Composite {
  composite: number | null;
  grade: Grade | null;
  effectiveWeights: Record<string, number>;
}

export function compositeOf(scores: { sales: number | null; satisfaction: number | null; inventory: number | null }, settings: Pick<EvaluationSettings, 'weights' | 'gradeBands'>): Composite {
  const result = weightedScore([
    { key: 'sales', score: scores.sales, weight: settings.weights.sales },
    { key: 'satisfaction', score: scores.satisfaction, weight: settings.weights.satisfaction },
    { key: 'inventory', score: scores.inventory, weight: settings.weights.inventory },
  ]);
  return { composite: result.score, grade: gradeOf(result.score, settings.gradeBands), effectiveWeights: result.effectiveWeights };
}

/** Inventory-value-weighted benchmark over categories (a dealer holding several categories). */
export function blendedBenchmark(valueByCategory: Map<string, number>, bench: EvaluationSettings['turnoverBenchmarkDays']): number {
  let total = 0;
  let weighted = 0;
  for (const [category, value] of valueByCategory) {
    if (value <= 0) continue;
    total += value;
    weighted += value * (bench.byCategory[category] ?? bench.default);
  }
  return total > 0 ? round2(weighted / total) : bench.default;
}

/** Ranks by composite descending within each group (1 = best); ties share a rank; no composite, no rank. */
export function rankWithin<T>(rows: T[], groupOf: (r: T) => string, compositeOf: (r: T) => number | null): Map<T, { rank: number; size: number }> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    if (compositeOf(r) === null) continue;
    const g = groupOf(r);
    const members = groups.get(g);
    if (members) members.push(r);
    else groups.set(g, [r]);
  }
  const out = new Map<T, { rank: number; size: number }>();
  for (const members of groups.values()) {
    members.sort((a, b) => (compositeOf(b) as number) - (compositeOf(a) as number));
    let rank = 0;
    let previous: number | null = null;
    members.forEach((m, i) => {
      const c = compositeOf(m) as number;
      if (c !== previous) rank = i + 1;
      previous = c;
      out.set(m, { rank, size: members.length });
    });
  }
  return out;
}
