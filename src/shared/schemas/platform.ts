import { Type, type Static } from 'typebox';
import { Id, Nullable, RegionCode, Timestamp, StringEnum } from './common.js';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export const Region = Type.Object({
  code: RegionCode,
  name: Type.String(),
  level: StringEnum(REGION_LEVELS),
  parentCode: Nullable(RegionCode),
  path: Type.Optional(Type.String({ description: 'full name, e.g. 广东省 / 广州市 / 天河区' })),
  hasChildren: Type.Boolean(),
});
export type Region = Static<typeof Region>;

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  change: Type.Unknown(),
  hash: Type.String(),
  requestId: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditVerification = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer(),
  headHash: Nullable(Type.String()),
  firstInvalidEntry: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});

export const ImportReport = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  valid: Type.Integer(),
  applied: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
});
export type ImportReport = Static<typeof ImportReport>;

export const DashboardSummary = Type.Object({
  dealers: Type.Object({
    total: Type.Integer(),
    level2: Type.Integer(),
    byStatus: Type.Record(Type.String(), Type.Integer()),
    byTier: Type.Record(Type.String(), Type.Integer()),
    provinces: Type.Integer(),
  }),
  products: Type.Object({ total: Type.Integer(), active: Type.Integer(), categories: Type.Integer() }),
  users: Nullable(Type.Integer()),
  recentEvents: Type.Array(Type.Object({ dealerId: Id, dealerName: Type.String(), toStatus: Type.String(), at: Timestamp, actorName: Type.String() })),
});
export type DashboardSummary = Static<typeof DashboardSummary>;

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
});

export { RegionCode };
