// One evaluation run (docs/rules.md, C6 -> C7): gathers every source for the period with grouped
// queries, scores all dealers, then in one transaction supersedes the period's current version,
// writes the new scorecards and proposals, and applies the warning rules.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, invalid } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { chunks, isUniqueViolation } from '../../core/locks.js';
import { idempotent, type Outcome } from '../../core/idempotency.js';
import * as repo from './evaluation.repo.js';
import { stockHealthParameters } from '../stock-health/stock-health.settings.js';
import { computeScorecards, resolveTargets, type Scorecard } from './evaluation.compute.js';
import { loadSettings } from './evaluation.settings.js';
import { isPeriod, parsePeriod, previousPeriod, samePeriodLastYear, type PeriodRange, businessDate } from '../../../shared/dates.js';
import type { EvaluationSettings } from './settings.rules.js';
import { proposalsFor } from './consequences.rules.js';
import { targetPeriods } from './targets.service.js';
import { diversionSource, satisfactionSource } from './sources.js';
import { applyWarnings, type ApplySummary } from '../warnings/warnings.apply.js';
import { salesByDealer } from '../incentives/incentives.service.js';
import { isBelowBaseline, type DealerSignals } from '../warnings/warnings.rules.js';

export interface RunResult {
  id: string;
  period: string;
  version: number;
  evaluated: number;
  warnings: ApplySummary;
  proposals: number;
}

async function gather(ctx: ServiceContext, range: PeriodRange, settings: EvaluationSettings, dealerIds: string[]) {
  const db = ctx.db;
  const prev = parsePeriod(previousPeriod(range.period));
  const lastYear = parsePeriod(samePeriodLastYear(range.period));
  // sell_in is the qualifying sales incentives pay on: one figure for the whole loop (docs/rules.md, C6 "Sales KPI").
  const actualOf = settings.salesBasis === 'sell_out' ? repo.sellOutByDealer : salesByDealer;
  const source = satisfactionSource();
  const [targetRows, indices, actual, lastYearActual, orders, renewal, stock, movements, sales, stockHealth, satisfaction, diversion] = await Promise.all([
    repo.targetRows(db, targetPeriods(range)),
    repo.marketIndices(db, range.period),
    actualOf(db, range.from, range.to),
    actualOf(db, lastYear.from, lastYear.to),
    repo.ordersWithLastShipment(db, range.from, range.to),
    repo.renewalByDealer(db, prev.from, range.from, range.to),
    repo.stockPositions(db, range.from, range.to),
    repo.periodMovements(db, range.from, range.to),
    repo.selloutPerProduct(db, range.from, range.to),
    stockHealthParameters(db),
    source ? source.forPeriod(db, range, dealerIds) : Promise.resolve(null),
    diversionSource()?.casesPerDealer(db, range, dealerIds) ?? Promise.resolve(null),
  ]);
  // Complaint history: the three periods before, for the spike rule.
  let complaintHistory: Map<string, number> | null = null;
  if (source) {
    complaintHistory = new Map();
    let p = range.period;
    for (let i = 0; i < 3; i++) {
      p = previousPeriod(p);
      for (const [id, inputs] of await source.forPeriod(db, parsePeriod(p), dealerIds)) complaintHistory.set(id, (complaintHistory.get(id) ?? 0) + inputs.complaints / 3);
    }
  }
  const previousQuarter = range.kind === 'quarter' ? await repo.currentComposites(db, previousPeriod(range.period)) : null;
  return {
    facts: { range, targets: resolveTargets(targetRows, range), indices, actual, orders, renewal, stock, movements, sales, slowDays: stockHealth.slowDays, satisfaction },
    lastYearActual,
    complaintHistory,
    previousQuarter,
    diversion,
  };
}

function signalsOf(cards: Scorecard[], g: Awaited<ReturnType<typeof gather>>, range: PeriodRange, settings: EvaluationSettings): Map<string, DealerSignals> {
  const out = new Map<string, DealerSignals>();
  for (const c of cards) {
    const prevQ = g.previousQuarter?.get(c.dealerId);
    out.set(c.dealerId, {
      period: range.period,
      periodEnd: range.to,
      composite: c.composite,
      actualFen: c.actualFen,
      lastYearActualFen: g.lastYearActual.get(c.dealerId) ?? null,
      previousQuarterBelow: prevQ === undefined ? null : isBelowBaseline(prevQ, settings.warning.baselineComposite),
      complaints: g.facts.satisfaction?.get(c.dealerId)?.complaints ?? null,
      complaintsBaseline: g.complaintHistory?.get(c.dealerId) ?? null,
      diversionCases: g.diversion?.get(c.dealerId) ?? null,
    });
  }
  return out;
}

async function writeRun(
  trx: Transaction<DB>,
  ctx: ServiceContext,
  range: PeriodRange,
  settings: EvaluationSettings,
  cards: Scorecard[],
  dealers: repo.DealerToEvaluate[],
  signals: Map<string, DealerSignals>,
): Promise<RunResult> {
  const now = ctx.clock.now().toISOString();
  const version = await repo.nextRunVersion(trx, range.period);
  const id = newId('evr');
  try {
    await trx
      .insertInto('evaluation_runs')
      .values({ id, period: range.period, version, status: 'current', evaluated: cards.length, settings: JSON.stringify(settings), triggered_by: ctx.caller.name, started_at: now, finished_at: now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `Another evaluation run of ${range.period} is in progress; try again`);
    throw error;
  }
  const superseded = await trx.updateTable('evaluation_runs').set({ status: 'superseded' }).where('period', '=', range.period).where('id', '!=', id).where('status', '=', 'current').executeTakeFirst();
  await trx.updateTable('evaluations').set({ current: 0 }).where('period', '=', range.period).where('current', '=', 1).execute();
  await trx.updateTable('evaluation_proposals').set({ status: 'superseded' }).where('period', '=', range.period).where('status', '=', 'pending').execute();

  const evalIds = new Map<string, string>();
  const rows = cards.map((c) => {
    const evalId = newId('evl');
    evalIds.set(c.dealerId, evalId);
    return {
      id: evalId,
      run_id: id,
      dealer_id: c.dealerId,
      period: range.period,
      current: 1,
      region_code: c.regionCode,
      target_fen: c.targetFen,
      adjusted_target_fen: c.adjustedTargetFen,
      demand_index: c.demandIndex,
      adjustment_factor: c.adjustmentFactor,
      adjustment_reason: c.adjustmentReason,
      actual_fen: c.actualFen,
      sales_completion: c.salesCompletion,
      sales_score: c.salesScore,
      satisfaction_score: c.satisfactionScore,
      inventory_score: c.inventoryScore,
      composite: c.composite,
      grade: c.grade,
      region_rank: c.regionRank,
      region_size: c.regionSize,
      kpis: JSON.stringify(c.kpis),
      created_at: now,
    };
  });
  for (const batch of chunks(rows, 200)) await trx.insertInto('evaluations').values(batch).execute();

  // Grade-driven proposals come from quarterly and yearly evaluations (a monthly dip moves nothing).
  let proposals = 0;
  if (range.kind !== 'month') {
    const adjustments = await repo.rebateAdjustments(
      trx,
      dealers.map((d) => d.id),
    );
    const byId = new Map(dealers.map((d) => [d.id, d]));
    const proposalRows = cards.flatMap((c) =>
      c.grade === null
        ? []
        : proposalsFor(c.grade, { rebateAdjustmentBp: adjustments.get(c.dealerId) ?? 0, creditLimitFen: byId.get(c.dealerId)?.credit_limit_fen ?? 0 }, settings.consequences).map((p) => ({
            id: newId('epr'),
            evaluation_id: evalIds.get(c.dealerId) as string,
            dealer_id: c.dealerId,
            period: range.period,
            kind: p.kind,
            grade: c.grade as string,
            current_value: p.currentValue,
            proposed_value: p.proposedValue,
            status: 'pending',
            decided_by: null,
            decided_at: null,
            note: null,
            created_at: now,
          })),
    );
    for (const batch of chunks(proposalRows, 200)) await trx.insertInto('evaluation_proposals').values(batch).execute();
    proposals = proposalRows.length;
  }
  const warnings = await applyWarnings(trx, ctx, signals, settings.warning);
  await appendAudit(trx, ctx, {
    action: 'evaluation.run',
    entityType: 'evaluation_run',
    entityId: id,
    change: { period: range.period, version, evaluated: cards.length, supersededRuns: Number(superseded.numUpdatedRows), proposals, warnings },
  });
  return { id, period: range.period, version, evaluated: cards.length, warnings, proposals };
}

/** Evaluates every active dealer for `period`; a re-run supersedes (and keeps) the previous version. */
export async function runEvaluation(ctx: ServiceContext, period: string, idempotencyKey?: string): Promise<Outcome<RunResult>> {
  if (!isPeriod(period)) throw invalid('/body/period', 'must be YYYY-MM, YYYY-Qn or YYYY');
  const range = parsePeriod(period);
  const today = businessDate(ctx.clock.now());
  if (range.from > today) throw invalid('/body/period', 'has not started yet');
  const settings = await loadSettings(ctx.db);
  const dealers = await repo.dealersToEvaluate(ctx.db);
  const ids = dealers.map((d) => d.id);
  const g = await gather(ctx, range, settings, ids);
  const cards = computeScorecards(dealers, g.facts, settings);
  const signals = signalsOf(cards, g, range, settings);
  return idempotent(ctx, { key: idempotencyKey, scope: 'evaluations.run', body: { period } }, 201, (trx) => writeRun(trx, ctx, range, settings, cards, dealers, signals));
}
