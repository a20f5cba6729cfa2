// Bad input on every route, generated from the routes and schemas the real app registers:
// malformed JSON, wrong shapes, unknown fields, wrong types for every declared property,
// oversized bodies, wrong content types, bad query strings and path parameters, and in every
// string field (body, query, params) text the database cannot store (NUL, lone surrogates) or
// text over its maxLength. Every one must answer 4xx application/problem+json naming the bad
// field, never 500, and change no data.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../src/shared/limits.js';
import type { RegisteredRoute } from '../src/server/app.js';
import { ROLES, can, type Role } from '../src/shared/permissions.js';
import type { RouteAccess } from '../src/server/core/http.js';
import { createSession } from '../src/server/core/auth.js';
import { sha256 } from '../src/server/core/canonical.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { createProduct } from '../src/server/modules/products/products.service.js';
import { createPriceList } from '../src/server/modules/price-lists/price-lists.service.js';
import { createApiKey } from '../src/server/modules/api-keys/api-keys.service.js';
import { TEST_PASSWORD, createTestApp } from './helpers/app.js';

// Built at collection time: the generated cases below are named after its routes.
const t = await createTestApp();
afterAll(async () => t.close());

type JsonSchema = Record<string, any>;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const REGION_CODE = '440106';
const NONEXISTENT_ID = 'zz_nonexistent_0000000001';
const pathParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);
const schemaOf = (route: RegisteredRoute, part: 'body' | 'querystring' | 'params') => route.schema?.[part] as JsonSchema | undefined;

// Validators like the server's: bodies strict, query strings and params coerced from text.
const bodyAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const textAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: 'array' });
addFormats(bodyAjv);
addFormats(textAjv);
const compiled = new Map<Ajv, WeakMap<object, ValidateFunction>>();
function accepts(ajv: Ajv, schema: JsonSchema, value: unknown): boolean {
  const cache = compiled.get(ajv) ?? compiled.set(ajv, new WeakMap()).get(ajv)!;
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate(value) as boolean;
}
const wrappers = new WeakMap<object, Map<string, JsonSchema>>();
/** Validates `value` as property `name` of an object, the way a query string or params are checked. */
function acceptsAsText(name: string, schema: JsonSchema, value: string): boolean {
  const byName = wrappers.get(schema) ?? wrappers.set(schema, new Map()).get(schema)!;
  const wrapper = byName.get(name) ?? byName.set(name, { type: 'object', properties: { [name]: schema }, required: [name] }).get(name)!;
  return accepts(textAjv, wrapper, { [name]: value });
}

// ---- a valid sample of a schema, so one bad field at a time can be tested against it
const STRING_CANDIDATES = ['sample', REGION_CODE, '2026-01-01', 'sample@example.com', '2026-03', '2026-01-01T00:00:00.000Z', TEST_PASSWORD, 'A1'];
function sampleOf(schema: JsonSchema): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return sampleOf(branches.find((b) => b.type !== 'null') ?? branches[0]);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
      for (const [key, sub] of props) if ((schema.required ?? []).includes(key)) out[key] = sampleOf(sub);
      for (const [key, sub] of props) {
        if (Object.keys(out).length >= (schema.minProperties ?? 0)) break;
        if (!(key in out)) out[key] = sampleOf(sub);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      const candidates = [...STRING_CANDIDATES, 'a'.repeat(Math.max(1, schema.minLength ?? 1))];
      return candidates.find((c) => accepts(bodyAjv, schema, c)) ?? 'sample';
    }
    default:
      return {};
  }
}

// ---- a wrong-typed value for a body property: string->123, integer->"x", boolean->"yes", array->{}
const WRONG_BY_TYPE: Record<string, unknown> = { string: 123, integer: 'x', number: 'x', boolean: 'yes', array: {}, object: 123, null: 'x' };
const WRONG_ANY: unknown[] = [123, 'x', 'yes', {}, [], true, null];
function wrongTypeFor(schema: JsonSchema): unknown | undefined {
  const byType = typeof schema.type === 'string' ? WRONG_BY_TYPE[schema.type] : undefined;
  const candidates = byType !== undefined ? [byType, ...WRONG_ANY] : WRONG_ANY;
  return candidates.find((c) => !accepts(bodyAjv, schema, c));
}

interface FieldCase {
  path: string; // JSON pointer of the bad field, as the errors array names it
  body: unknown;
}
/** One case per declared property (nested objects and array items included): that field wrong, the rest valid. */
function wrongFieldCases(schema: JsonSchema, depth = 0): FieldCase[] {
  if (schema.type !== 'object' || !schema.properties || depth > 3) return [];
  const base = sampleOf(schema) as Record<string, unknown>;
  const cases: FieldCase[] = [];
  for (const [key, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
    const bad = wrongTypeFor(sub);
    if (bad !== undefined) cases.push({ path: `/${key}`, body: { ...base, [key]: bad } });
    if (sub.type === 'object') {
      for (const inner of wrongFieldCases(sub, depth + 1)) cases.push({ path: `/${key}${inner.path}`, body: { ...base, [key]: inner.body } });
    }
    if (sub.type === 'array' && sub.items?.type === 'object') {
      for (const inner of wrongFieldCases(sub.items, depth + 1)) cases.push({ path: `/${key}/0${inner.path}`, body: { ...base, [key]: [inner.body] } });
    }
  }
  return cases;
}

/** One case per object in the body, nested ones included: a valid sample plus `bogusField`. */
function unknownFieldCases(schema: JsonSchema, depth = 0): FieldCase[] {
  if (schema.type !== 'object' || depth > 3) return [];
  const base = sampleOf(schema) as Record<string, unknown>;
  const cases: FieldCase[] = [{ path: '/bogusField', body: { ...base, bogusField: 1 } }];
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (sub.type === 'object') {
      for (const inner of unknownFieldCases(sub, depth + 1)) cases.push({ path: `/${key}${inner.path}`, body: { ...base, [key]: inner.body } });
    }
    if (sub.type === 'array' && sub.items?.type === 'object') {
      for (const inner of unknownFieldCases(sub.items, depth + 1)) cases.push({ path: `/${key}/0${inner.path}`, body: { ...base, [key]: [inner.body] } });
    }
  }
  return cases;
}

/** A query-string or path value that the property's schema refuses, if text can be refused at all. */
function badTextFor(name: string, schema: JsonSchema, options: { allowEmpty: boolean }): string | undefined {
  const candidates = ['x', '-1', '1.5', 'yes', '!!', ...(options.allowEmpty ? [''] : []), 'x'.repeat(150), 'x'.repeat(600)];
  return candidates.find((c) => !acceptsAsText(name, schema, c));
}

// ---- the routes under test
const apiRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
const takesBody = (r: RegisteredRoute) => BODY_METHODS.has(r.method) || schemaOf(r, 'body') !== undefined;

/**
 * The caller of a route: hq_admin, or the first role that holds the route's permission, so the
 * request passes the access check and meets validation. Sessions are minted again if one has gone.
 */
const userOfRole = new Map<Role, string>();
const sessionOfRole = new Map<Role, string>();
function callerRole(route: RegisteredRoute): Role {
  const access = route.config.access as RouteAccess | undefined;
  if (!access || access.public) return 'hq_admin';
  return ['hq_admin' as const, ...ROLES].find((role) => can(role, access.permission)) ?? 'hq_admin';
}
async function cookieOf(role: Role): Promise<string> {
  let token = sessionOfRole.get(role);
  const alive = token && (await t.deps.db.selectFrom('sessions').select('id').where('id', '=', sha256(token)).executeTakeFirst());
  if (!alive) {
    token = await createSession(t.deps.db, t.clock, userOfRole.get(role)!, {});
    sessionOfRole.set(role, token);
  }
  return `qudao_sid=${token}`;
}
/** Path parameters: a real object where a list gives one (so a validation gap would show as a change), else a dummy. */
const realIds = new Map<string, string>();
function urlOf(route: RegisteredRoute, override: Record<string, string> = {}): string {
  let url = route.url;
  for (const name of pathParams(route.url)) {
    const collection = route.url.slice(0, route.url.indexOf(`/:${name}`));
    const declared = (schemaOf(route, 'params')?.properties as Record<string, JsonSchema> | undefined)?.[name];
    const constrained = declared && (declared.enum || 'const' in declared || declared.pattern || declared.format);
    const value = override[name] ?? (constrained ? String(sampleOf(declared)) : (realIds.get(collection) ?? NONEXISTENT_ID));
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return url;
}

/** Each request from its own address: per-address rate limits (login, public forms) never interfere. */
let addressSeq = 0;
const nextAddress = () => `10.${(++addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;

async function send(
  route: RegisteredRoute,
  options: { url?: string; payload?: string | Buffer; contentType?: string; query?: Record<string, string>; rawQuery?: string; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { ...options.headers, cookie: await cookieOf(callerRole(route)) };
  if (options.contentType) headers['content-type'] = options.contentType;
  const encoded = [options.query ? new URLSearchParams(options.query).toString() : '', options.rawQuery ?? ''].filter(Boolean).join('&');
  const query = encoded ? `?${encoded}` : '';
  return t.inject({
    method: route.method as 'POST',
    url: `${options.url ?? urlOf(route)}${query}`,
    remoteAddress: nextAddress(),
    headers,
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });
}

const show = (res: LightMyRequestResponse) => `${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 400)}`;

/** 4xx problem+json with a code; validation failures carry an errors array. Returns the problem. */
function expectProblem(res: LightMyRequestResponse, statuses: number[] = [400]) {
  expect(statuses, show(res)).toContain(res.statusCode);
  expect(res.headers['content-type'], show(res)).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String), detail: expect.any(String), code: expect.any(String) });
  if (problem.code === 'VALIDATION_FAILED') {
    expect(Array.isArray(problem.errors) && problem.errors.length > 0, show(res)).toBe(true);
    for (const e of problem.errors) expect(e).toEqual({ path: expect.stringMatching(/^\//), message: expect.any(String) });
  }
  return problem as { code: string; errors?: { path: string; message: string }[] };
}

/** A validation failure whose errors all name `path` (or something inside it). */
function expectFieldError(res: LightMyRequestResponse, path: string) {
  const problem = expectProblem(res, [400]);
  expect(problem.code, show(res)).toBe('VALIDATION_FAILED');
  const paths = problem.errors!.map((e) => e.path);
  expect(paths, show(res)).toContain(path);
  for (const p of paths) expect(p === path || p.startsWith(`${path}/`), `unexpected error path ${p} (expected only ${path}): ${show(res)}`).toBe(true);
}

// ---- generated cases
interface Case {
  name: string;
  run(): Promise<void>;
}
const cases: Case[] = [];
const add = (route: RegisteredRoute, what: string, run: () => Promise<void>) => cases.push({ name: `${route.method} ${route.url}: ${what}`, run });

for (const route of apiRoutes) {
  const body = schemaOf(route, 'body');
  const query = schemaOf(route, 'querystring');
  const params = schemaOf(route, 'params');

  if (takesBody(route)) {
    const json = 'application/json';
    add(route, 'malformed JSON', async () => expectFieldError(await send(route, { payload: '{bad', contentType: json }), '/'));
    add(route, 'empty JSON body', async () => expectFieldError(await send(route, { payload: '', contentType: json }), '/'));
    const bodyLimit = route.bodyLimit ?? BODY_LIMIT_BYTES;
    add(route, `oversized body (> ${bodyLimit} bytes)`, async () => {
      const payload = JSON.stringify({ filler: 'x'.repeat(bodyLimit + 1024) });
      const problem = expectProblem(await send(route, { payload, contentType: json }), [413]);
      expect(problem.code).toBe('PAYLOAD_TOO_LARGE');
    });
    add(route, 'a content type without a parser (application/xml)', async () => {
      const problem = expectProblem(await send(route, { payload: '<dealer/>', contentType: 'application/xml' }), [415]);
      expect(problem.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
    if (body) {
      const sample = sampleOf(body);
      add(route, 'JSON array instead of an object', async () => {
        if (accepts(bodyAjv, body, [sample])) return; // a route whose schema takes an array
        expectFieldError(await send(route, { payload: JSON.stringify([sample]), contentType: json }), '/');
      });
      add(route, 'text/plain content type', async () => {
        const res = await send(route, { payload: JSON.stringify(sample), contentType: 'text/plain' });
        expectProblem(res, [400, 415]);
      });
      if (body.type === 'object') {
        for (const c of unknownFieldCases(body)) {
          add(route, `unknown field ${c.path}`, async () => expectFieldError(await send(route, { payload: JSON.stringify(c.body), contentType: json }), c.path));
        }
        for (const c of wrongFieldCases(body)) {
          add(route, `wrong type at ${c.path}`, async () => expectFieldError(await send(route, { payload: JSON.stringify(c.body), contentType: json }), c.path));
        }
      }
    }
  }

  if (query?.type === 'object') {
    const props = (query.properties ?? {}) as Record<string, JsonSchema>;
    const base = Object.fromEntries(Object.entries(sampleOf(query) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const bodyArgs = () => (takesBody(route) && body ? { payload: JSON.stringify(sampleOf(body)), contentType: 'application/json' } : {});
    const queryCase = (what: string, q: Record<string, string>, path: string) => add(route, what, async () => expectFieldError(await send(route, { ...bodyArgs(), query: { ...base, ...q } }), path));
    if (props.limit) {
      queryCase('?limit=0', { limit: '0' }, '/querystring/limit');
      queryCase('?limit=abc', { limit: 'abc' }, '/querystring/limit');
      queryCase('?limit=501 (over the maximum)', { limit: '501' }, '/querystring/limit');
    }
    if (props.cursor) queryCase('?cursor=garbage', { cursor: 'garbage' }, '/querystring/cursor');
    queryCase('unknown query parameter ?bogusParam=1', { bogusParam: '1' }, '/querystring/bogusParam');
    for (const [name, sub] of Object.entries(props)) {
      const bad = badTextFor(name, sub, { allowEmpty: true });
      if (bad === undefined) continue; // a free-text parameter: no text is wrong
      queryCase(`bad ?${name}=${bad.length > 12 ? `${bad.slice(0, 8)}...(${bad.length})` : JSON.stringify(bad)}`, { [name]: bad }, `/querystring/${name}`);
    }
  }

  if (params?.type === 'object') {
    for (const [name, sub] of Object.entries((params.properties ?? {}) as Record<string, JsonSchema>)) {
      // An empty path segment would be another route; 150 characters stays under maxParamLength.
      const bad = badTextFor(name, sub, { allowEmpty: false });
      if (bad === undefined) continue;
      add(route, `bad path parameter :${name}`, async () => {
        const args = takesBody(route) && body ? { payload: JSON.stringify(sampleOf(body)), contentType: 'application/json' } : {};
        expectFieldError(await send(route, { ...args, url: urlOf(route, { [name]: bad }) }), `/params/${name}`);
      });
    }
  }
}

// ---- text the database cannot store (NUL, lone surrogates) and text over its limit, in every
// string field. PostgreSQL refuses both in text and JSON (core/validation.ts refuses them for
// every request); maxLength keeps one request from filling a column or the audit chain.
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\uD800b';
// A URL cannot carry a lone surrogate: percent-decoding is UTF-8, and this is the nearest try
// (the CESU-8 bytes of U+D800), which must still never reach a handler as one, nor give a 5xx.
const ENCODED_SURROGATE = 'a%ED%A0%80b';
const MAX_PARAM_LENGTH = 200; // app.ts routerOptions.maxParamLength

/** The string form a property accepts: itself, or the string branch of a nullable union. */
const stringSchemaOf = (schema: JsonSchema | undefined): JsonSchema | undefined =>
  !schema ? undefined : schema.type === 'string' ? schema : ((schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined)?.find((b) => b.type === 'string');

interface StringField {
  path: string;
  schema: JsonSchema;
  body(value: string): unknown;
}
/** Every string field of a body schema (nested objects and array items included), each with a valid rest. */
function stringFields(schema: JsonSchema, depth = 0): StringField[] {
  if (schema.type !== 'object' || !schema.properties || depth > 3) return [];
  const base = sampleOf(schema) as Record<string, unknown>;
  const out: StringField[] = [];
  for (const [key, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
    const str = stringSchemaOf(sub);
    if (str) out.push({ path: `/${key}`, schema: str, body: (v) => ({ ...base, [key]: v }) });
    if (sub.type === 'object') for (const inner of stringFields(sub, depth + 1)) out.push({ ...inner, path: `/${key}${inner.path}`, body: (v) => ({ ...base, [key]: inner.body(v) }) });
    if (sub.type === 'array' && sub.items) {
      // The bad item first, then valid ones up to minItems, so only the item is wrong.
      const rest = Array.from({ length: Math.max(0, (sub.minItems ?? 0) - 1) }, () => sampleOf(sub.items));
      const itemString = stringSchemaOf(sub.items);
      if (itemString) out.push({ path: `/${key}/0`, schema: itemString, body: (v) => ({ ...base, [key]: [v, ...rest] }) });
      if (sub.items.type === 'object') {
        for (const inner of stringFields(sub.items, depth + 1)) out.push({ ...inner, path: `/${key}/0${inner.path}`, body: (v) => ({ ...base, [key]: [inner.body(v), ...rest] }) });
      }
    }
  }
  return out;
}

/**
 * Paths of string nodes with no length bound: no maxLength, enum or const, nor an anchored pattern
 * of fixed length. (Untyped nodes, like a refused legacy field or a setting document checked by
 * its own schema in core/settings.ts, are bounded by the body limit only.)
 */
const UNBOUNDED_QUANTIFIER = /(^|[^\\])(\*|\+|\{\d+,\})/;
function unboundedStrings(schema: JsonSchema | undefined, path: string, out: string[] = [], depth = 0): string[] {
  if (!schema || typeof schema !== 'object' || depth > 10) return out;
  const branches = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as JsonSchema[] | undefined;
  if (branches) for (const b of branches) unboundedStrings(b, path, out, depth + 1);
  if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum && !('const' in schema)) {
    const pattern = schema.pattern as string | undefined;
    const fixed = pattern && pattern.startsWith('^') && pattern.endsWith('$') && !UNBOUNDED_QUANTIFIER.test(pattern);
    if (!fixed) out.push(`${path}${pattern ? ` (pattern ${pattern})` : ''}${schema.format ? ` (format ${schema.format})` : ''}`);
  }
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) unboundedStrings(sub, `${path}/${key}`, out, depth + 1);
  if (schema.items && typeof schema.items === 'object') unboundedStrings(schema.items, `${path}/0`, out, depth + 1);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') unboundedStrings(schema.additionalProperties, `${path}/*`, out, depth + 1);
  for (const sub of Object.values((schema.patternProperties ?? {}) as Record<string, JsonSchema>)) unboundedStrings(sub, `${path}/*`, out, depth + 1);
  return out;
}

const bodyOf = (route: RegisteredRoute) => {
  const body = schemaOf(route, 'body');
  return takesBody(route) && body ? { payload: JSON.stringify(sampleOf(body)), contentType: 'application/json' } : {};
};
const isMultipart = (route: RegisteredRoute) => ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
const multipart = (filename: string, content: string) => {
  const boundary = 'qudao-bad-input';
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`, 'utf8');
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
};

for (const route of apiRoutes) {
  const body = schemaOf(route, 'body');
  const query = schemaOf(route, 'querystring');
  const params = schemaOf(route, 'params');

  add(route, 'every string field has a length limit', async () => {
    const open = (['body', 'querystring', 'params', 'headers'] as const).flatMap((part) => unboundedStrings(schemaOf(route, part as 'body'), part));
    expect(open).toEqual([]);
  });
  // A header reaches the database too (user agents are stored with sessions, idempotency keys with replies).
  add(route, 'NUL in a header', async () => expectFieldError(await send(route, { ...bodyOf(route), headers: { 'user-agent': NUL } }), '/headers/user-agent'));

  if (takesBody(route)) {
    const json = 'application/json';
    // Undeclared fields are checked too: the text check does not depend on the route's schema.
    add(route, 'NUL in an undeclared JSON field', async () => {
      const sample = body ? (sampleOf(body) as Record<string, unknown>) : {};
      expectFieldError(await send(route, { payload: JSON.stringify({ ...sample, note: NUL }), contentType: json }), '/note');
    });
    if (body?.type === 'object') {
      for (const f of stringFields(body)) {
        add(route, `NUL at ${f.path}`, async () => expectFieldError(await send(route, { payload: JSON.stringify(f.body(NUL)), contentType: json }), f.path));
        add(route, `lone surrogate at ${f.path}`, async () => expectFieldError(await send(route, { payload: JSON.stringify(f.body(LONE_SURROGATE)), contentType: json }), f.path));
        const max = f.schema.maxLength as number | undefined;
        if (max !== undefined && max * 2 < (route.bodyLimit ?? BODY_LIMIT_BYTES)) {
          add(route, `over-long ${f.path} (${max + 1} characters)`, async () =>
            expectFieldError(await send(route, { payload: JSON.stringify(f.body('x'.repeat(max + 1))), contentType: json }), f.path),
          );
        }
      }
    }
  }
  if (isMultipart(route)) {
    add(route, 'NUL in the uploaded file name', async () => {
      const res = await send(route, multipart('bad\u0000.csv', 'a,b\n1,2\n'));
      // Some routes look up their object first (a dummy id is 404), before they read the file.
      const problem = expectProblem(res, [400, 404]);
      if (res.statusCode === 400)
        expect(
          problem.errors?.map((e) => e.path),
          show(res),
        ).toEqual(['/file']);
    });
  }

  if (query?.type === 'object') {
    const base = Object.fromEntries(Object.entries(sampleOf(query) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    for (const [name, sub] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const path = `/querystring/${name}`;
      add(route, `NUL in ?${name}`, async () => expectFieldError(await send(route, { ...bodyOf(route), query: { ...base, [name]: NUL } }), path));
      add(route, `encoded surrogate in ?${name}`, async () => {
        const { [name]: _, ...rest } = base;
        const res = await send(route, { ...bodyOf(route), query: rest, rawQuery: `${encodeURIComponent(name)}=${ENCODED_SURROGATE}` });
        expect(res.statusCode, show(res)).toBeLessThan(500);
        if (res.statusCode >= 400) expectProblem(res, [res.statusCode]);
      });
      const max = stringSchemaOf(sub)?.maxLength as number | undefined;
      if (max !== undefined)
        add(route, `over-long ?${name} (${max + 1} characters)`, async () => expectFieldError(await send(route, { ...bodyOf(route), query: { ...base, [name]: 'x'.repeat(max + 1) } }), path));
    }
  }

  if (params?.type === 'object') {
    for (const [name, sub] of Object.entries((params.properties ?? {}) as Record<string, JsonSchema>)) {
      const path = `/params/${name}`;
      add(route, `NUL in path parameter :${name}`, async () => expectFieldError(await send(route, { ...bodyOf(route), url: urlOf(route, { [name]: NUL }) }), path));
      add(route, `encoded surrogate in path parameter :${name}`, async () => {
        const url = urlOf(route, { [name]: 'SURROGATE' }).replace('SURROGATE', ENCODED_SURROGATE);
        expectFieldError(await send(route, { ...bodyOf(route), url }), '/params');
      });
      const max = stringSchemaOf(sub)?.maxLength as number | undefined;
      if (max !== undefined && max < MAX_PARAM_LENGTH) {
        add(route, `over-long path parameter :${name} (${max + 1} characters)`, async () =>
          expectFieldError(await send(route, { ...bodyOf(route), url: urlOf(route, { [name]: 'x'.repeat(max + 1) }) }), path),
        );
      }
    }
  }
}

// ---- data must not change: the row count of every table, and the head of the audit chain
async function counts(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const tables = (await t.deps.db.introspection.getTables()).map((table) => table.name).sort();
  for (const table of tables) {
    const row = await t.deps.db
      .selectFrom(table as 'users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  const head = await t.deps.db.selectFrom('audit_entries').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  out['audit head'] = head?.hash ?? 'none';
  return out;
}
let before: Record<string, number | string>;

beforeAll(async () => {
  // Something real behind every `:id`, so a request that slipped through validation would change it.
  const dealer = await t.dealer({ code: 'BADIN01', name: '坏输入测试经销商', territory: [{ regionCode: REGION_CODE, exclusive: false }] });
  const needed = new Set<Role>(['hq_admin', ...apiRoutes.map(callerRole)]);
  for (const role of needed) {
    const binding = role === 'dealer_admin' || role === 'dealer_staff' ? { dealerId: dealer.id } : role === 'regional_manager' ? { regionCodes: ['440000'] } : {};
    const user = await createUser(t.system, { username: `bad.input.${role.replace('_', '.')}`, password: TEST_PASSWORD, displayName: role, role, ...binding });
    userOfRole.set(role, user.id);
  }
  await createProduct(t.system, { sku: 'BAD-SKU-1', name: '测试产品', category: '测试', unit: '件', listPriceFen: 1000, minRetailPriceFen: 1200 });
  await createPriceList(t.system, { name: '测试价目表', tier: 'gold', effectiveFrom: '2026-01-01', items: [{ sku: 'BAD-SKU-1', priceFen: 900 }] });
  await createApiKey(t.system, { name: 'bad-input key', role: 'hq_analyst' });
  for (const route of apiRoutes) {
    if (route.method !== 'GET' || pathParams(route.url).length) continue;
    const res = await t.inject({ method: 'GET', url: `${route.url}?limit=1`, headers: { cookie: await cookieOf('hq_admin') } });
    const id = res.statusCode === 200 ? (res.json() as { items?: { id?: unknown }[] }).items?.[0]?.id : undefined;
    if (typeof id === 'string') realIds.set(route.url, id);
  }
  before = await counts();
});

describe('bad input on every route', () => {
  it('finds the routes and generates cases for them', () => {
    expect(apiRoutes.filter(takesBody).length).toBeGreaterThan(10);
    expect(cases.length).toBeGreaterThan(100);
    expect(realIds.size).toBeGreaterThan(3);
  });

  for (const c of cases) it(c.name, c.run);

  it('changed no data', async () => {
    expect(Object.keys(before)).toContain('dealers');
    expect(Object.keys(before)).toContain('audit_entries');
    expect(await counts()).toEqual(before);
  });
});

// A spreadsheet cell is not request text (core/validation.ts cannot see inside a file): a cell the
// database cannot store must be that row's error, never a 500. Padding keeps the NUL past the
// first 4 KB, where a sniff for binary content would stop looking.
describe('spreadsheet cells the database cannot store', () => {
  const padding = (line: string) => Array.from({ length: 60 }, () => line).join('');
  const upload = async (url: string, csv: string) => {
    const { payload, contentType } = multipart('cells.csv', csv);
    return t.inject({ method: 'POST', url, remoteAddress: nextAddress(), headers: { cookie: await cookieOf('hq_admin'), 'content-type': contentType }, payload });
  };

  it('a sell-out line with NUL in a cell is refused as that line', async () => {
    const dealerId = realIds.get('/api/v1/dealers') ?? (await t.dealer()).id;
    const csv = `date,sku,quantity,amountFen,customerRef\n${padding('2026-01-01,NO-SUCH-SKU,1,100,padding-padding-padding-padding-padding-padding-padding\n')}2026-01-01,BAD\u0000SKU,1,100,c\u0000d\n`;
    const res = await upload(`/api/v1/sellout/upload?dealerId=${dealerId}`, csv);
    expect(res.statusCode, show(res)).toBe(200);
    const result = res.json() as { accepted: number; rejected: { row?: number; code: string; message: string }[] };
    expect(result.accepted).toBe(0);
    expect(result.rejected.at(-1)).toMatchObject({ row: 62, code: 'INVALID_LINE' });
  });

  // KNOWN GAP: on PostgreSQL the import looks the row's SKU/code up before refusing it, so the NUL
  // reaches the query (500). The cure is one check where every file cell is made (readTable in
  // core/uploads.ts, with unstorableText from src/shared/limits.ts), owned by the imports work in
  // progress; `it.fails` turns red once that lands, to be replaced by `it`.
  const importIt = t.deps.dialect === 'postgres' ? it.fails : it;
  for (const kind of ['products', 'dealers'] as const) {
    importIt(`an import (${kind}, dry run) names a NUL cell as a row error`, async () => {
      const csv =
        kind === 'products'
          ? `sku,name,category,unit,listPrice,minRetailPrice\n${padding('PAD-SKU,padding-padding-padding-padding-padding-padding-padding,c,u,1,1\n')}BAD\u0000SKU,Na\u0000me,c,u,1,1\n`
          : `code,name\n${padding('PADCODE,padding-padding-padding-padding-padding-padding-padding-padding\n')}BAD\u0000CODE,Na\u0000me\n`;
      const res = await upload(`/api/v1/imports/${kind}?dryRun=true`, csv);
      expect(res.statusCode, show(res)).toBeLessThan(500);
      if (res.statusCode === 200)
        expect(
          (res.json() as { errors: { row: number }[] }).errors.some((e) => e.row === 62),
          show(res),
        ).toBe(true);
      else expectProblem(res, [400, 413, 415, 422]);
    });
  }
});
