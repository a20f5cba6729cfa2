import type { Transaction } from 'kysely';
import type { DB, AuditEntriesTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { entryHash, type AuditInput } from '../../core/audit.js';
import { canonicalJson, sha256 } from '../../core/canonical.js';

/**
 * Appends many entries to the audit chain at once, inside the caller's transaction: the same
 * entries, hashes and head as calling appendAudit (core/audit.ts) once per input, in order, but
 * with one UPDATE of the head (which reserves the seq range and holds the head's lock, so
 * concurrent appenders still serialise) and chunked INSERTs instead of three statements per entry.
 * Candidate for core/audit.ts once a second module needs it.
 */
export async function appendAuditBatch(trx: Transaction<DB>, ctx: Pick<ServiceContext, 'caller' | 'clock' | 'requestId'>, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', inputs.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const at = ctx.clock.now().toISOString();
  let seq = Number(head.seq) - inputs.length;
  let prevHash = head.hash;
  const rows: AuditEntriesTable[] = inputs.map((input) => {
    const change = canonicalJson(input.change ?? null);
    const base = {
      seq: ++seq,
      at,
      actor_type: ctx.caller.kind,
      actor_id: ctx.caller.id,
      actor_name: ctx.caller.name,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      digest: sha256(change),
      prev_hash: prevHash,
      request_id: ctx.requestId,
    };
    prevHash = entryHash(base);
    return { ...base, change, hash: prevHash };
  });
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('audit_entries')
      .values(rows.slice(i, i + 500))
      .execute();
  await trx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}
