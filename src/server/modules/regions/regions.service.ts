import { invalid, notFound } from '../../core/errors.js';
import { regionIndex, findRegion, type RegionRecord } from './regions.data.js';

export interface RegionView {
  code: string;
  name: string;
  level: RegionRecord['level'];
  parentCode: string | null;
  path: string;
  hasChildren: boolean;
}

const view = (r: RegionRecord): RegionView => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parentCode,
  path: r.path,
  hasChildren: r.children.length > 0,
});

/** Children of a region (provinces without a parent), or a name search across all levels. */
export function listRegions(query: { parentCode?: string; q?: string; limit?: number }): RegionView[] {
  const all = regionIndex();
  if (query.q) {
    const needle = query.q.trim();
    const hits: RegionView[] = [];
    for (const r of all.values()) {
      if (r.name.includes(needle) || r.code.startsWith(needle)) hits.push(view(r));
      if (hits.length >= (query.limit ?? 50)) break;
    }
    return hits;
  }
  if (query.parentCode) {
    const parent = all.get(query.parentCode);
    if (!parent) throw notFound(`Region ${query.parentCode}`);
    return parent.children.map((c) => view(all.get(c)!));
  }
  return [...all.values()].filter((r) => r.level === 'province').map(view);
}

export function getRegion(code: string): RegionView {
  const r = findRegion(code);
  if (!r) throw notFound(`Region ${code}`);
  return view(r);
}

/** Validates region codes from a request, naming each unknown one by its JSON path. */
export function assertRegionCodes(codes: { code: string; path: string }[]): void {
  const bad = codes.filter((c) => !findRegion(c.code));
  if (bad.length) throw invalid(bad[0].path, `is not a GB/T 2260 region code (${bad[0].code})`);
}

export const regionPath = (code: string) => findRegion(code)?.path ?? code;
