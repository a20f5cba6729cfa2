// The one settings mechanism (docs/rules.md, "Settings"). Every number HQ may change is declared
// once, by the module that owns the rule, with `defineSetting`: a key, a TypeBox schema and the
// defaults. Nothing else reads or writes the `settings` table for a declared key.
//
// Semantics:
// - A setting is one JSON document under its key. Reading merges the stored document over the
//   defaults (objects key by key, arrays replace), then validates the result against the schema.
//   A stored document that no longer validates (edited by hand, or written by an older release
//   whose shape has since changed) falls back field by field: each top-level field that fails
//   takes its default, so one bad field never silently disables the others. The module's
//   cross-field check applies on reading too (weights no longer totalling 100 are as unusable as
//   a wrong type): the fields it names take their defaults, and if that still fails, all do.
// - Writing validates the whole new document (the schema, then the module's own cross-field
//   check), each error naming its field under `pathPrefix` (e.g. `/weights/sales`). In one
//   transaction it replaces the document, appends the next numbered row to `setting_versions`
//   (version 1 is the first write; before it the defaults were in force) and appends the change,
//   with its before and after, to the audit chain. Two concurrent writers of one key both
//   succeed, one after the other (see the lock note in writeSetting), each with its own version.
// - Reads are not cached: several instances share one database, and a read is one indexed row.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TSchema } from 'typebox';
import type { Transaction } from 'kysely';
import type { FieldError } from '../../shared/errors.js';
import type { Permission } from '../../shared/permissions.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { ServiceContext } from './caller.js';
import { appendAudit } from './audit.js';
import { AppError, fieldErrorsFromValidation, invalidMany } from './errors.js';

export interface SettingDefinition<S extends TSchema = TSchema> {
  /** the row key in `settings`, `<module>.<name>` */
  key: string;
  /** the owning module, for grouping on the HQ settings page */
  module: string;
  title: { 'zh-CN': string; en: string };
  schema: S;
  defaults: Static<S>;
  /** who may change it through the generic settings routes (modules may also expose their own) */
  permission: Permission;
  /** checks the schema cannot express (weights summing to 1, bands descending) */
  check?: (value: Static<S>) => FieldError[];
}

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats(ajv);

interface Registered {
  definition: SettingDefinition;
  validate: ValidateFunction;
}
const registry = new Map<string, Registered>();

/** Declares a setting (once per key, at module load) and returns it for typed reads and writes. */
export function defineSetting<S extends TSchema>(definition: SettingDefinition<S>): SettingDefinition<S> {
  const existing = registry.get(definition.key);
  if (existing && existing.definition !== (definition as SettingDefinition)) throw new Error(`setting ${definition.key} is declared twice`);
  const validate = ajv.compile(definition.schema as object);
  if (!validate(definition.defaults)) throw new Error(`setting ${definition.key}: defaults do not match the schema: ${ajv.errorsText(validate.errors)}`);
  registry.set(definition.key, { definition: definition as SettingDefinition, validate });
  return definition;
}

export const settingDefinitions = (): SettingDefinition[] => [...registry.values()].map((r) => r.definition).sort((a, b) => a.module.localeCompare(b.module) || a.key.localeCompare(b.key));

export function settingDefinition(key: string): SettingDefinition | undefined {
  return registry.get(key)?.definition;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stored overrides over the defaults: objects merge key by key, arrays and scalars replace. */
export function mergeOver<T>(defaults: T, stored: unknown): T {
  if (stored === undefined) return defaults;
  if (!isObject(defaults) || !isObject(stored)) return stored as T;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(stored)) {
    const base = (defaults as Record<string, unknown>)[key];
    out[key] = isObject(base) && isObject(value) ? mergeOver(base, value) : value;
  }
  return out as T;
}

function registered<S extends TSchema>(definition: SettingDefinition<S>): Registered {
  const entry = registry.get(definition.key);
  if (!entry) throw new Error(`setting ${definition.key} is not declared`);
  return entry;
}

/** The document as it should be read: merged, validated, bad top-level fields back at their defaults. */
export function resolveStored<S extends TSchema>(definition: SettingDefinition<S>, storedText: string | undefined): Static<S> {
  const { validate } = registered(definition);
  if (storedText === undefined) return definition.defaults;
  let stored: unknown;
  try {
    stored = JSON.parse(storedText);
  } catch {
    return definition.defaults;
  }
  const merged: unknown = mergeOver(definition.defaults, stored);
  if (validate(merged) && checkedFields(definition, merged).length === 0) return merged as Static<S>;
  if (!isObject(merged) || !isObject(definition.defaults)) return definition.defaults;
  const defaults = definition.defaults as Record<string, unknown>;
  const repaired: Record<string, unknown> = { ...(merged as Record<string, unknown>) };
  const reset = (field: string) => {
    if (field in defaults) repaired[field] = defaults[field];
    else delete repaired[field];
  };
  if (!validate(merged)) {
    for (const error of validate.errors ?? []) {
      const field = fieldOf(error);
      if (field !== undefined) reset(field);
    }
    if (!validate(repaired)) return definition.defaults;
  }
  const failing = checkedFields(definition, repaired);
  if (failing.length === 0) return repaired as Static<S>;
  failing.forEach(reset);
  return validate(repaired) && checkedFields(definition, repaired).length === 0 ? (repaired as Static<S>) : definition.defaults;
}

/** The top-level fields the module's cross-field check objects to (the document is schema-valid). */
function checkedFields<S extends TSchema>(definition: SettingDefinition<S>, value: unknown): string[] {
  const errors = definition.check?.(value as Static<S>) ?? [];
  return [...new Set(errors.map((e) => e.path.split('/').filter(Boolean)[0] ?? ''))];
}

/** The top-level field an Ajv error is about (unknown fields included). */
function fieldOf(error: ErrorObject): string | undefined {
  const segments = error.instancePath.split('/').filter(Boolean);
  if (segments.length) return decodeURIComponent(segments[0].replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return extra;
}

type Reader = Pick<Database, 'selectFrom'> | Transaction<DB>;

export async function readSetting<S extends TSchema>(db: Reader, definition: SettingDefinition<S>): Promise<Static<S>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', definition.key).executeTakeFirst();
  return resolveStored(definition, row?.value);
}

/** The errors a candidate document has, each path under `pathPrefix`; empty when it may be saved. */
export function settingErrors<S extends TSchema>(definition: SettingDefinition<S>, value: unknown, pathPrefix = ''): FieldError[] {
  const { validate } = registered(definition);
  if (!validate(value)) {
    return fieldErrorsFromValidation(validate.errors ?? [], 'body').map((e) => ({ ...e, path: `${pathPrefix}${e.path === '/' ? '' : e.path}` || '/' }));
  }
  return (definition.check?.(value as Static<S>) ?? []).map((e) => ({ ...e, path: `${pathPrefix}${e.path}` }));
}

export interface SettingVersion {
  key: string;
  version: number;
  changedBy: string;
  changedAt: string;
  note: string | null;
  value: unknown;
}

/**
 * Validates and saves a whole document: the row, its next version and the audit entry in one
 * transaction (or inside the caller's, when a module saves more than the setting at once).
 */
export async function writeSetting<S extends TSchema>(
  ctx: ServiceContext,
  definition: SettingDefinition<S>,
  value: Static<S>,
  options: { pathPrefix?: string; note?: string; trx?: Transaction<DB> } = {},
): Promise<Static<S> & object> {
  const errors = settingErrors(definition, value, options.pathPrefix ?? '');
  if (errors.length) throw invalidMany(errors);
  const run = async (trx: Transaction<DB>) => {
    const legacy = await trx.selectFrom('settings').select('value').where('key', '=', definition.key).executeTakeFirst();
    const now = ctx.clock.now().toISOString();
    const text = JSON.stringify(value);
    // The upsert comes first: it takes the row lock (PostgreSQL) or the write lock (SQLite), so
    // concurrent writers of one key run one after another and never share a version number.
    await trx
      .insertInto('settings')
      .values({ key: definition.key, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
    const last = await trx.selectFrom('setting_versions').select(['version', 'value']).where('key', '=', definition.key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    const before = resolveStored(definition, last ? last.value : legacy?.value);
    const version = Number(last?.version ?? 0) + 1;
    await trx
      .insertInto('setting_versions')
      .values({ key: definition.key, version, value: text, changed_by: ctx.caller.name, changed_at: now, note: options.note ?? null })
      .execute();
    await appendAudit(trx, ctx, { action: 'settings.update', entityType: 'setting', entityId: definition.key, change: { version, from: before, to: value } });
  };
  if (options.trx) await run(options.trx);
  else await ctx.db.transaction().execute(run);
  return value as Static<S> & object;
}

export async function settingVersions(db: Database, key: string): Promise<SettingVersion[]> {
  const rows = await db.selectFrom('setting_versions').selectAll().where('key', '=', key).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ key: r.key, version: Number(r.version), changedBy: r.changed_by, changedAt: r.changed_at, note: r.note, value: JSON.parse(r.value) as unknown }));
}

export async function currentVersion(db: Database, key: string): Promise<{ version: number; changedAt: string | null; changedBy: string | null }> {
  const row = await db.selectFrom('setting_versions').select(['version', 'changed_at', 'changed_by']).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return { version: Number(row?.version ?? 0), changedAt: row?.changed_at ?? null, changedBy: row?.changed_by ?? null };
}

export function requireDefinition(key: string): SettingDefinition {
  const definition = settingDefinition(key);
  if (!definition) throw new AppError('NOT_FOUND', `Setting ${key} was not found`);
  return definition;
}
