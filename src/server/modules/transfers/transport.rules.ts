// The transportation problem of a transfer plan (调拨), one SKU at a time: overstocked dealers
// (supplies) send to short dealers (demands) along allowed arcs with an integer unit cost.
// Pure: the arcs HiGHS solves over (highs.solver.ts), the greedy baseline, and the checks of any plan.
//
// What one dealer x SKU gives or needs, on the targets of stock health (SS, ROP, max are whole
// units from stock-health.rules.ts, never recomputed here):
//   supply = max(0, min(on hand - SS, position - max))   position = on hand + on order, as the
//   demand = max(0, ROP - position)                       alert centre counts it
// After sending its supply a dealer keeps its safety stock on the shelf and its order-up-to level
// in position, so a plan never empties a dealer the alert centre would then call short; and
// demand > 0 only where the alert centre says reorder or critical (a critical pair whose order
// on the way covers the reorder point needs nothing moved).

/** Units a dealer can give and units it needs (stock on order cannot be moved, but it counts). */
export function overstockAndShortage(s: { onHand: number; onOrder: number; safetyStock: number; reorderPoint: number; orderUpTo: number }): { supply: number; demand: number } {
  const position = s.onHand + Math.max(0, s.onOrder);
  const supply = Math.max(0, Math.min(s.onHand - s.safetyStock, position - s.orderUpTo));
  const demand = Math.max(0, s.reorderPoint - position);
  return { supply, demand };
}

export interface TransportProblem {
  /** Units each supplier may give (overstock above its order-up-to level). */
  supplies: number[];
  /** Units each demander needs (shortage below its reorder point). */
  demands: number[];
  /** Unit cost in fen from supplier i to demander j; null = the transfer is not allowed. */
  costs: (number | null)[][];
}

export interface Flow {
  from: number;
  to: number;
  quantity: number;
}

export interface PlanTotals {
  quantity: number;
  costFen: number;
}

export function totalsOf(problem: TransportProblem, flows: Flow[]): PlanTotals {
  let quantity = 0;
  let costFen = 0;
  for (const f of flows) {
    quantity += f.quantity;
    costFen += f.quantity * (problem.costs[f.from][f.to] ?? Number.NaN);
  }
  return { quantity, costFen };
}

/** Allowed arcs, cheapest first (ties: lower supplier, then lower demander index). */
export function arcsByCost(problem: TransportProblem): { from: number; to: number; cost: number }[] {
  const arcs: { from: number; to: number; cost: number }[] = [];
  problem.costs.forEach((row, i) =>
    row.forEach((cost, j) => {
      if (cost !== null && problem.supplies[i] > 0 && problem.demands[j] > 0) arcs.push({ from: i, to: j, cost });
    }),
  );
  return arcs.sort((a, b) => a.cost - b.cost || a.from - b.from || a.to - b.to);
}

/**
 * The greedy baseline a planner would do by hand: take the nearest (cheapest) allowed pair of an
 * overstocked and a short dealer, move as much as both allow, repeat.
 */
export function greedyPlan(problem: TransportProblem): Flow[] {
  const left = [...problem.supplies];
  const need = [...problem.demands];
  const flows: Flow[] = [];
  for (const arc of arcsByCost(problem)) {
    const q = Math.min(left[arc.from], need[arc.to]);
    if (q <= 0) continue;
    left[arc.from] -= q;
    need[arc.to] -= q;
    flows.push({ from: arc.from, to: arc.to, quantity: q });
  }
  return flows;
}

/** What every plan must satisfy: allowed arcs only, positive integers, within supplies and demands. */
export function violations(problem: TransportProblem, flows: Flow[]): string[] {
  const out: string[] = [];
  const given = problem.supplies.map(() => 0);
  const received = problem.demands.map(() => 0);
  for (const f of flows) {
    if (!Number.isInteger(f.quantity) || f.quantity <= 0) out.push(`flow ${f.from}->${f.to} has quantity ${f.quantity}`);
    if (problem.costs[f.from]?.[f.to] === null || problem.costs[f.from]?.[f.to] === undefined) out.push(`flow ${f.from}->${f.to} uses a forbidden arc`);
    given[f.from] += f.quantity;
    received[f.to] += f.quantity;
  }
  given.forEach((q, i) => {
    if (q > problem.supplies[i]) out.push(`supplier ${i} gives ${q} > ${problem.supplies[i]}`);
  });
  received.forEach((q, j) => {
    if (q > problem.demands[j]) out.push(`demander ${j} receives ${q} > ${problem.demands[j]}`);
  });
  return out;
}
