// Who may send stock to whom, and at what unit cost (pure).
//
// Exclusive territory rule (docs/decisions.md): stock held by a dealer with an exclusive
// territory stays inside that territory's bound, the province / city / county (setting
// `transfers.exclusiveBoundLevel`, default city) containing each of its exclusive regions. It may
// go only to dealers whose every territory region lies inside that bound. Dealers without an
// exclusive territory may send anywhere in the plan's region. Receiving is never restricted.

export type BoundLevel = 'province' | 'city' | 'county';
export const BOUND_LEVELS: readonly BoundLevel[] = ['province', 'city', 'county'];

export interface Territory {
  regionCode: string;
  exclusive: boolean;
}

export interface Site {
  dealerId: string;
  territory: Territory[];
  /** [longitude, latitude], or null when no region of the territory has a known centroid. */
  location: [number, number] | null;
}

const PREFIX_LENGTH: Record<BoundLevel, number> = { province: 2, city: 4, county: 6 };

/** The 6-digit ancestors of a region, most specific first: 440106 -> 440106, 440100, 440000. */
export function ancestorsOrSelf(code: string): string[] {
  const out = [code];
  if (!code.endsWith('00')) out.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) out.push(`${code.slice(0, 2)}0000`);
  return out;
}

/** Code prefixes an exclusive dealer's stock must stay within; null when it holds no exclusive region. */
export function exclusiveBound(territory: Territory[], level: BoundLevel): string[] | null {
  const exclusive = territory.filter((t) => t.exclusive);
  if (exclusive.length === 0) return null;
  return [...new Set(exclusive.map((t) => t.regionCode.slice(0, PREFIX_LENGTH[level])))];
}

export function transferAllowed(from: Site, to: Site, level: BoundLevel): boolean {
  if (from.dealerId === to.dealerId) return false;
  const bound = exclusiveBound(from.territory, level);
  if (!bound) return true;
  return to.territory.length > 0 && to.territory.every((t) => bound.some((prefix) => t.regionCode.startsWith(prefix)));
}

/** The mean of the centroids of a territory's regions (a region without one falls back to its city, then province). */
export function siteLocation(territory: Territory[], centroids: Record<string, [number, number]>): [number, number] | null {
  const points = territory
    .map((t) =>
      ancestorsOrSelf(t.regionCode)
        .map((c) => centroids[c])
        .find(Boolean),
    )
    .filter((p): p is [number, number] => !!p);
  if (points.length === 0) return null;
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

/** Great-circle distance in km (haversine, mean Earth radius). */
export function distanceKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface CostEntry {
  fromRegionCode: string;
  toRegionCode: string;
  unitCostFen: number;
}

export interface CostSettings {
  baseFen: number;
  perKmFen: number;
}

export interface UnitCost {
  unitCostFen: number;
  source: 'table' | 'distance';
  distanceKm: number | null;
}

const SPECIFICITY = (code: string) => (code.endsWith('0000') ? 0 : code.endsWith('00') ? 1 : 2);

/**
 * A cost table keyed `from|to`. A pair of dealers costs the most specific entry between any region
 * of one territory (or its city or province) and any of the other, looked up in both directions;
 * without an entry, base + perKm x distance between the two sites, rounded to whole fen.
 */
export function unitCost(from: Site, to: Site, table: Map<string, number>, settings: CostSettings): UnitCost | null {
  let best: { cost: number; score: number } | null = null;
  if (table.size > 0) {
    for (const a of from.territory.flatMap((t) => ancestorsOrSelf(t.regionCode))) {
      for (const b of to.territory.flatMap((t) => ancestorsOrSelf(t.regionCode))) {
        const cost = table.get(`${a}|${b}`) ?? table.get(`${b}|${a}`);
        const score = SPECIFICITY(a) + SPECIFICITY(b);
        if (cost !== undefined && (!best || score > best.score)) best = { cost, score };
      }
    }
  }
  const km = from.location && to.location ? distanceKm(from.location, to.location) : null;
  if (best) return { unitCostFen: best.cost, source: 'table', distanceKm: km };
  if (km === null) return null;
  return { unitCostFen: Math.round(settings.baseFen + settings.perKmFen * km), source: 'distance', distanceKm: km };
}
