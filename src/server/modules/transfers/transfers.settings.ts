// The transfer planning rules HQ may change (exclusive-territory bound, distance cost, longest
// lane): one document of the one settings mechanism (src/server/core/settings.ts), so the HQ
// settings page edits them and each change is versioned and audited. PATCH
// /api/v1/transfers/settings keeps its partial body: the fields sent are merged over the document
// in force and the whole document is saved. Migration 0019 folded the `transfers.<field>` rows
// older releases wrote into this document.
import { TransferSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { defineSetting, mergeOver, readSetting, writeSetting } from '../../core/settings.js';

/** Defaults: exclusive stock stays in its city; ¥3 handling per unit plus ¥0.01 per unit-km; no lane beyond 1,000 km without a contracted cost. */
export const TRANSFER_SETTINGS = defineSetting({
  key: 'transfers.planning',
  module: 'transfers',
  title: { 'zh-CN': '调拨规划：独家区域限制与运距成本', en: 'Transfer planning: exclusive territories and distance cost' },
  schema: TransferSettings,
  defaults: { exclusiveBoundLevel: 'city', costBaseFen: 300, costPerKmFen: 1, maxDistanceKm: 1000 },
  permission: 'transfers.configure',
});

export const transferSettings = (db: Database): Promise<TransferSettings> => readSetting(db, TRANSFER_SETTINGS);

/** PATCH: the fields sent over the settings in force, saved whole (errors name the body's fields). */
export async function saveTransferSettings(ctx: ServiceContext, patch: Partial<TransferSettings>): Promise<TransferSettings> {
  const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = mergeOver(await transferSettings(ctx.db), sent);
  return writeSetting(ctx, TRANSFER_SETTINGS, next, { pathPrefix: '' });
}
