import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_OPTIONS, DUMMY_PASSWORD_HASH, commonPasswordProblems, hashPassword } from '../src/server/core/passwords.js';
import { delayAfterFailures, retryAfterSeconds } from '../src/server/modules/auth/auth.rules.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { TEST_PASSWORD, createTestApp, type TestApp } from './helpers/app.js';

describe('the dummy hash', () => {
  it('should carry the parameters real hashes get, so verifying against it costs the same', async () => {
    const params = (h: string) => h.split('$')[3];
    expect(params(DUMMY_PASSWORD_HASH)).toBe(`m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}`);
    expect(params(await hashPassword('Any#Password1'))).toBe(params(DUMMY_PASSWORD_HASH));
    expect(DUMMY_PASSWORD_HASH.startsWith('$argon2id$')).toBe(true);
  });
});

describe('throttle delays', () => {
  const policy = { freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 600 };
  it('should be free for the first failures, then double from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => delayAfterFailures(n, policy))).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9, 15, 16].map((n) => delayAfterFailures(n, policy))).toEqual([1, 2, 4, 8, 512, 600]);
    expect(delayAfterFailures(100_000, policy)).toBe(600);
  });
  it('should announce whole seconds, at least one', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(retryAfterSeconds('2026-01-01T00:00:00.200Z', now)).toBe(1);
    expect(retryAfterSeconds('2026-01-01T00:00:02.001Z', now)).toBe(3);
  });
});

describe('common passwords', () => {
  it.each([
    ['123456'],
    ['Password2026!'],
    ['P@ssw0rd2026'],
    ['Qwerty123456!'],
    ['Iloveyou1314!'],
    ['Woaini1314!!'],
    ['Aa123456!'],
    ['A123456789!'],
    ['Qq123456@'],
    ['5201314'],
    ['Zhongguo@2026'],
    ['1qaz2wsx'],
  ])('should refuse %s', (password) => {
    expect(commonPasswordProblems(password)[0]).toMatch(/commonly used/);
  });

  it.each([[DEMO_PASSWORD], [TEST_PASSWORD], ['Brand-New#Secret9'], ['Bench#Pass2026'], ['Ops#Check2026'], ['mK7#vQ2!pL9x'], ['茶叶经销2026#a']])('should accept %s', (password) => {
    expect(commonPasswordProblems(password, 'bench.admin')).toEqual([]);
  });

  it('should refuse passwords built on the username: without its separators, reversed, or de-leeted', () => {
    expect(commonPasswordProblems('Wangfang#2026', 'wang.fang')).toContain('must not be built on the username');
    expect(commonPasswordProblems('Nasgnahz#2026', 'zhangsan')).toEqual(['must not be built on the username']);
    expect(commonPasswordProblems('Zh@ngs@n#2026', 'zhangsan')).toEqual(['must not be built on the username']);
    // Containing it as typed is limits.ts's problem, reported once there.
    expect(commonPasswordProblems('Zhangsan#2026', 'zhangsan')).toEqual([]);
  });
});

describe('password policy through the API', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin', { username: 'policy.admin' });
  });
  afterAll(async () => t?.close());

  it.each([['Password2026!'], ['Woaini1314@!'], ['Qudao.user#2026']])('should refuse %s with WEAK_PASSWORD naming /password', async (password) => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin }, payload: { username: 'qudao.user', password, displayName: 'Q', role: 'hq_analyst' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('WEAK_PASSWORD');
    expect(res.json().errors[0].path).toBe('/password');
  });

  it('should accept the demo password for a new user', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin }, payload: { username: 'demo.like', password: DEMO_PASSWORD, displayName: 'D', role: 'hq_analyst' } });
    expect(res.statusCode).toBe(201);
  });
});
