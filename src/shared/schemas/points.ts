// The points ledger (积分), catalogue and redemptions; star dealers and awards; the joint profit
// pool and the risk fund (C14).
import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, ListQuery, Nullable, RegionCode, StringEnum, Timestamp } from './common.js';
import { IncentiveMonth, IncentivePeriod } from './incentives.js';

export const POINT_KINDS = ['task', 'new_customer', 'satisfaction', 'manual', 'redemption', 'redemption_reversal', 'expiry'] as const;
export const REDEMPTION_STATUSES = ['pending', 'approved', 'fulfilled', 'rejected'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const PointsEntry = Type.Object({
  id: Id,
  points: Type.Integer(),
  kind: StringEnum(POINT_KINDS),
  reason: Type.String(),
  createdAt: Timestamp,
  expiresAt: Nullable(DateString),
});
export type PointsEntry = Static<typeof PointsEntry>;

export const PointsAccount = Type.Object({ dealerId: Id, balance: Type.Integer(), entries: Type.Array(PointsEntry) });
export type PointsAccount = Static<typeof PointsAccount>;

export const PointsEntryBody = Type.Object(
  {
    dealerId: Id,
    points: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, not: { const: 0 } }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type PointsEntryBody = Static<typeof PointsEntryBody>;

export const PointsCatalogItem = Type.Object({ id: Id, name: Type.String(), category: Type.String(), points: Type.Integer(), stock: Type.Integer(), active: Type.Boolean() });
export type PointsCatalogItem = Static<typeof PointsCatalogItem>;
export const PointsCatalogBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    category: StringEnum(['equipment', 'advertising', 'training', 'other'] as const),
    points: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type PointsCatalogBody = Static<typeof PointsCatalogBody>;
export const PointsCatalogQuery = Type.Object({ ...ListQuery }, { additionalProperties: false });

export const RedemptionBody = Type.Object({ dealerId: Id, catalogItemId: Id, quantity: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false });
export type RedemptionBody = Static<typeof RedemptionBody>;
export const Redemption = Type.Object({
  id: Id,
  dealerId: Id,
  dealerName: Type.String(),
  catalogItemId: Id,
  itemName: Type.String(),
  quantity: Type.Integer(),
  points: Type.Integer(),
  status: StringEnum(REDEMPTION_STATUSES),
  note: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type Redemption = Static<typeof Redemption>;
export const RedemptionQuery = Type.Object({ ...ListQuery, dealerId: Type.Optional(Id), status: Type.Optional(StringEnum(REDEMPTION_STATUSES)) }, { additionalProperties: false });
export const RedemptionTransitionBody = Type.Object(
  { to: StringEnum(['approved', 'fulfilled', 'rejected'] as const), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const ExpiryRunBody = Type.Object({ asOf: DateString }, { additionalProperties: false });
export const ExpiryRun = Type.Object({ asOf: DateString, dealers: Type.Integer(), expiredPoints: Type.Integer() });
export const EarningRunBody = Type.Object({ period: IncentiveMonth }, { additionalProperties: false });
export const EarningRun = Type.Object({ period: Type.String(), entries: Type.Integer(), points: Type.Integer() });

// ---- star dealers and awards
export const StarDealer = Type.Object({
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  year: Type.Integer(),
  star: Type.Boolean(),
  years: Type.Array(Type.Object({ year: Type.Integer(), salesFen: Type.Integer(), targetFen: Nullable(Type.Integer()), completion: Nullable(Type.Number()) })),
  cumulativeSalesFen: Type.Integer(),
  averageCompletion: Nullable(Type.Number()),
  loyaltyRate: Type.Number(),
  loyaltyBonusFen: Fen,
  renewalPriority: Type.Boolean(),
});
export type StarDealer = Static<typeof StarDealer>;
export const StarQuery = Type.Object({ ...ListQuery, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), dealerId: Type.Optional(Id) }, { additionalProperties: false });
export const StarRunBody = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const StarRun = Type.Object({ year: Type.Integer(), evaluated: Type.Integer(), stars: Type.Integer() });

export const AWARD_CATEGORIES = ['innovation', 'strategic'] as const;
export const IncentiveAward = Type.Object({
  id: Id,
  year: Type.Integer(),
  category: StringEnum(AWARD_CATEGORIES),
  dealerId: Id,
  dealerName: Type.String(),
  citation: Type.String(),
  status: StringEnum(['nominated', 'awarded', 'declined'] as const),
  amountFen: Fen,
  nominatedBy: Type.String(),
  decidedBy: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type IncentiveAward = Static<typeof IncentiveAward>;
export const IncentiveAwardBody = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), category: StringEnum(AWARD_CATEGORIES), dealerId: Id, citation: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const IncentiveAwardDecisionBody = Type.Object(
  { to: StringEnum(['awarded', 'declined'] as const), amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000 })) },
  { additionalProperties: false },
);
export const IncentiveAwardQuery = Type.Object({ ...ListQuery, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), dealerId: Type.Optional(Id) }, { additionalProperties: false });

// ---- joint profit pool and risk fund
export const ProfitPoolBody = Type.Object({ regionCode: RegionCode, period: IncentivePeriod }, { additionalProperties: false });
export const ProfitPool = Type.Object({
  id: Id,
  regionCode: Type.String(),
  period: Type.String(),
  baselineFen: Type.Integer(),
  actualFen: Type.Integer(),
  incrementalFen: Type.Integer(),
  poolRate: Type.Number(),
  poolFen: Fen,
  hqShare: Type.Number(),
  hqFen: Fen,
  dealersFen: Fen,
  shares: Type.Array(Type.Object({ dealerId: Id, dealerName: Type.String(), contributionFen: Type.Integer(), shareFen: Fen })),
  createdAt: Timestamp,
});
export type ProfitPool = Static<typeof ProfitPool>;
export const ProfitPoolQuery = Type.Object({ ...ListQuery, regionCode: Type.Optional(RegionCode), period: Type.Optional(IncentivePeriod) }, { additionalProperties: false });

export const RiskFundEntry = Type.Object({
  id: Id,
  dealerId: Nullable(Id),
  dealerName: Nullable(Type.String()),
  kind: StringEnum(['contribution', 'claim_payout', 'capability_grant'] as const),
  amountFen: Type.Integer(),
  period: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type RiskFundEntry = Static<typeof RiskFundEntry>;
export const RiskFundQuery = Type.Object({ ...ListQuery, dealerId: Type.Optional(Id) }, { additionalProperties: false });
export const RiskFundSummary = Type.Object({ balanceFen: Type.Integer(), contributedFen: Fen, paidOutFen: Fen, grantedFen: Fen, openClaims: Type.Integer() });
export const ContributionRunBody = Type.Object({ period: IncentivePeriod }, { additionalProperties: false });
export const ContributionRun = Type.Object({ period: Type.String(), dealers: Type.Integer(), contributedFen: Fen });
export const RiskGrantBody = Type.Object(
  { dealerId: Id, amountFen: Type.Integer({ minimum: 1, maximum: 9_000_000_000_000 }), note: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const RiskClaimBody = Type.Object(
  {
    dealerId: Id,
    lossFen: Type.Integer({ minimum: 1, maximum: 9_000_000_000_000 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    evidence: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export const RiskClaim = Type.Object({
  id: Id,
  dealerId: Id,
  dealerName: Type.String(),
  lossFen: Fen,
  reason: Type.String(),
  evidence: Type.Array(Type.String()),
  status: StringEnum(['submitted', 'approved', 'rejected'] as const),
  fundShare: Nullable(Type.Number()),
  payoutFen: Nullable(Fen),
  decidedBy: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type RiskClaim = Static<typeof RiskClaim>;
export const RiskClaimQuery = Type.Object(
  { ...ListQuery, dealerId: Type.Optional(Id), status: Type.Optional(StringEnum(['submitted', 'approved', 'rejected'] as const)) },
  { additionalProperties: false },
);
export const RiskClaimDecisionBody = Type.Object({ to: StringEnum(['approved', 'rejected'] as const) }, { additionalProperties: false });
