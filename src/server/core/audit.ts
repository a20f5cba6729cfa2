import type { Transaction } from 'kysely';
import type { DB, AuditEntriesTable } from '../db/types.js';
import type { Database } from '../db/database.js';
import type { ServiceContext } from './caller.js';
import { canonicalJson, sha256 } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | null;
  change: unknown;
}

/** The hash of an entry covers its fields, the digest of its change and the previous hash. */
export function entryHash(entry: Omit<AuditEntriesTable, 'hash' | 'change'>): string {
  const { prev_hash, ...fields } = entry;
  return sha256(`${prev_hash}\n${canonicalJson({ ...fields, seq: Number(fields.seq) })}`);
}

/**
 * Appends one entry to the chain inside the caller's transaction. The UPDATE of the single
 * head row serialises concurrent appenders (a row lock on PostgreSQL, the write lock on SQLite),
 * so two requests can never chain onto the same predecessor.
 */
export async function appendAudit(trx: Transaction<DB> | Database, ctx: Pick<ServiceContext, 'caller' | 'clock' | 'requestId'>, input: AuditInput): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const change = canonicalJson(input.change ?? null);
  const base = {
    seq: Number(head.seq),
    at: ctx.clock.now().toISOString(),
    actor_type: ctx.caller.kind,
    actor_id: ctx.caller.id,
    actor_name: ctx.caller.name,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    digest: sha256(change),
    prev_hash: head.hash,
    request_id: ctx.requestId,
  };
  const hash = entryHash(base);
  await trx
    .insertInto('audit_entries')
    .values({ ...base, change, hash })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return base.seq;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  headHash: string | null;
  firstInvalidEntry?: number;
  reason?: string;
}

/** Walks the whole chain in seq order; any edit, deletion or reordering breaks it. */
export async function verifyChain(db: Database): Promise<ChainVerification> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const batch = 2000;
  let after = 0;
  const fail = (seq: number, reason: string): ChainVerification => ({
    valid: false,
    entries: count,
    headHash: head?.hash ?? null,
    firstInvalidEntry: seq,
    reason,
  });
  for (;;) {
    const rows = await db.selectFrom('audit_entries').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return fail(seq, 'previous hash does not match: an entry before it was changed, removed or reordered');
      if (sha256(row.change) !== row.digest) return fail(seq, 'its change does not match its digest');
      const { hash, change: _change, ...rest } = row;
      if (entryHash({ ...rest, seq }) !== hash) return fail(seq, 'its hash does not match its content');
      prevHash = hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1].seq);
  }
  if (head && (Number(head.seq) !== count || head.hash !== prevHash)) {
    return fail(count + 1, 'the chain head does not match the last entry: entries were removed from the end');
  }
  return { valid: true, entries: count, headHash: count === 0 ? null : prevHash };
}
