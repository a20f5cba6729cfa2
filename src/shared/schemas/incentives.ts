// Incentive policies (C8, C14), the policy simulator and the dealer's own incentive view.
import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, Timestamp } from './common.js';
import { MONTH_PATTERN, PERIOD_PATTERN } from '../dates.js';

/** A rate as a decimal (0.03 = 3%), at most 4 decimal places (whole basis points). */
export const IncentiveRate = Type.Number({ minimum: 0, maximum: 1, description: 'decimal with at most 4 places, e.g. 0.03' });
export const IncentivePeriod = Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY-MM, YYYY-Qn or YYYY' });
export const IncentiveMonth = Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' });
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' });
const PointsInt = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const PolicyTier = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    /** a dealer reaches the tier with at least this much qualifying sales in the 12 full months graded ... */
    minAnnualSalesFen: Fen,
    /** ... and at least this many counties covered by its territory (market coverage) */
    minCoverage: Type.Integer({ minimum: 0, maximum: 10_000 }),
    rebateRate: IncentiveRate,
  },
  { additionalProperties: false },
);
export type PolicyTier = Static<typeof PolicyTier>;

export const IncentivePolicy = Type.Object(
  {
    tiers: Type.Array(PolicyTier, { minItems: 1, maxItems: 10 }),
    overAchievementRate: IncentiveRate,
    brandFund: Type.Object({ tiers: Type.Array(Code, { maxItems: 10 }), rate: IncentiveRate }, { additionalProperties: false }),
    points: Type.Object(
      {
        /** points for a month at 100% task completion (scaled by completion) */
        perFullCompletion: PointsInt,
        perNewCustomer: PointsInt,
        satisfactionThreshold: Type.Number({ minimum: 1, maximum: 5 }),
        satisfactionPoints: PointsInt,
        /** 0: points expire at the end of the quarter they were earned in */
        expiryQuarters: Type.Integer({ minimum: 0, maximum: 8 }),
      },
      { additionalProperties: false },
    ),
    star: Type.Object(
      {
        consecutiveYears: Type.Integer({ minimum: 1, maximum: 10 }),
        loyaltyRateMin: IncentiveRate,
        loyaltyRateMax: IncentiveRate,
        /** average completion at which the maximum loyalty rate is reached (1.0 = 100%) */
        fullRateAtCompletion: Type.Number({ minimum: 1, maximum: 5 }),
      },
      { additionalProperties: false },
    ),
    profitPool: Type.Object({ rate: IncentiveRate, hqShare: IncentiveRate }, { additionalProperties: false }),
    riskFund: Type.Object({ contributionRate: IncentiveRate, fundShare: IncentiveRate }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type IncentivePolicy = Static<typeof IncentivePolicy>;

export const PolicyVersion = Type.Object({
  version: Type.Integer(),
  effectiveFrom: DateString,
  note: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  policy: IncentivePolicy,
});
export type PolicyVersion = Static<typeof PolicyVersion>;

export const PolicyVersions = Type.Object({ current: PolicyVersion, versions: Type.Array(PolicyVersion) });
export type PolicyVersions = Static<typeof PolicyVersions>;

export const PutPolicyBody = Type.Object({ effectiveFrom: DateString, note: Type.Optional(Type.String({ maxLength: 500 })), policy: IncentivePolicy }, { additionalProperties: false });
export type PutPolicyBody = Static<typeof PutPolicyBody>;

export const SimulateBody = Type.Object({ policy: IncentivePolicy }, { additionalProperties: false });
export type SimulateBody = Static<typeof SimulateBody>;

const SimPayout = Type.Object({ rebateFen: Fen, bonusFen: Fen, brandFundFen: Fen, totalFen: Fen, points: Type.Integer() });
export type SimPayout = Static<typeof SimPayout>;

export const SimulatedDealer = Type.Object({
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  salesFen: Type.Integer(),
  coverage: Type.Integer(),
  targetFen: Nullable(Type.Integer()),
  currentTier: Type.String(),
  proposedTier: Type.String(),
  current: SimPayout,
  proposed: SimPayout,
  deltaFen: Type.Integer(),
});
export type SimulatedDealer = Static<typeof SimulatedDealer>;

export const Simulation = Type.Object({
  from: DateString,
  to: DateString,
  currentVersion: Type.Integer(),
  totals: Type.Object({ current: SimPayout, proposed: SimPayout, deltaFen: Type.Integer() }),
  byTier: Type.Array(Type.Object({ tier: Type.String(), currentDealers: Type.Integer(), proposedDealers: Type.Integer(), currentFen: Fen, proposedFen: Fen })),
  tierChanges: Type.Array(Type.Object({ dealerId: Id, dealerCode: Type.String(), dealerName: Type.String(), from: Type.String(), to: Type.String() })),
  dealers: Type.Array(SimulatedDealer),
});
export type Simulation = Static<typeof Simulation>;

export const DealerIncentives = Type.Object({
  dealerId: Id,
  tier: Type.String(),
  tierName: Type.String(),
  /** the tier the last 12 full months of sales and coverage reach (the same standing as tier-progress) */
  qualifiedTier: Type.String(),
  qualifiedTierName: Type.String(),
  /** the policy version graded with: the one in force on `to` */
  policyVersion: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  salesLast12Fen: Type.Integer(),
  coverage: Type.Integer(),
  rebateRate: Type.Number(),
  nextTier: Nullable(Type.Object({ code: Type.String(), name: Type.String(), minAnnualSalesFen: Fen, gapFen: Fen, minCoverage: Type.Integer(), coverageGap: Type.Integer(), progress: Type.Number() })),
  rebates: Type.Object({ accruedFen: Fen, approvedFen: Fen, paidFen: Fen }),
  points: Type.Object({ balance: Type.Integer(), expiringThisQuarter: Type.Integer() }),
  star: Nullable(Type.Object({ year: Type.Integer(), star: Type.Boolean(), renewalPriority: Type.Boolean(), loyaltyBonusFen: Fen })),
});
export type DealerIncentives = Static<typeof DealerIncentives>;
