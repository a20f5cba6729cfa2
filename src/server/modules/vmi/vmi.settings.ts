import type { VmiSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { readSettings, writeSettings, type SettingsSpec } from '../transfers/json-settings.js';

/** Defaults: HQ confirms by hand; a proposal covers 30 days (lead time + review period) at 95% service. */
const SPEC: SettingsSpec<VmiSettings> = {
  prefix: 'vmi.',
  defaults: { autoConfirm: false, coverDays: 30, serviceLevel: 0.95 },
  valid: {
    autoConfirm: (v) => typeof v === 'boolean',
    coverDays: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 365,
    serviceLevel: (v) => typeof v === 'number' && v >= 0.5 && v <= 0.999,
  },
};

export const vmiSettings = (db: Database) => readSettings(db, SPEC);
export const saveVmiSettings = (ctx: ServiceContext, patch: Partial<VmiSettings>) => writeSettings(ctx, SPEC, 'vmi', patch);
