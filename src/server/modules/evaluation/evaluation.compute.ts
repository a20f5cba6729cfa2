// Turns the gathered source figures of one period into scorecards (pure: no database).
import { elasticTarget, demandIndexFor } from './targets.rules.js';
import { blendedBenchmark, compositeOf, inventoryScore, rankWithin, round2, salesCompletion, salesScore, satisfactionScore } from './scorecard.rules.js';
import { turnoverDays } from '../stock-health/stock-health.rules.js';
import { inventoryLines } from './inventory-lines.js';
import { daysBetween, type PeriodRange } from '../../../shared/dates.js';
import type { EvaluationSettings, Grade } from './settings.rules.js';
import type { DealerToEvaluate, MovementRow, OrderFulfilmentRow, SalesPerProductRow, StockPositionRow } from './evaluation.repo.js';
import type { SatisfactionInputs } from './sources.js';

export interface PeriodFacts {
  range: PeriodRange;
  targets: Map<string, number>;
  indices: Map<string, number>;
  actual: Map<string, number>;
  orders: OrderFulfilmentRow[];
  renewal: Map<string, { previous: number; renewed: number }>;
  stock: StockPositionRow[];
  movements: MovementRow[];
  sales: SalesPerProductRow[];
  /** stock health's slow-mover threshold (stock-health.settings.ts) */
  slowDays: number;
  satisfaction: Map<string, SatisfactionInputs> | null;
}

export interface Scorecard {
  dealerId: string;
  regionCode: string | null;
  targetFen: number | null;
  adjustedTargetFen: number | null;
  demandIndex: number | null;
  adjustmentFactor: number;
  adjustmentReason: string | null;
  actualFen: number;
  salesCompletion: number | null;
  salesScore: number | null;
  satisfactionScore: number | null;
  inventoryScore: number | null;
  composite: number | null;
  grade: Grade | null;
  regionRank: number | null;
  regionSize: number | null;
  kpis: KpiDetail;
}

export interface KpiDetail {
  weights: Record<string, number>;
  sales: { basis: string; indexRegion: string | null };
  satisfaction: { parts: Record<string, number | null>; weights: Record<string, number>; inputs: Record<string, number | null> };
  inventory: { parts: Record<string, number | null>; weights: Record<string, number>; inputs: Record<string, number | null> };
}

/** Orders due by the period end count; on time = fully shipped within `days` of the order date. */
export function fulfilmentOf(orders: OrderFulfilmentRow[], periodEnd: string, days: number): { due: number; onTime: number } {
  let due = 0;
  let onTime = 0;
  for (const o of orders) {
    const complete = ['shipped', 'received', 'closed'].includes(o.status) && o.last_shipped_on !== null;
    const late = daysBetween(o.order_date, periodEnd) > days;
    if (complete && daysBetween(o.order_date, o.last_shipped_on as string) <= days) {
      due++;
      onTime++;
    } else if (complete || late) due++;
  }
  return { due, onTime };
}

interface InventoryFacts {
  avgValue: number;
  closingValue: number;
  slowValue: number;
  cogs: number;
  valueByCategory: Map<string, number>;
}

const roundOrNull = (x: number | null): number | null => (x === null ? null : round2(x));

/** Per dealer: the sums of its inventory lines (inventory-lines.ts), valued at list price. */
function inventoryFacts(facts: PeriodFacts): Map<string, InventoryFacts> {
  const out = new Map<string, InventoryFacts>();
  for (const line of inventoryLines(facts.range, facts.stock, facts.movements, facts.sales, facts.slowDays)) {
    let f = out.get(line.dealerId);
    if (!f) out.set(line.dealerId, (f = { avgValue: 0, closingValue: 0, slowValue: 0, cogs: 0, valueByCategory: new Map() }));
    const avg = line.averageOnHand * line.priceFen;
    const closingValue = Math.max(0, line.closing) * line.priceFen;
    f.avgValue += avg;
    f.closingValue += closingValue;
    f.valueByCategory.set(line.category, (f.valueByCategory.get(line.category) ?? 0) + avg);
    if (line.slow) f.slowValue += closingValue;
    f.cogs += line.soldQuantity * line.priceFen;
  }
  return out;
}

export function computeScorecards(dealers: DealerToEvaluate[], facts: PeriodFacts, settings: EvaluationSettings): Scorecard[] {
  const days = daysBetween(facts.range.from, facts.range.to) + 1;
  const ordersByDealer = new Map<string, OrderFulfilmentRow[]>();
  for (const o of facts.orders) {
    const list = ordersByDealer.get(o.dealer_id);
    if (list) list.push(o);
    else ordersByDealer.set(o.dealer_id, [o]);
  }
  const inventory = inventoryFacts(facts);

  const cards = dealers.map((d): Scorecard => {
    const index = demandIndexFor(d.region_code, facts.indices);
    const target = facts.targets.get(d.id) ?? null;
    const elastic = target === null ? null : elasticTarget(target, index?.demandIndex ?? null, settings.elastic, index?.regionCode);
    const actualFen = facts.actual.get(d.id) ?? 0;
    const completion = salesCompletion(actualFen, elastic?.adjustedTargetFen ?? null);

    const ful = fulfilmentOf(ordersByDealer.get(d.id) ?? [], facts.range.to, settings.fulfilmentDays);
    const ren = facts.renewal.get(d.id);
    const sat = facts.satisfaction?.get(d.id) ?? null;
    const satInputs = {
      firstResponse24h: sat?.firstResponse24h ?? null,
      resolution: sat?.resolution ?? null,
      fulfilment: ful.due > 0 ? ful.onTime / ful.due : null,
      survey: sat?.survey ?? null,
      renewal: ren && ren.previous > 0 ? ren.renewed / ren.previous : null,
    };
    const satisfaction = satisfactionScore(satInputs, settings.satisfactionWeights);

    const inv = inventory.get(d.id);
    const benchmark = inv ? blendedBenchmark(inv.valueByCategory, settings.turnoverBenchmarkDays) : settings.turnoverBenchmarkDays.default;
    const invInputs = {
      turnoverDays: inv ? roundOrNull(turnoverDays(inv.avgValue, inv.cogs / days)) : null,
      benchmarkDays: benchmark,
      slowMovingRatio: inv && inv.closingValue > 0 ? round2((inv.slowValue / inv.closingValue) * 10000) / 10000 : inv ? 0 : null,
    };
    const inventoryResult = inventoryScore(invInputs, settings.inventoryWeights);

    const sScore = salesScore(completion);
    const composite = compositeOf({ sales: sScore, satisfaction: satisfaction.score, inventory: inventoryResult.score }, settings);
    return {
      dealerId: d.id,
      regionCode: d.region_code,
      targetFen: target,
      adjustedTargetFen: elastic?.adjustedTargetFen ?? null,
      demandIndex: index?.demandIndex ?? null,
      adjustmentFactor: elastic?.factor ?? 1,
      adjustmentReason: elastic?.reason ?? null,
      actualFen,
      salesCompletion: completion,
      salesScore: sScore,
      satisfactionScore: satisfaction.score,
      inventoryScore: inventoryResult.score,
      composite: composite.composite,
      grade: composite.grade,
      regionRank: null,
      regionSize: null,
      kpis: {
        weights: composite.effectiveWeights,
        sales: { basis: settings.salesBasis, indexRegion: index?.regionCode ?? null },
        satisfaction: {
          parts: satisfaction.parts,
          weights: satisfaction.effectiveWeights,
          inputs: { ...satInputs, complaints: sat?.complaints ?? null, ordersDue: ful.due, ordersOnTime: ful.onTime, previousCustomers: ren?.previous ?? null, renewedCustomers: ren?.renewed ?? null },
        },
        inventory: {
          parts: inventoryResult.parts,
          weights: inventoryResult.effectiveWeights,
          inputs: {
            ...invInputs,
            avgInventoryValueFen: inv ? Math.round(inv.avgValue) : null,
            cogsFen: inv ? Math.round(inv.cogs) : null,
            slowValueFen: inv ? Math.round(inv.slowValue) : null,
            closingValueFen: inv ? Math.round(inv.closingValue) : null,
          },
        },
      },
    };
  });
  const ranks = rankWithin(
    cards,
    (c) => (c.regionCode ?? '').slice(0, 2),
    (c) => c.composite,
  );
  for (const c of cards) {
    const r = ranks.get(c);
    if (r) [c.regionRank, c.regionSize] = [r.rank, r.size];
  }
  return cards;
}

/** The target of a period: its own row, else the sum of its months, else of its quarters (all present). */
export function resolveTargets(rows: { dealer_id: string; period: string; target_fen: number }[], range: PeriodRange): Map<string, number> {
  const byDealer = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = byDealer.get(r.dealer_id);
    if (!m) byDealer.set(r.dealer_id, (m = new Map()));
    m.set(r.period, r.target_fen);
  }
  const year = range.period.slice(0, 4);
  const quarters = range.kind === 'year' ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`) : [];
  const out = new Map<string, number>();
  for (const [dealerId, m] of byDealer) {
    const own = m.get(range.period);
    if (own !== undefined) out.set(dealerId, own);
    else if (range.kind !== 'month' && range.months.every((p) => m.has(p)))
      out.set(
        dealerId,
        range.months.reduce((s, p) => s + (m.get(p) as number), 0),
      );
    else if (quarters.length && quarters.every((q) => m.has(q)))
      out.set(
        dealerId,
        quarters.reduce((s, q) => s + (m.get(q) as number), 0),
      );
  }
  return out;
}
