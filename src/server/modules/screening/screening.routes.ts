import { Type } from 'typebox';
import { IdParams, ScreeningBody, ScreeningCriteria, ScreeningResult } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { listScreenings, saveScreeningCriteria, screenProspect, screeningCriteria } from './screening.service.js';

export default async function screeningRoutes(app: App, deps: AppDeps) {
  const tags = ['recruitment'];

  app.get(
    '/v1/screening-criteria',
    { config: { access: { permission: 'prospects.read' } }, schema: { tags, summary: 'The screening scorecard in force', response: { 200: ScreeningCriteria } } },
    async () => screeningCriteria(deps.db),
  );

  app.put(
    '/v1/screening-criteria',
    {
      config: { access: { permission: 'prospects.configure' } },
      schema: { tags, summary: 'Replace the scorecard (weights must total 100)', body: ScreeningCriteria, response: { 200: ScreeningCriteria } },
    },
    async (request) => saveScreeningCriteria(ctxOf(deps, request), request.body),
  );

  app.post(
    '/v1/prospects/:id/screenings',
    { config: { access: { permission: 'prospects.write' } }, schema: { tags, params: IdParams, body: ScreeningBody, response: { 201: ScreeningResult } } },
    async (request, reply) => reply.code(201).send(await screenProspect(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.get(
    '/v1/prospects/:id/screenings',
    { config: { access: { permission: 'prospects.read' } }, schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(ScreeningResult) }) } } },
    async (request) => ({ items: await listScreenings(ctxOf(deps, request), request.params.id) }),
  );
}
