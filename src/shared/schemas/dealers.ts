import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, RegionCode, Timestamp, StringEnum } from './common.js';

export const DEALER_STATUSES = ['prospect', 'screening', 'due_diligence', 'approved', 'active', 'warning', 'terminating', 'terminated', 'rejected'] as const;
export type DealerStatus = (typeof DEALER_STATUSES)[number];
export const DealerStatusSchema = StringEnum(DEALER_STATUSES);

export const TIERS = ['bronze', 'silver', 'gold'] as const;
export type Tier = (typeof TIERS)[number];
export const TierSchema = StringEnum(TIERS);

export const TerritoryItem = Type.Object({ regionCode: RegionCode, exclusive: Type.Boolean() }, { additionalProperties: false });
export const TerritoryView = Type.Object({
  regionCode: RegionCode,
  exclusive: Type.Boolean(),
  regionName: Type.String({ description: 'full path, e.g. 广东省 / 广州市 / 天河区' }),
});

export const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    title: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+\\- ()]*$' })),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    primary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Dealer = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal(1), Type.Literal(2)]),
  parentDealerId: Nullable(Id),
  /** the parent's dealer code (exports and imports speak codes, not ids) */
  parentDealerCode: Nullable(Type.String()),
  status: DealerStatusSchema,
  tier: TierSchema,
  territory: Type.Array(TerritoryView),
  creditLimitFen: Fen,
  paymentTermDays: Type.Integer(),
  vmi: Type.Boolean(),
  contacts: Type.Array(Contact),
  unifiedSocialCreditCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  contractStartsOn: Nullable(DateString),
  contractEndsOn: Nullable(DateString),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Dealer = Static<typeof Dealer>;

const dealerFields = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  level: Type.Union([Type.Literal(1), Type.Literal(2)]),
  parentDealerId: Nullable(Id),
  tier: TierSchema,
  territory: Type.Array(TerritoryItem, { maxItems: 500 }),
  creditLimitFen: Fen,
  paymentTermDays: Type.Integer({ minimum: 0, maximum: 365 }),
  vmi: Type.Boolean(),
  contacts: Type.Array(Contact, { maxItems: 20 }),
  unifiedSocialCreditCode: Nullable(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })),
  address: Nullable(Type.String({ maxLength: 300 })),
  contractStartsOn: Nullable(DateString),
  contractEndsOn: Nullable(DateString),
};

export const CreateDealerBody = Type.Object(
  {
    code: dealerFields.code,
    name: dealerFields.name,
    level: Type.Optional(dealerFields.level),
    parentDealerId: Type.Optional(dealerFields.parentDealerId),
    tier: Type.Optional(dealerFields.tier),
    territory: Type.Optional(dealerFields.territory),
    creditLimitFen: Type.Optional(dealerFields.creditLimitFen),
    paymentTermDays: Type.Optional(dealerFields.paymentTermDays),
    vmi: Type.Optional(dealerFields.vmi),
    contacts: Type.Optional(dealerFields.contacts),
    unifiedSocialCreditCode: Type.Optional(dealerFields.unifiedSocialCreditCode),
    address: Type.Optional(dealerFields.address),
    contractStartsOn: Type.Optional(dealerFields.contractStartsOn),
    contractEndsOn: Type.Optional(dealerFields.contractEndsOn),
  },
  { additionalProperties: false },
);
export type CreateDealerBody = Static<typeof CreateDealerBody>;

export const UpdateDealerBody = Type.Object(
  {
    name: Type.Optional(dealerFields.name),
    parentDealerId: Type.Optional(dealerFields.parentDealerId),
    level: Type.Optional(dealerFields.level),
    tier: Type.Optional(dealerFields.tier),
    territory: Type.Optional(dealerFields.territory),
    creditLimitFen: Type.Optional(dealerFields.creditLimitFen),
    paymentTermDays: Type.Optional(dealerFields.paymentTermDays),
    vmi: Type.Optional(dealerFields.vmi),
    contacts: Type.Optional(dealerFields.contacts),
    unifiedSocialCreditCode: Type.Optional(dealerFields.unifiedSocialCreditCode),
    address: Type.Optional(dealerFields.address),
    contractStartsOn: Type.Optional(dealerFields.contractStartsOn),
    contractEndsOn: Type.Optional(dealerFields.contractEndsOn),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDealerBody = Static<typeof UpdateDealerBody>;

export const DealerListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(DealerStatusSchema),
    tier: Type.Optional(TierSchema),
    level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
    regionCode: Type.Optional(RegionCode),
    parentDealerId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type DealerListQuery = Static<typeof DealerListQuery>;

export const TransitionBody = Type.Object({ to: DealerStatusSchema, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

export const DealerEvent = Type.Object({
  id: Id,
  dealerId: Id,
  fromStatus: Nullable(DealerStatusSchema),
  toStatus: DealerStatusSchema,
  reason: Type.String(),
  actorName: Type.String(),
  at: Timestamp,
});
export type DealerEvent = Static<typeof DealerEvent>;
