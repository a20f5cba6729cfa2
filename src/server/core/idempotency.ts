import type { FastifyReply } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { Caller, ServiceContext } from './caller.js';
import { AppError } from './errors.js';
import { canonicalJson, sha256 } from './canonical.js';

/**
 * Idempotency-Key: the same key, caller and body returns the first response again; the
 * same key with another body is 422 IDEMPOTENCY_KEY_REUSED.
 *
 * The key row is inserted first inside the transaction that does the work and completed with the
 * response before commit, so a committed row always holds a response and two concurrent
 * duplicates cannot both run: on PostgreSQL the second INSERT waits on the first's uncommitted
 * row and then finds it; on SQLite writers are serialised. A request that fails rolls its key
 * back, so a retry after a refusal is evaluated afresh.
 */
export interface IdempotentRequest {
  /** The Idempotency-Key header, if any. */
  key: string | undefined;
  /** What the key guards, e.g. 'orders.create': the same key on another endpoint is "another body". */
  scope: string;
  body: unknown;
}

export interface Outcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const callerKey = (caller: Caller) => `${caller.kind}:${caller.id ?? caller.name}`;

class Replay {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

function reused(key: string): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used with a different request`);
}

async function stored(db: ServiceContext['db'] | Transaction<DB>, caller: string, key: string) {
  return db.selectFrom('idempotency_keys').selectAll().where('caller_key', '=', caller).where('idem_key', '=', key).executeTakeFirst();
}

/** Runs `work` in one transaction, at most once per (caller, key). */
export async function idempotent<T>(ctx: ServiceContext, request: IdempotentRequest, status: number, work: (trx: Transaction<DB>) => Promise<T>): Promise<Outcome<T>> {
  if (!request.key) return { status, body: await ctx.db.transaction().execute(work), replayed: false };
  const key = request.key;
  const caller = callerKey(ctx.caller);
  const hash = sha256(canonicalJson({ scope: request.scope, body: request.body }));
  const replay = (row: { request_hash: string; status_code: number; response: string }): Outcome<T> => {
    if (row.request_hash !== hash) throw reused(key);
    return { status: row.status_code, body: JSON.parse(row.response) as T, replayed: true };
  };

  // Fast path: a retry of a completed request needs no write transaction.
  const done = await stored(ctx.db, caller, key);
  if (done) return replay(done);

  try {
    const body = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({ caller_key: caller, idem_key: key, request_hash: hash, status_code: 0, response: '', created_at: ctx.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['caller_key', 'idem_key']).doNothing())
        .returning('idem_key')
        .executeTakeFirst();
      if (!inserted) {
        // A concurrent duplicate committed while we waited: answer with its response.
        const row = await stored(trx, caller, key);
        if (row) throw new Replay(row.status_code, replay(row).body);
      }
      const result = await work(trx);
      await trx
        .updateTable('idempotency_keys')
        .set({ status_code: status, response: JSON.stringify(result) })
        .where('caller_key', '=', caller)
        .where('idem_key', '=', key)
        .execute();
      return result;
    });
    return { status, body, replayed: false };
  } catch (error) {
    if (error instanceof Replay) return { status: error.status, body: error.body as T, replayed: true };
    throw error;
  }
}

/** Sends an outcome; a replay is marked so clients can tell. */
export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}
