// Small statistics for the service reports. Median: the middle value (mean of the two middle
// ones for an even count); p90: nearest rank (the smallest value with at least 90 % at or below).
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)];
}

export const STAGES = ['response', 'resolution', 'confirmation'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageStats {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function stageStats(hours: number[]): StageStats {
  return { n: hours.length, medianHours: round1(median(hours)), p90Hours: round1(percentile(hours, 0.9)) };
}

/** The lagging stage: the one with the longest median (ties: the earlier stage). */
export function laggingStage(stats: Record<Stage, StageStats>): Stage | null {
  let best: Stage | null = null;
  for (const s of STAGES) {
    const m = stats[s].medianHours;
    if (m !== null && (best === null || m > (stats[best].medianHours ?? -1))) best = s;
  }
  return best;
}

/** Recurring problems: same type and product at least `min` times. */
export function recurringGroups<T extends { type: string; productSku: string | null }>(rows: T[], min = 3) {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    if (!r.productSku) continue;
    const key = `${r.type}\u0000${r.productSku}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .filter((g) => g.length >= min)
    .map((g) => ({ type: g[0].type, productSku: g[0].productSku!, rows: g }))
    .sort((a, b) => b.rows.length - a.rows.length || a.type.localeCompare(b.type) || a.productSku.localeCompare(b.productSku));
}
