import { Type } from 'typebox';
import {
  Evaluation,
  EvaluationListQuery,
  EvaluationProposal,
  EvaluationProposalDecisionBody,
  EvaluationProposalListQuery,
  EvaluationRun,
  EvaluationRunBody,
  EvaluationRunListQuery,
  EvaluationRunResult,
  EvaluationSettingsBody,
  EvaluationSettingsView,
  IdParams,
  IdempotencyHeaders,
  KpiSourceRow,
  KpiSourcesQuery,
  MarketIndex,
  MarketIndexBody,
  MarketIndexListQuery,
  PerformanceDealerParams,
  PerformanceImportResult,
  PerformancePeriodQuery,
  PerformanceSaveResult,
  SalesTarget,
  SalesTargetListQuery,
  SalesTargetsBody,
  TierProgress,
  TierRegradeBody,
  TierRegradeResult,
  listOf,
} from '../../../shared/schemas/index.js';
import { CONTENT_TYPES, FileResponse } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList, workbookOf, yuan, type ExportColumn } from '../../core/list.js';
import { receiveUpload } from '../../core/uploads.js';
import { SPREADSHEET_UPLOAD } from '../imports/imports.files.js';
import { importMarketIndex, importTargets, listMarketIndex, listTargets, saveMarketIndex, saveTargets } from './targets.service.js';
import { runEvaluation } from './evaluation.run.js';
import { getEvaluation, kpiSources, listEvaluations, listRuns } from './evaluation.read.js';
import { loadSettings, saveSettings } from './evaluation.settings.js';
import { decideProposal, listProposals, regradeTiers, tierProgress } from './consequences.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DryRunQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: true })) }, { additionalProperties: false });

const targetColumns: ExportColumn<SalesTarget>[] = [
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (t) => t.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (t) => t.dealerName },
  { key: 'period', zh: '期间', en: 'Period', value: (t) => t.period },
  { key: 'target', zh: '目标(元)', en: 'Target (CNY)', value: (t) => yuan(t.targetFen) },
  { key: 'updatedBy', zh: '更新人', en: 'Updated by', value: (t) => t.updatedBy },
];
const indexColumns: ExportColumn<MarketIndex>[] = [
  { key: 'regionCode', zh: '区域代码', en: 'Region code', value: (m) => m.regionCode },
  { key: 'regionName', zh: '区域', en: 'Region', width: 30, value: (m) => m.regionName },
  { key: 'period', zh: '期间', en: 'Period', value: (m) => m.period },
  { key: 'demandIndex', zh: '需求指数', en: 'Demand index', value: (m) => m.demandIndex },
  { key: 'factor', zh: '目标系数', en: 'Target factor', value: (m) => m.adjustmentFactor },
];
export const evaluationColumns: ExportColumn<Evaluation>[] = [
  { key: 'period', zh: '期间', en: 'Period', value: (e) => e.period },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (e) => e.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (e) => e.dealerName },
  { key: 'regionCode', zh: '区域', en: 'Region', value: (e) => e.regionCode },
  { key: 'rank', zh: '区域排名', en: 'Regional rank', value: (e) => (e.regionRank === null ? null : `${e.regionRank}/${e.regionSize}`) },
  { key: 'target', zh: '目标(元)', en: 'Target (CNY)', value: (e) => (e.targetFen === null ? null : yuan(e.targetFen)) },
  { key: 'adjustedTarget', zh: '调整后目标(元)', en: 'Adjusted target (CNY)', value: (e) => (e.adjustedTargetFen === null ? null : yuan(e.adjustedTargetFen)) },
  { key: 'reason', zh: '调整原因', en: 'Adjustment reason', width: 40, value: (e) => e.adjustmentReason },
  { key: 'actual', zh: '实际(元)', en: 'Actual (CNY)', value: (e) => yuan(e.actualFen) },
  { key: 'completion', zh: '完成率', en: 'Completion', value: (e) => e.salesCompletion },
  { key: 'sales', zh: '销售得分', en: 'Sales score', value: (e) => e.salesScore },
  { key: 'satisfaction', zh: '满意度得分', en: 'Satisfaction score', value: (e) => e.satisfactionScore },
  { key: 'inventory', zh: '库存健康得分', en: 'Inventory score', value: (e) => e.inventoryScore },
  { key: 'composite', zh: '综合得分', en: 'Composite', value: (e) => e.composite },
  { key: 'grade', zh: '等级', en: 'Grade', value: (e) => e.grade },
];
const runColumns: ExportColumn<EvaluationRun>[] = [
  { key: 'period', zh: '期间', en: 'Period', value: (r) => r.period },
  { key: 'version', zh: '版本', en: 'Version', value: (r) => r.version },
  { key: 'status', zh: '状态', en: 'Status', value: (r) => r.status },
  { key: 'evaluated', zh: '评估数', en: 'Evaluated', value: (r) => r.evaluated },
  { key: 'by', zh: '触发人', en: 'Triggered by', value: (r) => r.triggeredBy },
  { key: 'at', zh: '时间', en: 'At', width: 24, value: (r) => r.startedAt },
];
const proposalColumns: ExportColumn<EvaluationProposal>[] = [
  { key: 'period', zh: '期间', en: 'Period', value: (p) => p.period },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (p) => p.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (p) => p.dealerName },
  { key: 'grade', zh: '等级', en: 'Grade', value: (p) => p.grade },
  { key: 'kind', zh: '类型', en: 'Kind', value: (p) => p.kind },
  { key: 'current', zh: '当前值', en: 'Current', value: (p) => p.currentValue },
  { key: 'proposed', zh: '建议值', en: 'Proposed', value: (p) => p.proposedValue },
  { key: 'status', zh: '状态', en: 'Status', value: (p) => p.status },
];
const sourceColumns: ExportColumn<KpiSourceRow>[] = [
  { key: 'date', zh: '日期', en: 'Date', value: (r) => r.date },
  { key: 'label', zh: '单据/对象', en: 'Document', width: 30, value: (r) => r.label },
  { key: 'values', zh: '明细', en: 'Details', width: 80, value: (r) => JSON.stringify(r.values) },
];

export default async function evaluationRoutes(app: App, deps: AppDeps) {
  const tags = ['evaluation'];
  app.put(
    '/v1/targets',
    { config: { access: { permission: 'targets.write' } }, schema: { tags, summary: 'Set sales targets per dealer and period', body: SalesTargetsBody, response: { 200: PerformanceSaveResult } } },
    async (request) => saveTargets(ctxOf(deps, request), request.body),
  );
  app.get(
    '/v1/targets',
    { config: { access: { permission: 'evaluations.read' } }, schema: { tags, querystring: SalesTargetListQuery, response: { 200: listOf(SalesTarget) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listTargets(ctxOf(deps, request), request.query, page), { name: 'targets', columns: targetColumns }),
  );
  app.post(
    '/v1/targets/import',
    {
      config: { access: { permission: 'targets.write' } },
      schema: { tags, summary: 'Import targets from XLSX/CSV: 经销商编码, 期间, 目标(元)', consumes: ['multipart/form-data'], querystring: DryRunQuery, response: { 200: PerformanceImportResult } },
    },
    async (request) => importTargets(ctxOf(deps, request), await receiveUpload(request, SPREADSHEET_UPLOAD), request.query.dryRun ?? true),
  );
  app.put(
    '/v1/market-index',
    {
      config: { access: { permission: 'targets.write' } },
      schema: { tags, summary: 'Set the market demand index per region and period (demand / same period last year)', body: MarketIndexBody, response: { 200: PerformanceSaveResult } },
    },
    async (request) => saveMarketIndex(ctxOf(deps, request), request.body),
  );
  app.get(
    '/v1/market-index',
    { config: { access: { permission: 'evaluations.read' } }, schema: { tags, querystring: MarketIndexListQuery, response: { 200: listOf(MarketIndex) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listMarketIndex(ctxOf(deps, request), request.query, page), { name: 'market-index', columns: indexColumns }),
  );
  app.post(
    '/v1/market-index/import',
    {
      config: { access: { permission: 'targets.write' } },
      schema: {
        tags,
        summary: 'Import the market index from XLSX/CSV: 区域代码, 期间, 需求指数',
        consumes: ['multipart/form-data'],
        querystring: DryRunQuery,
        response: { 200: PerformanceImportResult },
      },
    },
    async (request) => importMarketIndex(ctxOf(deps, request), await receiveUpload(request, SPREADSHEET_UPLOAD), request.query.dryRun ?? true),
  );
  app.get(
    '/v1/targets/template',
    {
      config: { access: { permission: 'targets.write' } },
      schema: {
        tags,
        summary: 'XLSX templates for the target and market-index imports',
        querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('targets'), Type.Literal('market-index')])) }, { additionalProperties: false }),
        response: { 200: FileResponse('XLSX template', [CONTENT_TYPES.xlsx]) },
      },
    },
    async (request, reply) => {
      const market = request.query.kind === 'market-index';
      const rows = market ? [{ a: '440100', b: '2026-Q4', c: 0.85 }] : [{ a: 'DL0001', b: '2026-Q4', c: 1200000 }];
      const columns = market
        ? [
            { key: 'a', zh: '区域代码', en: 'Region code', value: (r: (typeof rows)[0]) => r.a },
            { key: 'b', zh: '期间', en: 'Period', value: (r: (typeof rows)[0]) => r.b },
            { key: 'c', zh: '需求指数', en: 'Demand index', value: (r: (typeof rows)[0]) => r.c },
          ]
        : [
            { key: 'a', zh: '经销商编码', en: 'Dealer code', value: (r: (typeof rows)[0]) => r.a },
            { key: 'b', zh: '期间', en: 'Period', value: (r: (typeof rows)[0]) => r.b },
            { key: 'c', zh: '目标(元)', en: 'Target (CNY)', value: (r: (typeof rows)[0]) => r.c },
          ];
      const buffer = await workbookOf({ name: market ? 'market-index' : 'targets', columns }, rows, /^en\b/i.test(String(request.headers['accept-language'] ?? '')));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${market ? 'market-index' : 'targets'}-template.xlsx"`)
        .send(buffer);
    },
  );

  app.post(
    '/v1/evaluations/runs',
    {
      config: { access: { permission: 'evaluations.run' } },
      schema: {
        tags,
        summary: 'Evaluate every active dealer for a period (a re-run supersedes and keeps the previous version)',
        headers: IdempotencyHeaders,
        body: EvaluationRunBody,
        response: { 201: EvaluationRunResult },
      },
    },
    async (request, reply) => sendOutcome(reply, await runEvaluation(ctxOf(deps, request), request.body.period, request.headers['idempotency-key'])),
  );
  app.get(
    '/v1/evaluations/runs',
    { config: { access: { permission: 'evaluations.read' } }, schema: { tags, querystring: EvaluationRunListQuery, response: { 200: listOf(EvaluationRun) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listRuns(ctxOf(deps, request), request.query, page), { name: 'evaluation-runs', columns: runColumns }),
  );
  app.get(
    '/v1/evaluations/settings',
    { config: { access: { permission: 'evaluations.read' } }, schema: { tags, response: { 200: EvaluationSettingsView } } },
    async () => (await loadSettings(deps.db)) as unknown as Record<string, unknown>,
  );
  app.put(
    '/v1/evaluations/settings',
    {
      config: { access: { permission: 'evaluations.run' } },
      schema: { tags, summary: 'Change weights, grade bands, the elastic-target rule, sales basis and benchmarks', body: EvaluationSettingsBody, response: { 200: EvaluationSettingsView } },
    },
    async (request) => (await saveSettings(ctxOf(deps, request), request.body as never)) as unknown as Record<string, unknown>,
  );
  app.get(
    '/v1/evaluations',
    {
      config: { access: { permission: 'evaluations.read' } },
      schema: { tags, summary: 'Scorecards (current versions unless runId is given), ranked by region', querystring: EvaluationListQuery, response: { 200: listOf(Evaluation) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listEvaluations(ctxOf(deps, request), request.query, page), { name: 'evaluations', columns: evaluationColumns }),
  );
  app.get('/v1/evaluations/:id', { config: { access: { permission: 'evaluations.read' } }, schema: { tags, params: IdParams, response: { 200: Evaluation } } }, async (request) =>
    getEvaluation(ctxOf(deps, request), request.params.id),
  );
  app.get(
    '/v1/evaluations/:id/sources',
    {
      config: { access: { permission: 'evaluations.read' } },
      schema: { tags, summary: 'The source rows behind one KPI of a scorecard', params: IdParams, querystring: KpiSourcesQuery, response: { 200: listOf(KpiSourceRow) } },
    },
    async (request, reply) =>
      respondList(request, reply, request.query, async () => ({ items: await kpiSources(ctxOf(deps, request), request.params.id, request.query.kpi), nextCursor: null }), {
        name: `sources-${request.query.kpi}`,
        columns: sourceColumns,
      }),
  );

  app.get(
    '/v1/evaluation-proposals',
    { config: { access: { permission: 'evaluations.read' } }, schema: { tags, querystring: EvaluationProposalListQuery, response: { 200: listOf(EvaluationProposal) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listProposals(ctxOf(deps, request), request.query, page), { name: 'evaluation-proposals', columns: proposalColumns }),
  );
  app.post(
    '/v1/evaluation-proposals/:id/decision',
    {
      config: { access: { permission: 'evaluations.approve' } },
      schema: { tags, summary: 'Approve (apply) or reject a rebate-rate or credit-limit step', params: IdParams, body: EvaluationProposalDecisionBody, response: { 200: EvaluationProposal } },
    },
    async (request) => decideProposal(ctxOf(deps, request), request.params.id, request.body.decision, request.body.note),
  );
  app.post(
    '/v1/tiers/regrade',
    {
      config: { access: { permission: 'evaluations.run' } },
      schema: { tags, summary: 'Yearly tier re-grading by annual sales and coverage', body: TierRegradeBody, response: { 200: TierRegradeResult } },
    },
    async (request) => regradeTiers(ctxOf(deps, request), String(request.body.year)),
  );
  app.get(
    '/v1/dealers/:dealerId/tier-progress',
    {
      config: { access: { permission: 'evaluations.read', dealerParam: 'dealerId' } },
      schema: { tags, summary: 'What the dealer needs to reach the next tier', params: PerformanceDealerParams, querystring: PerformancePeriodQuery, response: { 200: TierProgress } },
    },
    async (request) => tierProgress(ctxOf(deps, request), request.params.dealerId, request.query.year),
  );
}
