// Settings stored as one JSON row each in `settings` (key = prefix + field). A stored value that
// fails the field's check (edited by hand) falls back to the default in force.
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { appendAudit } from '../../core/audit.js';

export interface SettingsSpec<T extends object> {
  prefix: string;
  defaults: T;
  valid: { [K in keyof T]: (value: unknown) => boolean };
}

export async function readSettings<T extends object>(db: Database, spec: SettingsSpec<T>): Promise<T> {
  const fields = Object.keys(spec.defaults) as (keyof T & string)[];
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', fields.map((f) => spec.prefix + f)).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = { ...spec.defaults };
  for (const f of fields) {
    const raw = byKey.get(spec.prefix + f);
    if (raw === undefined) continue;
    try {
      const value = JSON.parse(raw) as unknown;
      if (spec.valid[f](value)) out[f] = value as T[typeof f];
    } catch {
      // not JSON: keep the default
    }
  }
  return out;
}

/** Writes the given fields (audited with before and after) and returns the settings in force. */
export async function writeSettings<T extends object>(ctx: ServiceContext, spec: SettingsSpec<T>, entityId: string, patch: Partial<T>): Promise<T> {
  const before = await readSettings(ctx.db, spec);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [field, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      const value = JSON.stringify(v);
      await trx
        .insertInto('settings')
        .values({ key: spec.prefix + field, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId, change: { from: before, to: { ...before, ...patch } } });
  });
  return readSettings(ctx.db, spec);
}
