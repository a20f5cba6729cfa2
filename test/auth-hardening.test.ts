// Sign-in throttling instead of lockout, one answer for every failed sign-in, absolute session
// lifetime, API key expiry and secrets kept out of the request log (docs/security.md).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { writeSetting } from '../src/server/core/settings.js';
import { AUTH_SETTINGS } from '../src/server/modules/auth/auth.settings.js';
import { createUser, updateUser } from '../src/server/modules/users/users.service.js';
import { TEST_PASSWORD, cookieOf, createTestApp, type TestApp } from './helpers/app.js';

let ipSeq = 0;
const nextIp = () => `10.7.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('auth hardening', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  const login = (username: string, password: string, remoteAddress = nextIp()) => t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  const me = (headers: Record<string, string>) => t.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  /** Every window of failures forgotten, so one scenario's failures never throttle the next. */
  const forgetFailures = () => t.clock.advance(2 * HOUR);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin', { username: 'sec.admin' });
    const people = ['chief.admin', 'gone.away', 'plain.user', 'timing.user', 'timing.gone', 'long.session', 'short.session', 'idle.busy', 'idle.quiet'];
    const created = await Promise.all(
      people.map((username) => createUser(t.system, { username, password: TEST_PASSWORD, displayName: username, role: username.includes('admin') ? 'hq_admin' : 'hq_analyst' })),
    );
    for (const u of created) ids[u.username] = u.id;
    for (const name of ['gone.away', 'timing.gone']) await updateUser(t.system, ids[name], { active: false });
  });
  afterAll(async () => t?.close());

  describe('one answer for every failed sign-in', () => {
    const answer = (res: LightMyRequestResponse) => ({
      status: res.statusCode,
      type: res.headers['content-type'],
      body: res.json(),
      cookie: res.headers['set-cookie'],
      retryAfter: res.headers['retry-after'],
    });

    it('should answer an unknown name, a deactivated user (even with the right password) and a wrong password with the same status and body', async () => {
      forgetFailures();
      const unknown = answer(await login('no.such.person', 'Some-Guess#2026'));
      const deactivated = answer(await login('gone.away', TEST_PASSWORD));
      const wrong = answer(await login('plain.user', 'Some-Guess#2026'));
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('UNAUTHENTICATED');
      expect(deactivated).toEqual(unknown);
      expect(wrong).toEqual(unknown);
    });

    it('should take about as long for an unknown name, a deactivated user and a wrong password (one argon2 verification each)', async () => {
      forgetFailures();
      const kinds = { unknown: 'timing.nobody', deactivated: 'timing.gone', wrong: 'timing.user' } as const;
      const times: Record<keyof typeof kinds, number[]> = { unknown: [], deactivated: [], wrong: [] };
      // Interleaved, so a slow moment of the machine hits every kind alike; 3 failures per name stay
      // below the free failures (auth.settings.ts), so none of them is throttled.
      for (let round = 0; round < 3; round++) {
        for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
          const started = process.hrtime.bigint();
          const res = await login(kinds[kind], 'Timing-Guess#2026');
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
          expect(res.statusCode).toBe(401);
        }
      }
      const m = { unknown: median(times.unknown), deactivated: median(times.deactivated), wrong: median(times.wrong) };
      for (const [a, b] of [
        ['unknown', 'wrong'],
        ['deactivated', 'wrong'],
        ['unknown', 'deactivated'],
      ] as const) {
        const ratio = m[a] / m[b];
        expect(ratio, `${a} ${m[a].toFixed(1)} ms vs ${b} ${m[b].toFixed(1)} ms`).toBeGreaterThan(0.5);
        expect(ratio, `${a} ${m[a].toFixed(1)} ms vs ${b} ${m[b].toFixed(1)} ms`).toBeLessThan(2);
      }
    });
  });

  describe('throttling instead of lockout', () => {
    /** Fails `n` times for `username`, each from its own address (so only the name's count grows). */
    const failNTimes = async (username: string, n: number) => {
      for (let i = 0; i < n; i++) expect((await login(username, `Guess-${i}#Abc`)).statusCode, `failure ${i + 1} of ${username}`).toBe(401);
    };

    it('should throttle an unknown name exactly as a real one: same 429, same body, same Retry-After', async () => {
      forgetFailures();
      await failNTimes('plain.user', 6);
      await failNTimes('never.existed', 6);
      const real = await login('plain.user', TEST_PASSWORD);
      const unknown = await login('never.existed', TEST_PASSWORD);
      expect(real.statusCode).toBe(429);
      expect(real.headers['retry-after']).toBe('1');
      expect(unknown.statusCode).toBe(real.statusCode);
      expect(unknown.headers['retry-after']).toBe(real.headers['retry-after']);
      expect(unknown.json()).toEqual(real.json());
      expect(real.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    });

    it('should refuse an attempt inside the wait without checking the password, quickly, and without making the wait longer', async () => {
      forgetFailures();
      await failNTimes('plain.user', 6); // the 6th failure starts a 1 s wait
      t.clock.advance(1000);
      await failNTimes('plain.user', 1); // the 7th a 2 s wait
      const started = Date.now();
      for (let i = 0; i < 10; i++) {
        const res = await login('plain.user', i % 2 ? TEST_PASSWORD : 'Another#Guess1');
        expect(res.statusCode).toBe(429);
        expect(res.headers['retry-after']).toBe('2');
      }
      // Ten refusals cost less than the argon2 verifications they skip would (~10 x 20+ ms).
      expect(Date.now() - started).toBeLessThan(2000);
      t.clock.advance(2000);
      expect((await login('plain.user', TEST_PASSWORD)).statusCode).toBe(200);
    });

    it("should let the admin sign in with the right password after an attacker's 50 wrong attempts from other addresses, once the per-account delay has passed", async () => {
      forgetFailures();
      const waits: number[] = [];
      let wrong = 0;
      let attempts = 0;
      // A patient attacker (a small botnet, so neither the per-address limits nor the per-instance
      // rate limit stop it) waits out every delay, so all 50 guesses are really checked.
      while (wrong < 50) {
        const res = await login('chief.admin', `Botnet-guess-${wrong}#X`, `10.66.${attempts % 20}.1`);
        attempts++;
        if (res.statusCode === 429) {
          const seconds = Number(res.headers['retry-after']);
          waits.push(seconds);
          t.clock.advance(seconds * 1000);
        } else {
          expect(res.statusCode).toBe(401);
          wrong++;
        }
        expect(attempts).toBeLessThan(200);
      }
      // The delay doubled from 1 s and stopped at the cap (10 minutes by default), never a lock.
      expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
      expect(Math.max(...waits)).toBe(600);
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);

      // The admin, from the office, right after the 50th guess: asked to wait, the password unchecked.
      const office = '10.200.0.1';
      const early = await login('chief.admin', TEST_PASSWORD, office);
      expect(early.statusCode).toBe(429);
      const wait = Number(early.headers['retry-after']);
      expect(wait).toBeLessThanOrEqual(600);
      t.clock.advance(wait * 1000);
      const inside = await login('chief.admin', TEST_PASSWORD, office);
      expect(inside.statusCode).toBe(200);
      expect((await me({ cookie: cookieOf(inside) })).json().user.username).toBe('chief.admin');
    });

    it('should slow one address that sprays many names after 10 failures, and not other addresses', async () => {
      forgetFailures();
      const sprayer = '10.99.0.1';
      for (let i = 0; i < 10; i++) expect((await login(`spray.${i}`, 'Spray#Guess1', sprayer)).statusCode).toBe(401);
      expect((await login('spray.10', 'Spray#Guess1', sprayer)).statusCode).toBe(401); // the 11th starts the wait
      const held = await login('plain.user', TEST_PASSWORD, sprayer);
      expect(held.statusCode).toBe(429);
      expect(held.headers['retry-after']).toBe('1');
      expect((await login('plain.user', TEST_PASSWORD, '10.99.0.2')).statusCode).toBe(200);
    });

    it('should share the throttle between instances on one database', async () => {
      forgetFailures();
      await failNTimes('shared.name', 6);
      const other = await buildApp(t.config, { database: openDatabase(t.config.databaseUrl, { poolSize: 2 }), clock: t.clock, logger: false });
      try {
        const there = await other.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'shared.name', password: 'x' }, remoteAddress: nextIp() });
        expect(there.statusCode).toBe(429);
      } finally {
        await other.close();
      }
    });

    it('should take the thresholds from the auth.security setting', async () => {
      forgetFailures();
      const defaults = AUTH_SETTINGS.defaults;
      await writeSetting(t.system, AUTH_SETTINGS, { ...defaults, throttle: { ...defaults.throttle, accountFreeFailures: 2, baseDelaySeconds: 30 } });
      try {
        await failNTimes('strict.name', 3);
        const res = await login('strict.name', 'x');
        expect(res.statusCode).toBe(429);
        expect(res.headers['retry-after']).toBe('30');
      } finally {
        await writeSetting(t.system, AUTH_SETTINGS, defaults);
      }
    });
  });

  describe('absolute session lifetime', () => {
    it('should end a session 12 hours after sign-in however active it is, and set the cookie to live as long', async () => {
      const res = await login('long.session', TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const raw = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('qudao_sid='))!;
      expect(raw.toLowerCase()).toContain('max-age=43200');
      const cookie = cookieOf(res);
      // Busy every 30 minutes for 11.5 hours: the idle expiry keeps sliding, the session lives.
      for (let i = 0; i < 23; i++) {
        t.clock.advance(HOUR / 2);
        expect((await me({ cookie })).statusCode, `after ${(i + 1) / 2} h`).toBe(200);
      }
      t.clock.advance(HOUR / 2 + 1000);
      expect((await me({ cookie })).statusCode).toBe(401);
    });

    it('should use the lifetime of the auth.security setting at sign-in', async () => {
      await writeSetting(t.system, AUTH_SETTINGS, { ...AUTH_SETTINGS.defaults, sessionAbsoluteHours: 2 });
      try {
        const res = await login('short.session', TEST_PASSWORD);
        const cookie = cookieOf(res);
        expect([res.headers['set-cookie']].flat().join(';').toLowerCase()).toContain('max-age=7200');
        t.clock.advance(HOUR + 30 * 60_000);
        expect((await me({ cookie })).statusCode).toBe(200);
        t.clock.advance(HOUR / 2);
        expect((await me({ cookie })).statusCode).toBe(401);
      } finally {
        await writeSetting(t.system, AUTH_SETTINGS, AUTH_SETTINGS.defaults);
      }
    });
  });

  describe('idle session timeout', () => {
    it('should end a session unused for the idle hours of the auth.security setting, and keep a used one sliding', async () => {
      await writeSetting(t.system, AUTH_SETTINGS, { ...AUTH_SETTINGS.defaults, sessionIdleHours: 1, sessionAbsoluteHours: 8 });
      try {
        const busy = cookieOf(await login('idle.busy', TEST_PASSWORD));
        const idle = cookieOf(await login('idle.quiet', TEST_PASSWORD));
        // used every 40 minutes for 4 hours: each use slides the one-hour window on
        for (let i = 0; i < 6; i++) {
          t.clock.advance(40 * 60_000);
          expect((await me({ cookie: busy })).statusCode, `after ${((i + 1) * 40) / 60} h`).toBe(200);
        }
        expect((await me({ cookie: idle })).statusCode).toBe(401);
        t.clock.advance(HOUR + 1000);
        expect((await me({ cookie: busy })).statusCode).toBe(401);
      } finally {
        await writeSetting(t.system, AUTH_SETTINGS, AUTH_SETTINGS.defaults);
      }
    });
  });

  describe('API key expiry', () => {
    const create = (payload: Record<string, unknown>) => t.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie: admin }, payload: { role: 'hq_analyst', ...payload } });
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

    it('should give a new key 365 days by default, show the expiry in the list, and refuse the key with 401 once it has passed', async () => {
      admin = await t.loginAs('hq_admin', { username: 'key.admin' }); // a fresh session: earlier tests moved the clock
      const res = await create({ name: 'default-life' });
      expect(res.statusCode).toBe(201);
      const { apiKey, secret } = res.json();
      expect(apiKey.expiresAt).toBe(new Date(t.clock.now().getTime() + 365 * DAY).toISOString());
      const list = await t.inject({ method: 'GET', url: '/api/v1/api-keys', headers: { cookie: admin } });
      expect(list.json().items.find((k: { id: string }) => k.id === apiKey.id).expiresAt).toBe(apiKey.expiresAt);
      expect((await me(bearer(secret))).statusCode).toBe(200);

      const short = (await create({ name: 'one-day', expiresInDays: 1 })).json();
      expect(short.apiKey.expiresAt).toBe(new Date(t.clock.now().getTime() + DAY).toISOString());
      t.clock.advance(DAY);
      const expired = await me(bearer(short.secret));
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('UNAUTHENTICATED');
      expect((await me(bearer(secret))).statusCode).toBe(200);
    });

    it('should refuse a lifetime beyond the maximum of the auth.security setting, naming the field', async () => {
      admin = await t.loginAs('hq_admin', { username: 'key.admin2' });
      const res = await create({ name: 'too-long', expiresInDays: 731 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors).toEqual([{ path: '/expiresInDays', message: 'must be at most 730' }]);
      expect((await create({ name: 'max-life', expiresInDays: 730 })).statusCode).toBe(201);
    });
  });

  describe('request log', () => {
    it('should keep one-time tokens, keys and credentials out of the request log', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const logged = await buildApp({ ...t.config, logLevel: 'info' }, { database: openDatabase(t.config.databaseUrl, { poolSize: 2 }), clock: t.clock, logStream: stream });
      const token = 'OneTimeToken-abcdefghijklmnop-123456';
      const apiKey = 'qd_deadbeef_SecretKeyMaterial0123456789';
      try {
        await logged.app.inject({ method: 'GET', url: `/api/v1/public/tickets/tkt_00000000000000000000/confirmation?token=${token}` });
        await logged.app.inject({ method: 'GET', url: `/api/v1/public/regions?parentCode=440000&access_token=${token}&Key=${token}` });
        await logged.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${apiKey}`, cookie: `qudao_sid=${token}` } });
        await logged.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'plain.user', password: 'Logged#Secret2026' }, remoteAddress: nextIp() });
      } finally {
        await logged.close();
      }
      const log = lines.join('');
      expect(log).toContain('/api/v1/public/tickets/tkt_00000000000000000000/confirmation?token=[REDACTED]');
      expect(log).toContain('parentCode=440000'); // ordinary parameters stay readable
      expect(log).not.toContain(token);
      expect(log).not.toContain(apiKey);
      expect(log).not.toContain('Logged#Secret2026');
    });
  });
});
