// Evaluation, tiers, warnings and exit (issue 6, docs/rules.md, C6/C7/C8 tiers).
import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, RegionCode, StringEnum, Timestamp } from './common.js';
import { PERIOD_PATTERN } from '../dates.js';

export const EvaluationPeriod = Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY-MM, YYYY-Qn or YYYY' });
const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Literal('xlsx')),
};
const Score = Nullable(Type.Number({ description: '0-100; null = no data' }));
export const GRADE_VALUES = ['A', 'B', 'C', 'D'] as const;
export const WARNING_LEVEL_VALUES = ['yellow', 'orange', 'red'] as const;

// ---- Targets and market index ----
export const SalesTargetsBody = Type.Object(
  { items: Type.Array(Type.Object({ dealerId: Id, period: EvaluationPeriod, targetFen: Fen }, { additionalProperties: false }), { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
export type SalesTargetsBody = Static<typeof SalesTargetsBody>;
export const SalesTarget = Type.Object({
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  period: Type.String(),
  targetFen: Type.Integer(),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});
export type SalesTarget = Static<typeof SalesTarget>;
export const SalesTargetListQuery = Type.Object({ period: Type.Optional(EvaluationPeriod), dealerId: Type.Optional(Id), ...Paging }, { additionalProperties: false });

export const MarketIndexBody = Type.Object(
  {
    items: Type.Array(Type.Object({ regionCode: RegionCode, period: EvaluationPeriod, demandIndex: Type.Number({ exclusiveMinimum: 0, maximum: 10 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
);
export type MarketIndexBody = Static<typeof MarketIndexBody>;
export const MarketIndex = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  period: Type.String(),
  demandIndex: Type.Number(),
  adjustmentFactor: Type.Number(),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});
export type MarketIndex = Static<typeof MarketIndex>;
export const MarketIndexListQuery = Type.Object({ period: Type.Optional(EvaluationPeriod), ...Paging }, { additionalProperties: false });
export const PerformanceSaveResult = Type.Object({ saved: Type.Integer() });
export const PerformanceImportResult = Type.Object({ saved: Type.Integer(), rejected: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })) });

// ---- Runs and scorecards ----
export const EvaluationRunBody = Type.Object({ period: EvaluationPeriod }, { additionalProperties: false });
export const EvaluationRunResult = Type.Object({
  id: Id,
  period: Type.String(),
  version: Type.Integer(),
  evaluated: Type.Integer(),
  proposals: Type.Integer(),
  warnings: Type.Object({ opened: Type.Integer(), escalated: Type.Integer(), deEscalated: Type.Integer(), resolved: Type.Integer() }),
});
export const EvaluationRun = Type.Object({
  id: Id,
  period: Type.String(),
  version: Type.Integer(),
  status: StringEnum(['current', 'superseded'] as const),
  evaluated: Type.Integer(),
  triggeredBy: Type.String(),
  startedAt: Timestamp,
});
export type EvaluationRun = Static<typeof EvaluationRun>;
export const EvaluationRunListQuery = Type.Object({ period: Type.Optional(EvaluationPeriod), ...Paging }, { additionalProperties: false });

export const Evaluation = Type.Object({
  id: Id,
  runId: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  period: Type.String(),
  current: Type.Boolean(),
  regionCode: Nullable(Type.String()),
  targetFen: Nullable(Type.Integer()),
  adjustedTargetFen: Nullable(Type.Integer()),
  demandIndex: Nullable(Type.Number()),
  adjustmentFactor: Type.Number(),
  adjustmentReason: Nullable(Type.String()),
  actualFen: Type.Integer(),
  salesCompletion: Nullable(Type.Number()),
  salesScore: Score,
  satisfactionScore: Score,
  inventoryScore: Score,
  composite: Score,
  grade: Nullable(StringEnum(GRADE_VALUES)),
  regionRank: Nullable(Type.Integer()),
  regionSize: Nullable(Type.Integer()),
  kpis: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});
export type Evaluation = Static<typeof Evaluation>;
export const EvaluationListQuery = Type.Object(
  {
    period: Type.Optional(EvaluationPeriod),
    dealerId: Type.Optional(Id),
    runId: Type.Optional(Id),
    grade: Type.Optional(StringEnum(GRADE_VALUES)),
    province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'two-digit province prefix, e.g. 44' })),
    sort: Type.Optional(StringEnum(['rank', 'period'] as const)),
    ...Paging,
  },
  { additionalProperties: false },
);
export type EvaluationListQuery = Static<typeof EvaluationListQuery>;

export const KPI_SOURCES = ['sales', 'fulfilment', 'renewal', 'inventory', 'tickets'] as const;
export const KpiSourcesQuery = Type.Object({ kpi: StringEnum(KPI_SOURCES), format: Type.Optional(Type.Literal('xlsx')) }, { additionalProperties: false });
export const KpiSourceRow = Type.Object({
  id: Type.String(),
  date: Type.String(),
  label: Type.String(),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});
export type KpiSourceRow = Static<typeof KpiSourceRow>;

export const EvaluationSettingsBody = Type.Object(
  {
    weights: Type.Optional(
      Type.Object(
        { sales: Type.Number({ minimum: 0, maximum: 1 }), satisfaction: Type.Number({ minimum: 0, maximum: 1 }), inventory: Type.Number({ minimum: 0, maximum: 1 }) },
        { additionalProperties: false },
      ),
    ),
    gradeBands: Type.Optional(
      Type.Object({ A: Type.Number({ minimum: 0, maximum: 100 }), B: Type.Number({ minimum: 0, maximum: 100 }), C: Type.Number({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }),
    ),
    elastic: Type.Optional(Type.Object({ threshold: Type.Number({ minimum: 0, maximum: 2 }), floor: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false })),
    salesBasis: Type.Optional(StringEnum(['sell_in', 'sell_out'] as const)),
    fulfilmentDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    turnoverBenchmarkDays: Type.Optional(Type.Object({ default: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false })),
    /** removed: tier thresholds live in the incentive policy; sending this is refused with that pointer */
    tiers: Type.Optional(Type.Unknown({ description: 'Not accepted: publish tier thresholds with PUT /api/v1/incentive-policies' })),
  },
  { additionalProperties: false },
);
export const EvaluationSettingsView = Type.Record(Type.String(), Type.Unknown());

// ---- Proposals and tiers ----
export const EvaluationProposal = Type.Object({
  id: Id,
  evaluationId: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  period: Type.String(),
  kind: StringEnum(['rebate_rate', 'credit_limit'] as const),
  grade: Type.String(),
  currentValue: Type.Integer(),
  proposedValue: Type.Integer(),
  status: StringEnum(['pending', 'approved', 'rejected', 'superseded'] as const),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  note: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type EvaluationProposal = Static<typeof EvaluationProposal>;
export const EvaluationProposalListQuery = Type.Object(
  { status: Type.Optional(StringEnum(['pending', 'approved', 'rejected', 'superseded'] as const)), dealerId: Type.Optional(Id), ...Paging },
  { additionalProperties: false },
);
export const EvaluationProposalDecisionBody = Type.Object(
  { decision: StringEnum(['approve', 'reject'] as const), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const TierRegradeBody = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const TierRegradeResult = Type.Object({ year: Type.String(), reviewed: Type.Integer(), changed: Type.Integer() });
export const TierProgress = Type.Object({
  dealerId: Id,
  year: Type.String(),
  tier: Type.String(),
  reachedTier: Type.String(),
  annualSalesFen: Type.Integer(),
  coverage: Type.Integer(),
  nextTier: Nullable(Type.String()),
  salesGapFen: Type.Integer(),
  coverageGap: Type.Integer(),
  /** the graded window (12 full months) and the incentive policy version in force on its last day */
  from: Type.String(),
  to: Type.String(),
  policyVersion: Type.Integer(),
  /** the ladder of that policy version, ascending */
  tiers: Type.Array(Type.Object({ tier: Type.String(), name: Type.String(), minAnnualSalesFen: Type.Integer(), minCoverage: Type.Integer(), rebateRate: Type.Number() })),
});
export const PerformanceDealerParams = Type.Object({ dealerId: Id });

// ---- Warnings ----
export const WarningReasonView = Type.Object({ code: Type.String(), period: Type.String(), detail: Type.String() });
export const ImprovementPlan = Type.Object({
  id: Id,
  warningId: Id,
  goals: Type.Array(Type.Object({ kpi: Type.String(), target: Type.String(), note: Type.Optional(Type.String()) })),
  deadline: DateString,
  status: Type.String(),
  createdBy: Type.String(),
  createdAt: Timestamp,
  checkins: Type.Array(Type.Object({ id: Id, note: Type.String(), progress: Type.Integer(), actorName: Type.String(), at: Timestamp })),
});
export type ImprovementPlan = Static<typeof ImprovementPlan>;
export const Warning = Type.Object({
  id: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  level: StringEnum(WARNING_LEVEL_VALUES),
  reasons: Type.Array(WarningReasonView),
  openedAt: Timestamp,
  openedPeriod: Type.String(),
  levelSince: Type.String(),
  lastPeriod: Type.String(),
  status: StringEnum(['open', 'resolved', 'terminated'] as const),
  closedAt: Nullable(Timestamp),
  planDeadline: Nullable(Type.String()),
});
export type Warning = Static<typeof Warning>;
export const WarningDetail = Type.Intersect([
  Warning,
  Type.Object({
    events: Type.Array(
      Type.Object({
        id: Id,
        fromLevel: Nullable(Type.String()),
        toLevel: Type.String(),
        kind: Type.String(),
        period: Nullable(Type.String()),
        reason: Type.String(),
        actorName: Type.String(),
        at: Timestamp,
      }),
    ),
    plans: Type.Array(ImprovementPlan),
  }),
]);
export type WarningDetail = Static<typeof WarningDetail>;
export const WarningListQuery = Type.Object(
  { dealerId: Type.Optional(Id), level: Type.Optional(StringEnum(WARNING_LEVEL_VALUES)), status: Type.Optional(StringEnum(['open', 'resolved', 'terminated'] as const)), ...Paging },
  { additionalProperties: false },
);
export const ImprovementPlanBody = Type.Object(
  {
    goals: Type.Array(
      Type.Object(
        { kpi: Type.String({ minLength: 1, maxLength: 100 }), target: Type.String({ minLength: 1, maxLength: 200 }), note: Type.Optional(Type.String({ maxLength: 500 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    deadline: Type.Optional({ ...DateString, description: 'YYYY-MM-DD, after today; default: today plus the warning.planMonths evaluation setting' }),
  },
  { additionalProperties: false },
);
export const PlanCheckinBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }), progress: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false });
export const WarningNotification = Type.Object({
  id: Id,
  dealerId: Id,
  dealerName: Type.String(),
  warningId: Nullable(Id),
  kind: Type.String(),
  level: Nullable(Type.String()),
  message: Type.String(),
  createdAt: Timestamp,
  read: Type.Boolean(),
});
export type WarningNotification = Static<typeof WarningNotification>;
export const WarningNotificationListQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

// ---- Terminations ----
export const STOCK_CONDITION_VALUES = ['unopened', 'damaged', 'expired'] as const;
export const TERMINATION_CHECKLIST = ['contract_talks', 'inventory_buyback', 'legal_documents', 'customer_handover', 'territory_reassignment'] as const;
const StockCounts = Type.Array(
  Type.Object(
    { sku: Type.String({ minLength: 1, maxLength: 64 }), damaged: Type.Optional(Type.Integer({ minimum: 0 })), expired: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  { maxItems: 2000 },
);
export const TerminationBody = Type.Object(
  { dealerId: Id, reason: Type.String({ minLength: 1, maxLength: 1000 }), warningId: Type.Optional(Id), stock: Type.Optional(StockCounts) },
  { additionalProperties: false },
);
export type TerminationBody = Static<typeof TerminationBody>;
export const TerminationStockBody = Type.Object({ stock: StockCounts }, { additionalProperties: false });
export const TerminationChecklistBody = Type.Object({ done: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const TerminationChecklistParams = Type.Object({ id: Id, item: StringEnum(TERMINATION_CHECKLIST) });
export const CompleteTerminationBody = Type.Object({ successorDealerId: Type.Optional(Id) }, { additionalProperties: false });
export const CancelTerminationBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const SuccessorCandidate = Type.Object({
  kind: StringEnum(['prospect', 'dealer'] as const),
  id: Id,
  name: Type.String(),
  regionCodes: Type.Array(Type.String()),
  score: Nullable(Type.Number()),
  proximity: Type.Integer(),
  rankScore: Type.Number(),
});
export const Termination = Type.Object({
  id: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  warningId: Nullable(Id),
  reason: Type.String(),
  status: StringEnum(['open', 'completed', 'cancelled'] as const),
  buybackFen: Type.Integer(),
  receivablesOffsetFen: Type.Integer(),
  netPayableFen: Type.Integer(),
  checklist: Type.Array(Type.Object({ item: StringEnum(TERMINATION_CHECKLIST), done: Type.Boolean(), note: Nullable(Type.String()), doneBy: Nullable(Type.String()), doneAt: Nullable(Timestamp) })),
  successors: Type.Array(SuccessorCandidate),
  successorDealerId: Nullable(Id),
  stockLines: Type.Array(
    Type.Object({
      productId: Id,
      sku: Type.String(),
      name: Type.String(),
      condition: StringEnum(STOCK_CONDITION_VALUES),
      quantity: Type.Integer(),
      unitPriceFen: Type.Integer(),
      rate: Type.Number(),
      valueFen: Type.Integer(),
    }),
  ),
  openedBy: Type.String(),
  openedAt: Timestamp,
  completedAt: Nullable(Timestamp),
});
export type Termination = Static<typeof Termination>;
export const TerminationListQuery = Type.Object(
  { status: Type.Optional(StringEnum(['open', 'completed', 'cancelled'] as const)), dealerId: Type.Optional(Id), ...Paging },
  { additionalProperties: false },
);
export const PerformancePeriodQuery = Type.Object({ year: Type.Optional(Type.String({ pattern: '^\\d{4}$' })) }, { additionalProperties: false });
