// Rebate runs, statements (with the source lines they count), deductions and payment.
import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, ListQuery, Nullable, StringEnum, Timestamp } from './common.js';
import { IncentivePeriod } from './incentives.js';

export const STATEMENT_STATUSES = ['draft', 'approved', 'paid'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];
export const PAYMENT_METHODS = ['credit_note', 'cash'] as const;
export const LINE_KINDS = ['shipment', 'return', 'deduction'] as const;

export const RebateRunBody = Type.Object({ period: IncentivePeriod }, { additionalProperties: false });
export const RebateRun = Type.Object({
  id: Id,
  period: Type.String(),
  policyVersion: Type.Integer(),
  calculated: Type.Integer({ description: 'draft statements created or recalculated' }),
  frozen: Type.Integer({ description: 'approved or paid statements left untouched' }),
  createdAt: Timestamp,
});
export type RebateRun = Static<typeof RebateRun>;

export const RebateStatementLine = Type.Object({
  kind: StringEnum(LINE_KINDS),
  sourceId: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  orderNumber: Nullable(Type.String()),
  docNo: Nullable(Type.String()),
  date: Nullable(DateString),
  amountFen: Type.Integer(),
  note: Nullable(Type.String()),
});
export type RebateStatementLine = Static<typeof RebateStatementLine>;

export const RebateStatement = Type.Object({
  id: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  period: Type.String(),
  policyVersion: Type.Integer(),
  tier: Type.String(),
  qualifyingSalesFen: Type.Integer(),
  rate: Type.Number(),
  targetFen: Nullable(Type.Integer()),
  adjustedTargetFen: Nullable(Type.Integer()),
  rewardCoefficient: Type.Number(),
  rebateFen: Fen,
  bonusFen: Fen,
  brandFundFen: Fen,
  deductionsFen: Fen,
  totalFen: Fen,
  status: StringEnum(STATEMENT_STATUSES),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Timestamp),
  paidAt: Nullable(Timestamp),
  payment: Nullable(Type.Object({ method: StringEnum(PAYMENT_METHODS), receivableEntryId: Nullable(Type.String()), reference: Nullable(Type.String()) })),
  lines: Type.Array(RebateStatementLine),
});
export type RebateStatement = Static<typeof RebateStatement>;

export const RebateStatementQuery = Type.Object(
  { ...ListQuery, dealerId: Type.Optional(Id), period: Type.Optional(IncentivePeriod), status: Type.Optional(StringEnum(STATEMENT_STATUSES)) },
  { additionalProperties: false },
);

export const RebateTransitionBody = Type.Object(
  {
    to: StringEnum(['approved', 'paid'] as const),
    method: Type.Optional(StringEnum(PAYMENT_METHODS)),
    reference: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type RebateTransitionBody = Static<typeof RebateTransitionBody>;

export const RebateExportQuery = Type.Object({ format: StringEnum(['xlsx', 'pdf'] as const) }, { additionalProperties: false });

export const RebateDeductionBody = Type.Object(
  {
    dealerId: Id,
    period: IncentivePeriod,
    amountFen: Type.Integer({ minimum: 1, maximum: 9_000_000_000_000 }),
    source: StringEnum(['penalty', 'diversion', 'other'] as const),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RebateDeductionBody = Static<typeof RebateDeductionBody>;

export const RebateDeduction = Type.Object({
  id: Id,
  dealerId: Id,
  period: Type.String(),
  amountFen: Fen,
  source: Type.String(),
  reason: Type.String(),
  createdBy: Type.String(),
  createdAt: Timestamp,
});
export type RebateDeduction = Static<typeof RebateDeduction>;
