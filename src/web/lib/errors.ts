import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError, type ApiError } from './api';

/** The translated headline of an error: one message per error code. */
export function errorTitle(t: TFunction, error: unknown): string {
  if (isApiError(error)) return t(`errors.codes.${error.code}`, { defaultValue: t('errors.codes.INTERNAL') });
  return t('errors.codes.INTERNAL');
}

/**
 * Server field messages are English (Ajv and the services); the common ones are translated here,
 * anything else is shown as sent.
 */
export function fieldMessage(t: TFunction, message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^is required for a level-2 dealer/, () => t('dealers.form.parentRequired')],
    [/^must be empty for a level-1 dealer/, () => t('errors.field.level1NoParent')],
    [/^is a required column/, () => t('errors.field.requiredColumn')],
    [/^appears twice/, () => t('errors.field.duplicateColumn')],
    [/^is not a known column/, () => t('errors.field.unknownColumn')],
    [/^must be an amount in yuan/, () => t('errors.field.yuan')],
    [/^must not be negative$/, () => t('errors.field.nonNegative')],
    [/^must be 1 or 2$/, () => t('errors.field.level')],
    [/^must be one of bronze, silver, gold/, () => t('errors.field.tier')],
    [/^is empty/, () => t('errors.field.empty')],
    [/^SKU (\S+) already exists$/, (m) => t('errors.field.skuExists', { sku: m[1] })],
    [/^Dealer code (\S+) is already used$/, (m) => t('errors.field.codeUsed', { code: m[1] })],
    [/^(\d{6}) is listed twice$/, (m) => t('errors.field.listedTwice', { code: m[1] })],
    [/^is required/, () => t('errors.field.required')],
    [/^is not a known field$/, () => t('errors.field.unknown')],
    [/^must NOT have fewer than (\d+) characters$/, (m) => t('errors.field.minLength', { n: m[1] })],
    [/^must NOT have more than (\d+) characters$/, (m) => t('errors.field.maxLength', { n: m[1] })],
    [/^must NOT have more than (\d+) items$/, (m) => t('errors.field.maxItems', { n: m[1] })],
    [/^must match pattern/, () => t('errors.field.pattern')],
    [/^must match format "email"$/, () => t('errors.field.email')],
    [/^must match format "date"$/, () => t('errors.field.date')],
    [/^must be >= (\S+)$/, (m) => t('errors.field.min', { n: m[1] })],
    [/^must be <= (\S+)$/, (m) => t('errors.field.max', { n: m[1] })],
    [/^must be integer$/, () => t('errors.field.integer')],
    [/^must be (string|number|boolean|array|object|null)$/, () => t('errors.field.type')],
    [/^does not match any allowed form$/, () => t('errors.field.invalid')],
    [/^must be equal to one of the allowed values$/, () => t('errors.field.invalid')],
    [/^must be at least (\d+) characters$/, (m) => t('errors.password.minLength', { n: m[1] })],
    [/^must mix at least three/, () => t('errors.password.classes')],
    [/^must not contain the username$/, () => t('errors.password.username')],
    [/^is not a GB\/T 2260 region code/, () => t('errors.field.regionCode')],
  ];
  for (const [re, fn] of rules) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}

/** "/territory/0/regionCode" -> ["territory", 0, "regionCode"]. */
export function pointerToNamePath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts each VALIDATION_FAILED field error next to its form field. `fields` lists the form's
 * top-level fields; `listLeaf` names the field to mark when a whole list item is refused
 * (e.g. {territory: 'regionCode'}). `rename` maps API field names to form names (creditLimitFen ->
 * creditLimit). Returns the errors that have no field on this form (show them above the form).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, t: TFunction, options: { fields: string[]; listLeaf?: Record<string, string>; rename?: Record<string, string> }): string[] {
  if (!isApiError(error)) return [];
  const api = error as ApiError;
  if (!api.errors.length) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const fe of api.errors) {
    const name = pointerToNamePath(fe.path);
    if (name.length && typeof name[0] === 'string' && options.rename?.[name[0]]) name[0] = options.rename[name[0]];
    const top = name[0];
    if (typeof top !== 'string' || !options.fields.includes(top)) {
      unplaced.push(`${fe.path.replace(/^\//, '') || '-'}: ${fieldMessage(t, fe.message)}`);
      continue;
    }
    if (name.length === 2 && typeof name[1] === 'number' && options.listLeaf?.[top]) name.push(options.listLeaf[top]);
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldMessage(t, fe.message));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}
