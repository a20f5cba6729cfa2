import type { UpdateVmiSettingsBody, VmiSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid } from '../../core/errors.js';
import { readSettings, writeSettings, type SettingsSpec } from '../transfers/json-settings.js';

/**
 * Default: HQ confirms by hand. Cover days and service level were VMI settings until stock health
 * became the one owner of stock targets; rows `vmi.coverDays` / `vmi.serviceLevel` left in
 * `settings` by older versions are no longer read.
 */
const SPEC: SettingsSpec<VmiSettings> = {
  prefix: 'vmi.',
  defaults: { autoConfirm: false },
  valid: { autoConfirm: (v) => typeof v === 'boolean' },
};

const MOVED = 'is no longer a VMI setting: VMI orders up to the stock-health targets; set the order cycle and service levels at PUT /api/v1/inventory/settings/stock-health and lead times at PUT /api/v1/inventory/settings/lead-times';

export const vmiSettings = (db: Database) => readSettings(db, SPEC);

/** An old client sending a removed field is refused by name (not silently ignored): its change would not happen. */
export function saveVmiSettings(ctx: ServiceContext, patch: UpdateVmiSettingsBody): Promise<VmiSettings> {
  for (const field of ['coverDays', 'serviceLevel'] as const) if (patch[field] !== undefined) throw invalid(`/${field}`, MOVED);
  return writeSettings(ctx, SPEC, 'vmi', { autoConfirm: patch.autoConfirm });
}
