// `npm run bench:transfers`: the transfer planner (调拨) on a generated region of 200 dealers, one
// per county of Guangdong (by the real county centroids), for several SKUs: total cost of the
// HiGHS plan vs the greedy nearest-first plan moving the same stock, and solve time.
// Deterministic (seeded). Positions carry stock-health targets (default settings: lead time 7 d,
// order cycle 14 d): each dealer sells a random steady amount and holds a random 0-3x its
// order-up-to level, so some are over, some short.
//
//   npx tsx bench/transfers.bench.ts [--dealers 200] [--skus 5] [--exclusive 0.2] [--repeat 5]
import { parseArgs } from 'node:util';
import { regionCentroids } from '../src/server/modules/transfers/centroids.data.js';
import { solveTransport } from '../src/server/modules/transfers/highs.solver.js';
import { greedyPlan, totalsOf } from '../src/server/modules/transfers/transport.rules.js';
import { buildProblems, type Position } from '../src/server/modules/transfers/transfers.plan.js';
import type { Site } from '../src/server/modules/transfers/network.rules.js';
import { orderUpTo, reorderPoint } from '../src/server/modules/stock-health/stock-health.rules.js';

const { values: args } = parseArgs({
  options: { dealers: { type: 'string', default: '200' }, skus: { type: 'string', default: '5' }, exclusive: { type: 'string', default: '0.2' }, repeat: { type: 'string', default: '5' } },
});
const DEALERS = Number(args.dealers);
const SKUS = Number(args.skus);
const EXCLUSIVE = Number(args.exclusive);
const REPEAT = Number(args.repeat);

// mulberry32: a small seeded generator, so every run plans the same region.
let seed = 20261127;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

const centroids = regionCentroids();
const counties = Object.keys(centroids).filter((c) => c.startsWith('44') && !c.endsWith('00'));
const sites = new Map<string, Site>();
for (let i = 0; i < DEALERS; i++) {
  const regionCode = counties[i % counties.length];
  const jitter: [number, number] = [centroids[regionCode][0] + (rand() - 0.5) * 0.1, centroids[regionCode][1] + (rand() - 0.5) * 0.1];
  sites.set(`D${i}`, { dealerId: `D${i}`, territory: [{ regionCode, exclusive: rand() < EXCLUSIVE }], location: jitter });
}
const positions: Position[] = [];
for (let s = 0; s < SKUS; s++) {
  for (const dealerId of sites.keys()) {
    // 1-5 a day, steady: reorder point 7 x daily, order-up-to 21 x daily. About 45% of dealers
    // are short (0 to the reorder point), 45% overstocked (up to 3x order-up-to), 10% in between.
    const daily = 1 + Math.floor(rand() * 5);
    const r = rand();
    const onHand = r < 0.45 ? Math.floor(rand() * 7 * daily) : r < 0.9 ? Math.floor(21 * daily * (1 + 2 * rand())) : Math.floor(daily * (7 + 14 * rand()));
    // Steady sales: s_d = 0, so SS = 0.
    const rop = reorderPoint(daily, 7, 0);
    positions.push({ dealerId, productId: `SKU${s}`, onHand, onOrder: 0, safetyStock: 0, reorderPoint: rop, orderUpTo: orderUpTo(rop, daily, 14) });
  }
}

const settings = { exclusiveBoundLevel: 'city' as const, costBaseFen: 300, costPerKmFen: 1, maxDistanceKm: 1000 };
const problems = buildProblems(positions, sites, new Map(), settings);
let lp = { quantity: 0, costFen: 0 };
let greedy = { quantity: 0, costFen: 0 };
let arcs = 0;
const times: number[] = [];
for (let r = 0; r < REPEAT; r++) {
  const started = performance.now();
  let q = 0;
  let c = 0;
  for (const sp of problems) {
    const t = totalsOf(sp.problem, (await solveTransport(sp.problem)).flows);
    q += t.quantity;
    c += t.costFen;
  }
  times.push(performance.now() - started);
  lp = { quantity: q, costFen: c };
}
for (const sp of problems) {
  const g = totalsOf(sp.problem, greedyPlan(sp.problem));
  greedy = { quantity: greedy.quantity + g.quantity, costFen: greedy.costFen + g.costFen };
  arcs += sp.problem.costs.flat().filter((x) => x !== null).length;
}
times.sort((a, b) => a - b);
const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const suppliers = problems.reduce((s, p) => s + p.suppliers.length, 0);
const demanders = problems.reduce((s, p) => s + p.demanders.length, 0);
console.log(`Transfer planner bench: ${DEALERS} dealers in Guangdong, ${SKUS} SKUs, ${Math.round(EXCLUSIVE * 100)}% exclusive (city bound)`);
console.log(`  problems: ${problems.length}, suppliers ${suppliers}, demanders ${demanders}, allowed arcs ${arcs}`);
console.log(`  HiGHS plan : ${lp.quantity} units, cost ¥${yuan(lp.costFen)}`);
console.log(`  greedy     : ${greedy.quantity} units, cost ¥${yuan(greedy.costFen)}`);
if (lp.quantity === greedy.quantity) {
  console.log(`  saving     : ¥${yuan(greedy.costFen - lp.costFen)} (${(((greedy.costFen - lp.costFen) / Math.max(1, greedy.costFen)) * 100).toFixed(2)}% of greedy)`);
} else {
  console.log(`  the plan moves ${lp.quantity - greedy.quantity} more units than greedy (greedy blocks itself on exclusive bounds)`);
}
console.log(`  solve time (all SKUs, up to 2 LPs each): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over ${REPEAT} runs`);

// The same comparison on 500 small random problems (2-8 senders x 2-8 receivers, random unit
// costs, a fifth of the pairs forbidden): how often and by how much greedy pays more.
let worse = 0;
let comparable = 0;
let worstGap = 0;
let gapSum = 0;
for (let r = 0; r < 500; r++) {
  const m = 2 + Math.floor(rand() * 7);
  const n = 2 + Math.floor(rand() * 7);
  const problem = {
    supplies: Array.from({ length: m }, () => Math.floor(rand() * 40)),
    demands: Array.from({ length: n }, () => Math.floor(rand() * 40)),
    costs: Array.from({ length: m }, () => Array.from({ length: n }, () => (rand() < 0.2 ? null : 100 + Math.floor(rand() * 1900)))),
  };
  const a = totalsOf(problem, (await solveTransport(problem)).flows);
  const b = totalsOf(problem, greedyPlan(problem));
  if (a.quantity !== b.quantity || a.costFen === 0) continue;
  comparable++;
  const gap = (b.costFen - a.costFen) / a.costFen;
  if (gap > 1e-12) worse++;
  worstGap = Math.max(worstGap, gap);
  gapSum += gap;
}
console.log(
  `Random small problems: greedy costs more in ${worse} of ${comparable} (same quantity moved), by ${((gapSum / Math.max(1, comparable)) * 100).toFixed(1)}% on average, ${(worstGap * 100).toFixed(1)}% at worst`,
);
