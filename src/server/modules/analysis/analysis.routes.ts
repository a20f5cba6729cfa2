import { DupontBody, DupontResult, IdParams, ProspectAnalysis, StatementsBody } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { prospectAnalysis, saveStatements } from './analysis.service.js';
import { dupont } from './dupont.rules.js';

export default async function analysisRoutes(app: App, deps: AppDeps) {
  const tags = ['recruitment'];

  app.post(
    '/v1/analysis/dupont',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, summary: 'DuPont and liquidity ratios of given statements (pure: nothing is stored)', body: DupontBody, response: { 200: DupontResult } },
    },
    async (request) => ({ years: dupont(request.body.years) }),
  );

  app.put(
    '/v1/prospects/:id/statements',
    {
      config: { access: { permission: 'prospects.write' } },
      schema: { tags, summary: 'Replace the financial statements of a prospect', params: IdParams, body: StatementsBody, response: { 200: ProspectAnalysis } },
    },
    async (request) => saveStatements(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/prospects/:id/analysis',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, summary: 'Statements, ratios per year and the year-on-year trend', params: IdParams, response: { 200: ProspectAnalysis } },
    },
    async (request) => prospectAnalysis(ctxOf(deps, request), request.params.id),
  );
}
