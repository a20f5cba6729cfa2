import { createHash } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyChain } from '../src/server/core/audit.js';
import { canonicalJson } from '../src/server/core/canonical.js';
import { fixedClock } from '../src/server/core/clock.js';
import type { Caller } from '../src/server/core/caller.js';
import { openDatabase, type OpenedDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { freshDatabaseUrl } from './helpers/db.js';

/** The same value with the keys of every object inserted in another (reversed or rotated) order. */
function reorderKeys(value: unknown, rotate: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, rotate));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const n = keys.length;
    const order = n === 0 ? [] : rotate % 2 === 0 ? [...keys].reverse() : keys.map((_, i) => keys[(i + rotate) % n]);
    // defineProperty, so a "__proto__" key (fast-check generates them) stays an own key.
    const out: Record<string, unknown> = {};
    for (const k of order) Object.defineProperty(out, k, { value: reorderKeys((value as Record<string, unknown>)[k], rotate + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

describe('canonicalJson', () => {
  it('should give the same text for the same value whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(20), (value, rotate) => {
        expect(canonicalJson(reorderKeys(value, rotate))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('should keep the value: parsing the canonical text gives back an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // JSON has no -0; canonical text, like JSON.stringify, writes it as 0.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it('should give two values the same text exactly when they are equal up to key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const equal = JSON.stringify(sortDeep(JSON.parse(JSON.stringify(a)))) === JSON.stringify(sortDeep(JSON.parse(JSON.stringify(b))));
        expect(canonicalJson(a) === canonicalJson(b)).toBe(equal);
      }),
      { numRuns: 300 },
    );
  });

  it('should keep a "__proto__" key of parsed JSON as an ordinary key', () => {
    const value = JSON.parse('{"b":2,"__proto__":{"x":1}}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"b":2}');
    expect(canonicalJson(value)).not.toBe(canonicalJson({ b: 2 }));
  });

  it('should write object keys sorted at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});

/** An independent deep key sort (for comparing values regardless of key order). */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortDeep(v)]),
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

type Mutation =
  | { kind: 'edit'; field: 'change' | 'actor_name' | 'action' | 'entity_id' | 'at' | 'digest' | 'prev_hash' | 'hash' | 'request_id' | 'actor_type'; target: number }
  | { kind: 'delete'; target: number }
  | { kind: 'swap'; target: number; other: number };

const EDITABLE = ['change', 'actor_name', 'action', 'entity_id', 'at', 'digest', 'prev_hash', 'hash', 'request_id', 'actor_type'] as const;

const appendInput = fc.record({
  action: fc.constantFrom('dealer.create', 'dealer.update', 'product.create', 'auth.login'),
  entityType: fc.constantFrom('dealer', 'product', 'user'),
  entityId: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  change: fc.jsonValue({ maxDepth: 3 }),
  actorName: fc.string({ minLength: 1, maxLength: 20 }),
  advanceMs: fc.nat(86_400_000),
});

type AppendInput = typeof appendInput extends fc.Arbitrary<infer T> ? T : never;

/** A chain of 1-12 appends and one mutation of it; `expected` is the seq verification must name. */
const scenario = fc.array(appendInput, { minLength: 1, maxLength: 12 }).chain((appends) => {
  const n = appends.length;
  const seq = fc.integer({ min: 1, max: n });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), field: fc.constantFrom(...EDITABLE), target: seq }),
    fc.record({ kind: fc.constant('delete' as const), target: seq }),
    ...(n >= 2
      ? [
          fc
            .tuple(seq, seq)
            .filter(([a, b]) => a !== b)
            .map(([a, b]): Mutation => ({ kind: 'swap', target: Math.min(a, b), other: Math.max(a, b) })),
        ]
      : []),
  );
  return fc.tuple(fc.constant(appends), mutation);
});

const ON_POSTGRES = process.env.QUDAO_TEST_DB === 'postgres';

describe('the audit hash chain', () => {
  let database: OpenedDatabase;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl();
    drop = fresh.drop;
    if (fresh.dialect === 'postgres') {
      // A throwaway database: commits need not wait for the disk (set before the pool connects).
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>('select current_database() as name');
      await client.query(`alter database "${rows[0].name}" set synchronous_commit = off`);
      await client.end();
    }
    database = openDatabase(fresh.url, { poolSize: 2 });
    // A throwaway database: no need to wait for the disk on every one of hundreds of small commits.
    database.sqlite?.pragma('synchronous = OFF');
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  async function reset() {
    await database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_entries').execute();
      await trx.updateTable('audit_head').set({ seq: 0, hash: GENESIS_HASH }).where('id', '=', 1).execute();
    });
  }

  async function build(appends: AppendInput[]) {
    const clock = fixedClock(new Date('2026-01-01T00:00:00.000Z'));
    // One transaction for the whole chain keeps the property fast (one fsync, not one per entry).
    await database.db.transaction().execute(async (trx) => {
      for (const [i, a] of appends.entries()) {
        clock.advance(a.advanceMs);
        const caller: Caller = { kind: 'user', id: `usr_${i}`, name: a.actorName, role: 'hq_admin', dealerId: null, regionCodes: [] };
        await appendAudit(trx, { caller, clock, requestId: `req-${i}` }, { action: a.action, entityType: a.entityType, entityId: a.entityId, change: a.change });
      }
    });
  }

  async function mutate(m: Mutation) {
    const db = database.db;
    if (m.kind === 'delete') {
      await db.deleteFrom('audit_entries').where('seq', '=', m.target).execute();
    } else if (m.kind === 'swap') {
      await db.updateTable('audit_entries').set({ seq: -1 }).where('seq', '=', m.target).execute();
      await db.updateTable('audit_entries').set({ seq: m.target }).where('seq', '=', m.other).execute();
      await db.updateTable('audit_entries').set({ seq: m.other }).where('seq', '=', -1).execute();
    } else {
      const row = await db.selectFrom('audit_entries').selectAll().where('seq', '=', m.target).executeTakeFirstOrThrow();
      const current = row[m.field];
      // Always a different value: a real edit, never a no-op.
      const next = m.field === 'change' ? canonicalJson({ tampered: current }) : `${current ?? ''}~`;
      await db
        .updateTable('audit_entries')
        .set({ [m.field]: next })
        .where('seq', '=', m.target)
        .execute();
    }
  }

  it('should verify any untouched chain as valid, with the head hash of its last entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(appendInput, { minLength: 0, maxLength: 10 }), async (appends) => {
        await reset();
        await build(appends);
        const result = await verifyChain(database.db);
        expect(result.valid).toBe(true);
        expect(result.entries).toBe(appends.length);
        const last = await database.db.selectFrom('audit_entries').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
        expect(result.headHash).toBe(last?.hash ?? null);
      }),
      { numRuns: ON_POSTGRES ? 10 : 25 },
    );
  });

  it('should detect any single edit, deletion or reordering and name the first entry it affects', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([appends, mutation]) => {
        await reset();
        await build(appends);
        await mutate(mutation);
        const result = await verifyChain(database.db);
        expect(result.valid).toBe(false);
        // Edits and deletions break the chain at the touched entry; a swap at the earlier of the two.
        expect(result.firstInvalidEntry).toBe(mutation.target);
      }),
      // The logic is the same on both dialects; PostgreSQL round trips are dearer, so fewer runs there.
      { numRuns: ON_POSTGRES ? 40 : 100 },
    );
  });

  it('should chain each entry onto the hash of the one before it (an independent recomputation of the links)', async () => {
    await reset();
    await build([
      { action: 'dealer.create', entityType: 'dealer', entityId: null, change: { b: 1, a: 2 }, actorName: 'n', advanceMs: 0 },
      { action: 'dealer.update', entityType: 'dealer', entityId: 'e', change: [1, 2], actorName: 'n', advanceMs: 5 },
    ]);
    const rows = await database.db.selectFrom('audit_entries').selectAll().orderBy('seq').execute();
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[0].digest).toBe(createHash('sha256').update('{"a":2,"b":1}').digest('hex'));
    expect(rows[0].hash).not.toBe(rows[1].hash);
  });
});
