// C13: dispute cases with mediation (parties and claims, facts/feelings/needs, options,
// contribution split, stepped compensation plan, follow-ups), dealer satisfaction surveys
// (CSAT/NPS) and the care calendar (quarterly business reviews, half-yearly key-person visits).
import { sql } from 'kysely';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import { carePeriods, compensationPlan, contributionSplit, csat, nps, DEFAULT_WEIGHTS, type Factor, type PlanStep } from './relations.rules.js';
import type { ActivityBody, Dispute, DisputeBody, SplitBody, SurveyBody, SurveyResponseBody } from '../../../shared/schemas/index.js';
import { daysBetween } from '../../../shared/dates.js';
import { ACTIVE_OR_WARNING } from '../../../shared/dealer-lifecycle.js';
import { visibleDealerOr404 } from '../dealers/dealers.service.js';

const nowOf = (ctx: ServiceContext) => ctx.clock.now().toISOString();

// ---- disputes ---------------------------------------------------------------------------------
export async function createDispute(ctx: ServiceContext, body: DisputeBody) {
  const ids = body.parties.map((p) => p.dealerId);
  if (new Set(ids).size !== ids.length) throw invalid('/parties', 'names a dealer twice');
  for (const dealerId of ids) await visibleDealerOr404(ctx, dealerId);
  const now = nowOf(ctx);
  const id = newId('dsp');
  await ctx.db.transaction().execute(async (trx) => {
    const number = await nextDocNumber(trx, 'MD', now.slice(0, 10));
    await trx
      .insertInto('disputes')
      .values({
        id,
        number,
        title: body.title,
        kind: body.kind,
        status: 'open',
        facts: body.facts,
        feelings: body.feelings ?? '',
        needs: body.needs ?? '',
        options: body.options ?? '',
        contested_fen: body.contestedFen ?? 0,
        split: null,
        plan: null,
        created_by: ctx.caller.name,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('dispute_parties')
      .values(body.parties.map((p) => ({ dispute_id: id, dealer_id: p.dealerId, claim: p.claim })))
      .execute();
    await appendAudit(trx, ctx, { action: 'dispute.create', entityType: 'dispute', entityId: id, change: body });
  });
  return getDispute(ctx, id);
}

/** A dispute is visible when every party is (a manager never sees a dispute reaching outside its regions). */
async function visibleDisputeIds(ctx: ServiceContext) {
  const scope = dealerScopeOf(ctx.caller);
  const q = ctx.db.selectFrom('disputes').select('id');
  if (scope.kind === 'all') return q;
  return q.where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('dispute_parties as p')
          .select('p.dealer_id')
          .whereRef('p.dispute_id', '=', 'disputes.id')
          .where((e) => e.not(visibleDealer(scope, 'p.dealer_id')(e))),
      ),
    ),
  );
}

export async function listDisputes(ctx: ServiceContext) {
  const rows = await ctx.db
    .selectFrom('disputes')
    .selectAll()
    .where('id', 'in', await visibleDisputeIds(ctx))
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map((r) => getDispute(ctx, r.id)));
}

export async function getDispute(ctx: ServiceContext, id: string): Promise<Dispute> {
  const row = await ctx.db
    .selectFrom('disputes')
    .selectAll()
    .where('id', '=', id)
    .where('id', 'in', await visibleDisputeIds(ctx))
    .executeTakeFirst();
  if (!row) throw notFound(`Dispute ${id}`);
  const [parties, followups] = await Promise.all([
    ctx.db
      .selectFrom('dispute_parties as p')
      .innerJoin('dealers as d', 'd.id', 'p.dealer_id')
      .select(['p.dealer_id', 'd.name', 'd.code', 'p.claim'])
      .where('p.dispute_id', '=', id)
      .orderBy('d.code')
      .execute(),
    ctx.db.selectFrom('dispute_followups').selectAll().where('dispute_id', '=', id).orderBy('due_on').orderBy('id').execute(),
  ]);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    kind: row.kind as Dispute['kind'],
    status: row.status as Dispute['status'],
    facts: row.facts,
    feelings: row.feelings,
    needs: row.needs,
    options: row.options,
    contestedFen: Number(row.contested_fen),
    split: row.split ? JSON.parse(row.split) : null,
    plan: row.plan ? JSON.parse(row.plan) : null,
    parties: parties.map((p) => ({ dealerId: p.dealer_id, dealerName: p.name, dealerCode: p.code, claim: p.claim })),
    followups: followups.map((f) => ({ id: f.id, note: f.note, dueOn: f.due_on, doneAt: f.done_at, createdBy: f.created_by })),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** POST /disputes/{id}/split: the contribution split and the stepped plan, saved on the case. */
export async function splitDispute(ctx: ServiceContext, id: string, body: SplitBody) {
  const dispute = await getDispute(ctx, id);
  if (dispute.status === 'closed') throw conflict('The dispute is closed');
  const partyIds = dispute.parties.map((p) => p.dealerId).sort();
  if (JSON.stringify(body.shares.map((s) => s.dealerId).sort()) !== JSON.stringify(partyIds)) throw invalid('/shares', 'must give shares for exactly the parties of the dispute');
  const weights = { ...DEFAULT_WEIGHTS, ...body.weights } as Record<Factor, number>;
  const amount = body.amountFen ?? dispute.contestedFen;
  let split, plan;
  try {
    split = { weights, amountFen: amount, parts: contributionSplit(weights, body.shares, amount) };
    plan = compensationPlan(body.compensationFen ?? 0, body.planStartOn ?? nowOf(ctx).slice(0, 10), body.planSteps as PlanStep[] | undefined);
  } catch (error) {
    throw invalid('/shares', (error as Error).message);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('disputes')
      .set({ split: JSON.stringify(split), plan: JSON.stringify(plan), status: dispute.status === 'open' ? 'mediating' : dispute.status, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, { action: 'dispute.split', entityType: 'dispute', entityId: id, change: { ...body, split, plan } });
  });
  return getDispute(ctx, id);
}

export async function setDisputeStatus(ctx: ServiceContext, id: string, status: string) {
  const dispute = await getDispute(ctx, id);
  const order = ['open', 'mediating', 'settled', 'closed'];
  if (order.indexOf(status) <= order.indexOf(dispute.status)) throw new AppError('INVALID_TRANSITION', `A ${dispute.status} dispute cannot go to ${status}`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('disputes')
      .set({ status, updated_at: nowOf(ctx) })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, { action: 'dispute.status', entityType: 'dispute', entityId: id, change: { from: dispute.status, to: status } });
  });
  return getDispute(ctx, id);
}

export async function addFollowup(ctx: ServiceContext, id: string, body: { note: string; dueOn: string; done?: boolean }) {
  await getDispute(ctx, id);
  const now = nowOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = { id: newId('dfu'), dispute_id: id, note: body.note, due_on: body.dueOn, done_at: body.done ? now : null, created_by: ctx.caller.name, created_at: now };
    await trx.insertInto('dispute_followups').values(row).execute();
    await appendAudit(trx, ctx, { action: 'dispute.followup', entityType: 'dispute', entityId: id, change: body });
  });
  return getDispute(ctx, id);
}

// ---- surveys ----------------------------------------------------------------------------------
export async function createSurvey(ctx: ServiceContext, body: SurveyBody) {
  const now = nowOf(ctx);
  const id = newId('srv');
  const dealers = await ctx.db
    .selectFrom('dealers')
    .select('id')
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id'))
    .where('status', 'in', ACTIVE_OR_WARNING)
    .execute();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('surveys')
      .values({ id, title: body.title, questions: JSON.stringify(body.questions ?? []), status: 'sent', sent_at: now, created_by: ctx.caller.name, created_at: now })
      .execute();
    for (let i = 0; i < dealers.length; i += 300)
      await trx
        .insertInto('survey_recipients')
        .values(dealers.slice(i, i + 300).map((d) => ({ survey_id: id, dealer_id: d.id, responded_at: null })))
        .execute();
    await appendAudit(trx, ctx, { action: 'survey.send', entityType: 'survey', entityId: id, change: { ...body, recipients: dealers.length } });
  });
  return (await listSurveys(ctx)).find((s) => s.id === id)!;
}

/** Surveys with their scores over the responses of the dealers the caller may see. */
export async function listSurveys(ctx: ServiceContext) {
  const scope = dealerScopeOf(ctx.caller);
  const surveys = await ctx.db.selectFrom('surveys').selectAll().orderBy('id', 'desc').limit(100).execute();
  if (surveys.length === 0) return [];
  const ids = surveys.map((s) => s.id);
  const [responses, recipients] = await Promise.all([
    ctx.db.selectFrom('survey_responses').select(['survey_id', 'csat', 'nps']).where('survey_id', 'in', ids).where(visibleDealer(scope, 'survey_responses.dealer_id')).execute(),
    ctx.db
      .selectFrom('survey_recipients')
      .select(['survey_id', sql<number>`count(*)`.as('n')])
      .where('survey_id', 'in', ids)
      .where(visibleDealer(scope, 'survey_recipients.dealer_id'))
      .groupBy('survey_id')
      .execute(),
  ]);
  return surveys.map((s) => {
    const rs = responses.filter((r) => r.survey_id === s.id);
    const sent = Number(recipients.find((r) => r.survey_id === s.id)?.n ?? 0);
    return {
      id: s.id,
      title: s.title,
      questions: JSON.parse(s.questions) as { id: string; text: string }[],
      status: s.status,
      sentAt: s.sent_at,
      recipients: sent,
      responses: rs.length,
      responseRate: sent ? rs.length / sent : null,
      csat: csat(rs.map((r) => r.csat)),
      nps: nps(rs.map((r) => r.nps)),
    };
  });
}

/** Surveys waiting for the caller's dealer. */
export async function pendingSurveys(ctx: ServiceContext) {
  const dealerId = ctx.caller.dealerId;
  if (!dealerId) return [];
  return ctx.db
    .selectFrom('survey_recipients as r')
    .innerJoin('surveys as s', 's.id', 'r.survey_id')
    .select(['s.id', 's.title', 's.questions', 's.sent_at'])
    .where('r.dealer_id', '=', dealerId)
    .where('r.responded_at', 'is', null)
    .where('s.status', '=', 'sent')
    .orderBy('s.id', 'desc')
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, title: r.title, questions: JSON.parse(r.questions) as { id: string; text: string }[], sentAt: r.sent_at })));
}

export async function respondSurvey(ctx: ServiceContext, surveyId: string, body: SurveyResponseBody) {
  const dealerId = ctx.caller.dealerId;
  const recipient = dealerId ? await ctx.db.selectFrom('survey_recipients').selectAll().where('survey_id', '=', surveyId).where('dealer_id', '=', dealerId).executeTakeFirst() : undefined;
  if (!recipient) throw notFound(`Survey ${surveyId}`);
  if (recipient.responded_at) throw conflict('Your dealer has already answered this survey');
  const now = nowOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('survey_recipients')
      .set({ responded_at: now })
      .where('survey_id', '=', surveyId)
      .where('dealer_id', '=', dealerId!)
      .where('responded_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('Your dealer has already answered this survey');
    await trx
      .insertInto('survey_responses')
      .values({ id: newId('srr'), survey_id: surveyId, dealer_id: dealerId!, csat: body.csat, nps: body.nps, comment: body.comment ?? null, respondent_name: ctx.caller.name, submitted_at: now })
      .execute();
    await appendAudit(trx, ctx, { action: 'survey.respond', entityType: 'survey', entityId: surveyId, change: { dealerId, ...body } });
  });
  return { surveyId, submittedAt: now };
}

// ---- care calendar ----------------------------------------------------------------------------
export async function recordActivity(ctx: ServiceContext, body: ActivityBody) {
  await visibleDealerOr404(ctx, body.dealerId);
  if (/^\d{4}-\d{2}$/.test(body.period)) {
    const p = carePeriods(`${body.period}-01`);
    body = { ...body, period: body.kind === 'qbr' ? p.quarter : p.half };
  }
  const expected = body.kind === 'qbr' ? /^\d{4}-Q[1-4]$/ : /^\d{4}-H[12]$/;
  if (!expected.test(body.period)) throw invalid('/period', body.kind === 'qbr' ? 'must be a quarter YYYY-Qn' : 'must be a half year YYYY-H1 or YYYY-H2');
  const row = {
    id: newId('rac'),
    dealer_id: body.dealerId,
    kind: body.kind,
    period: body.period,
    held_on: body.heldOn,
    attendees: JSON.stringify(body.attendees),
    notes: body.notes,
    created_by: ctx.caller.name,
    created_at: nowOf(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('relation_activities').select('id').where('dealer_id', '=', body.dealerId).where('kind', '=', body.kind).where('period', '=', body.period).executeTakeFirst();
    if (existing) throw conflict(`A ${body.kind} of ${body.period} is already recorded for this dealer`);
    await trx.insertInto('relation_activities').values(row).execute();
    await appendAudit(trx, ctx, { action: 'relations.activity', entityType: 'dealer', entityId: body.dealerId, change: body });
  });
  return { id: row.id, ...body };
}

/** Reminders: active dealers in scope without this quarter's QBR or this half-year's key-person visit. */
export async function careReminders(ctx: ServiceContext) {
  const today = nowOf(ctx).slice(0, 10);
  const p = carePeriods(today);
  const dealers = await ctx.db
    .selectFrom('dealers')
    .select(['id', 'code', 'name'])
    .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id'))
    .where('status', 'in', ACTIVE_OR_WARNING)
    .where('level', '=', 1)
    .orderBy('code')
    .limit(2000)
    .execute();
  const done = dealers.length
    ? await ctx.db
        .selectFrom('relation_activities')
        .select(['dealer_id', 'kind', 'period', 'held_on'])
        .where('period', 'in', [p.quarter, p.half])
        .where(
          'dealer_id',
          'in',
          dealers.map((d) => d.id),
        )
        .execute()
    : [];
  const daysLeft = (end: string) => daysBetween(today, end);
  const out = [];
  for (const d of dealers) {
    for (const [kind, period, dueOn] of [
      ['qbr', p.quarter, p.quarterEnd],
      ['key_person_visit', p.half, p.halfEnd],
    ] as const) {
      const held = done.find((x) => x.dealer_id === d.id && x.kind === kind && x.period === period);
      out.push({ dealerId: d.id, dealerCode: d.code, dealerName: d.name, kind, period, dueOn, daysLeft: daysLeft(dueOn), heldOn: held?.held_on ?? null });
    }
  }
  return out;
}
