// POST /transfers/plan: overstock to shortage between the dealers of a region at least cost,
// solved with HiGHS, saved as a proposed plan beside the greedy plan's cost. Overstock and
// shortage are measured on the alert centre's targets (stock-health.service.ts stockTargets), so a
// plan never contradicts the alerts of the same dealer x SKU.
import type { TransferMove, TransferPlan, TransferPlanBody, TransferSettings } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, regionPrefix } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { invalid } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { businessDate } from '../../../shared/dates.js';
import { findRegion } from '../regions/regions.data.js';
import { regionCentroids } from './centroids.data.js';
import { solveTransport } from './highs.solver.js';
import { siteLocation, transferAllowed, unitCost, type BoundLevel, type Site, type UnitCost } from './network.rules.js';
import { stockTargets, type StockTarget } from '../stock-health/stock-health.service.js';
import { greedyPlan, overstockAndShortage, totalsOf, type TransportProblem } from './transport.rules.js';
import * as repo from './transfers.repo.js';
import { transferSettings } from './transfers.settings.js';

export type Position = Pick<StockTarget, 'dealerId' | 'productId' | 'onHand' | 'onOrder' | 'safetyStock' | 'reorderPoint' | 'orderUpTo'>;

export interface SkuProblem {
  productId: string;
  suppliers: string[];
  demanders: string[];
  problem: TransportProblem;
  arcCosts: Map<string, UnitCost>;
}

/** Builds one transportation problem per product from positions with their targets, sites and costs (no I/O). */
export function buildProblems(positions: Position[], sites: Map<string, Site>, costTable: Map<string, number>, settings: TransferSettings): SkuProblem[] {
  const byProduct = new Map<string, { dealerId: string; supply: number; demand: number }[]>();
  for (const p of positions) {
    if (!sites.get(p.dealerId)?.location) continue; // no place, no distance: left out of planning
    const { supply, demand } = overstockAndShortage(p);
    if (supply === 0 && demand === 0) continue;
    byProduct.set(p.productId, [...(byProduct.get(p.productId) ?? []), { dealerId: p.dealerId, supply, demand }]);
  }
  const out: SkuProblem[] = [];
  for (const [productId, rows] of [...byProduct].sort(([a], [b]) => a.localeCompare(b))) {
    const sup = rows.filter((r) => r.supply > 0);
    const dem = rows.filter((r) => r.demand > 0);
    if (sup.length === 0 || dem.length === 0) continue;
    const arcCosts = new Map<string, UnitCost>();
    const costs = sup.map((s, i) =>
      dem.map((d, j) => {
        const from = sites.get(s.dealerId)!;
        const to = sites.get(d.dealerId)!;
        if (!transferAllowed(from, to, settings.exclusiveBoundLevel as BoundLevel)) return null;
        const cost = unitCost(from, to, costTable, { baseFen: settings.costBaseFen, perKmFen: settings.costPerKmFen });
        // A lane without a contracted cost is not planned beyond the distance limit.
        if (!cost || (cost.source === 'distance' && cost.distanceKm! > settings.maxDistanceKm)) return null;
        arcCosts.set(`${i}|${j}`, cost);
        return cost.unitCostFen;
      }),
    );
    out.push({
      productId,
      suppliers: sup.map((s) => s.dealerId),
      demanders: dem.map((d) => d.dealerId),
      problem: { supplies: sup.map((s) => s.supply), demands: dem.map((d) => d.demand), costs },
      arcCosts,
    });
  }
  return out;
}

export async function planTransfers(ctx: ServiceContext, body: TransferPlanBody): Promise<TransferPlan> {
  if (body.regionCode && !findRegion(body.regionCode)) throw invalid('/regionCode', `is not a known region (${body.regionCode})`);
  const product = body.sku ? await repo.productBySku(ctx.db, body.sku) : undefined;
  if (body.sku && !product) throw invalid('/sku', `is not a known SKU (${body.sku})`);
  const settings = await transferSettings(ctx.db);
  const { dealers, territories } = await repo.planningDealers(ctx.db, dealerScopeOf(ctx.caller), body.regionCode ? regionPrefix(body.regionCode) : null);
  const centroids = regionCentroids();
  const sites = new Map<string, Site>();
  for (const d of dealers) {
    const territory = territories.filter((t) => t.dealer_id === d.id).map((t) => ({ regionCode: t.region_code, exclusive: t.exclusive === 1 }));
    sites.set(d.id, { dealerId: d.id, territory, location: siteLocation(territory, centroids) });
  }
  const costTable = new Map((await repo.allCosts(ctx.db)).map((c) => [`${c.from_region_code}|${c.to_region_code}`, Number(c.unit_cost_fen)]));
  // The same filters as the alert centre's (region by territory, SKU, caller's scope); dealers
  // that are not trading have no site and drop out in buildProblems.
  const { targets: positions } = await stockTargets(ctx, { regionCode: body.regionCode, sku: body.sku });
  const problems = buildProblems(positions, sites, costTable, settings);

  let solveMs = 0;
  const moves: (TransferMove & { productId: string; distanceM: number | null })[] = [];
  const greedy = { totalQuantity: 0, totalCostFen: 0 };
  let supplyQuantity = 0;
  let demandQuantity = 0;
  const productIds = [...new Set(problems.map((p) => p.productId))];
  const products = new Map((await repo.productsById(ctx.db, productIds)).map((p) => [p.id, p]));
  const dealerById = new Map(dealers.map((d) => [d.id, d]));
  for (const sp of problems) {
    supplyQuantity += sp.problem.supplies.reduce((a, b) => a + b, 0);
    demandQuantity += sp.problem.demands.reduce((a, b) => a + b, 0);
    const g = totalsOf(sp.problem, greedyPlan(sp.problem));
    greedy.totalQuantity += g.quantity;
    greedy.totalCostFen += g.costFen;
    const solved = await solveTransport(sp.problem);
    solveMs += solved.solveMs;
    for (const f of solved.flows) {
      const cost = sp.arcCosts.get(`${f.from}|${f.to}`)!;
      const from = dealerById.get(sp.suppliers[f.from])!;
      const to = dealerById.get(sp.demanders[f.to])!;
      const p = products.get(sp.productId)!;
      moves.push({
        productId: sp.productId,
        fromDealerId: from.id,
        fromDealerCode: from.code,
        fromDealerName: from.name,
        toDealerId: to.id,
        toDealerCode: to.code,
        toDealerName: to.name,
        sku: p.sku,
        productName: p.name,
        quantity: f.quantity,
        unitCostFen: cost.unitCostFen,
        costFen: f.quantity * cost.unitCostFen,
        distanceKm: cost.distanceKm === null ? null : Math.round(cost.distanceKm * 10) / 10,
        distanceM: cost.distanceKm === null ? null : Math.round(cost.distanceKm * 1000),
        costSource: cost.source,
      });
    }
  }
  const totalQuantity = moves.reduce((s, m) => s + m.quantity, 0);
  const totalCostFen = moves.reduce((s, m) => s + m.costFen, 0);
  const now = ctx.clock.now().toISOString();
  const id = newId('tpl');
  const dealerCount = new Set(problems.flatMap((p) => [...p.suppliers, ...p.demanders])).size;
  return ctx.db.transaction().execute(async (trx) => {
    const number = await nextDocNumber(trx, 'TP', businessDate(ctx.clock.now()));
    const row = {
      id,
      number,
      status: 'proposed',
      region_code: body.regionCode ?? null,
      sku: body.sku ?? null,
      bound_level: settings.exclusiveBoundLevel,
      total_quantity: totalQuantity,
      total_cost_fen: totalCostFen,
      greedy_quantity: greedy.totalQuantity,
      greedy_cost_fen: greedy.totalCostFen,
      supply_quantity: supplyQuantity,
      demand_quantity: demandQuantity,
      dealer_count: dealerCount,
      solve_ms: Math.round(solveMs),
      created_by: ctx.caller.name,
      created_at: now,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      executed_at: null,
      updated_at: now,
    };
    await trx.insertInto('transfer_plans').values(row).execute();
    for (let i = 0; i < moves.length; i += 500) {
      await trx
        .insertInto('transfer_plan_moves')
        .values(
          moves.slice(i, i + 500).map((m, k) => ({
            plan_id: id,
            position: i + k + 1,
            from_dealer_id: m.fromDealerId,
            to_dealer_id: m.toDealerId,
            product_id: m.productId,
            quantity: m.quantity,
            unit_cost_fen: m.unitCostFen,
            cost_fen: m.costFen,
            distance_m: m.distanceM,
            cost_source: m.costSource,
          })),
        )
        .execute();
    }
    await appendAudit(trx, ctx, {
      action: 'transfer_plan.create',
      entityType: 'transfer_plan',
      entityId: id,
      change: { number, regionCode: row.region_code, sku: row.sku, moves: moves.length, totalQuantity, totalCostFen, greedy, boundLevel: row.bound_level },
    });
    return {
      id,
      number,
      status: 'proposed',
      regionCode: row.region_code,
      sku: row.sku,
      boundLevel: settings.exclusiveBoundLevel,
      totalQuantity,
      totalCostFen,
      greedy,
      supplyQuantity,
      demandQuantity,
      dealerCount,
      solveMs: row.solve_ms,
      createdBy: row.created_by,
      createdAt: now,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      executedAt: null,
      moves: moves.map(({ productId: _p, distanceM: _d, ...m }) => m),
    };
  });
}
