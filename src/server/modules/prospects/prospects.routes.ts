import { Type } from 'typebox';
import {
  ConvertBody,
  CreateProspectBody,
  Dealer,
  DecisionBody,
  IdParams,
  ListQuery,
  Prospect,
  ProspectEvent,
  ProspectListQuery,
  ProspectMove,
  ProspectMoveQuery,
  ProspectTransitionBody,
  PublicApplicationBody,
  PublicApplicationReceipt,
  RankedProspect,
  RankingQuery,
  Region,
  RegionCode,
  UpdateProspectBody,
  listOf,
} from '../../../shared/schemas/index.js';
import { CONTENT_TYPES, FileResponse } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import type { Caller } from '../../core/caller.js';
import { pageRequest, respondList, type ExportColumn } from '../../core/list.js';
import { listRegions, regionPath } from '../regions/regions.service.js';
import { createProspect, getProspect, listProspects, submitApplication, updateProspect } from './prospects.service.js';
import { decideProspect, prospectEvents, rankProspects, recentMoves, transitionProspect } from './pipeline.service.js';
import { convertProspect, dealerContractDocx, prospectContractDocx } from './contract.service.js';

const prospectColumns: ExportColumn<Prospect>[] = [
  { key: 'number', zh: '编号', en: 'Number', value: (p) => p.number },
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (p) => p.name },
  { key: 'stage', zh: '阶段', en: 'Stage', value: (p) => p.stage },
  { key: 'source', zh: '来源', en: 'Source', value: (p) => p.source },
  { key: 'contactName', zh: '联系人', en: 'Contact', value: (p) => p.contactName },
  { key: 'phone', zh: '电话', en: 'Phone', value: (p) => p.phone },
  { key: 'regions', zh: '意向区域', en: 'Wanted regions', width: 50, value: (p) => p.regions.map((r) => r.regionName).join('; ') },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 22, value: (p) => p.unifiedSocialCreditCode },
  { key: 'score', zh: '筛选得分', en: 'Screening score', value: (p) => p.latestScreening?.total },
  { key: 'passed', zh: '筛选通过', en: 'Passed', value: (p) => (p.latestScreening ? (p.latestScreening.passed ? 1 : 0) : null) },
  { key: 'decision', zh: '决策', en: 'Decision', value: (p) => p.decision?.decision },
  { key: 'createdAt', zh: '创建时间', en: 'Created', value: (p) => p.createdAt },
];

const moveColumns: ExportColumn<ProspectMove>[] = [
  { key: 'at', zh: '时间', en: 'When', width: 22, value: (m) => m.at },
  { key: 'number', zh: '编号', en: 'Number', value: (m) => m.prospectNumber },
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (m) => m.prospectName },
  { key: 'from', zh: '原阶段', en: 'From', value: (m) => m.fromStage },
  { key: 'to', zh: '新阶段', en: 'To', value: (m) => m.toStage },
  { key: 'actor', zh: '操作人', en: 'By', value: (m) => m.actorName },
  { key: 'reason', zh: '原因', en: 'Reason', width: 40, value: (m) => m.reason },
];

const rankedColumns: ExportColumn<RankedProspect>[] = [
  { key: 'rank', zh: '排名', en: 'Rank', width: 8, value: (p) => p.rank },
  { key: 'number', zh: '编号', en: 'Number', value: (p) => p.number },
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (p) => p.name },
  { key: 'stage', zh: '阶段', en: 'Stage', value: (p) => p.stage },
  { key: 'total', zh: '筛选得分', en: 'Score', value: (p) => p.total },
  { key: 'passed', zh: '筛选通过', en: 'Passed', value: (p) => (p.passed === null ? null : p.passed ? 1 : 0) },
  { key: 'knockedOut', zh: '一票否决', en: 'Knocked out', value: (p) => (p.knockedOut === null ? null : p.knockedOut ? 1 : 0) },
  { key: 'regions', zh: '意向区域', en: 'Wanted regions', width: 50, value: (p) => p.regionCodes.map(regionPath).join('; ') },
  { key: 'decision', zh: '决策', en: 'Decision', value: (p) => p.decision },
  { key: 'reasons', zh: '理由', en: 'Reasons', width: 40, value: (p) => p.reasons.join('; ') },
  { key: 'contactName', zh: '联系人', en: 'Contact', value: (p) => p.contactName },
  { key: 'phone', zh: '电话', en: 'Phone', value: (p) => p.phone },
];

/** Who stands behind a public application (recorded in events and the audit chain). */
const publicCaller: Caller = { kind: 'system', id: null, name: 'public-form', role: 'hq_analyst', dealerId: null, regionCodes: [] };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export default async function prospectsRoutes(app: App, deps: AppDeps) {
  const tags = ['recruitment'];

  app.post(
    '/v1/public/prospect-applications',
    {
      // Counted after validation (preHandler): a malformed request is a 400 that stores nothing and
      // does not use up the allowance; every well-formed application, honeypot or not, counts.
      config: { access: { public: true }, rateLimit: { max: 5, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: { tags, summary: 'Public dealer application (no login; rate-limited)', security: [], body: PublicApplicationBody, response: { 202: PublicApplicationReceipt } },
    },
    async (request, reply) => {
      await submitApplication({ db: deps.db, clock: deps.clock, caller: publicCaller, requestId: String(request.id) }, request.body);
      return reply.code(202).send({ status: 'received' as const });
    },
  );

  // The region tree is public reference data (GB/T 2260): the public form needs it to name the
  // wanted territory, and /v1/regions needs a session.
  app.get(
    '/v1/public/regions',
    {
      config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Region children or name search for the public application form (no login)',
        security: [],
        querystring: Type.Object(
          { parentCode: Type.Optional(RegionCode), q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: listOf(Region) },
      },
    },
    async (request) => ({ items: listRegions(request.query), nextCursor: null }),
  );

  app.get('/v1/prospects', { config: { access: { permission: 'prospects.read' } }, schema: { tags, querystring: ProspectListQuery, response: { 200: listOf(Prospect) } } }, async (request, reply) => {
    const ctx = ctxOf(deps, request);
    return respondList(request, reply, request.query, (page) => listProspects(ctx, request.query, page), { name: 'prospects', columns: prospectColumns });
  });

  app.post('/v1/prospects', { config: { access: { permission: 'prospects.write' } }, schema: { tags, body: CreateProspectBody, response: { 201: Prospect } } }, async (request, reply) =>
    reply.code(201).send(await createProspect(ctxOf(deps, request), request.body)),
  );

  app.get(
    '/v1/prospects/moves',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, summary: 'Moves on the pipeline board, newest first: who moved which prospect, when and why', querystring: ProspectMoveQuery, response: { 200: listOf(ProspectMove) } },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      return respondList(request, reply, request.query, (page) => recentMoves(ctx, request.query, page), { name: 'prospect-moves', columns: moveColumns });
    },
  );

  for (const pool of ['ranking', 'successors'] as const) {
    app.get(
      `/v1/prospects/${pool}`,
      {
        config: { access: { permission: 'prospects.read' } },
        schema: {
          tags,
          summary: pool === 'ranking' ? 'Open prospects of a region ranked by their latest screening' : 'Successor pool: rejected and not yet converted prospects with their scores',
          querystring: RankingQuery,
          response: { 200: listOf(RankedProspect) },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(deps, request);
        const items = await rankProspects(ctx, pool, request.query);
        return respondList(request, reply, request.query, async () => ({ items, nextCursor: null }), { name: `prospect-${pool}`, columns: rankedColumns });
      },
    );
  }

  app.get('/v1/prospects/:id', { config: { access: { permission: 'prospects.read' } }, schema: { tags, params: IdParams, response: { 200: Prospect } } }, async (request) =>
    getProspect(ctxOf(deps, request), request.params.id),
  );

  app.patch(
    '/v1/prospects/:id',
    { config: { access: { permission: 'prospects.write' } }, schema: { tags, params: IdParams, body: UpdateProspectBody, response: { 200: Prospect } } },
    async (request) => updateProspect(ctxOf(deps, request), request.params.id, request.body),
  );

  app.post(
    '/v1/prospects/:id/transitions',
    {
      config: { access: { permission: 'prospects.write' } },
      schema: { tags, summary: 'Move a prospect on the pipeline (rejecting and reopening need prospects.decide)', params: IdParams, body: ProspectTransitionBody, response: { 200: Prospect } },
    },
    async (request) => transitionProspect(ctxOf(deps, request), request.params.id, request.body.to, request.body.reason),
  );

  app.get(
    '/v1/prospects/:id/events',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, params: IdParams, querystring: Type.Object({ limit: ListQuery.limit, cursor: ListQuery.cursor }, { additionalProperties: false }), response: { 200: listOf(ProspectEvent) } },
    },
    async (request) => prospectEvents(ctxOf(deps, request), request.params.id, pageRequest(request.query)),
  );

  app.post(
    '/v1/prospects/:id/decision',
    { config: { access: { permission: 'prospects.decide' } }, schema: { tags, params: IdParams, body: DecisionBody, response: { 200: Prospect } } },
    async (request) => decideProspect(ctxOf(deps, request), request.params.id, request.body),
  );

  app.post(
    '/v1/prospects/:id/convert',
    {
      config: { access: { permission: 'prospects.decide' } },
      schema: { tags, summary: 'Sign the contract: the prospect becomes an active dealer', params: IdParams, body: ConvertBody, response: { 201: Dealer } },
    },
    async (request, reply) => reply.code(201).send(await convertProspect(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.get(
    '/v1/prospects/:id/contract.docx',
    {
      config: { access: { permission: 'prospects.read' } },
      schema: { tags, summary: 'The contract of a converted prospect (DOCX)', params: IdParams, response: { 200: FileResponse('DOCX contract', [CONTENT_TYPES.docx]) } },
    },
    async (request, reply) => {
      const { dealer, data } = await prospectContractDocx(ctxOf(deps, request), request.params.id);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`经销商合作协议-${dealer.code}-${dealer.name}.docx`, `contract-${dealer.code}.docx`))
        .send(data);
    },
  );

  app.get(
    '/v1/dealers/:id/contract.docx',
    {
      config: { access: { permission: 'dealers.read', dealerParam: 'id' } },
      schema: { tags: ['dealers'], summary: 'The dealer contract (DOCX)', params: IdParams, response: { 200: FileResponse('DOCX contract', [CONTENT_TYPES.docx]) } },
    },
    async (request, reply) => {
      const { dealer, data } = await dealerContractDocx(ctxOf(deps, request), request.params.id);
      return reply
        .type(DOCX)
        .header('content-disposition', attachment(`经销商合作协议-${dealer.code}-${dealer.name}.docx`, `contract-${dealer.code}.docx`))
        .send(data);
    },
  );
}
