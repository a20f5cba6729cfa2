// Reading the JSON Schema of a setting (TypeBox output, src/server/core/settings.ts) for the
// generated form: labels from i18n (settings.*.json), never raw keys when a translation exists.
import type { TFunction } from 'i18next';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  /** a map with free keys (TypeBox Type.Record): one schema for every value */
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  title?: string;
  description?: string;
  anyOf?: JsonSchema[];
}

export type Path = (string | number)[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "first-bucket" style fallback for a name nobody translated: camelCase and snake_case split. */
const prettify = (name: string) =>
  name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase());

/**
 * The path without list indices, '/'-joined: criteria.0.weight -> criteria/weight. The i18n files
 * key each setting as "orders/trade" because i18next (and the i18n test) split keys on dots.
 */
export const fieldPath = (path: Path) => path.filter((p) => typeof p === 'string').join('/');

function lookup(t: TFunction, group: string, settingKey: string, dotted: string): string | undefined {
  const table = t(`settings.${group}`, { returnObjects: true }) as unknown;
  if (!isObject(table)) return undefined;
  const own = table[settingKey.replace(/\./g, '/')];
  if (isObject(own) && typeof own[dotted] === 'string') return own[dotted] as string;
  return undefined;
}

/** The label of a field: this setting's own translation, then a shared name, then the schema title. */
export function fieldLabel(t: TFunction, settingKey: string, path: Path, schema?: JsonSchema): string {
  const dotted = fieldPath(path);
  const own = lookup(t, 'fields', settingKey, dotted);
  if (own) return own;
  const last = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const shared = t(`settings.names.${last}`, { defaultValue: '' });
  if (shared) return shared;
  return schema?.title ?? prettify(last);
}

/** Help under a field: the translation, or (in English only) the schema description. */
export function fieldHelp(t: TFunction, language: string, settingKey: string, path: Path, schema?: JsonSchema): string | undefined {
  const own = lookup(t, 'help', settingKey, fieldPath(path));
  if (own) return own;
  return language === 'en' ? schema?.description : undefined;
}

/**
 * Unit of a number (days, minutes, clock, ...): declared per setting field in the i18n files, else
 * guessed from the name (…Days, …Minutes).
 */
export function fieldUnit(t: TFunction, settingKey: string, path: Path): string | undefined {
  const declared = lookup(t, 'units', settingKey, fieldPath(path)) ?? lookup(t, 'units', settingKey, String(path[0]));
  const unit =
    declared ??
    (() => {
      const last = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
      if (/Days$/.test(last)) return 'days';
      if (/Minutes?$/.test(last)) return 'minutes';
      if (/Hours$/.test(last)) return 'hours';
      if (/Seconds$/.test(last)) return 'seconds';
      return undefined;
    })();
  return unit;
}

export const enumLabel = (t: TFunction, value: unknown) => t(`settings.enums.${String(value)}`, { defaultValue: String(value) });

export const moduleLabel = (t: TFunction, module: string) => t(`settings.modules.${module}`, { defaultValue: module });

export interface Difference {
  path: Path;
  from: unknown;
  to: unknown;
}

/** Leaf differences of two documents; a list that changed is one difference (its rows shift). */
export function differences(from: unknown, to: unknown, path: Path = []): Difference[] {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return keys.flatMap((k) => differences(from[k], to[k], [...path, k]));
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ path, from, to }];
}

/** A value as a short text for the diff table. */
export function valueText(t: TFunction, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('settings.empty');
  if (typeof value === 'boolean') return value ? t('settings.yes') : t('settings.no');
  if (Array.isArray(value)) return t('settings.rows', { count: value.length });
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

/** The schema of the node at `path` (list indices step into `items`). */
export function schemaAt(root: JsonSchema, path: Path): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const p of path) {
    if (!node) return undefined;
    node = typeof p === 'number' ? node.items : node.properties?.[p];
  }
  return node;
}
