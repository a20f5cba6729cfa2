// Solves a transfer problem with HiGHS (the `highs` package: the HiGHS LP/MIP solver compiled to
// WebAssembly), passing the model as a sparse matrix (no LP text to parse). Two LPs on one model:
// first the most units that can move at all (exclusive territory bounds may block pairs; skipped
// when greedy already moves everything it could), then,
// warm-started, the cheapest way to move exactly that many. Synchronous inside the WASM module;
// see bench/transfers.bench.ts for the time on a 200-dealer region.
import highsLoader, { type Highs } from 'highs';
import { arcsByCost, greedyPlan, violations, type Flow, type TransportProblem } from './transport.rules.js';

let loaded: Promise<Highs> | undefined;
const highs = () => (loaded ??= highsLoader());

export interface Solved {
  flows: Flow[];
  /** Wall time of both solves, ms. */
  solveMs: number;
}

export async function solveTransport(problem: TransportProblem): Promise<Solved> {
  const solver = await highs();
  const arcs = arcsByCost(problem);
  if (arcs.length === 0) return { flows: [], solveMs: 0 };
  const started = performance.now();
  const m = problem.supplies.length;
  const n = problem.demands.length;
  const total = m + n; // the row summing every arc: free in phase 1, fixed to the max flow in phase 2
  // Each arc column has three entries: its supplier row, its demander row, the total row.
  const starts = new Int32Array(arcs.length + 1);
  const indices = new Int32Array(arcs.length * 3);
  const values = new Float64Array(arcs.length * 3).fill(1);
  arcs.forEach((a, k) => {
    starts[k + 1] = 3 * (k + 1);
    indices.set([a.from, m + a.to, total], 3 * k);
  });
  const inf = solver.infinity;
  const rowLower = new Float64Array(total + 1).fill(-inf);
  const rowUpper = Float64Array.from([...problem.supplies, ...problem.demands, inf]);
  const flows = solver.withModel(
    {
      numCols: arcs.length,
      numRows: total + 1,
      sense: solver.constants.objectiveSense.maximize,
      colCost: new Float64Array(arcs.length).fill(1),
      colLower: new Float64Array(arcs.length),
      colUpper: new Float64Array(arcs.length).fill(inf),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: total + 1, numCols: arcs.length, starts, indices, values },
    },
    (model) => {
      // Dual simplex without presolve: on transportation LPs of a few thousand arcs this measured
      // 5-15x faster than the defaults in this WASM build (bench/transfers.bench.ts).
      model.options.set({ output_flag: false, log_to_console: false, solver: 'simplex', simplex_strategy: 1, presolve: 'off' });
      const optimal = solver.constants.modelStatus.optimal;
      // When greedy already moves min(supply, demand), that is the maximum: skip phase 1.
      const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
      const bound = Math.min(sum(problem.supplies), sum(problem.demands));
      let maxFlow = sum(greedyPlan(problem).map((f) => f.quantity));
      if (maxFlow < bound) {
        if (model.run().modelStatus !== optimal) throw new Error('HiGHS found no maximum transfer');
        maxFlow = Math.round(model.getSolution().colValue.reduce((s, v) => s + v, 0));
      }
      if (maxFlow === 0) return [];
      model.changeRowBounds(total, maxFlow, maxFlow);
      model.changeColsCost({ kind: 'range', from: 0, to: arcs.length - 1 }, Float64Array.from(arcs.map((a) => a.cost)));
      model.changeObjectiveSense(solver.constants.objectiveSense.minimize);
      if (model.run().modelStatus !== optimal) throw new Error('HiGHS found no least-cost transfer');
      const x = model.getSolution().colValue;
      const out: Flow[] = [];
      arcs.forEach((a, k) => {
        const quantity = Math.round(x[k]);
        // The transportation polytope has integer vertices and simplex ends on one.
        if (Math.abs(x[k] - quantity) > 1e-6) throw new Error(`HiGHS returned a fractional transfer ${x[k]}`);
        if (quantity > 0) out.push({ from: a.from, to: a.to, quantity });
      });
      return out.sort((p, q) => p.from - q.from || p.to - q.to);
    },
  );
  const wrong = violations(problem, flows);
  if (wrong.length) throw new Error(`HiGHS plan breaks a bound: ${wrong.join('; ')}`);
  return { flows, solveMs: performance.now() - started };
}
