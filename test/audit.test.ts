import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/server/config.js';
import type { AuditEntriesTable } from '../src/server/db/types.js';
import { TEST_PASSWORD, createTestApp, type TestApp } from './helpers/app.js';

const run = promisify(execFile);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let codeSeq = 0;
const nextCode = () => `AU-${process.pid % 1000}-${++codeSeq}`;

async function auditCount(t: TestApp): Promise<number> {
  return Number(
    (
      await t.deps.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

async function verify(t: TestApp, cookie: string) {
  const res = await t.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { valid: boolean; entries: number; headHash: string | null; firstInvalidEntry?: number };
}

describe('audit trail: every state change is recorded', () => {
  let t: TestApp;
  let admin: string;
  const ADMIN = 'audit.admin';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin', { username: ADMIN });
  });
  afterAll(async () => t?.close());

  /** Runs a request and checks that it appended exactly `expected` entries, the last one `action`. */
  async function expectAppends(action: string | null, request: () => Promise<{ statusCode: number; body: string }>, expectedStatus: number) {
    const before = await auditCount(t);
    const res = await request();
    expect(res.statusCode, res.body).toBe(expectedStatus);
    const after = await auditCount(t);
    if (action === null) {
      expect(after).toBe(before);
      return res;
    }
    expect(after).toBe(before + 1);
    const latest = (await t.inject({ method: 'GET', url: '/api/v1/audit?limit=1', headers: { cookie: admin } })).json().items[0];
    expect(latest.action).toBe(action);
    expect(latest.seq).toBe(after);
    expect(latest.at).toBe(t.clock.now().toISOString());
    return res;
  }

  let dealerId: string;

  it('should append an entry when a dealer is created, naming the actor and the dealer', async () => {
    const res = await expectAppends('dealer.create', () => t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie: admin }, payload: { code: nextCode(), name: '审计经销商' } }), 201);
    dealerId = JSON.parse(res.body).id;
    const [entry] = (await t.inject({ method: 'GET', url: `/api/v1/audit?entityType=dealer&entityId=${dealerId}`, headers: { cookie: admin } })).json().items;
    expect(entry).toMatchObject({ actorName: ADMIN, actorType: 'user', entityType: 'dealer', entityId: dealerId });
  });

  it('should append an entry when a dealer is updated', async () => {
    await expectAppends('dealer.update', () => t.inject({ method: 'PATCH', url: `/api/v1/dealers/${dealerId}`, headers: { cookie: admin }, payload: { creditLimitFen: 1_000_000 } }), 200);
  });

  it('should append an entry when a dealer moves along its lifecycle', async () => {
    await expectAppends(
      'dealer.transition',
      () => t.inject({ method: 'POST', url: `/api/v1/dealers/${dealerId}/transitions`, headers: { cookie: admin }, payload: { to: 'warning', reason: '回款逾期' } }),
      200,
    );
  });

  it('should append an entry when a product is created', async () => {
    await expectAppends(
      'product.create',
      () =>
        t.inject({
          method: 'POST',
          url: '/api/v1/products',
          headers: { cookie: admin },
          payload: { sku: 'AUD-1', name: '审计商品', category: 'tea', unit: '盒', listPriceFen: 1000, minRetailPriceFen: 1200 },
        }),
      201,
    );
  });

  it('should append an entry when a user is created, without the password or its hash', async () => {
    const res = await expectAppends(
      'user.create',
      () => t.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin }, payload: { username: 'audited.user', password: TEST_PASSWORD, displayName: '审计用户', role: 'hq_analyst' } }),
      201,
    );
    const userId = JSON.parse(res.body).id;
    const row = await t.deps.db.selectFrom('audit_entries').selectAll().where('entity_id', '=', userId).executeTakeFirstOrThrow();
    const hash = (await t.deps.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
    expect(row.change).not.toContain(TEST_PASSWORD);
    expect(row.change).not.toContain(hash);
  });

  it('should append an entry when someone logs in', async () => {
    await expectAppends('auth.login', () => t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'audited.user', password: TEST_PASSWORD } }), 200);
  });

  it('should append nothing for reads and for refused changes', async () => {
    await expectAppends(null, () => t.inject({ method: 'GET', url: '/api/v1/dealers', headers: { cookie: admin } }), 200);
    await expectAppends(null, () => t.inject({ method: 'POST', url: `/api/v1/dealers/${dealerId}/transitions`, headers: { cookie: admin }, payload: { to: 'prospect', reason: 'x' } }), 409);
    await expectAppends(
      null,
      () =>
        t.inject({ method: 'POST', url: '/api/v1/products', headers: { cookie: admin }, payload: { sku: 'AUD-1', name: '重复', category: 'tea', unit: '盒', listPriceFen: 1, minRetailPriceFen: 1 } }),
      409,
    );
  });

  it('should report the chain valid, with every entry counted and the head hash of the last one', async () => {
    const result = await verify(t, admin);
    const count = await auditCount(t);
    const last = await t.deps.db.selectFrom('audit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(result).toEqual({ valid: true, entries: count, headHash: last.hash });
    expect(Number(last.seq)).toBe(count);
  });

  it('should keep the chain valid and its seq contiguous under 30 concurrent dealer creates', async () => {
    const before = await auditCount(t);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie: admin }, payload: { code: nextCode(), name: `并发${i}` } })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const seqs = (await t.deps.db.selectFrom('audit_entries').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));
    const result = await verify(t, admin);
    expect(result.valid).toBe(true);
    expect(result.entries).toBe(before + 30);
    // Each concurrent create chained onto its own predecessor: 30 distinct dealer.create entries.
    const creates = await t.deps.db.selectFrom('audit_entries').select('entity_id').where('seq', '>', before).execute();
    expect(new Set(creates.map((c) => c.entity_id)).size).toBe(30);
  });
});

describe('audit trail: tampering is detected', () => {
  let t: TestApp;
  let admin: string;
  let original: AuditEntriesTable[];
  let n: number;

  const db = () => t.deps.db;

  async function restore() {
    await db().deleteFrom('audit_entries').execute();
    for (const row of original) await db().insertInto('audit_entries').values(row).execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs('hq_admin');
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1000);
      const res = await t.inject({ method: 'POST', url: '/api/v1/dealers', headers: { cookie: admin }, payload: { code: nextCode(), name: `链${i}` } });
      expect(res.statusCode).toBe(201);
    }
    original = await db().selectFrom('audit_entries').selectAll().orderBy('seq').execute();
    n = original.length;
    expect(n).toBeGreaterThanOrEqual(7);
  });
  afterAll(async () => t?.close());

  beforeEach(async () => {
    // Every case starts from the untouched chain.
    expect((await verify(t, admin)).valid).toBe(true);
  });
  afterEach(restore);

  it("should report an edited entry's change as the first invalid entry", async () => {
    await db().updateTable('audit_entries').set({ change: '{"creditLimitFen":999999999}' }).where('seq', '=', 3).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: 3 });
  });

  it('should detect an edited change even when its digest is recomputed to match', async () => {
    const forged = '{"name":"forged"}';
    await db()
      .updateTable('audit_entries')
      .set({ change: forged, digest: sha256(forged) })
      .where('seq', '=', 4)
      .execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: 4 });
  });

  it('should detect an edited actor or time', async () => {
    await db().updateTable('audit_entries').set({ actor_name: 'somebody else' }).where('seq', '=', 2).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: 2 });
    await restore();
    await db().updateTable('audit_entries').set({ at: '2020-01-01T00:00:00.000Z' }).where('seq', '=', 5).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: 5 });
  });

  it('should report a deleted middle entry', async () => {
    const middle = Math.ceil(n / 2);
    await db().deleteFrom('audit_entries').where('seq', '=', middle).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: middle });
  });

  it('should report a deleted last entry', async () => {
    await db().deleteFrom('audit_entries').where('seq', '=', n).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: n });
  });

  it('should report the first of two entries whose seq were swapped', async () => {
    const [a, b] = [2, n - 1];
    await db().updateTable('audit_entries').set({ seq: -1 }).where('seq', '=', a).execute();
    await db().updateTable('audit_entries').set({ seq: a }).where('seq', '=', b).execute();
    await db().updateTable('audit_entries').set({ seq: b }).where('seq', '=', -1).execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: a });
  });

  it('should report an entry whose recorded hash was replaced', async () => {
    await db()
      .updateTable('audit_entries')
      .set({ hash: sha256('anything') })
      .where('seq', '=', 1)
      .execute();
    expect(await verify(t, admin)).toMatchObject({ valid: false, firstInvalidEntry: 1 });
  });

  describe('the qudao audit verify command', () => {
    const cli = async () => {
      try {
        const { stdout } = await run(process.execPath, [path.join(projectRoot, 'bin/qudao.js'), 'audit', 'verify'], {
          cwd: projectRoot,
          env: { ...process.env, DATABASE_URL: t.config.databaseUrl, QUDAO_LOG_LEVEL: 'silent' },
          timeout: 60_000,
        });
        return { code: 0, stdout };
      } catch (error) {
        const e = error as { code?: number; stdout?: string };
        if (typeof e.code !== 'number') throw error;
        return { code: e.code, stdout: e.stdout ?? '' };
      }
    };

    // The command works for both dialects; each project runs it against its own database.
    const label = process.env.QUDAO_TEST_DB === 'postgres' ? 'PostgreSQL' : 'SQLite';

    it(`should exit 0 on a good ${label} database and 1 on a tampered one`, async () => {
      const good = await cli();
      expect(good.code).toBe(0);
      expect(good.stdout).toMatch(/"valid":\s*true/);

      await db().updateTable('audit_entries').set({ change: '{"tampered":true}' }).where('seq', '=', 2).execute();
      const bad = await cli();
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/"valid":\s*false/);
      expect(bad.stdout).toMatch(/"firstInvalidEntry":\s*2/);
    });
  });
});
