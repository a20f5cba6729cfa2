import { Type, type Static } from 'typebox';
import { Id, Nullable, RegionCode, StringEnum, Timestamp, ListQuery } from './common.js';

// ---- Transfers (调拨) ----
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const TransferPlanBody = Type.Object({ sku: Type.Optional(Sku), regionCode: Type.Optional(RegionCode) }, { additionalProperties: false });
export type TransferPlanBody = Static<typeof TransferPlanBody>;

export const TransferMove = Type.Object({
  fromDealerId: Id,
  fromDealerCode: Type.String(),
  fromDealerName: Type.String(),
  toDealerId: Id,
  toDealerCode: Type.String(),
  toDealerName: Type.String(),
  sku: Type.String(),
  productName: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  unitCostFen: Type.Integer(),
  costFen: Type.Integer(),
  distanceKm: Nullable(Type.Number()),
  costSource: StringEnum(['table', 'distance'] as const),
});
export type TransferMove = Static<typeof TransferMove>;

export const TRANSFER_PLAN_STATUSES = ['proposed', 'approved', 'rejected', 'executed'] as const;
export type TransferPlanStatus = (typeof TRANSFER_PLAN_STATUSES)[number];
export const BOUND_LEVELS = ['province', 'city', 'county'] as const;

export const TransferPlanSummary = Type.Object({
  id: Id,
  number: Type.String(),
  status: StringEnum(TRANSFER_PLAN_STATUSES),
  regionCode: Nullable(Type.String()),
  sku: Nullable(Type.String()),
  boundLevel: StringEnum(BOUND_LEVELS),
  totalQuantity: Type.Integer(),
  totalCostFen: Type.Integer(),
  greedy: Type.Object({ totalQuantity: Type.Integer(), totalCostFen: Type.Integer() }, { description: 'the greedy nearest-first plan on the same data' }),
  supplyQuantity: Type.Integer({ description: 'overstock above order-up-to, summed' }),
  demandQuantity: Type.Integer({ description: 'shortage below reorder point, summed' }),
  dealerCount: Type.Integer(),
  solveMs: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Timestamp,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decisionReason: Nullable(Type.String()),
  executedAt: Nullable(Timestamp),
});
export type TransferPlanSummary = Static<typeof TransferPlanSummary>;

export const TransferPlan = Type.Intersect([TransferPlanSummary, Type.Object({ moves: Type.Array(TransferMove) })]);
export type TransferPlan = Static<typeof TransferPlan>;

export const TransferPlanListQuery = Type.Object({ status: Type.Optional(StringEnum(TRANSFER_PLAN_STATUSES)), ...ListQuery }, { additionalProperties: false });

export const TransferPlanTransitionBody = Type.Object({ to: StringEnum(['approved', 'rejected', 'executed'] as const), reason: Type.Optional(Reason) }, { additionalProperties: false });
export type TransferPlanTransitionBody = Static<typeof TransferPlanTransitionBody>;

export const TransferOrder = Type.Object({
  id: Id,
  number: Type.String(),
  planId: Id,
  planNumber: Type.String(),
  fromDealerId: Id,
  fromDealerName: Type.String(),
  toDealerId: Id,
  toDealerName: Type.String(),
  sku: Type.String(),
  quantity: Type.Integer(),
  costFen: Type.Integer(),
  status: Type.String(),
  executedAt: Timestamp,
  createdBy: Type.String(),
});
export type TransferOrder = Static<typeof TransferOrder>;
export const TransferOrderListQuery = Type.Object({ planId: Type.Optional(Id), ...ListQuery }, { additionalProperties: false });

export const TransferCost = Type.Object({
  id: Id,
  fromRegionCode: Type.String(),
  toRegionCode: Type.String(),
  unitCostFen: Type.Integer(),
  note: Nullable(Type.String()),
  updatedAt: Timestamp,
});
export type TransferCost = Static<typeof TransferCost>;
const UnitCostFen = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'integer 分 per unit' });
export const CreateTransferCostBody = Type.Object(
  { fromRegionCode: RegionCode, toRegionCode: RegionCode, unitCostFen: UnitCostFen, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type CreateTransferCostBody = Static<typeof CreateTransferCostBody>;
export const UpdateTransferCostBody = Type.Object(
  { unitCostFen: Type.Optional(UnitCostFen), note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTransferCostBody = Static<typeof UpdateTransferCostBody>;
export const TransferCostListQuery = Type.Object({ ...ListQuery }, { additionalProperties: false });

// Also the schema of the `transfers.planning` setting (src/server/modules/transfers/transfers.settings.ts).
export const TransferSettings = Type.Object(
  {
    exclusiveBoundLevel: StringEnum(BOUND_LEVELS, { description: 'stock a dealer holds under an exclusive territory may only move to dealers in the same province, city or county (default city)' }),
    costBaseFen: Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'handling cost per unit moved, in fen, on lanes without a contracted cost (default 300 = ¥3)' }),
    costPerKmFen: Type.Number({ minimum: 0, maximum: 100_000, description: 'cost per unit per km of straight-line distance, in fen, on lanes without a contracted cost (default 1)' }),
    maxDistanceKm: Type.Integer({ minimum: 1, maximum: 10_000, description: 'pairs priced by distance farther apart than this are not planned (default 1,000 km)' }),
  },
  { additionalProperties: false },
);
export type TransferSettings = Static<typeof TransferSettings>;
export const UpdateTransferSettingsBody = Type.Partial(TransferSettings, { additionalProperties: false, minProperties: 1 });

// ---- VMI replenishment proposals (供应商管理库存) ----
export const VMI_STATUSES = ['proposed', 'confirming', 'ordered', 'rejected', 'superseded'] as const;
export type VmiStatus = (typeof VMI_STATUSES)[number];

export const VmiProposalLine = Type.Object({
  lineNo: Type.Integer(),
  sku: Type.String(),
  productName: Type.String(),
  onHand: Type.Integer(),
  inTransit: Type.Integer({ description: 'on open orders, not yet received' }),
  forecastDemand: Type.Integer({ description: 'forecast sell-out over coverDays (shown beside the targets, does not size the line)' }),
  safetyStock: Type.Integer({ description: 'stock health safety stock of this dealer x SKU' }),
  reorderPoint: Nullable(Type.Integer({ description: 'stock health reorder point; the line exists because onHand + inTransit is below it (null on lines made before it was stored)' })),
  targetLevel: Type.Integer({ description: 'stock health order-up-to level (max)' }),
  quantity: Type.Integer({ description: 'targetLevel - onHand - inTransit, at least 0' }),
  unitPriceFen: Type.Integer(),
  forecastModel: Type.String(),
  coverDays: Nullable(Type.Integer({ description: 'days the forecast covers: lead time + order cycle (null on lines made before it was stored)' })),
});
export const VmiProposal = Type.Object({
  id: Id,
  number: Type.String(),
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  status: StringEnum(VMI_STATUSES),
  coverDays: Type.Integer({ description: 'the stock-health order cycle in force when generated (older proposals: the VMI cover days of then)' }),
  estimatedFen: Type.Integer(),
  orderId: Nullable(Id),
  lastError: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decisionReason: Nullable(Type.String()),
  lines: Type.Array(VmiProposalLine),
});
export type VmiProposal = Static<typeof VmiProposal>;

export const VmiProposalListQuery = Type.Object({ dealerId: Type.Optional(Id), status: Type.Optional(StringEnum(VMI_STATUSES)), ...ListQuery }, { additionalProperties: false });
export const VmiGenerateBody = Type.Object({ dealerId: Type.Optional(Id) }, { additionalProperties: false });
export const VmiGenerateResult = Type.Object({ created: Type.Array(VmiProposal), skippedDealers: Type.Integer(), autoConfirmed: Type.Integer() });
export const VmiConfirmBody = Type.Object(
  { lines: Type.Optional(Type.Array(Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 0, maximum: 10_000_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 })) },
  { additionalProperties: false },
);
export type VmiConfirmBody = Static<typeof VmiConfirmBody>;
export const VmiRejectBody = Type.Object({ reason: Reason }, { additionalProperties: false });

// Also the schema of the `vmi.proposals` setting (src/server/modules/vmi/vmi.settings.ts).
export const VmiSettings = Type.Object(
  { autoConfirm: Type.Boolean({ description: 'the nightly run turns each new proposal into a purchase order at once, without waiting for HQ to confirm it (default off)' }) },
  { additionalProperties: false },
);
export type VmiSettings = Static<typeof VmiSettings>;
// coverDays and serviceLevel moved to the stock-health settings (one owner of stock targets); they
// stay in the body schema only so that an old client is refused with a message naming where they went.
const RemovedVmiField = Type.Unknown({ deprecated: true, description: 'removed: refused with 400; VMI uses the stock-health settings and lead times' });
export const UpdateVmiSettingsBody = Type.Object(
  { autoConfirm: Type.Optional(Type.Boolean()), coverDays: Type.Optional(RemovedVmiField), serviceLevel: Type.Optional(RemovedVmiField) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateVmiSettingsBody = Static<typeof UpdateVmiSettingsBody>;
