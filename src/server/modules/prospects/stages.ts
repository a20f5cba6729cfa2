// Writing a stage change of a prospect: the guarded update, its event, and the checklists a
// prospect gets on entering due diligence. Shared by the pipeline, screening and conversion.
import type { Transaction } from 'kysely';
import { PROSPECT_TRANSITIONS, type ProspectStage } from '../../../shared/schemas/index.js';
import type { DB, ProspectsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { CHECKLIST_TEMPLATE } from '../due-diligence/checklists.js';
import { countChecklistItems, insertChecklistItems } from '../due-diligence/due-diligence.service.js';

export async function insertEvent(trx: Transaction<DB>, ctx: ServiceContext, prospectId: string, from: ProspectStage | null, to: ProspectStage, reason: string) {
  await trx
    .insertInto('prospect_events')
    .values({ id: newId('pev'), prospect_id: prospectId, from_stage: from, to_stage: to, reason, actor_id: ctx.caller.id, actor_name: ctx.caller.name, at: ctx.clock.now().toISOString() })
    .execute();
}

export const invalidTransition = (from: ProspectStage, to: ProspectStage, hint = '') =>
  new AppError('INVALID_TRANSITION', `A prospect cannot move from ${from} to ${to}${hint}`, undefined, { from, to, allowed: PROSPECT_TRANSITIONS[from] });

/**
 * Moves a prospect to `to` (or records an event in the same stage), with its event. The stage
 * guard in the WHERE makes two racing moves from one stage resolve to one. Entering due
 * diligence creates the A/B/C checklists.
 */
export async function recordStage(trx: Transaction<DB>, ctx: ServiceContext, row: ProspectsTable, to: ProspectStage, reason: string, patch: Partial<ProspectsTable> = {}) {
  const from = row.stage as ProspectStage;
  const now = ctx.clock.now().toISOString();
  const result = await trx
    .updateTable('prospects')
    .set({ ...patch, stage: to, updated_at: now })
    .where('id', '=', row.id)
    .where('stage', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', `Prospect ${row.number} is no longer in stage ${from}`);
  await insertEvent(trx, ctx, row.id, from, to, reason);
  if (to === 'due_diligence' && (await countChecklistItems(trx, row.id)) === 0) {
    await insertChecklistItems(
      trx,
      (['A', 'B', 'C'] as const).flatMap((checklist) =>
        CHECKLIST_TEMPLATE[checklist].map((item, position) => ({
          id: newId('pci'),
          prospect_id: row.id,
          checklist,
          code: item.code,
          key: item.key,
          name: item.name,
          position,
          owner: null,
          status: 'pending',
          note: null,
          updated_by: null,
          updated_at: now,
        })),
      ),
    );
  }
}
