// The HQ settings page's service: lists every declared setting (src/server/core/settings.ts) with
// the document in force and its version, and saves a whole document through the one mechanism.
import type { SettingItem, SettingList } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';
import { requirePermission } from '../../core/access.js';
import { currentVersion, readSetting, requireDefinition, settingDefinitions, settingVersions, writeSetting, type SettingDefinition, type SettingVersion } from '../../core/settings.js';

async function itemOf(ctx: ServiceContext, definition: SettingDefinition): Promise<SettingItem> {
  const [value, version] = await Promise.all([readSetting(ctx.db, definition), currentVersion(ctx.db, definition.key)]);
  return { key: definition.key, module: definition.module, title: definition.title, value, defaults: definition.defaults, schema: definition.schema, ...version };
}

export async function listSettings(ctx: ServiceContext): Promise<SettingList> {
  const items: SettingItem[] = [];
  for (const definition of settingDefinitions()) items.push(await itemOf(ctx, definition));
  return { items };
}

export const getSetting = (ctx: ServiceContext, key: string): Promise<SettingItem> => itemOf(ctx, requireDefinition(key));

/** Replaces the whole document; the caller needs the permission the owning module declared. */
export async function putSetting(ctx: ServiceContext, key: string, body: { value: unknown; note?: string }): Promise<SettingItem> {
  const definition = requireDefinition(key);
  requirePermission(ctx.caller, definition.permission);
  await writeSetting(ctx, definition, body.value as never, { pathPrefix: '/value', note: body.note });
  return itemOf(ctx, definition);
}

export async function listSettingVersions(ctx: ServiceContext, key: string): Promise<{ items: SettingVersion[] }> {
  requireDefinition(key);
  return { items: await settingVersions(ctx.db, key) };
}
