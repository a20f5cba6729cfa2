import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('health and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('reports ok and the database dialect without auth', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.QUDAO_TEST_DB === 'postgres' ? 'postgres' : 'sqlite', version: t.config.version });
  });

  it('reports ready while the database answers, and 503 problem+json once it does not', async () => {
    const ready = await t.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    const other = await createTestApp();
    await other.deps.db.destroy();
    const down = await other.inject({ method: 'GET', url: '/api/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.json().code).toBe('UNAVAILABLE');
    await other.close().catch(() => undefined);
  });

  it('refuses an API route without a session, as problem+json', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/dealers' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('serves the caller after login and forgets it after logout', async () => {
    const cookie = await t.loginAs('hq_analyst');
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('hq_analyst');
    expect(me.json().user.permissions).not.toContain('dealers.write');
    const out = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });
});
