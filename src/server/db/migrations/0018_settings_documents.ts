// Frozen: never edit a released migration; add a new one. No app imports.
// Settings became one JSON document per key (src/server/core/settings.ts). Rows older releases
// wrote under other keys are folded into the documents that replace them, so an upgrade keeps
// what HQ had set: the three trade scalars into `orders.trade`, `company.name` into
// `prospects.contract`. A value the old reader would have ignored (not a number, out of range)
// is left out, so its default stays in force as before. The old rows are then deleted: nothing
// reads them any more, and leaving them would suggest they still count.
import type { Kysely } from 'kysely';

const TRADE_FIELDS: Record<string, string> = {
  'credit.holdOverdueDays': 'creditHoldOverdueDays',
  'receivables.reminderOverdueDays': 'overdueReminderDays',
  'idempotency.retentionDays': 'idempotencyRetentionDays',
};

/** The old rows held JSON or bare text; the old trade reader accepted both. */
function parsed(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function days(raw: string): number | undefined {
  const value = Math.trunc(Number(parsed(raw)));
  return Number.isFinite(value) && value >= 1 && value <= 3650 ? value : undefined;
}

async function fold(db: Kysely<any>, key: string, fields: Record<string, unknown>, updatedAt: string): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  let current: Record<string, unknown> = {};
  if (existing) {
    const value = parsed(existing.value as string);
    if (value && typeof value === 'object' && !Array.isArray(value)) current = value as Record<string, unknown>;
  }
  // A document already under the new key was written later than the old rows: its fields win.
  const value = JSON.stringify({ ...fields, ...current });
  if (existing) await db.updateTable('settings').set({ value }).where('key', '=', key).execute();
  else await db.insertInto('settings').values({ key, value, updated_at: updatedAt }).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  const oldKeys = [...Object.keys(TRADE_FIELDS), 'company.name'];
  const rows = (await db.selectFrom('settings').select(['key', 'value', 'updated_at']).where('key', 'in', oldKeys).execute()) as { key: string; value: string; updated_at: string }[];
  if (rows.length === 0) return;
  const latest = (keys: string[]) =>
    rows
      .filter((r) => keys.includes(r.key))
      .map((r) => r.updated_at)
      .sort()
      .pop() ?? new Date().toISOString();

  const trade: Record<string, number> = {};
  for (const row of rows) {
    const field = TRADE_FIELDS[row.key];
    const value = field ? days(row.value) : undefined;
    if (field && value !== undefined) trade[field] = value;
  }
  await fold(db, 'orders.trade', trade, latest(Object.keys(TRADE_FIELDS)));

  const company = rows.find((r) => r.key === 'company.name');
  if (company) {
    const value = parsed(company.value);
    const name = (typeof value === 'string' ? value : company.value).trim().slice(0, 200);
    if (name) await fold(db, 'prospects.contract', { companyName: name }, company.updated_at);
  }

  await db.deleteFrom('settings').where('key', 'in', oldKeys).execute();
}

export async function down(): Promise<void> {
  throw new Error('0018_settings_documents cannot be reverted: restore a backup instead');
}
