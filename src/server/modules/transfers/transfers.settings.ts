import { BOUND_LEVELS, type TransferSettings } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { readSettings, writeSettings, type SettingsSpec } from './json-settings.js';

/** Defaults: exclusive stock stays in its city; ¥3 handling per unit plus ¥0.01 per unit-km; no lane beyond 1,000 km without a contracted cost. */
const SPEC: SettingsSpec<TransferSettings> = {
  prefix: 'transfers.',
  defaults: { exclusiveBoundLevel: 'city', costBaseFen: 300, costPerKmFen: 1, maxDistanceKm: 1000 },
  valid: {
    exclusiveBoundLevel: (v) => typeof v === 'string' && (BOUND_LEVELS as readonly string[]).includes(v),
    costBaseFen: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000_000,
    costPerKmFen: (v) => typeof v === 'number' && v >= 0 && v <= 100_000,
    maxDistanceKm: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10_000,
  },
};

export const transferSettings = (db: Database) => readSettings(db, SPEC);
export const saveTransferSettings = (ctx: ServiceContext, patch: Partial<TransferSettings>) => writeSettings(ctx, SPEC, 'transfers', patch);
