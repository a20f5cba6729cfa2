// Evaluation settings stored as one JSON settings row, merged over the defaults.
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';
import { invalid } from '../../core/errors.js';
import { DEFAULT_SETTINGS, mergeSettings, type EvaluationSettings } from './settings.rules.js';

export const SETTINGS_KEY = 'evaluation.settings';

export async function loadSettings(db: Database): Promise<EvaluationSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  try {
    return mergeSettings(DEFAULT_SETTINGS, JSON.parse(row.value));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Weights must sum to 1 and grade bands descend. Each bad field is named. */
export function checkSettings(s: EvaluationSettings): void {
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  if (!near(sum(s.weights), 1)) throw invalid('/body/weights', 'must sum to 1');
  if (!near(sum(s.satisfactionWeights), 1)) throw invalid('/body/satisfactionWeights', 'must sum to 1');
  if (!near(sum(s.inventoryWeights), 1)) throw invalid('/body/inventoryWeights', 'must sum to 1');
  if (!(s.gradeBands.A > s.gradeBands.B && s.gradeBands.B > s.gradeBands.C)) throw invalid('/body/gradeBands', 'must descend: A > B > C');
  if (!(s.elastic.floor <= s.elastic.threshold)) throw invalid('/body/elastic/floor', 'must not exceed the threshold');
}

export async function saveSettings(ctx: ServiceContext, body: Partial<EvaluationSettings> & { tiers?: unknown }): Promise<EvaluationSettings> {
  // Refused rather than ignored, so nobody believes they moved a threshold that nothing reads.
  if (body.tiers !== undefined) throw invalid('/body/tiers', 'tier thresholds are part of the incentive policy: publish a version with PUT /api/v1/incentive-policies');
  const before = await loadSettings(ctx.db);
  const next = mergeSettings(before, body);
  checkSettings(next);
  const now = ctx.clock.now().toISOString();
  const value = JSON.stringify(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: SETTINGS_KEY, change: { from: before, to: next } });
  });
  return next;
}
