import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveTransport } from '../src/server/modules/transfers/highs.solver.js';
import { greedyPlan, overstockAndShortage, totalsOf, violations, type TransportProblem } from '../src/server/modules/transfers/transport.rules.js';
import { exclusiveBound, transferAllowed, unitCost, type Site } from '../src/server/modules/transfers/network.rules.js';
import { classify, stockHealth } from '../src/server/modules/stock-health/stock-health.rules.js';

/**
 * An independent min-cost max-flow (successive shortest paths with Bellman-Ford on the residual
 * graph), written only for these tests: the reference the HiGHS plan is checked against.
 */
function referenceMinCostMaxFlow(p: TransportProblem): { quantity: number; costFen: number } {
  const m = p.supplies.length;
  const n = p.demands.length;
  const source = m + n;
  const sink = source + 1;
  const edges: { to: number; cap: number; cost: number }[] = [];
  const adj: number[][] = Array.from({ length: sink + 1 }, () => []);
  const add = (u: number, v: number, cap: number, cost: number) => {
    adj[u].push(edges.length);
    edges.push({ to: v, cap, cost });
    adj[v].push(edges.length);
    edges.push({ to: u, cap: 0, cost: -cost });
  };
  p.supplies.forEach((s, i) => add(source, i, s, 0));
  p.demands.forEach((d, j) => add(m + j, sink, d, 0));
  p.costs.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c !== null) add(i, m + j, Number.MAX_SAFE_INTEGER, c);
    }),
  );
  let quantity = 0;
  let costFen = 0;
  for (;;) {
    const dist = new Array(sink + 1).fill(Infinity);
    const via = new Array(sink + 1).fill(-1);
    dist[source] = 0;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      for (let u = 0; u <= sink; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of adj[u]) {
          const edge = edges[e];
          if (edge.cap > 0 && dist[u] + edge.cost < dist[edge.to]) {
            dist[edge.to] = dist[u] + edge.cost;
            via[edge.to] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) return { quantity, costFen };
    let push = Infinity;
    for (let v = sink; v !== source; v = edges[via[v] ^ 1].to) push = Math.min(push, edges[via[v]].cap);
    for (let v = sink; v !== source; v = edges[via[v] ^ 1].to) {
      edges[via[v]].cap -= push;
      edges[via[v] ^ 1].cap += push;
    }
    quantity += push;
    costFen += push * dist[sink];
  }
}

const problems = fc.record({ m: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 7 }) }).chain(({ m, n }) =>
  fc.record({
    supplies: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }),
    demands: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
    costs: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 2000 }), { freq: 4, nil: null }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
  }),
);

describe('transfer plans (property)', () => {
  it('never breaks a supply, demand or forbidden arc, moves as much as can move, and costs no more than greedy', async () => {
    await fc.assert(
      fc.asyncProperty(problems, async (problem) => {
        const lp = (await solveTransport(problem)).flows;
        const greedy = greedyPlan(problem);
        expect(violations(problem, lp)).toEqual([]);
        expect(violations(problem, greedy)).toEqual([]);
        const lpTotals = totalsOf(problem, lp);
        const greedyTotals = totalsOf(problem, greedy);
        const reference = referenceMinCostMaxFlow(problem);
        // Stock is conserved: what suppliers give is what demanders receive, unit for unit.
        const given = lp.reduce((s, f) => s + f.quantity, 0);
        expect(given).toBe(lpTotals.quantity);
        expect(lpTotals.quantity).toBe(reference.quantity);
        expect(lpTotals.costFen).toBe(reference.costFen);
        expect(lpTotals.quantity).toBeGreaterThanOrEqual(greedyTotals.quantity);
        if (lpTotals.quantity === greedyTotals.quantity) expect(lpTotals.costFen).toBeLessThanOrEqual(greedyTotals.costFen);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('with every pair allowed, moves min(supply, demand) and is never costlier than greedy', async () => {
    const open = problems.map((p) => ({ ...p, costs: p.costs.map((row) => row.map((c) => c ?? 500)) }));
    await fc.assert(
      fc.asyncProperty(open, async (problem) => {
        const lp = totalsOf(problem, (await solveTransport(problem)).flows);
        const greedy = totalsOf(problem, greedyPlan(problem));
        const movable = Math.min(
          problem.supplies.reduce((a, b) => a + b, 0),
          problem.demands.reduce((a, b) => a + b, 0),
        );
        expect(lp.quantity).toBe(movable);
        expect(greedy.quantity).toBe(movable);
        expect(lp.costFen).toBeLessThanOrEqual(greedy.costFen);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('transfer rules', () => {
  const site = (dealerId: string, regions: [string, boolean][], location: [number, number] | null = [113, 23]): Site => ({
    dealerId,
    territory: regions.map(([regionCode, exclusive]) => ({ regionCode, exclusive })),
    location,
  });

  it("keeps an exclusive dealer's stock within the city (or province, or county) of its exclusive regions", () => {
    const exclusiveTianhe = site('a', [['440106', true]]);
    expect(exclusiveBound(exclusiveTianhe.territory, 'city')).toEqual(['4401']);
    expect(transferAllowed(exclusiveTianhe, site('b', [['440103', false]]), 'city')).toBe(true);
    expect(transferAllowed(exclusiveTianhe, site('b', [['440303', false]]), 'city')).toBe(false);
    expect(transferAllowed(exclusiveTianhe, site('b', [['440303', false]]), 'province')).toBe(true);
    expect(transferAllowed(exclusiveTianhe, site('b', [['440103', false]]), 'county')).toBe(false);
    // a receiver straddling the bound (one region outside) is outside it
    expect(
      transferAllowed(
        exclusiveTianhe,
        site('b', [
          ['440103', false],
          ['440303', false],
        ]),
        'city',
      ),
    ).toBe(false);
    // non-exclusive stock may go anywhere; nobody sends to itself
    expect(transferAllowed(site('c', [['440106', false]]), site('b', [['310101', false]]), 'county')).toBe(true);
    expect(transferAllowed(exclusiveTianhe, exclusiveTianhe, 'province')).toBe(false);
  });

  it('prices a pair by the most specific cost table entry in either direction, else by distance', () => {
    const a = site('a', [['440106', false]], [113.36, 23.12]);
    const b = site('b', [['440303', false]], [114.13, 22.55]);
    const settings = { baseFen: 300, perKmFen: 1 };
    expect(
      unitCost(
        a,
        b,
        new Map([
          ['440000|440000', 50],
          ['440300|440100', 80],
        ]),
        settings,
      ),
    ).toMatchObject({ unitCostFen: 80, source: 'table' });
    expect(unitCost(a, b, new Map([['440000|440000', 50]]), settings)).toMatchObject({ unitCostFen: 50, source: 'table' });
    const byDistance = unitCost(a, b, new Map(), settings)!;
    // 0.77° of longitude and 0.57° of latitude at 23°N: sqrt((0.77*102.4)^2 + (0.57*111.2)^2) ≈ 100 km
    expect(byDistance.distanceKm!).toBeGreaterThan(97);
    expect(byDistance.distanceKm!).toBeLessThan(103);
    expect(byDistance.unitCostFen).toBe(Math.round(300 + byDistance.distanceKm!));
    expect(unitCost(site('x', [], null), b, new Map(), settings)).toBeNull();
  });

  it('splits a position into overstock and shortage on the stock-health targets', () => {
    // The alternating 0/20 series with L 7, cycle 14, 95%: SS 44, ROP 114, max 254 (stock-health.rules.ts).
    const m = stockHealth({
      dailySales: Array.from({ length: 90 }, (_, i) => (i % 2 ? 20 : 0)),
      onHand: 0,
      onOrder: 0,
      daysSinceLastSale: 0,
      slowDays: 90,
      averageOnHand: 0,
      unitCostFen: 1,
      serviceLevel: 0.95,
      leadTimeDays: 7,
      leadTimeSdDays: 0,
      orderCycleDays: 14,
    });
    const t = { safetyStock: m.safetyStock, reorderPoint: m.reorderPoint, orderUpTo: m.orderUpTo };
    expect(t).toEqual({ safetyStock: 44, reorderPoint: 114, orderUpTo: 254 });
    expect(overstockAndShortage({ onHand: 300, onOrder: 0, ...t })).toEqual({ supply: 300 - 254, demand: 0 });
    expect(overstockAndShortage({ onHand: 40, onOrder: 30, ...t })).toEqual({ supply: 0, demand: 114 - 70 });
    // Stock on order cannot be moved, and what is on hand keeps its safety stock: 100 on hand, 500 on order gives 56.
    expect(overstockAndShortage({ onHand: 100, onOrder: 500, ...t })).toEqual({ supply: 100 - 44, demand: 0 });
    // Critical (on hand below SS) gives nothing, however much is on order.
    expect(overstockAndShortage({ onHand: 10, onOrder: 500, ...t })).toEqual({ supply: 0, demand: 0 });
  });

  it('gives only from pairs the alert centre does not call short, and needs only where it does', () => {
    const targets = fc
      .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100 }))
      .map(([ss, extra, cycle]) => ({ safetyStock: ss, reorderPoint: ss + extra, orderUpTo: ss + extra + cycle }));
    fc.assert(
      fc.property(targets, fc.integer({ min: -5, max: 400 }), fc.integer({ min: 0, max: 400 }), (t, onHand, onOrder) => {
        const { supply, demand } = overstockAndShortage({ onHand, onOrder, ...t });
        const level = (h: number) => classify({ onHand: h, position: h + onOrder, ...t, slowMoving: false }).level;
        const short = (h: number) => level(h) === 'critical' || level(h) === 'reorder';
        expect(demand > 0).toBe(onHand + onOrder < t.reorderPoint);
        if (demand > 0) expect(short(onHand)).toBe(true);
        if (supply > 0) {
          expect(short(onHand)).toBe(false);
          expect(level(onHand - supply)).not.toBe('critical');
          expect(level(onHand - supply)).not.toBe('reorder'); // still not short once the supply has left
        }
        expect(supply > 0 && demand > 0).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
