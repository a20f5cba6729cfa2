// Recruitment and due diligence (docs/rules.md, C1-C3).
import { Type, type Static, type TNull, type TOptional, type TSchema, type TUnion } from 'typebox';
import { DateString, Fen, Id, Nullable, RegionCode, StringEnum, Timestamp } from './common.js';
import { TerritoryItem, TierSchema } from './dealers.js';

// ---- pipeline ----------------------------------------------------------------------------
export const PROSPECT_STAGES = ['new', 'screening', 'due_diligence', 'decision', 'converted', 'rejected'] as const;
export type ProspectStage = (typeof PROSPECT_STAGES)[number];
export const ProspectStageSchema = StringEnum(PROSPECT_STAGES);
/** Prospects still in the pipeline (docs/rules.md, C1). */
export const OPEN_PROSPECT_STAGES: readonly ProspectStage[] = ['new', 'screening', 'due_diligence', 'decision'];
/**
 * Prospects that may succeed a leaving dealer (docs/rules.md, C7): everyone not converted, rejected
 * included (a prospect refused because the territory was taken is the first candidate when it frees
 * up); their screening score ranks them. The recruitment successor pool and the exit ranking read this.
 */
export const SUCCESSOR_PROSPECT_STAGES: readonly ProspectStage[] = [...OPEN_PROSPECT_STAGES, 'rejected'];

/**
 * The pipeline board: which stage may follow which. `rejected` is reached through a decision
 * (HQ admin) and may be reopened to `new`; `converted` only through a contract (POST .../convert).
 */
export const PROSPECT_TRANSITIONS: Record<ProspectStage, readonly ProspectStage[]> = {
  new: ['screening', 'rejected'],
  screening: ['due_diligence', 'rejected'],
  due_diligence: ['decision', 'screening', 'rejected'],
  decision: ['converted', 'due_diligence', 'rejected'],
  converted: [],
  rejected: ['new'],
};

export const DECISIONS = ['approve', 'conditional', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export const PROSPECT_SOURCES = ['hq', 'public_form'] as const;

const Phone = Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9+\\- ()]*$' });
const Text = (maxLength: number) => Type.String({ maxLength });
const Count = (maximum: number) => Type.Integer({ minimum: 0, maximum });
/** Signed integer 分 (profits, equity and cash flows can be negative). */
export const SignedFen = Type.Integer({ minimum: -9_000_000_000_000_000, maximum: 9_000_000_000_000_000, description: 'integer 分, may be negative' });
export const CreditCode = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$', description: '统一社会信用代码 (GB 32100-2015, check digit verified)' });

export const Reference = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    company: Type.Optional(Text(200)),
    phone: Type.Optional(Phone),
    relation: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

/** The optional C1 fields: company, channel network, finances, team, references. */
export const prospectDetailFields = {
  contactTitle: Text(100),
  email: Type.String({ maxLength: 200, format: 'email' }),
  unifiedSocialCreditCode: CreditCode,
  legalRepresentative: Text(100),
  registeredCapitalFen: Fen,
  foundedYear: Type.Integer({ minimum: 1900, maximum: 2100 }),
  address: Text(300),
  businessScope: Text(1000),
  // channel network
  outletCount: Count(1_000_000),
  citiesCovered: Count(1000),
  countiesCovered: Count(5000),
  keyAccounts: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  // finances
  liquidFundsFen: Fen,
  debtToAssetRatio: Type.Number({ minimum: 0, maximum: 10, description: 'decimal, 0.45 = 45%' }),
  profitableYears: Count(100),
  dsoDays: Type.Number({ minimum: 0, maximum: 3650 }),
  inventoryTurnover: Type.Number({ minimum: 0, maximum: 1000, description: 'turns per year' }),
  // team
  salesHeadcount: Count(1_000_000),
  yearsOfExperience: Count(100),
  afterSales: Text(1000),
  references: Type.Array(Reference, { maxItems: 10 }),
  notes: Text(2000),
};
export type ProspectDetailKey = keyof typeof prospectDetailFields;
export const PROSPECT_DETAIL_KEYS = Object.keys(prospectDetailFields) as ProspectDetailKey[];

const requiredFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  contactName: Type.String({ minLength: 1, maxLength: 100 }),
  phone: Phone,
  regionCodes: Type.Array(RegionCode, { minItems: 1, maxItems: 50 }),
};

type Fields = Record<string, TSchema>;
const mapFields = <T extends Fields, R>(fields: T, f: (schema: TSchema) => TSchema) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, f(v)])) as R;
const optionalAll = <T extends Fields>(fields: T) => mapFields<T, { [K in keyof T]: TOptional<T[K]> }>(fields, (v) => Type.Optional(v));
const optionalNullableAll = <T extends Fields>(fields: T) => mapFields<T, { [K in keyof T]: TOptional<TUnion<[T[K], TNull]>> }>(fields, (v) => Type.Optional(Nullable(v)));

const optionalDetails = optionalAll(prospectDetailFields);
const nullableDetails = optionalNullableAll(prospectDetailFields);

export const CreateProspectBody = Type.Object({ ...requiredFields, ...optionalDetails }, { additionalProperties: false });
export type CreateProspectBody = Static<typeof CreateProspectBody>;

export const UpdateProspectBody = Type.Object(
  {
    name: Type.Optional(requiredFields.name),
    contactName: Type.Optional(requiredFields.contactName),
    phone: Type.Optional(requiredFields.phone),
    regionCodes: Type.Optional(requiredFields.regionCodes),
    ...nullableDetails,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProspectBody = Static<typeof UpdateProspectBody>;

/** The public application form: the same fields, plus `website`, a honeypot people never see. */
export const PublicApplicationBody = Type.Object(
  { ...requiredFields, ...optionalDetails, website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty' })) },
  { additionalProperties: false },
);
export type PublicApplicationBody = Static<typeof PublicApplicationBody>;
export const PublicApplicationReceipt = Type.Object({ status: Type.Literal('received') });

export const ProspectWarning = Type.Object({
  code: Type.Literal('TERRITORY_OVERLAP'),
  message: Type.String(),
  regionCode: RegionCode,
  heldRegionCode: RegionCode,
  dealerId: Nullable(Id),
  dealerCode: Nullable(Type.String({ description: "null when the holder is outside the caller's scope" })),
  dealerName: Nullable(Type.String()),
});

export const ScreeningSummary = Type.Object({
  total: Type.Number(),
  passed: Type.Boolean(),
  knockedOut: Type.Boolean(),
  at: Timestamp,
});

export const DecisionView = Type.Object({
  decision: StringEnum(DECISIONS),
  reasons: Type.Array(Type.String()),
  decidedBy: Type.String(),
  decidedAt: Timestamp,
});

const { keyAccounts, references, ...scalarDetails } = prospectDetailFields;
const detailViews = {
  ...mapFields<typeof scalarDetails, { [K in keyof typeof scalarDetails]: TUnion<[(typeof scalarDetails)[K], TNull]> }>(scalarDetails, (v) => Nullable(v)),
  keyAccounts,
  references,
};

export const Prospect = Type.Object({
  id: Id,
  number: Type.String({ description: 'human number, e.g. P20260001' }),
  name: Type.String(),
  contactName: Type.String(),
  phone: Type.String(),
  regionCodes: Type.Array(RegionCode),
  regions: Type.Array(Type.Object({ regionCode: RegionCode, regionName: Type.String() })),
  stage: ProspectStageSchema,
  source: StringEnum(PROSPECT_SOURCES),
  ...detailViews,
  latestScreening: Nullable(ScreeningSummary),
  decision: Nullable(DecisionView),
  dealerId: Nullable(Id),
  warnings: Type.Optional(Type.Array(ProspectWarning)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Prospect = Static<typeof Prospect>;
export type ProspectWarning = Static<typeof ProspectWarning>;

export const ProspectListQuery = Type.Object(
  {
    stage: Type.Optional(ProspectStageSchema),
    regionCode: Type.Optional(RegionCode),
    source: Type.Optional(StringEnum(PROSPECT_SOURCES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type ProspectListQuery = Static<typeof ProspectListQuery>;

export const ProspectTransitionBody = Type.Object({ to: ProspectStageSchema, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

export const ProspectEvent = Type.Object({
  id: Id,
  prospectId: Id,
  fromStage: Nullable(ProspectStageSchema),
  toStage: ProspectStageSchema,
  reason: Type.String(),
  actorName: Type.String(),
  at: Timestamp,
});
export type ProspectEvent = Static<typeof ProspectEvent>;

/** A move on the board with the prospect it concerns (the board's "who moved what and when"). */
export const ProspectMove = Type.Object({
  ...ProspectEvent.properties,
  prospectNumber: Type.String(),
  prospectName: Type.String(),
});
export type ProspectMove = Static<typeof ProspectMove>;
export const ProspectMoveQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type ProspectMoveQuery = Static<typeof ProspectMoveQuery>;

// ---- screening ---------------------------------------------------------------------------
export const SCREENING_GROUPS = ['market', 'finance', 'team', 'strategy'] as const;
export type ScreeningGroup = (typeof SCREENING_GROUPS)[number];
const Key = Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z][a-z0-9_]*$' });

export const ScreeningCriteria = Type.Object(
  {
    criteria: Type.Array(
      Type.Object(
        {
          key: Key,
          name: Type.String({ minLength: 1, maxLength: 100 }),
          group: StringEnum(SCREENING_GROUPS),
          weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    knockOuts: Type.Array(Type.Object({ key: Key, name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), { maxItems: 20 }),
    passMark: Type.Number({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type ScreeningCriteria = Static<typeof ScreeningCriteria>;

export const ScreeningBody = Type.Object(
  {
    scores: Type.Array(Type.Object({ criterion: Type.String({ minLength: 1, maxLength: 50 }), score: Type.Number({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }), { maxItems: 50 }),
    knockOuts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type ScreeningBody = Static<typeof ScreeningBody>;

export const ScreeningBreakdownItem = Type.Object({
  criterion: Type.String(),
  name: Type.String(),
  group: StringEnum(SCREENING_GROUPS),
  weight: Type.Number(),
  score: Type.Number(),
  weighted: Type.Number(),
});

export const ScreeningResult = Type.Object({
  id: Id,
  prospectId: Id,
  total: Type.Number(),
  passed: Type.Boolean(),
  knockedOut: Type.Boolean(),
  knockOuts: Type.Array(Type.String()),
  passMark: Type.Number(),
  breakdown: Type.Array(ScreeningBreakdownItem),
  groups: Type.Array(Type.Object({ group: StringEnum(SCREENING_GROUPS), weight: Type.Number(), weighted: Type.Number() })),
  note: Nullable(Type.String()),
  actorName: Type.String(),
  at: Timestamp,
});
export type ScreeningResult = Static<typeof ScreeningResult>;

export const RankedProspect = Type.Object({
  rank: Type.Integer(),
  id: Id,
  number: Type.String(),
  name: Type.String(),
  stage: ProspectStageSchema,
  regionCodes: Type.Array(RegionCode),
  total: Nullable(Type.Number()),
  passed: Nullable(Type.Boolean()),
  knockedOut: Nullable(Type.Boolean()),
  screenedAt: Nullable(Timestamp),
  decision: Nullable(StringEnum(DECISIONS)),
  reasons: Type.Array(Type.String()),
  contactName: Type.String(),
  phone: Type.String(),
});
export type RankedProspect = Static<typeof RankedProspect>;

export const RankingQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type RankingQuery = Static<typeof RankingQuery>;

// ---- due diligence -----------------------------------------------------------------------
export const CHECKLISTS = ['A', 'B', 'C'] as const;
export type Checklist = (typeof CHECKLISTS)[number];
export const ITEM_STATUSES = ['pending', 'in_progress', 'verified', 'issue', 'not_applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const Evidence = Type.Object({
  id: Id,
  itemId: Id,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Timestamp,
});
export type Evidence = Static<typeof Evidence>;

export const ChecklistItem = Type.Object({
  id: Id,
  checklist: StringEnum(CHECKLISTS),
  code: Type.String({ description: 'e.g. A4' }),
  key: Type.String({ description: 'e.g. legal_disputes' }),
  name: Type.String(),
  owner: Nullable(Type.String()),
  status: StringEnum(ITEM_STATUSES),
  note: Nullable(Type.String()),
  evidence: Type.Array(Evidence),
  updatedBy: Nullable(Type.String()),
  updatedAt: Timestamp,
});
export type ChecklistItem = Static<typeof ChecklistItem>;

export const Checklists = Type.Object({
  checklists: Type.Array(Type.Object({ checklist: StringEnum(CHECKLISTS), name: Type.String(), items: Type.Array(ChecklistItem), open: Type.Integer(), total: Type.Integer() })),
});

export const UpdateChecklistItemBody = Type.Object(
  {
    owner: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    status: Type.Optional(StringEnum(ITEM_STATUSES)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateChecklistItemBody = Static<typeof UpdateChecklistItemBody>;

export const ItemParams = Type.Object({ id: Id, itemId: Id });
export const EvidenceParams = Type.Object({ id: Id, evidenceId: Id });

const Level = Type.Integer({ minimum: 1, maximum: 5 });
export const FindingBody = Type.Object(
  {
    checklist: StringEnum(CHECKLISTS),
    item: Type.String({ minLength: 1, maxLength: 200, description: 'a checklist item code or key (A4, legal_disputes) or free text' }),
    likelihood: Level,
    impact: Level,
    note: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type FindingBody = Static<typeof FindingBody>;

export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const Finding = Type.Object({
  id: Id,
  prospectId: Id,
  checklist: StringEnum(CHECKLISTS),
  item: Type.String(),
  itemId: Nullable(Id),
  likelihood: Level,
  impact: Level,
  score: Type.Integer(),
  band: StringEnum(RISK_BANDS),
  note: Type.String(),
  actorName: Type.String(),
  createdAt: Timestamp,
});
export type Finding = Static<typeof Finding>;

export const RiskReport = Type.Object({
  rating: StringEnum(RISK_BANDS),
  counts: Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), critical: Type.Integer() }),
  findings: Type.Array(Finding),
  grid: Type.Array(Type.Array(Type.Integer()), { description: 'grid[likelihood-1][impact-1] = number of findings' }),
  bands: Type.Object({ lowMax: Type.Integer(), mediumMax: Type.Integer(), highMax: Type.Integer() }, { description: 'the band edges in force (the due-diligence.riskBands setting)' }),
});
export type RiskReport = Static<typeof RiskReport>;

// ---- financial analysis ------------------------------------------------------------------
const Year = Type.Integer({ minimum: 1900, maximum: 2200 });
const dupontInputFields = {
  year: Year,
  revenueFen: Fen,
  netProfitFen: SignedFen,
  totalAssetsFen: Fen,
  equityFen: SignedFen,
  totalLiabilitiesFen: Type.Optional(Fen),
  currentAssetsFen: Type.Optional(Fen),
  currentLiabilitiesFen: Type.Optional(Fen),
  inventoryFen: Type.Optional(Fen),
  receivablesFen: Type.Optional(Fen),
  cogsFen: Type.Optional(Fen),
};
export const DupontYearInput = Type.Object(dupontInputFields, { additionalProperties: false });
export type DupontYearInput = Static<typeof DupontYearInput>;
export const DupontBody = Type.Object({ years: Type.Array(DupontYearInput, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });
export type DupontBody = Static<typeof DupontBody>;

const Ratio = Nullable(Type.Number());
export const DupontYear = Type.Object({
  year: Type.Integer(),
  netMargin: Ratio,
  assetTurnover: Ratio,
  equityMultiplier: Ratio,
  roe: Ratio,
  currentRatio: Ratio,
  quickRatio: Ratio,
  debtToAsset: Ratio,
  dsoDays: Ratio,
  inventoryDays: Ratio,
});
export type DupontYear = Static<typeof DupontYear>;
export const DupontResult = Type.Object({ years: Type.Array(DupontYear) });

/** A year of statements kept for a prospect: the DuPont inputs plus operating cash flow. */
export const StatementYear = Type.Object({ ...dupontInputFields, operatingCashFlowFen: Type.Optional(SignedFen) }, { additionalProperties: false });
export type StatementYear = Static<typeof StatementYear>;
export const StatementsBody = Type.Object({ years: Type.Array(StatementYear, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false });
export type StatementsBody = Static<typeof StatementsBody>;

export const TrendYear = Type.Object({
  year: Type.Integer(),
  previousYear: Type.Integer(),
  revenueGrowth: Ratio,
  netProfitGrowth: Ratio,
  totalAssetsGrowth: Ratio,
  equityGrowth: Ratio,
  netMarginChange: Ratio,
  assetTurnoverChange: Ratio,
  equityMultiplierChange: Ratio,
  roeChange: Ratio,
  currentRatioChange: Ratio,
  quickRatioChange: Ratio,
  debtToAssetChange: Ratio,
  dsoDaysChange: Ratio,
  inventoryDaysChange: Ratio,
});
export type TrendYear = Static<typeof TrendYear>;

export const ProspectAnalysis = Type.Object({
  prospectId: Id,
  statements: Type.Array(
    Type.Object({
      year: Type.Integer(),
      revenueFen: Type.Integer(),
      netProfitFen: Type.Integer(),
      totalAssetsFen: Type.Integer(),
      equityFen: Type.Integer(),
      totalLiabilitiesFen: Nullable(Type.Integer()),
      currentAssetsFen: Nullable(Type.Integer()),
      currentLiabilitiesFen: Nullable(Type.Integer()),
      inventoryFen: Nullable(Type.Integer()),
      receivablesFen: Nullable(Type.Integer()),
      cogsFen: Nullable(Type.Integer()),
      operatingCashFlowFen: Nullable(Type.Integer()),
    }),
  ),
  years: Type.Array(DupontYear),
  trend: Type.Array(TrendYear),
});
export type ProspectAnalysis = Static<typeof ProspectAnalysis>;

// ---- decision and contract ---------------------------------------------------------------
export const DecisionBody = Type.Object(
  {
    decision: StringEnum(DECISIONS),
    reasons: Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { minItems: 1, maxItems: 20 })]),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const ContractTerms = Type.Object(
  {
    territory: Type.Array(TerritoryItem, { minItems: 1, maxItems: 500 }),
    tier: TierSchema,
    creditLimitFen: Fen,
    paymentTermDays: Type.Integer({ minimum: 0, maximum: 365 }),
    startsOn: Type.Optional(DateString),
    endsOn: Type.Optional(DateString),
    priceListId: Type.Optional(Id),
    vmi: Type.Optional(Type.Boolean()),
    dealerCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
    rebatePolicy: Type.Optional(Type.String({ maxLength: 200, description: 'rebate policy reference' })),
    annualTargetFen: Type.Optional(Fen),
  },
  { additionalProperties: false },
);
export type ContractTerms = Static<typeof ContractTerms>;
export const ConvertBody = Type.Object({ contract: ContractTerms }, { additionalProperties: false });
export type ConvertBody = Static<typeof ConvertBody>;
