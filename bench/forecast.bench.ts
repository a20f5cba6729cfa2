// `npm run bench:forecast`: accuracy and speed of the forecasting engine on the public benchmark
// (../shared/bench/forecast-public.json): for each series, fit the training part, forecast the
// held-out horizon and compare the out-of-sample MASE (scaled by the in-sample seasonal-naive MAE
// of the training part) with R's forecast package on the same split; then time repeated
// automatic fits. Goals (issue 5): geometric-mean ratio to R's ets <= 1.00, far below seasonal
// naive, >= 100 automatic fits per second per core.
//
//   npx tsx bench/forecast.bench.ts [--repeat 20] [--file path/to/benchmark.json]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/server/config.js';
import { forecastCore } from '../src/server/modules/forecast/forecast.service.js';
import { geometricMean, mase, seasonalNaive } from '../src/server/modules/forecast/accuracy.rules.js';

interface BenchSeries {
  frequency: number;
  horizon: number;
  train: number[];
  test: number[];
  referenceMase: { ets: number; snaive: number; theta?: number; arima?: number };
  referenceModel?: string;
}

const { values: args } = parseArgs({
  options: { repeat: { type: 'string', default: '20' }, file: { type: 'string' } },
});
const file = args.file ? path.resolve(args.file) : path.resolve(projectRoot, '../shared/bench/forecast-public.json');
const data = JSON.parse(readFileSync(file, 'utf8')) as { series: Record<string, BenchSeries> };
const entries = Object.entries(data.series);

const rows: string[][] = [['series', 'our model', 'our MASE', 'R ets MASE', 'R model', 'R snaive MASE', 'ratio to ets', 'our snaive MASE']];
const toEts: number[] = [];
const toNaive: number[] = [];
for (const [name, s] of entries) {
  const result = forecastCore(s.train, s.frequency, s.horizon);
  const ours = mase(s.train, s.test, result.forecast, s.frequency);
  const naive = mase(s.train, s.test, seasonalNaive(s.train, s.frequency, s.horizon), s.frequency);
  if (ours === null) throw new Error(`${name}: MASE undefined (constant training part)`);
  toEts.push(ours / s.referenceMase.ets);
  toNaive.push(ours / s.referenceMase.snaive);
  rows.push([
    name,
    result.model,
    ours.toFixed(4),
    s.referenceMase.ets.toFixed(4),
    s.referenceModel ?? '',
    s.referenceMase.snaive.toFixed(4),
    (ours / s.referenceMase.ets).toFixed(3),
    naive === null ? '-' : naive.toFixed(4),
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 || c === 1 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
console.log();
console.log(`geometric mean of our/R-ets MASE ratios:    ${geometricMean(toEts).toFixed(4)}  (goal <= 1.00)`);
console.log(`geometric mean of our/R-snaive MASE ratios: ${geometricMean(toNaive).toFixed(4)}`);

// Speed: repeated automatic fits (model selection over all admissible ETS models, forecasts and
// bands) of every series, after a warm-up. CPU time is reported beside wall time because the
// machine may be shared.
const repeat = Math.max(1, Number(args.repeat));
for (const [, s] of entries) forecastCore(s.train, s.frequency, s.horizon);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < repeat; r++) for (const [, s] of entries) forecastCore(s.train, s.frequency, s.horizon);
const wall = (performance.now() - t0) / 1000;
const cpuUsed = process.cpuUsage(cpu0);
const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
const fits = repeat * entries.length;
console.log(`machine: load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs (CPU time is the fairer figure on a shared machine)`);
console.log(`speed: ${fits} automatic fits in ${wall.toFixed(2)} s wall (${(fits / wall).toFixed(1)} fits/s), ${cpu.toFixed(2)} s CPU (${(fits / cpu).toFixed(1)} fits per CPU-second; goal >= 100)`);
