import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { TEST_PASSWORD, cookieOf, createTestApp, type TestApp } from './helpers/app.js';

// Every login below comes from its own client address so the per-IP login rate limit of one
// scenario never spills into another.
let ipSeq = 0;
const nextIp = () => `10.1.0.${++ipSeq}`;

describe('authentication', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  const login = (username: string, password: string, remoteAddress = nextIp()) => t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  const me = (headers: Record<string, string>) => t.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  const sessionsOf = async (userId: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin', { username: 'root.admin' });
    // The people of this file, created once (argon2 is deliberately slow).
    const people = ['alice', 'locky', 'gone.user', 'pw.change', 'twin.user', 'far.user'];
    const created = await Promise.all(people.map((username) => createUser(t.system, { username, password: TEST_PASSWORD, displayName: username, role: 'hq_analyst' })));
    for (const u of created) ids[u.username] = u.id;
  });
  afterAll(async () => t?.close());

  describe('login', () => {
    it('should set an HttpOnly, SameSite=Lax session cookie that identifies the user', async () => {
      const res = await login('alice', TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ username: 'alice', role: 'hq_analyst', dealerId: null });
      const raw = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('qudao_sid='));
      expect(raw).toBeDefined();
      const attributes = raw!
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=lax');
      expect(attributes).toContain('path=/');
      // The token itself is long and random, not something derived from the user.
      const token = raw!.split(';')[0].slice('qudao_sid='.length);
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(token).not.toContain(ids.alice);

      const who = await me({ cookie: cookieOf(res) });
      expect(who.statusCode).toBe(200);
      expect(who.json().user.id).toBe(ids.alice);
    });

    it('should store only a digest of the session token in the database', async () => {
      const res = await login('alice', TEST_PASSWORD);
      const token = cookieOf(res).slice('qudao_sid='.length);
      const rows = await t.deps.db.selectFrom('sessions').selectAll().where('user_id', '=', ids.alice).execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
    });

    it('should answer a wrong password with 401 and exactly the message an unknown user gets', async () => {
      const wrong = await login('alice', 'Not-the-password-1');
      const unknown = await login('nobody.at.all', 'Not-the-password-1');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json().code).toBe('UNAUTHENTICATED');
      expect(unknown.json().code).toBe('UNAUTHENTICATED');
      expect(wrong.json().detail).toBe(unknown.json().detail);
      expect(wrong.json().title).toBe(unknown.json().title);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(unknown.headers['set-cookie']).toBeUndefined();
    });

    it('should never lock an account: after 5 failures each attempt waits a doubling delay, and the right password works once it has passed', async () => {
      const ip = nextIp();
      for (let i = 1; i <= 5; i++) {
        const res = await login('locky', `Wrong-pass-${i}x`, ip);
        expect(res.statusCode, `failure ${i}`).toBe(401);
      }
      // The sixth failure is still a plain 401: the delay applies to the attempt after it.
      expect((await login('locky', 'Wrong-pass-6x', nextIp())).statusCode).toBe(401);
      const waiting = await login('locky', TEST_PASSWORD, nextIp());
      expect(waiting.statusCode).toBe(429);
      expect(waiting.headers['content-type']).toContain('application/problem+json');
      expect(waiting.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      expect(waiting.headers['retry-after']).toBe('1');
      expect(waiting.headers['set-cookie']).toBeUndefined();

      t.clock.advance(1000);
      expect((await login('locky', 'Wrong-pass-7x', nextIp())).statusCode).toBe(401);
      expect((await login('locky', TEST_PASSWORD, nextIp())).headers['retry-after']).toBe('2');

      t.clock.advance(2000);
      const right = await login('locky', TEST_PASSWORD, ip);
      expect(right.statusCode).toBe(200);
      expect((await me({ cookie: cookieOf(right) })).json().user.username).toBe('locky');
      // Signing in forgets the name's failures: the next mistake is an ordinary 401 again.
      expect((await login('locky', 'Wrong-pass-8x', nextIp())).statusCode).toBe(401);
      expect((await login('locky', TEST_PASSWORD, nextIp())).statusCode).toBe(200);
    });

    it('should rate-limit logins to 20 a minute per client address with a 429 problem+json', async () => {
      const ip = nextIp();
      for (let i = 1; i <= 20; i++) {
        // Just over the longest throttle wait apart on the app's clock (auth.settings.ts), so only
        // the per-instance limiter, which counts real time, is tested here.
        t.clock.advance(601_000);
        const res = await login('ghost.user', 'Whatever-123x', ip);
        expect(res.statusCode, `attempt ${i}`).toBe(401);
      }
      const limited = await login('alice', TEST_PASSWORD, ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(limited.headers['set-cookie']).toBeUndefined();

      // Another client is not affected.
      const other = await login('alice', TEST_PASSWORD, nextIp());
      expect(other.statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    it('should end every session of a user who is deactivated, for good', async () => {
      const first = cookieOf(await login('gone.user', TEST_PASSWORD));
      const second = cookieOf(await login('gone.user', TEST_PASSWORD));
      expect((await me({ cookie: first })).statusCode).toBe(200);
      expect(await sessionsOf(ids['gone.user'])).toBe(2);

      const off = await t.inject({ method: 'PATCH', url: `/api/v1/users/${ids['gone.user']}`, headers: { cookie: admin }, payload: { active: false } });
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);

      expect((await me({ cookie: first })).statusCode).toBe(401);
      expect((await me({ cookie: second })).statusCode).toBe(401);
      expect(await sessionsOf(ids['gone.user'])).toBe(0);
      expect((await login('gone.user', TEST_PASSWORD)).statusCode).toBe(401);

      // Re-activating does not bring the old sessions back; a new login works.
      const on = await t.inject({ method: 'PATCH', url: `/api/v1/users/${ids['gone.user']}`, headers: { cookie: admin }, payload: { active: true } });
      expect(on.statusCode).toBe(200);
      expect((await me({ cookie: first })).statusCode).toBe(401);
      const again = await login('gone.user', TEST_PASSWORD);
      expect(again.statusCode).toBe(200);
    });

    it('should end the sessions of a user whose password is changed, and accept only the new password', async () => {
      const cookie = cookieOf(await login('pw.change', TEST_PASSWORD));
      expect((await me({ cookie })).statusCode).toBe(200);
      const newPassword = 'Brand-New#Secret9';
      const res = await t.inject({ method: 'PATCH', url: `/api/v1/users/${ids['pw.change']}`, headers: { cookie: admin }, payload: { password: newPassword } });
      expect(res.statusCode).toBe(200);
      expect(JSON.stringify(res.json())).not.toContain(newPassword);

      expect((await me({ cookie })).statusCode).toBe(401);
      expect(await sessionsOf(ids['pw.change'])).toBe(0);
      expect((await login('pw.change', TEST_PASSWORD)).statusCode).toBe(401);
      expect((await login('pw.change', newPassword)).statusCode).toBe(200);
    });

    it('should forget a session at logout and only that session', async () => {
      const a = cookieOf(await login('twin.user', TEST_PASSWORD));
      const b = cookieOf(await login('twin.user', TEST_PASSWORD));
      const out = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: a } });
      expect(out.statusCode).toBe(204);
      expect((await me({ cookie: a })).statusCode).toBe(401);
      expect((await me({ cookie: b })).statusCode).toBe(200);
    });

    it('should keep sessions in the database so a second instance on the same database accepts the cookie', async () => {
      const cookie = cookieOf(await login('far.user', TEST_PASSWORD));
      const other = await buildApp(t.config, { database: openDatabase(t.config.databaseUrl, { poolSize: 2 }), clock: t.clock, logger: false });
      try {
        const there = await other.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
        expect(there.statusCode).toBe(200);
        expect(there.json().user).toMatchObject({ id: ids['far.user'], username: 'far.user' });
        // Logging out on the second instance ends the session on the first one too.
        expect((await other.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
      } finally {
        await other.close();
      }
      expect((await me({ cookie })).statusCode).toBe(401);
    });
  });

  describe('user accounts', () => {
    it('should let exactly one of three concurrent creates of one username win, the others getting 409 (never 500)', async () => {
      const payload = { username: 'race.user', password: TEST_PASSWORD, displayName: 'Race', role: 'hq_analyst' };
      const results = await Promise.all([1, 2, 3].map(() => t.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin }, payload })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('CONFLICT');
    });
  });

  describe('password strength', () => {
    const weak: [string, string][] = [
      ['too short', 'Ab1!xyz'],
      ['a single character class', 'abcdefghijklmn'],
      ['two character classes', 'abcdefgh12345'],
      ['the username inside it', 'Xx1!weak.bob.user'],
    ];

    it.each(weak)('should refuse a new user whose password has %s with WEAK_PASSWORD naming /password', async (_label, password) => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: admin },
        payload: { username: 'weak.bob.user', password, displayName: 'Bob', role: 'hq_analyst' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.code).toBe('WEAK_PASSWORD');
      expect(body.errors.length).toBeGreaterThan(0);
      for (const e of body.errors) expect(e.path).toBe('/password');
      const exists = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'weak.bob.user').executeTakeFirst();
      expect(exists).toBeUndefined();
    });

    it('should refuse changing a password to a weak one and keep the old one working', async () => {
      const res = await t.inject({ method: 'PATCH', url: `/api/v1/users/${ids.alice}`, headers: { cookie: admin }, payload: { password: 'password' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('WEAK_PASSWORD');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('/password');
      expect((await login('alice', TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('API keys', () => {
    let own: { id: string };
    let sub: { id: string };
    let foreign: { id: string };
    let secret: string;
    let keyId: string;

    beforeAll(async () => {
      own = await t.dealer();
      sub = await t.dealer({ level: 2, parentDealerId: own.id });
      foreign = await t.dealer();
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { cookie: admin },
        payload: { name: 'erp-connector', role: 'dealer_admin', dealerId: own.id },
      });
      expect(res.statusCode).toBe(201);
      secret = res.json().secret;
      keyId = res.json().apiKey.id;
    });

    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    it('should show the secret once: never in the key list, and only a hash of it in the database', async () => {
      expect(typeof secret).toBe('string');
      expect(secret.length).toBeGreaterThanOrEqual(32);
      const list = await t.inject({ method: 'GET', url: '/api/v1/api-keys', headers: { cookie: admin } });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((k: { id: string }) => k.id)).toContain(keyId);
      expect(list.body).not.toContain(secret);
      for (const k of list.json().items) expect(k).not.toHaveProperty('secret');

      const row = await t.deps.db.selectFrom('api_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
      expect(row.key_hash).not.toBe(secret);
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(row.key_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    });

    it("should authenticate a Bearer key with the key's role and dealer scope", async () => {
      const who = await me(bearer(secret));
      expect(who.statusCode).toBe(200);
      expect(who.json().user).toMatchObject({ role: 'dealer_admin', dealerId: own.id });

      const list = await t.inject({ method: 'GET', url: '/api/v1/dealers?limit=500', headers: bearer(secret) });
      expect(list.statusCode).toBe(200);
      expect(
        list
          .json()
          .items.map((d: { id: string }) => d.id)
          .sort(),
      ).toEqual([own.id, sub.id].sort());

      expect((await t.inject({ method: 'GET', url: `/api/v1/dealers/${own.id}`, headers: bearer(secret) })).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: `/api/v1/dealers/${sub.id}`, headers: bearer(secret) })).statusCode).toBe(200);
      const other = await t.inject({ method: 'GET', url: `/api/v1/dealers/${foreign.id}`, headers: bearer(secret) });
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('NOT_FOUND');

      // dealer_admin may not create dealers, whatever the key says about itself.
      const write = await t.inject({ method: 'POST', url: '/api/v1/dealers', headers: bearer(secret), payload: { code: 'KEY-WRITE', name: 'x' } });
      expect(write.statusCode).toBe(403);
      expect(write.json().code).toBe('FORBIDDEN');
    });

    it('should refuse a key that was never issued', async () => {
      const res = await me(bearer(`${secret.slice(0, -4)}AAAA`));
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    });

    it('should refuse a revoked key with 401', async () => {
      const hq = await t.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie: admin }, payload: { name: 'bi-tool', role: 'hq_analyst' } });
      expect(hq.statusCode).toBe(201);
      const { secret: biSecret, apiKey } = hq.json();
      const all = await t.inject({ method: 'GET', url: '/api/v1/dealers?limit=500', headers: bearer(biSecret) });
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([own.id, sub.id, foreign.id]));

      const revoke = await t.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: { cookie: admin } });
      expect(revoke.statusCode).toBe(200);
      expect(revoke.json().revokedAt).toBe(t.clock.now().toISOString());

      const after = await t.inject({ method: 'GET', url: '/api/v1/dealers', headers: bearer(biSecret) });
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('UNAUTHENTICATED');
      // The other key still works.
      expect((await me(bearer(secret))).statusCode).toBe(200);
    });
  });

  describe('cross-site requests', () => {
    const countDealers = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('dealers')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const countAudit = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    // The last two differ from the app (http://127.0.0.1:3000) only in scheme or port.
    it.each([['https://evil.example'], ['null'], ['https://evil.example:3000'], ['https://127.0.0.1:3000'], ['http://127.0.0.1:3001']])(
      'should refuse a cookie-authenticated POST from origin %s with 403 and change nothing',
      async (origin) => {
        const dealersBefore = await countDealers();
        const auditBefore = await countAudit();
        const res = await t.inject({
          method: 'POST',
          url: '/api/v1/dealers',
          headers: { cookie: admin, origin, host: '127.0.0.1:3000' },
          payload: { code: 'CSRF-1', name: '跨站' },
        });
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('FORBIDDEN');
        expect(await countDealers()).toBe(dealersBefore);
        expect(await countAudit()).toBe(auditBefore);
      },
    );

    it('should refuse a cross-site PATCH of a user too', async () => {
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/users/${ids.alice}`,
        headers: { cookie: admin, origin: 'https://evil.example' },
        payload: { active: false },
      });
      expect(res.statusCode).toBe(403);
      const row = await t.deps.db.selectFrom('users').select('active').where('id', '=', ids.alice).executeTakeFirstOrThrow();
      expect(row.active).toBe(1);
    });

    it('should accept the same request from its own origin', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/dealers',
        headers: { cookie: admin, origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
        payload: { code: 'SAME-ORIGIN-1', name: '同源' },
      });
      expect(res.statusCode).toBe(201);
    });
  });
});
