import {
  ActivityBody,
  CareReminderList,
  Dispute,
  DisputeBody,
  DisputeList,
  DisputeStatusBody,
  FollowupBody,
  IdParams,
  PendingSurveyList,
  RelationActivity,
  SplitBody,
  Survey,
  SurveyAnswer,
  SurveyBody,
  SurveyList,
  SurveyResponseBody,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import {
  addFollowup,
  careReminders,
  createDispute,
  createSurvey,
  getDispute,
  listDisputes,
  listSurveys,
  pendingSurveys,
  recordActivity,
  respondSurvey,
  setDisputeStatus,
  splitDispute,
} from './relations.service.js';

export default async function relationsRoutes(app: App, deps: AppDeps) {
  const tags = ['relations'];
  const read = { access: { permission: 'relations.read' as const } };
  const write = { access: { permission: 'relations.write' as const } };

  app.get('/v1/disputes', { config: read, schema: { tags, summary: 'Dispute cases (mediation) whose parties are all in scope', response: { 200: DisputeList } } }, async (request) => ({
    items: await listDisputes(ctxOf(deps, request)),
  }));
  app.post('/v1/disputes', { config: write, schema: { tags, body: DisputeBody, response: { 201: Dispute } } }, async (request, reply) =>
    reply.code(201).send(await createDispute(ctxOf(deps, request), request.body)),
  );
  app.get('/v1/disputes/:id', { config: read, schema: { tags, params: IdParams, response: { 200: Dispute } } }, async (request) => getDispute(ctxOf(deps, request), request.params.id));
  app.post(
    '/v1/disputes/:id/split',
    { config: write, schema: { tags, summary: 'Contribution split from weights and the stepped compensation plan', params: IdParams, body: SplitBody, response: { 200: Dispute } } },
    async (request) => splitDispute(ctxOf(deps, request), request.params.id, request.body),
  );
  app.post('/v1/disputes/:id/status', { config: write, schema: { tags, params: IdParams, body: DisputeStatusBody, response: { 200: Dispute } } }, async (request) =>
    setDisputeStatus(ctxOf(deps, request), request.params.id, request.body.status),
  );
  app.post('/v1/disputes/:id/followups', { config: write, schema: { tags, params: IdParams, body: FollowupBody, response: { 201: Dispute } } }, async (request, reply) =>
    reply.code(201).send(await addFollowup(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.get(
    '/v1/surveys',
    { config: read, schema: { tags, summary: 'Satisfaction surveys with response rate, CSAT and NPS over the dealers in scope', response: { 200: SurveyList } } },
    async (request) => ({ items: await listSurveys(ctxOf(deps, request)) }),
  );
  app.post(
    '/v1/surveys',
    { config: write, schema: { tags, summary: 'Build and send a survey to every active dealer in scope', body: SurveyBody, response: { 201: Survey } } },
    async (request, reply) => reply.code(201).send(await createSurvey(ctxOf(deps, request), request.body)),
  );
  app.get(
    '/v1/surveys/pending',
    { config: { access: { permission: 'surveys.respond' } }, schema: { tags, summary: "Surveys waiting for the caller's dealer", response: { 200: PendingSurveyList } } },
    async (request) => ({ items: await pendingSurveys(ctxOf(deps, request)) }),
  );
  app.post(
    '/v1/surveys/:id/responses',
    {
      config: { access: { permission: 'surveys.respond' } },
      schema: { tags, summary: "The caller's dealer answers (once)", params: IdParams, body: SurveyResponseBody, response: { 201: SurveyAnswer } },
    },
    async (request, reply) => reply.code(201).send(await respondSurvey(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.post(
    '/v1/relations/activities',
    { config: write, schema: { tags, summary: 'Record a quarterly business review or a half-yearly key-person visit', body: ActivityBody, response: { 201: RelationActivity } } },
    async (request, reply) => reply.code(201).send(await recordActivity(ctxOf(deps, request), request.body)),
  );
  app.get(
    '/v1/relations/reminders',
    { config: read, schema: { tags, summary: "This quarter's QBR and this half-year's key-person visit per dealer (done or due)", response: { 200: CareReminderList } } },
    async (request) => ({ items: await careReminders(ctxOf(deps, request)) }),
  );
}
