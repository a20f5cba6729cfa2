// Frozen: never edit a released migration; add a new one. No app imports.
// The transfer, VMI and stock-health settings moved onto the one settings mechanism (one JSON
// document per key, src/server/core/settings.ts). Older releases kept one row per field:
// `transfers.<field>` and `vmi.<field>` as JSON text, `stockHealth.<field>` as a JSON number that
// the old reader took with Number(). They are folded into `transfers.planning`, `vmi.proposals`
// and `stock-health.parameters`, so an upgrade keeps what HQ had set. A value the old reader
// ignored (unparseable, wrong type, out of range) is left out, so its default stays in force as
// before; so is a fractional window or order cycle, which the routes never wrote and the new
// schema does not hold. The old rows are then deleted, `vmi.coverDays` and `vmi.serviceLevel`
// too (no reader since stock health took over the targets): leaving them would suggest they count.
import type { Kysely } from 'kysely';

type Accept = (value: unknown) => boolean;

const isInteger = (min: number, max: number): Accept => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNumber = (min: number, max: number): Accept => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** The rows written as JSON, by document: old key -> [field, what the old reader accepted]. */
const JSON_DOCUMENTS: Record<string, Record<string, [string, Accept]>> = {
  'transfers.planning': {
    'transfers.exclusiveBoundLevel': ['exclusiveBoundLevel', (v) => v === 'province' || v === 'city' || v === 'county'],
    'transfers.costBaseFen': ['costBaseFen', isInteger(0, 10_000_000)],
    'transfers.costPerKmFen': ['costPerKmFen', isNumber(0, 100_000)],
    'transfers.maxDistanceKm': ['maxDistanceKm', isInteger(1, 10_000)],
  },
  'vmi.proposals': {
    'vmi.autoConfirm': ['autoConfirm', (v) => typeof v === 'boolean'],
  },
};

/** The stock-health scalars: old key -> [field, accepted once read with Number()]. */
const STOCK_HEALTH: Record<string, [string, Accept]> = {
  'stockHealth.windowDays': ['windowDays', isInteger(7, 365)],
  'stockHealth.orderCycleDays': ['orderCycleDays', isInteger(0, 365)],
  'stockHealth.defaultLeadTimeDays': ['defaultLeadTimeDays', isNumber(0, 365)],
  'stockHealth.defaultLeadTimeSdDays': ['defaultLeadTimeSdDays', isNumber(0, 365)],
  'stockHealth.defaultServiceLevel': ['defaultServiceLevel', isNumber(0.5, 0.9999)],
};

/** Read by no release any more. */
const UNREAD = ['vmi.coverDays', 'vmi.serviceLevel'];

function parsed(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
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
  const oldKeys = [...Object.values(JSON_DOCUMENTS).flatMap((fields) => Object.keys(fields)), ...Object.keys(STOCK_HEALTH), ...UNREAD];
  const rows = (await db.selectFrom('settings').select(['key', 'value', 'updated_at']).where('key', 'in', oldKeys).execute()) as { key: string; value: string; updated_at: string }[];
  if (rows.length === 0) return;

  const collect = (spec: Record<string, [string, Accept]>, read: (raw: string) => unknown) => {
    const fields: Record<string, unknown> = {};
    let latest = '';
    for (const row of rows) {
      const entry = spec[row.key];
      if (!entry) continue;
      const value = read(row.value);
      if (!entry[1](value)) continue;
      fields[entry[0]] = value;
      if (row.updated_at > latest) latest = row.updated_at;
    }
    return { fields, latest: latest || new Date().toISOString() };
  };

  for (const [key, spec] of Object.entries(JSON_DOCUMENTS)) {
    const { fields, latest } = collect(spec, parsed);
    await fold(db, key, fields, latest);
  }
  const stock = collect(STOCK_HEALTH, (raw) => Number(raw));
  await fold(db, 'stock-health.parameters', stock.fields, stock.latest);

  await db.deleteFrom('settings').where('key', 'in', oldKeys).execute();
}

export async function down(): Promise<void> {
  throw new Error('0019_settings_documents_stock cannot be reverted: restore a backup instead');
}
