// The VMI proposal setting HQ may change (auto-confirm), one document of the one settings
// mechanism (src/server/core/settings.ts). PATCH /api/v1/vmi/settings keeps its body. Migration
// 0019 folded the `vmi.autoConfirm` row older releases wrote into this document.
import { VmiSettings, type UpdateVmiSettingsBody } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid } from '../../core/errors.js';
import { defineSetting, mergeOver, readSetting, writeSetting } from '../../core/settings.js';

/**
 * Default: HQ confirms by hand. Cover days and service level were VMI settings until stock health
 * became the one owner of stock targets (the order cycle and service levels of
 * `stock-health.parameters`, the lead times).
 */
export const VMI_SETTINGS = defineSetting({
  key: 'vmi.proposals',
  module: 'vmi',
  title: { 'zh-CN': 'VMI 补货建议：自动确认', en: 'VMI replenishment proposals: auto-confirm' },
  schema: VmiSettings,
  defaults: { autoConfirm: false },
  permission: 'vmi.manage',
});

const MOVED =
  'is no longer a VMI setting: VMI orders up to the stock-health targets; set the order cycle and service levels at PUT /api/v1/inventory/settings/stock-health and lead times at PUT /api/v1/inventory/settings/lead-times';

export const vmiSettings = (db: Database): Promise<VmiSettings> => readSetting(db, VMI_SETTINGS);

/** An old client sending a removed field is refused by name (not silently ignored): its change would not happen. */
export async function saveVmiSettings(ctx: ServiceContext, patch: UpdateVmiSettingsBody): Promise<VmiSettings> {
  for (const field of ['coverDays', 'serviceLevel'] as const) if (patch[field] !== undefined) throw invalid(`/${field}`, MOVED);
  const next = mergeOver(await vmiSettings(ctx.db), patch.autoConfirm === undefined ? {} : { autoConfirm: patch.autoConfirm });
  return writeSetting(ctx, VMI_SETTINGS, next, { pathPrefix: '' });
}
