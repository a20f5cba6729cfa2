import { Type, type Static } from 'typebox';
import { ROLES } from '../permissions.js';
import { Id, Nullable, RegionCode, Timestamp, StringEnum } from './common.js';

export const RoleSchema = StringEnum(ROLES);

export const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  dealerId: Nullable(Id),
  regionCodes: Type.Array(RegionCode),
  active: Type.Boolean(),
  lockedUntil: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type User = Static<typeof User>;

export const Me = Type.Object({
  user: Type.Object({
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    dealerId: Nullable(Id),
    regionCodes: Type.Array(RegionCode),
    permissions: Type.Array(Type.String()),
  }),
});
export type Me = Static<typeof Me>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    dealerId: Type.Optional(Nullable(Id)),
    regionCodes: Type.Optional(Type.Array(RegionCode, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    username: Type.Optional(Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    dealerId: Type.Optional(Nullable(Id)),
    regionCodes: Type.Optional(Type.Array(RegionCode, { maxItems: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ApiKey = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  role: RoleSchema,
  dealerId: Nullable(Id),
  regionCodes: Type.Array(RegionCode),
  createdAt: Timestamp,
  createdBy: Type.String(),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  /** after this the key is refused (401); null only for a key that predates expiry, refused too */
  expiresAt: Nullable(Timestamp),
});
export type ApiKey = Static<typeof ApiKey>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    dealerId: Type.Optional(Nullable(Id)),
    regionCodes: Type.Optional(Type.Array(RegionCode, { maxItems: 200 })),
    /** lifetime in days; default and maximum are the auth.security setting (365 and 730 by default) */
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

/** The only response that ever carries the secret: it is shown once. */
export const CreatedApiKey = Type.Object({ apiKey: ApiKey, secret: Type.String() });
