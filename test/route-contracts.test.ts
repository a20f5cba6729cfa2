// Response contracts, generated from the routes the real app registers: every API route declares
// its 2xx response, so the serializer sends only declared fields (OWASP API3) and integrators can
// generate clients from /api/openapi.json; file downloads declare their content types instead;
// a POST that creates a resource answers 201. A new route that breaks one of these fails by name.
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../src/server/app.js';
import { createTestApp } from './helpers/app.js';

const t = await createTestApp();
afterAll(async () => t.close());

type JsonSchema = Record<string, any>;
const apiRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json' && r.method !== 'HEAD');
const responsesOf = (r: RegisteredRoute) => ((r.schema as { response?: Record<string, JsonSchema> } | undefined)?.response ?? {}) as Record<string, JsonSchema>;
const successOf = (r: RegisteredRoute) => Object.entries(responsesOf(r)).filter(([status]) => /^2(\d\d|XX)$/.test(status));
const isJsonSchema = (s: JsonSchema) => typeof s.type === 'string' || Array.isArray(s.anyOf) || Array.isArray(s.oneOf) || Array.isArray(s.allOf) || typeof s.$ref === 'string';

/**
 * POSTs that do something rather than create a resource, by the last path segment (verbs and
 * state changes): they may answer 200. Every other POST to a collection creates and answers 201
 * (202 when the work is only accepted, like the public prospect application).
 */
const ACTION_SEGMENTS = new Set([
  'login',
  'logout',
  'transitions',
  'decision',
  'convert',
  'quote',
  'dupont',
  'forecast',
  'acknowledge',
  'generate',
  'confirm',
  'reject',
  'steps',
  'resolve',
  'pause',
  'resume',
  'confirmation',
  'read',
  'split',
  'status',
  'simulate',
  'regrade',
  'complete',
  'cancel',
  'import',
  'upload',
  'plan',
]);
/** Collection POSTs that answer 200 on purpose, each with the reason. */
const NOT_CREATES: Record<string, string> = {
  'POST /api/v1/sellout': 'a batch report: each line is kept or refused on its own, and the answer is the per-line outcome (like an import)',
  'POST /api/v1/tickets/:id/confirmation-link': "replaces the ticket's one link (a singular sub-resource; earlier links stop working)",
};
const lastSegment = (url: string) => url.split('/').filter(Boolean).at(-1) ?? '';
const isCreate = (r: RegisteredRoute) => r.method === 'POST' && !lastSegment(r.url).startsWith(':') && !ACTION_SEGMENTS.has(lastSegment(r.url)) && !NOT_CREATES[`${r.method} ${r.url}`];

describe('route contracts', () => {
  it('finds the routes', () => {
    expect(apiRoutes.length).toBeGreaterThan(100);
    expect(apiRoutes.filter(isCreate).length).toBeGreaterThan(20);
  });

  for (const route of apiRoutes) {
    const name = `${route.method} ${route.url}`;
    it(`${name} declares its 2xx response`, () => {
      const success = successOf(route);
      expect(
        success.map(([status]) => status),
        `${name} declares no 2xx response schema`,
      ).not.toEqual([]);
      for (const [status, schema] of success) {
        if (status === '204') continue;
        if (schema.content) {
          // A file: its content types, each with a schema, and not JSON (that would skip the serializer's filter).
          const types = Object.keys(schema.content);
          expect(types.length, `${name} ${status} declares no content type`).toBeGreaterThan(0);
          for (const type of types) {
            expect(type, `${name} ${status}`).not.toMatch(/json/);
            expect(schema.content[type].schema, `${name} ${status} ${type}`).toBeTruthy();
          }
        } else {
          expect(isJsonSchema(schema), `${name} ${status} is not a JSON schema: ${JSON.stringify(schema).slice(0, 200)}`).toBe(true);
        }
      }
    });
    if (isCreate(route)) {
      it(`${name} creates, so answers 201`, () => {
        const statuses = successOf(route).map(([status]) => status);
        expect(
          statuses.some((s) => s === '201' || s === '202'),
          `${name} declares ${statuses.join(', ') || 'nothing'}`,
        ).toBe(true);
        expect(statuses, `${name} declares 200 beside its create status`).not.toContain('200');
      });
    }
  }

  it('the OpenAPI document gives every operation a typed 2xx response', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          }
        >
      >;
    };
    const missing: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations++;
        const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
        const typed = success.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema));
        if (!typed) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
