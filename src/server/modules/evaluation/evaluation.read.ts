// Reading scorecards: lists (scoped, ranked by region), one scorecard, runs, and the drill-down
// from every KPI to the rows it came from.
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { notFound } from '../../core/errors.js';
import { encodeCursor, type Page, type PageRequest } from '../../core/list.js';
import type { Evaluation, EvaluationListQuery, EvaluationRun, KpiSourceRow } from '../../../shared/schemas/index.js';
import type { EvaluationsTable } from '../../db/types.js';
import * as repo from './evaluation.repo.js';
import { daysBetween, parsePeriod, previousPeriod } from '../../../shared/dates.js';
import { inventoryLines } from './inventory-lines.js';
import { round2 } from './scorecard.rules.js';
import { stockHealthParameters } from '../stock-health/stock-health.settings.js';
import { loadSettings } from './evaluation.settings.js';
import { satisfactionSource } from './sources.js';
import { fulfilmentOf } from './evaluation.compute.js';
import { salesLines } from '../incentives/incentives.service.js';

const offsetOf = (page: PageRequest) => (page.after ? Number(page.after) || 0 : 0);
const num = (v: number | null) => (v === null ? null : Number(v));

type Row = EvaluationsTable & { code: string; name: string };
export function toEvaluation(r: Row): Evaluation {
  return {
    id: r.id,
    runId: r.run_id,
    dealerId: r.dealer_id,
    dealerCode: r.code,
    dealerName: r.name,
    period: r.period,
    current: Number(r.current) === 1,
    regionCode: r.region_code,
    targetFen: num(r.target_fen),
    adjustedTargetFen: num(r.adjusted_target_fen),
    demandIndex: num(r.demand_index),
    adjustmentFactor: Number(r.adjustment_factor),
    adjustmentReason: r.adjustment_reason,
    actualFen: Number(r.actual_fen),
    salesCompletion: num(r.sales_completion),
    salesScore: num(r.sales_score),
    satisfactionScore: num(r.satisfaction_score),
    inventoryScore: num(r.inventory_score),
    composite: num(r.composite),
    grade: r.grade as Evaluation['grade'],
    regionRank: num(r.region_rank),
    regionSize: num(r.region_size),
    kpis: JSON.parse(r.kpis) as Record<string, unknown>,
    createdAt: r.created_at,
  };
}

export async function listEvaluations(ctx: ServiceContext, q: EvaluationListQuery, page: PageRequest): Promise<Page<Evaluation>> {
  let query = ctx.db
    .selectFrom('evaluations as e')
    .innerJoin('dealers as d', 'd.id', 'e.dealer_id')
    .selectAll('e')
    .select(['d.code', 'd.name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'e.dealer_id'));
  query = q.runId ? query.where('e.run_id', '=', q.runId) : query.where('e.current', '=', 1);
  if (q.period) query = query.where('e.period', '=', q.period);
  if (q.dealerId) query = query.where('e.dealer_id', '=', q.dealerId);
  if (q.grade) query = query.where('e.grade', '=', q.grade);
  if (q.province) query = query.where('e.region_code', 'like', `${q.province}%`);
  query =
    q.sort === 'rank'
      ? query.orderBy('e.period', 'desc').orderBy('e.region_code').orderBy('e.region_rank').orderBy('e.dealer_id')
      : query.orderBy('e.period', 'desc').orderBy('e.composite', 'desc').orderBy('e.dealer_id');
  const offset = offsetOf(page);
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  return { items: (more ? rows.slice(0, page.limit) : rows).map((r) => toEvaluation(r as Row)), nextCursor: more ? encodeCursor(String(offset + page.limit)) : null };
}

export async function getEvaluation(ctx: ServiceContext, id: string): Promise<Evaluation> {
  const row = await ctx.db
    .selectFrom('evaluations as e')
    .innerJoin('dealers as d', 'd.id', 'e.dealer_id')
    .selectAll('e')
    .select(['d.code', 'd.name'])
    .where('e.id', '=', id)
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'e.dealer_id'))
    .executeTakeFirst();
  if (!row) throw notFound(`Evaluation ${id}`);
  return toEvaluation(row as Row);
}

export async function listRuns(ctx: ServiceContext, filter: { period?: string }, page: PageRequest): Promise<Page<EvaluationRun>> {
  let query = ctx.db.selectFrom('evaluation_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
  if (filter.period) query = query.where('period', '=', filter.period);
  const offset = offsetOf(page);
  const rows = await query
    .limit(page.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > page.limit;
  return {
    items: (more ? rows.slice(0, page.limit) : rows).map((r) => ({
      id: r.id,
      period: r.period,
      version: Number(r.version),
      status: r.status as EvaluationRun['status'],
      evaluated: Number(r.evaluated),
      triggeredBy: r.triggered_by,
      startedAt: r.started_at,
    })),
    nextCursor: more ? encodeCursor(String(offset + page.limit)) : null,
  };
}

/** The rows behind one KPI of one scorecard, recomputed from the sources for its period. */
export async function kpiSources(ctx: ServiceContext, id: string, kpi: 'sales' | 'fulfilment' | 'renewal' | 'inventory' | 'tickets'): Promise<KpiSourceRow[]> {
  const ev = await getEvaluation(ctx, id);
  const range = parsePeriod(ev.period);
  const db = ctx.db;
  const dealerId = ev.dealerId;
  const settings = await loadSettings(db);
  if (kpi === 'sales') {
    if ((ev.kpis.sales as { basis?: string } | undefined)?.basis === 'sell_out') {
      const rows = await db
        .selectFrom('sellout_records as s')
        .innerJoin('products as p', 'p.id', 's.product_id')
        .select(['s.id', 's.sold_on', 'p.sku', 's.quantity', 's.amount_fen', 's.customer_ref'])
        .where('s.dealer_id', '=', dealerId)
        .where('s.sold_on', '>=', range.from)
        .where('s.sold_on', '<=', range.to)
        .orderBy('s.sold_on')
        .orderBy('s.id')
        .limit(5000)
        .execute();
      return rows.map((r) => ({ id: r.id, date: r.sold_on, label: r.sku, values: { kind: 'sellout', quantity: Number(r.quantity), amountFen: Number(r.amount_fen), customerRef: r.customer_ref } }));
    }
    // The very rows the score counts: qualifying sales (incentives' salesLines), so a level-2
    // dealer's purchases from its level-1 are absent here as they are from the score.
    const lines = await salesLines(db, dealerId, range.from, range.to);
    return lines.map((l) => ({ id: l.sourceId, date: l.date, label: l.docNo, values: { kind: l.kind, order: l.orderNumber, amountFen: l.amountFen } }));
  }
  if (kpi === 'fulfilment') {
    const orders = await repo.ordersWithLastShipment(db, range.from, range.to, dealerId);
    return orders.map((o) => {
      const f = fulfilmentOf([o], range.to, settings.fulfilmentDays);
      return {
        id: o.id,
        date: o.order_date,
        label: o.number,
        values: {
          status: o.status,
          totalFen: o.total_fen,
          lastShippedOn: o.last_shipped_on,
          daysToShip: o.last_shipped_on ? daysBetween(o.order_date, o.last_shipped_on) : null,
          counted: f.due === 1,
          onTime: f.onTime === 1,
        },
      };
    });
  }
  if (kpi === 'renewal') {
    const prev = parsePeriod(previousPeriod(ev.period));
    const rows = await repo.renewalCustomers(db, dealerId, prev.from, range.from, range.to);
    return rows.map((r) => ({
      id: String(r.customer_ref),
      date: r.last_sold_on,
      label: String(r.customer_ref),
      values: { boughtPreviousPeriod: Number(r.in_prev) === 1, boughtThisPeriod: Number(r.in_cur) === 1 },
    }));
  }
  if (kpi === 'inventory') {
    const [stock, movements, sales, stockHealth] = await Promise.all([
      repo.stockPositions(db, range.from, range.to, dealerId),
      repo.periodMovements(db, range.from, range.to, dealerId),
      repo.selloutPerProduct(db, range.from, range.to, dealerId),
      stockHealthParameters(db),
    ]);
    return inventoryLines(range, stock, movements, sales, stockHealth.slowDays).map((line) => ({
      id: line.productId,
      date: range.to,
      label: `${line.sku} ${line.name}`,
      values: {
        category: line.category,
        opening: line.opening,
        closing: line.closing,
        averageOnHand: round2(line.averageOnHand),
        priceFen: line.priceFen,
        soldQuantity: line.soldQuantity,
        lastSoldOn: line.lastSoldOn,
        firstMovedOn: line.firstMovedOn,
        daysWithoutSale: line.daysWithoutSale,
        slow: line.slow,
      },
    }));
  }
  const source = satisfactionSource();
  return source ? source.rows(db, range, dealerId) : [];
}
