import { Type } from 'typebox';
import { IdParams, ImprovementPlanBody, PlanCheckinBody, Warning, WarningDetail, WarningListQuery, WarningNotification, WarningNotificationListQuery, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { pageRequest, respondList, type ExportColumn } from '../../core/list.js';
import { addCheckin, createPlan, getWarning, listNotifications, listWarnings, markRead } from './warnings.service.js';

const warningColumns: ExportColumn<Warning>[] = [
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (w) => w.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (w) => w.dealerName },
  { key: 'level', zh: '预警级别', en: 'Level', value: (w) => w.level },
  { key: 'status', zh: '状态', en: 'Status', value: (w) => w.status },
  { key: 'openedPeriod', zh: '首次期间', en: 'Opened in', value: (w) => w.openedPeriod },
  { key: 'lastPeriod', zh: '最近期间', en: 'Last period', value: (w) => w.lastPeriod },
  { key: 'reasons', zh: '原因', en: 'Reasons', width: 50, value: (w) => w.reasons.map((r) => `${r.code}: ${r.detail}`).join('; ') },
  { key: 'planDeadline', zh: '改进期限', en: 'Plan deadline', value: (w) => w.planDeadline },
];

export default async function warningsRoutes(app: App, deps: AppDeps) {
  const tags = ['warnings'];
  app.get('/v1/warnings', { config: { access: { permission: 'warnings.read' } }, schema: { tags, querystring: WarningListQuery, response: { 200: listOf(Warning) } } }, async (request, reply) =>
    respondList(request, reply, request.query, (page) => listWarnings(ctxOf(deps, request), request.query, page), { name: 'warnings', columns: warningColumns }),
  );
  app.get('/v1/warnings/:id', { config: { access: { permission: 'warnings.read' } }, schema: { tags, params: IdParams, response: { 200: WarningDetail } } }, async (request) =>
    getWarning(ctxOf(deps, request), request.params.id),
  );
  app.post(
    '/v1/warnings/:id/plans',
    {
      config: { access: { permission: 'warnings.manage' } },
      schema: { tags, summary: 'Set an improvement plan (goals and deadline)', params: IdParams, body: ImprovementPlanBody, response: { 201: WarningDetail } },
    },
    async (request, reply) => reply.code(201).send(await createPlan(ctxOf(deps, request), request.params.id, request.body)),
  );
  app.post(
    '/v1/improvement-plans/:id/checkins',
    {
      config: { access: { permission: 'warnings.checkin' } },
      schema: { tags, summary: 'Record progress on an improvement plan', params: IdParams, body: PlanCheckinBody, response: { 201: WarningDetail } },
    },
    async (request, reply) => reply.code(201).send(await addCheckin(ctxOf(deps, request), request.params.id, request.body)),
  );
  app.get(
    '/v1/warning-notifications',
    { config: { access: { permission: 'warnings.read' } }, schema: { tags, querystring: WarningNotificationListQuery, response: { 200: listOf(WarningNotification) } } },
    async (request) => listNotifications(ctxOf(deps, request), request.query, pageRequest(request.query)),
  );
  app.post(
    '/v1/warning-notifications/:id/read',
    { config: { access: { permission: 'warnings.read' } }, schema: { tags, params: IdParams, response: { 200: Type.Object({ read: Type.Literal(true) }) } } },
    async (request) => markRead(ctxOf(deps, request), request.params.id),
  );
}
