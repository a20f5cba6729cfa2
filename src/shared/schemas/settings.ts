import { Type, type Static } from 'typebox';

/** One declared setting as the HQ settings page shows it (src/server/core/settings.ts). */
export const SettingItem = Type.Object({
  key: Type.String(),
  module: Type.String(),
  title: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  value: Type.Unknown({ description: 'the document in force (stored, merged over the defaults)' }),
  defaults: Type.Unknown(),
  schema: Type.Unknown({ description: 'JSON Schema of the document' }),
  version: Type.Integer({ description: '0 while the defaults are in force' }),
  changedAt: Type.Union([Type.String(), Type.Null()]),
  changedBy: Type.Union([Type.String(), Type.Null()]),
});
export type SettingItem = Static<typeof SettingItem>;

export const SettingList = Type.Object({ items: Type.Array(SettingItem) });
export type SettingList = Static<typeof SettingList>;

export const SettingKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }) }, { additionalProperties: false });

export const PutSettingBody = Type.Object({ value: Type.Unknown({ description: 'the whole new document' }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type PutSettingBody = Static<typeof PutSettingBody>;

export const SettingVersionItem = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  changedBy: Type.String(),
  changedAt: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  value: Type.Unknown(),
});
export const SettingVersionList = Type.Object({ items: Type.Array(SettingVersionItem) });
