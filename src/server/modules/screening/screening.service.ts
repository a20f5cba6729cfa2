import type { ScreeningCriteria, ProspectStage, ScreeningBody, ScreeningResult } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ProspectScreeningsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { AppError, invalidMany } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { loadOpenProspect, loadProspect } from '../prospects/prospects.service.js';
import { recordStage } from '../prospects/stages.js';
import { readSetting, writeSetting } from '../../core/settings.js';
import { scoreScreening, type ScreeningOutcome } from './screening.rules.js';
import { SCREENING_CRITERIA } from './screening.settings.js';

/** The scorecard in force (src/server/modules/screening/screening.settings.ts). */
export const screeningCriteria = (db: Database): Promise<ScreeningCriteria> => readSetting(db, SCREENING_CRITERIA);

/** PUT /screening-criteria: the whole scorecard, checked, versioned and audited by the mechanism. */
export const saveScreeningCriteria = (ctx: ServiceContext, body: ScreeningCriteria): Promise<ScreeningCriteria> => writeSetting(ctx, SCREENING_CRITERIA, body);

const SCREENABLE: ProspectStage[] = ['new', 'screening', 'due_diligence'];

function resultOf(row: ProspectScreeningsTable): ScreeningResult {
  const stored = JSON.parse(row.breakdown) as Pick<ScreeningOutcome, 'breakdown' | 'groups'>;
  return {
    id: row.id,
    prospectId: row.prospect_id,
    total: row.total_centi / 100,
    passed: row.passed === 1,
    knockedOut: row.knocked_out === 1,
    knockOuts: JSON.parse(row.knock_outs) as string[],
    passMark: row.pass_mark_centi / 100,
    breakdown: stored.breakdown,
    groups: stored.groups,
    note: row.note,
    actorName: row.actor_name,
    at: row.at,
  };
}

/**
 * Scores a prospect against the scorecard in force and keeps the result (with the weights it used,
 * so later scorecard changes do not rewrite history). Screening a new prospect starts its screening.
 */
export async function screenProspect(ctx: ServiceContext, prospectId: string, body: ScreeningBody): Promise<ScreeningResult> {
  const row = await loadOpenProspect(ctx, prospectId, 'be screened');
  if (!SCREENABLE.includes(row.stage as ProspectStage)) {
    throw new AppError('INVALID_TRANSITION', `Prospect ${row.number} is in stage ${row.stage}; screenings are recorded in stages ${SCREENABLE.join(', ')}`, undefined, { stage: row.stage });
  }
  const config = await screeningCriteria(ctx.db);
  const scored = scoreScreening(config, body);
  if ('errors' in scored) throw invalidMany(scored.errors);
  const outcome = scored.outcome;
  const now = ctx.clock.now().toISOString();
  const screening: ProspectScreeningsTable = {
    id: newId('psc'),
    prospect_id: row.id,
    total_centi: Math.round(outcome.total * 100),
    pass_mark_centi: Math.round(outcome.passMark * 100),
    passed: outcome.passed ? 1 : 0,
    knocked_out: outcome.knockedOut ? 1 : 0,
    knock_outs: JSON.stringify(outcome.knockOuts),
    breakdown: JSON.stringify({ breakdown: outcome.breakdown, groups: outcome.groups }),
    note: body.note ?? null,
    actor_id: ctx.caller.id,
    actor_name: ctx.caller.name,
    at: now,
  };
  const latest = { screening_total_centi: screening.total_centi, screening_passed: screening.passed, screening_knocked_out: screening.knocked_out, screened_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('prospect_screenings').values(screening).execute();
    if (row.stage === 'new') {
      await recordStage(trx, ctx, row, 'screening', `Screening recorded: total ${outcome.total}`, latest);
    } else {
      const result = await trx
        .updateTable('prospects')
        .set({ ...latest, updated_at: now })
        .where('id', '=', row.id)
        .where('stage', '=', row.stage)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('INVALID_TRANSITION', `Prospect ${row.number} is no longer in stage ${row.stage}`);
    }
    await appendAudit(trx, ctx, {
      action: 'prospect.screen',
      entityType: 'prospect',
      entityId: row.id,
      change: { scores: body.scores, knockOuts: outcome.knockOuts, total: outcome.total, passed: outcome.passed },
    });
  });
  return resultOf(screening);
}

export async function listScreenings(ctx: ServiceContext, prospectId: string): Promise<ScreeningResult[]> {
  await loadProspect(ctx, prospectId);
  const rows = await ctx.db.selectFrom('prospect_screenings').selectAll().where('prospect_id', '=', prospectId).orderBy('id', 'desc').execute();
  return rows.map(resultOf);
}
