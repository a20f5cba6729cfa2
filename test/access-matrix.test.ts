// The access matrix, generated from the routes the real app registers: every route x every role
// (and anonymous), every dealer-scoped route x own / sub-dealer / other dealer. A new route is
// covered by adding it to a module; a route without an access rule fails here, by name.
import ExcelJS from 'exceljs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, type Role } from '../src/shared/permissions.js';
import type { RegisteredRoute } from '../src/server/app.js';
import type { RouteAccess } from '../src/server/core/http.js';
import { createSession } from '../src/server/core/auth.js';
import { sha256 } from '../src/server/core/canonical.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { createApiKey } from '../src/server/modules/api-keys/api-keys.service.js';
import { createProduct } from '../src/server/modules/products/products.service.js';
import { createDealer, moveDealerStatus } from '../src/server/modules/dealers/dealers.service.js';
import { DEALER_MOVES, LIFECYCLE_WORKFLOWS, workflowInfo } from '../src/shared/dealer-lifecycle.js';
import type { Dealer } from '../src/shared/schemas/index.js';
import { TEST_PASSWORD, createTestApp } from './helpers/app.js';

// Built at collection time: the generated cases below are named after its routes.
const t = await createTestApp();
afterAll(async () => t.close());

const API_PREFIX = '/api/v1/';
const isDocsRoute = (r: RegisteredRoute) => r.url === '/api/docs' || r.url.startsWith('/api/docs/');
const accessOf = (r: RegisteredRoute) => r.config.access as RouteAccess | undefined;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const NONEXISTENT_ID = 'zz_nonexistent_0000000001';
const REGION_CODE = '440106';

/**
 * Routes whose `dealerParam` holds the id of a dealer-owned object (an order, a ticket, ...)
 * rather than a dealer id: a factory making such an object of the given dealer, through the
 * public API as hq_admin, and returning its id. Routes not matched get the dealer id itself.
 */
const MATRIX_SKU = 'MATRIX-SKU-1';
const OBJECT_FACTORIES: { match: RegExp; make: (dealerId: string) => Promise<string> }[] = [
  {
    match: /^\/api\/v1\/orders\/:id(\/|$)/,
    make: async (dealerId) => createdId(await post('/api/v1/orders', { dealerId, lines: [{ sku: MATRIX_SKU, quantity: 1 }] })),
  },
];
OBJECT_FACTORIES.push({
  // A VMI proposal of the dealer: made VMI, three months of sell-out, then a generated proposal.
  match: /^\/api\/v1\/vmi\/proposals\/:id(\/|$)/,
  make: async (dealerId) => {
    await t.inject({ method: 'PATCH', url: `/api/v1/dealers/${dealerId}`, headers: { ...(await cookieFor('hq_admin')), 'content-type': 'application/json' }, payload: JSON.stringify({ vmi: true }) });
    await post('/api/v1/sellout', { dealerId, lines: ['2026-08-15', '2026-09-15', '2026-10-15'].map((date) => ({ date, sku: MATRIX_SKU, quantity: 10, amountFen: 10_000 })) });
    const res = await post('/api/v1/vmi/proposals/generate', { dealerId });
    const id = res.json()?.created?.[0]?.id;
    if (typeof id !== 'string') throw new Error(`factory could not create a VMI proposal: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return id;
  },
});
OBJECT_FACTORIES.push({
  // A customer-feedback ticket of the dealer (issue 8).
  match: /^\/api\/v1\/tickets\/:id(\/|$)/,
  make: async (dealerId) =>
    createdId(await post('/api/v1/tickets', { kind: 'customer_feedback', dealerId, channel: 'hotline', type: 'technical', priority: 'normal', subject: '矩阵工单', description: '矩阵测试' })),
});
OBJECT_FACTORIES.push({
  // A rebate statement of the dealer (issue 7): a deduction in a period, then that period's run.
  match: /^\/api\/v1\/rebates\/statements\/:id(\/|$)/,
  make: async (dealerId) => {
    await post('/api/v1/rebates/deductions', { dealerId, period: '2026-10', amountFen: 1, source: 'other', reason: 'matrix' });
    await post('/api/v1/rebates/runs', { period: '2026-10' });
    const res = await t.inject({ method: 'GET', url: `/api/v1/rebates/statements?dealerId=${dealerId}&period=2026-10`, headers: await cookieFor('hq_admin') });
    const id = res.json()?.items?.[0]?.id;
    if (typeof id !== 'string') throw new Error(`factory could not create a rebate statement: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return id;
  },
});
const objectFactoryOf = (url: string) => OBJECT_FACTORIES.find((x) => x.match.test(url));
const madeObjects = new Map<string, Promise<string>>();
/** One object per factory and dealer, made on first use. */
function objectOf(url: string, dealerId: string): Promise<string> {
  const factory = objectFactoryOf(url);
  if (!factory) return Promise.resolve(dealerId);
  const key = `${factory.match.source} ${dealerId}`;
  if (!madeObjects.has(key)) madeObjects.set(key, factory.make(dealerId));
  return madeObjects.get(key)!;
}
async function post(url: string, body: unknown): Promise<LightMyRequestResponse> {
  return t.inject({ method: 'POST', url, headers: { ...(await cookieFor('hq_admin')), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}
function createdId(res: LightMyRequestResponse): string {
  if (res.statusCode >= 300 || typeof res.json().id !== 'string') throw new Error(`factory could not create the object: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json().id as string;
}

const pathParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);

async function fillUrl(route: RegisteredRoute, dealerId: string): Promise<string> {
  const access = accessOf(route);
  const dealerParam = access && !access.public ? access.dealerParam : undefined;
  let url = route.url;
  for (const name of pathParams(route.url)) {
    // A constrained parameter (an enum like `:kind`, a pattern like a region `:code`) gets a valid
    // value, so the request reaches the access layer and the handler rather than stopping at validation.
    const declared = ((route.schema?.params as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined)?.[name];
    const constrained = declared && (declared.enum || 'const' in declared || declared.pattern || declared.format);
    let value = constrained ? String(sampleOf(declared)) : NONEXISTENT_ID;
    if (name === dealerParam) value = await objectOf(route.url, dealerId);
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return url;
}

// ---- valid sample bodies from a route's JSON schema (so a scope check is not stopped by validation)
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const STRING_CANDIDATES = ['sample', REGION_CODE, '2026-01-01', 'sample@example.com', '2026-03', '2026-01-01T00:00:00.000Z', TEST_PASSWORD, 'A1'];

type JsonSchema = Record<string, any>;
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
      const validate = ajv.compile(schema);
      const candidates = [...STRING_CANDIDATES, 'a'.repeat(Math.max(1, schema.minLength ?? 1))];
      return candidates.find((c) => validate(c)) ?? 'sample';
    }
    default:
      return {};
  }
}

// ---- the people and dealers of the matrix
/** `invalid-key` sends a bearer token that is no API key: it must fare exactly like anonymous. */
type Caller = Role | 'anonymous' | 'invalid-key';
const CALLERS: Caller[] = ['anonymous', 'invalid-key', ...ROLES];

interface Fixture {
  mine: Dealer; // level 1, Guangdong: the dealer users' own dealer
  mySub: Dealer; // level 2 under `mine`
  mySubSibling: Dealer; // another level 2 under `mine`
  foreign: Dealer; // level 1, Shanghai
  foreignSub: Dealer; // level 2 under `foreign`
  noTerritory: Dealer; // level 1 without territory
}
let f: Fixture;
const userIds = new Map<string, string>();
const apiKeySecrets = new Map<string, string>();
const sessionTokens = new Map<string, string>();

/**
 * Credentials of a caller: people get a session, minted again whenever it has gone (a logout in
 * the matrix cannot break later cases); `key:<who>` callers are API keys with the same role and scope.
 */
async function cookieFor(who: string): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  if (who === 'invalid-key') return { authorization: 'Bearer qd_not-a-real-key-0000000000000000' };
  const secret = apiKeySecrets.get(who);
  if (secret) return { authorization: `Bearer ${secret}` };
  const userId = userIds.get(who);
  if (!userId) throw new Error(`no user ${who}`);
  let token = sessionTokens.get(who);
  const alive = token && (await t.deps.db.selectFrom('sessions').select('id').where('id', '=', sha256(token)).executeTakeFirst());
  if (!alive) {
    token = await createSession(t.deps.db, t.clock, userId, {});
    sessionTokens.set(who, token);
  }
  return { cookie: `qudao_sid=${token}` };
}

/** Each request from its own address: per-address rate limits (login, public forms) never interfere. */
let addressSeq = 0;
const nextAddress = () => `10.${(++addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;

/** Required query parameters get valid values, so the request reaches the handler. */
function requiredQuery(route: RegisteredRoute): string {
  const schema = route.schema?.querystring as JsonSchema | undefined;
  if (!schema || schema.type !== 'object') return '';
  const sample = Object.entries(sampleOf(schema) as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  return sample.length ? `?${new URLSearchParams(sample).toString()}` : '';
}

async function call(who: string, route: RegisteredRoute, url: string, options: { body?: unknown } = {}): Promise<LightMyRequestResponse> {
  const headers = await cookieFor(who);
  const hasBody = BODY_METHODS.has(route.method);
  return t.inject({
    method: route.method as 'GET',
    url: `${url}${requiredQuery(route)}`,
    remoteAddress: nextAddress(),
    headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(hasBody ? { payload: JSON.stringify(options.body ?? {}) } : {}),
  });
}

const describeResponse = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 300)}`;

function expectProblem(res: LightMyRequestResponse, status: number, code: string, method = 'GET') {
  expect(res.statusCode, describeResponse(res)).toBe(status);
  if (method === 'HEAD') return; // no body: the status is the answer
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
}

/** What a scoped caller must never see anywhere: other dealers' ids, codes and names. */
function foreignTo(who: string): Dealer[] {
  if (who.endsWith('@mine')) return [f.foreign, f.foreignSub, f.noTerritory];
  if (who.endsWith('@mySub')) return [f.mine, f.mySubSibling, f.foreign, f.foreignSub, f.noTerritory];
  if (who.endsWith('regional_manager')) return [f.foreign, f.foreignSub, f.noTerritory];
  return [];
}

/** A sub-dealer's own record names its parent by id (`parentDealerId`): that id is not a leak. */
const knownIdsOf = (who: string): string[] => (who.endsWith('@mySub') ? [f.mine.id] : []);

function expectNoLeakIn(text: string, hidden: Dealer[], what: ('id' | 'code' | 'name')[], knownIds: string[] = []) {
  for (const d of hidden) {
    for (const key of what) {
      if (key === 'id' && knownIds.includes(d.id)) continue;
      expect(text, `response leaks ${key} of dealer ${d.code}`).not.toContain(d[key]);
    }
  }
}

function expectNoLeak(res: LightMyRequestResponse, who: string, exclude: Dealer[] = []) {
  expectNoLeakIn(
    res.body,
    foreignTo(who).filter((d) => !exclude.includes(d)),
    ['id', 'code', 'name'],
    knownIdsOf(who),
  );
}

/** The user name of a matrix role: dealer roles belong to `mine`. */
const matrixUser = (role: Role) => (role === 'dealer_admin' || role === 'dealer_staff' ? `${role}@mine` : role);

beforeAll(async () => {
  // Credit and a product, so factories can make orders (and the like) for any of them.
  const credit = { creditLimitFen: 100_000_000 };
  await createProduct(t.system, { sku: MATRIX_SKU, name: '矩阵测试产品', category: '测试', unit: '件', listPriceFen: 1000, minRetailPriceFen: 1200 });
  const mine = await t.dealer({ code: 'MINE01', name: '本方总代理', territory: [{ regionCode: REGION_CODE, exclusive: true }], ...credit });
  const foreign = await t.dealer({ code: 'FORGN04', name: '外方总代理', territory: [{ regionCode: '310101', exclusive: true }], ...credit });
  f = {
    mine,
    mySub: await t.dealer({ code: 'MYSUB02', name: '本方二级甲', level: 2, parentDealerId: mine.id, territory: [{ regionCode: '440104', exclusive: false }], ...credit }),
    mySubSibling: await t.dealer({ code: 'MYSIB03', name: '本方二级乙', level: 2, parentDealerId: mine.id, territory: [{ regionCode: '440103', exclusive: false }], ...credit }),
    foreign,
    foreignSub: await t.dealer({ code: 'FRSUB05', name: '外方二级丙', level: 2, parentDealerId: foreign.id, territory: [{ regionCode: '310104', exclusive: false }], ...credit }),
    noTerritory: await t.dealer({ code: 'NOTER06', name: '无区域经销', territory: [], ...credit }),
  };
  const users: { key: string; role: Role; dealerId?: string; regionCodes?: string[] }[] = [
    { key: 'hq_admin', role: 'hq_admin' },
    { key: 'hq_analyst', role: 'hq_analyst' },
    { key: 'regional_manager', role: 'regional_manager', regionCodes: ['440000'] },
    { key: 'dealer_admin@mine', role: 'dealer_admin', dealerId: f.mine.id },
    { key: 'dealer_staff@mine', role: 'dealer_staff', dealerId: f.mine.id },
    { key: 'dealer_staff@mySub', role: 'dealer_staff', dealerId: f.mySub.id },
  ];
  await Promise.all(
    users.map(async (u, i) => {
      const user = await createUser(t.system, { username: `matrix.user${i}`, password: TEST_PASSWORD, displayName: u.key, role: u.role, dealerId: u.dealerId, regionCodes: u.regionCodes });
      userIds.set(u.key, user.id);
    }),
  );
  const keys: { key: string; role: Role; dealerId?: string; regionCodes?: string[] }[] = [
    { key: 'key:dealer_admin@mine', role: 'dealer_admin', dealerId: f.mine.id },
    { key: 'key:dealer_staff@mySub', role: 'dealer_staff', dealerId: f.mySub.id },
    { key: 'key:regional_manager', role: 'regional_manager', regionCodes: ['440000'] },
  ];
  for (const k of keys) {
    const created = await createApiKey(t.system, { name: k.key, role: k.role, dealerId: k.dealerId, regionCodes: k.regionCodes });
    apiKeySecrets.set(k.key, created.secret);
  }
});

// ---------------------------------------------------------------------------------------------
const allRoutes = t.routes;
const apiRoutes = allRoutes.filter((r) => r.url.startsWith(API_PREFIX));
const ruledRoutes = allRoutes.filter((r) => accessOf(r) !== undefined);

describe('every route declares an access rule', () => {
  it('finds the API routes', () => {
    expect(apiRoutes.length).toBeGreaterThan(20);
  });

  it('has a rule on every /api/v1 route (and every non-docs route)', () => {
    const missing = allRoutes.filter((r) => !isDocsRoute(r) && !accessOf(r)).map((r) => `${r.method} ${r.url}`);
    expect(missing, `routes without config.access: ${missing.join(', ')}`).toEqual([]);
  });

  it('opens only the intended routes to anonymous callers', () => {
    // Making a route public is a security decision: add it here deliberately, with the route.
    const intended = [
      'GET /api/health',
      'GET /api/health/ready',
      'GET /api/openapi.json',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/public/prospect-applications',
      'GET /api/v1/public/regions',
      'GET /api/v1/public/tickets/:id/confirmation',
      'POST /api/v1/public/tickets/:id/confirmation',
    ];
    const open = ruledRoutes.filter((r) => accessOf(r)!.public && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual(intended.sort());
  });

  it('names a real permission and a real path parameter in every rule', () => {
    const wrong: string[] = [];
    for (const r of ruledRoutes) {
      const access = accessOf(r)!;
      if (access.public) continue;
      if (!PERMISSIONS.includes(access.permission)) wrong.push(`${r.method} ${r.url}: unknown permission ${access.permission}`);
      if (access.dealerParam && !pathParams(r.url).includes(access.dealerParam)) wrong.push(`${r.method} ${r.url}: dealerParam ${access.dealerParam} is not a path parameter`);
    }
    expect(wrong).toEqual([]);
  });

  it('marks the dealer parameter of every dealer-addressed route', () => {
    // `/dealers/:x...` and any `:dealerId` parameter address a dealer: scope tests need dealerParam.
    const unmarked = apiRoutes
      .filter((r) => {
        const access = accessOf(r);
        if (!access || access.public) return false;
        const dealerish = [...r.url.matchAll(/\/dealers\/:(\w+)/g)].map((m) => m[1]).concat(pathParams(r.url).filter((p) => /^dealerId$/i.test(p)));
        return dealerish.some((p) => access.dealerParam !== p);
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(unmarked, `dealer-addressed routes without a matching dealerParam: ${unmarked.join(', ')}`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Scope: a dealer-addressed route answers 404 for a dealer the caller may not see.
const dealerRoutes = ruledRoutes.filter((r) => {
  const access = accessOf(r);
  return access && !access.public && access.dealerParam;
});

type Target = keyof Fixture;
interface ScopeCase {
  route: RegisteredRoute;
  who: string;
  role: Role;
  target: Target;
  visible: boolean;
}
const SCOPE_SCENARIOS: { who: string; role: Role; visible: Target[]; hidden: Target[] }[] = [
  { who: 'dealer_admin@mine', role: 'dealer_admin', visible: ['mine', 'mySub', 'mySubSibling'], hidden: ['foreign', 'foreignSub', 'noTerritory'] },
  { who: 'dealer_staff@mine', role: 'dealer_staff', visible: ['mine', 'mySub'], hidden: ['foreign', 'foreignSub'] },
  { who: 'dealer_staff@mySub', role: 'dealer_staff', visible: ['mySub'], hidden: ['mine', 'mySubSibling', 'foreignSub'] },
  { who: 'regional_manager', role: 'regional_manager', visible: ['mine', 'mySub'], hidden: ['foreign', 'foreignSub', 'noTerritory'] },
  { who: 'key:dealer_admin@mine', role: 'dealer_admin', visible: ['mine', 'mySub'], hidden: ['foreign', 'foreignSub'] },
  { who: 'key:dealer_staff@mySub', role: 'dealer_staff', visible: ['mySub'], hidden: ['mine', 'mySubSibling'] },
  { who: 'key:regional_manager', role: 'regional_manager', visible: ['mine'], hidden: ['foreign', 'noTerritory'] },
];
const scopeCases: ScopeCase[] = dealerRoutes.flatMap((route) =>
  SCOPE_SCENARIOS.flatMap((s) => [
    ...s.visible.map((target) => ({ route, who: s.who, role: s.role, target, visible: true })),
    ...s.hidden.map((target) => ({ route, who: s.who, role: s.role, target, visible: false })),
  ]),
);

describe('dealer scope on dealer-addressed routes', () => {
  it('has dealer-addressed routes to check', () => {
    expect(dealerRoutes.length).toBeGreaterThan(0);
  });

  for (const { route, who, role, target, visible } of scopeCases) {
    it(`${route.method} ${route.url} as ${who} for ${target} (${visible ? 'visible' : 'hidden'})`, async () => {
      const dealer = f[target];
      const body = route.schema?.body ? sampleOf(route.schema.body as JsonSchema) : {};
      const res = await call(who, route, await fillUrl(route, dealer.id), { body });
      const access = accessOf(route) as { permission: Parameters<typeof can>[1] };
      expect(res.statusCode, describeResponse(res)).toBeLessThan(500);
      if (!can(role, access.permission)) {
        expectProblem(res, 403, 'FORBIDDEN', route.method);
        expectNoLeakIn(res.body, [dealer], ['code', 'name']);
      } else if (visible) {
        expect([401, 403, 404], `${describeResponse(res)}${objectFactoryOf(route.url) ? '' : ' (if the dealerParam holds an object id, add a factory to OBJECT_FACTORIES)'}`).not.toContain(
          res.statusCode,
        );
      } else {
        expectProblem(res, 404, 'NOT_FOUND', route.method);
        expectNoLeakIn(res.body, [dealer], ['code', 'name']);
      }
      // The id the caller sent may come back in the problem detail; nothing else of it may.
      expectNoLeak(res, who, [dealer]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// A dealer named in a body or a query string (`{dealerId}` of an order, `?dealerId=` of a list)
// is checked like one in the path: never acted on for a caller outside its scope, never revealed.
const DEALER_FIELDS = /^(dealerId|parentDealerId)$/;
interface FieldScopeCase {
  route: RegisteredRoute;
  part: 'body' | 'querystring';
  field: string;
  who: string;
  role: Role;
  target: Target;
}
const FIELD_SCENARIOS: { who: string; role: Role; hidden: Target[] }[] = [
  { who: 'dealer_admin@mine', role: 'dealer_admin', hidden: ['foreign'] },
  { who: 'dealer_staff@mySub', role: 'dealer_staff', hidden: ['mine', 'mySubSibling'] },
  { who: 'regional_manager', role: 'regional_manager', hidden: ['foreignSub'] },
];
const fieldScopeCases: FieldScopeCase[] = ruledRoutes.flatMap((route) => {
  const access = accessOf(route);
  if (!access || access.public || route.method === 'HEAD') return [];
  return (['body', 'querystring'] as const).flatMap((part) => {
    const schema = route.schema?.[part] as JsonSchema | undefined;
    const fields = Object.keys((schema?.type === 'object' && schema.properties) || {}).filter((k) => DEALER_FIELDS.test(k));
    return fields.flatMap((field) => FIELD_SCENARIOS.flatMap((sc) => sc.hidden.map((target) => ({ route, part, field, who: sc.who, role: sc.role, target }))));
  });
});

describe('dealer ids in bodies and query strings', () => {
  for (const { route, part, field, who, role, target } of fieldScopeCases) {
    it(`${route.method} ${route.url} ${part}.${field} = ${target} as ${who}`, async () => {
      const dealer = f[target];
      const schema = route.schema![part] as JsonSchema;
      const value = { ...(sampleOf(schema) as Record<string, unknown>), [field]: dealer.id };
      const headers = await cookieFor(who);
      const url = await fillUrl(route, who.endsWith('@mySub') ? f.mySub.id : f.mine.id);
      const res =
        part === 'body'
          ? await t.inject({
              method: route.method as 'POST',
              url: `${url}${requiredQuery(route)}`,
              remoteAddress: nextAddress(),
              headers: { ...headers, 'content-type': 'application/json' },
              payload: JSON.stringify(value),
            })
          : await t.inject({
              method: route.method as 'GET',
              url: `${url}?${new URLSearchParams(Object.entries(value).map(([k, v]) => [k, String(v)])).toString()}`,
              remoteAddress: nextAddress(),
              headers: BODY_METHODS.has(route.method) ? { ...headers, 'content-type': 'application/json' } : headers,
              ...(BODY_METHODS.has(route.method) ? { payload: JSON.stringify(route.schema?.body ? sampleOf(route.schema.body as JsonSchema) : {}) } : {}),
            });
      expect(res.statusCode, describeResponse(res)).toBeLessThan(500);
      const access = accessOf(route) as { permission: Parameters<typeof can>[1] };
      if (!can(role, access.permission)) expectProblem(res, 403, 'FORBIDDEN', route.method);
      // Acting on a dealer outside the caller's scope never succeeds through a body.
      if (part === 'body') expect(res.statusCode, describeResponse(res)).toBeGreaterThanOrEqual(400);
      expectNoLeakIn(res.body, [dealer], ['code', 'name']);
      expectNoLeak(res, who, [dealer]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Lists and summaries hold only what the caller may see.
describe('dealer lists and summaries are scoped', () => {
  const VIEWS: { who: string; sees: Target[] }[] = [
    { who: 'hq_analyst', sees: ['mine', 'mySub', 'mySubSibling', 'foreign', 'foreignSub', 'noTerritory'] },
    { who: 'regional_manager', sees: ['mine', 'mySub', 'mySubSibling'] },
    { who: 'dealer_admin@mine', sees: ['mine', 'mySub', 'mySubSibling'] },
    { who: 'dealer_staff@mine', sees: ['mine', 'mySub', 'mySubSibling'] },
    { who: 'dealer_staff@mySub', sees: ['mySub'] },
    { who: 'key:dealer_admin@mine', sees: ['mine', 'mySub', 'mySubSibling'] },
    { who: 'key:dealer_staff@mySub', sees: ['mySub'] },
    { who: 'key:regional_manager', sees: ['mine', 'mySub', 'mySubSibling'] },
  ];
  const codesOf = (targets: Target[]) => targets.map((x) => f[x].code).sort();
  const get = async (who: string, url: string) => t.inject({ method: 'GET', url, headers: await cookieFor(who) });

  it.each(VIEWS)('GET /api/v1/dealers as $who lists exactly its dealers', async ({ who, sees }) => {
    const res = await get(who, '/api/v1/dealers?limit=500');
    expect(res.statusCode, describeResponse(res)).toBe(200);
    expect((res.json().items as Dealer[]).map((d) => d.code).sort()).toEqual(codesOf(sees));
    expectNoLeak(res, who);
  });

  it.each(VIEWS)('GET /api/v1/dealers pages and filters as $who stay inside its dealers', async ({ who, sees }) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(who, `/api/v1/dealers?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, describeResponse(res)).toBe(200);
      seen.push(...(res.json().items as Dealer[]).map((d) => d.code));
      cursor = res.json().nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen.sort()).toEqual(codesOf(sees));
    for (const hidden of foreignTo(who)) {
      for (const query of [`parentDealerId=${hidden.parentDealerId ?? hidden.id}`, `q=${encodeURIComponent(hidden.name)}`, `q=${hidden.code}`]) {
        const res = await get(who, `/api/v1/dealers?${query}`);
        expect(res.statusCode, describeResponse(res)).toBe(200);
        expect((res.json().items as Dealer[]).map((d) => d.code)).not.toContain(hidden.code);
        expectNoLeak(res, who);
      }
    }
  });

  it.each(VIEWS)('GET /api/v1/dealers?format=xlsx as $who exports exactly its dealers', async ({ who, sees }) => {
    const res = await get(who, '/api/v1/dealers?format=xlsx');
    expect(res.statusCode, describeResponse(res)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const codes: string[] = [];
    const text: string[] = [];
    sheet.eachRow((row, n) => {
      text.push(JSON.stringify(row.values));
      if (n > 1) codes.push(String(row.getCell(1).value));
    });
    expect(codes.sort()).toEqual(codesOf(sees));
    expectNoLeakIn(text.join('\n'), foreignTo(who), ['id', 'code', 'name'], knownIdsOf(who));
  });

  it.each(VIEWS)('GET /api/v1/dashboard/summary as $who counts only its dealers', async ({ who, sees }) => {
    const res = await get(who, '/api/v1/dashboard/summary');
    expect(res.statusCode, describeResponse(res)).toBe(200);
    const summary = res.json();
    expect(summary.dealers.total).toBe(sees.length);
    expect(summary.dealers.level2).toBe(sees.filter((x) => f[x].level === 2).length);
    const visibleIds = new Set(sees.map((x) => f[x].id));
    for (const e of summary.recentEvents as { dealerId: string }[]) expect(visibleIds.has(e.dealerId)).toBe(true);
    expectNoLeak(res, who);
  });
});

// ---------------------------------------------------------------------------------------------
// The role matrix: every ruled route x anonymous and every role.
interface MatrixCase {
  route: RegisteredRoute;
  caller: Caller;
  name: string;
}
// Deleting routes run last, so whatever they remove cannot disturb the other cases.
const matrixRoutes = [...ruledRoutes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
const matrixCases: MatrixCase[] = matrixRoutes.flatMap((route) => CALLERS.map((caller) => ({ route, caller, name: `${route.method} ${route.url} as ${caller}` })));

describe('role matrix', () => {
  for (const { route, caller, name } of matrixCases) {
    it(name, async () => {
      const access = accessOf(route)!;
      const who = caller === 'anonymous' || caller === 'invalid-key' ? caller : matrixUser(caller);
      const res = await call(who, route, await fillUrl(route, f.mine.id));
      expect(res.statusCode, describeResponse(res)).toBeLessThan(500);
      if (access.public) {
        expect([401, 403], describeResponse(res)).not.toContain(res.statusCode);
      } else if (caller === 'anonymous' || caller === 'invalid-key') {
        expectProblem(res, 401, 'UNAUTHENTICATED', route.method);
      } else if (!can(caller, access.permission)) {
        expectProblem(res, 403, 'FORBIDDEN', route.method);
      } else {
        expect([401, 403], describeResponse(res)).not.toContain(res.statusCode);
      }
      expectNoLeak(res, who);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The dealer lifecycle: every declared move (src/shared/dealer-lifecycle.ts) x every role, through
// the bare transitions route and through the guarded path as each workflow. Only a move's own
// workflow, for the roles it lists, may make it; a new status or move is covered by declaring it.
const lifecycleEdges = [...new Map(DEALER_MOVES.map((m) => [`${m.fromStatus}>${m.to}`, { from: m.fromStatus, to: m.to }])).values()];
const declaredFor = (from: string, to: string, workflow: string, role: Role) => DEALER_MOVES.some((m) => m.fromStatus === from && m.to === to && m.workflow === workflow && m.roles.includes(role));
let lifecycleSeq = 0;
const dealerInStatus = (status: Dealer['status']) =>
  createDealer(
    t.system,
    { code: `LIFE${String(++lifecycleSeq).padStart(4, '0')}`, name: `生命周期${lifecycleSeq}`, territory: [{ regionCode: '440111', exclusive: false }] },
    { status, reason: 'matrix fixture' },
  );
const callerOf = (role: Role) => ({
  ...t.system,
  caller: {
    kind: 'user' as const,
    id: null,
    name: `matrix ${role}`,
    role,
    dealerId: role === 'dealer_admin' || role === 'dealer_staff' ? f.mine.id : null,
    regionCodes: role === 'regional_manager' ? ['440000'] : [],
  },
});

describe('dealer lifecycle moves', () => {
  it('declares every move for roles that hold the permission of its workflow', () => {
    const wrong = DEALER_MOVES.flatMap((m) => m.roles.filter((r) => !can(r, workflowInfo(m.workflow).permission)).map((r) => `${m.fromStatus} -> ${m.to} (${m.workflow}): ${r}`));
    expect(wrong).toEqual([]);
    // The reported fault stays closed: ending a dealer is the termination workflow's, HQ's alone.
    expect(DEALER_MOVES.filter((m) => m.to === 'terminating' || m.to === 'terminated').map((m) => [m.workflow, [...m.roles]])).toEqual([
      ['termination', ['hq_admin']],
      ['termination', ['hq_admin']],
      ['termination', ['hq_admin']],
    ]);
  });

  for (const { from, to } of lifecycleEdges) {
    for (const role of ROLES) {
      it(`${from} -> ${to} as ${role}: only the declared workflows and roles move the dealer`, async () => {
        const bare = await dealerInStatus(from);
        const res = await t.inject({
          method: 'POST',
          url: `/api/v1/dealers/${bare.id}/transitions`,
          remoteAddress: nextAddress(),
          headers: { ...(await cookieFor(matrixUser(role))), 'content-type': 'application/json' },
          payload: JSON.stringify({ to, reason: 'matrix' }),
        });
        const after = await t.deps.db.selectFrom('dealers').select('status').where('id', '=', bare.id).executeTakeFirstOrThrow();
        if (declaredFor(from, to, 'manual', role)) {
          expect(res.statusCode, describeResponse(res)).toBe(200);
          expect(after.status).toBe(to);
        } else {
          expect([403, 404, 409], describeResponse(res)).toContain(res.statusCode);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(after.status).toBe(from);
        }
        for (const workflow of LIFECYCLE_WORKFLOWS) {
          const dealer = await dealerInStatus(from);
          const made = await t.deps.db
            .transaction()
            .execute((trx) => moveDealerStatus(trx, callerOf(role), { dealerId: dealer.id, to, reason: 'matrix', workflow }))
            .then(
              () => 'moved',
              (error: { code?: string }) => error.code ?? String(error),
            );
          const status = (await t.deps.db.selectFrom('dealers').select('status').where('id', '=', dealer.id).executeTakeFirstOrThrow()).status;
          if (declaredFor(from, to, workflow, role)) {
            expect([workflow, made, status]).toEqual([workflow, 'moved', to]);
          } else {
            expect([workflow, status]).toEqual([workflow, from]);
            expect(['FORBIDDEN', 'INVALID_TRANSITION'], `${workflow}: ${made}`).toContain(made);
          }
        }
      });
    }
  }
});
