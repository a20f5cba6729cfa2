import {
  ContributionRun,
  ContributionRunBody,
  DealerIncentives,
  IdParams,
  IncentiveAward,
  IncentiveAwardBody,
  IncentiveAwardDecisionBody,
  IncentiveAwardQuery,
  PolicyVersion,
  PolicyVersions,
  ProfitPool,
  ProfitPoolBody,
  ProfitPoolQuery,
  PutPolicyBody,
  RiskClaim,
  RiskClaimBody,
  RiskClaimDecisionBody,
  RiskClaimQuery,
  RiskFundEntry,
  RiskFundQuery,
  RiskFundSummary,
  RiskGrantBody,
  SimulateBody,
  Simulation,
  StarDealer,
  StarQuery,
  StarRun,
  StarRunBody,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { listPolicies, publishPolicy } from './policy.service.js';
import { dealerIncentives, simulatePolicy } from './incentives.service.js';
import { decideAward, listAwards, listStars, nominate, runStars } from './stars.service.js';
import { decideClaim, fundSummary, grant, listClaims, listFundEntries, listPools, runContributions, runProfitPool, submitClaim } from './economics.service.js';

const starColumns: ExportColumn<StarDealer>[] = [
  { key: 'year', zh: '年度', en: 'Year', value: (s) => s.year },
  { key: 'code', zh: '经销商编码', en: 'Dealer code', value: (s) => s.dealerCode },
  { key: 'name', zh: '经销商', en: 'Dealer', width: 30, value: (s) => s.dealerName },
  { key: 'star', zh: '星级', en: 'Star', value: (s) => (s.star ? 1 : 0) },
  { key: 'cumulative', zh: '累计销售(元)', en: 'Cumulative sales (CNY)', value: (s) => yuan(s.cumulativeSalesFen) },
  { key: 'completion', zh: '平均完成率', en: 'Avg completion', value: (s) => s.averageCompletion },
  { key: 'rate', zh: '忠诚奖励比例', en: 'Loyalty rate', value: (s) => s.loyaltyRate },
  { key: 'bonus', zh: '忠诚奖励(元)', en: 'Loyalty bonus (CNY)', value: (s) => yuan(s.loyaltyBonusFen) },
  { key: 'priority', zh: '独家续约优先', en: 'Renewal priority', value: (s) => (s.renewalPriority ? 1 : 0) },
];
const awardColumns: ExportColumn<IncentiveAward>[] = [
  { key: 'year', zh: '年度', en: 'Year', value: (a) => a.year },
  { key: 'category', zh: '奖项', en: 'Category', value: (a) => a.category },
  { key: 'dealer', zh: '经销商', en: 'Dealer', width: 30, value: (a) => a.dealerName },
  { key: 'citation', zh: '事迹', en: 'Citation', width: 40, value: (a) => a.citation },
  { key: 'status', zh: '状态', en: 'Status', value: (a) => a.status },
  { key: 'amount', zh: '奖金(元)', en: 'Amount (CNY)', value: (a) => yuan(a.amountFen) },
];
const poolColumns: ExportColumn<ProfitPool>[] = [
  { key: 'region', zh: '区域', en: 'Region', value: (p) => p.regionCode },
  { key: 'period', zh: '期间', en: 'Period', value: (p) => p.period },
  { key: 'baseline', zh: '基线(元)', en: 'Baseline (CNY)', value: (p) => yuan(p.baselineFen) },
  { key: 'actual', zh: '实际(元)', en: 'Actual (CNY)', value: (p) => yuan(p.actualFen) },
  { key: 'pool', zh: '利润池(元)', en: 'Pool (CNY)', value: (p) => yuan(p.poolFen) },
  { key: 'hq', zh: '厂家(元)', en: 'HQ (CNY)', value: (p) => yuan(p.hqFen) },
  { key: 'dealers', zh: '经销商(元)', en: 'Dealers (CNY)', value: (p) => yuan(p.dealersFen) },
];
const entryColumns: ExportColumn<RiskFundEntry>[] = [
  { key: 'createdAt', zh: '时间', en: 'At', width: 24, value: (e) => e.createdAt },
  { key: 'dealer', zh: '经销商', en: 'Dealer', width: 30, value: (e) => e.dealerName },
  { key: 'kind', zh: '类型', en: 'Kind', value: (e) => e.kind },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (e) => yuan(e.amountFen) },
  { key: 'period', zh: '期间', en: 'Period', value: (e) => e.period },
  { key: 'note', zh: '说明', en: 'Note', width: 30, value: (e) => e.note },
];
const claimColumns: ExportColumn<RiskClaim>[] = [
  { key: 'createdAt', zh: '提交时间', en: 'Submitted', width: 24, value: (c) => c.createdAt },
  { key: 'dealer', zh: '经销商', en: 'Dealer', width: 30, value: (c) => c.dealerName },
  { key: 'loss', zh: '损失(元)', en: 'Loss (CNY)', value: (c) => yuan(c.lossFen) },
  { key: 'status', zh: '状态', en: 'Status', value: (c) => c.status },
  { key: 'payout', zh: '赔付(元)', en: 'Payout (CNY)', value: (c) => (c.payoutFen === null ? null : yuan(c.payoutFen)) },
  { key: 'reason', zh: '原因', en: 'Reason', width: 40, value: (c) => c.reason },
];

export default async function incentivesRoutes(app: App, deps: AppDeps) {
  const tags = ['incentives'];
  app.get(
    '/v1/incentive-policies',
    { config: { access: { permission: 'incentives.read' } }, schema: { tags, summary: 'Current policy and every version', response: { 200: PolicyVersions } } },
    async (request) => listPolicies(ctxOf(deps, request)),
  );
  app.put(
    '/v1/incentive-policies',
    { config: { access: { permission: 'incentives.configure' } }, schema: { tags, summary: 'Publish a new policy version from a date', body: PutPolicyBody, response: { 200: PolicyVersion } } },
    async (request) => publishPolicy(ctxOf(deps, request), request.body),
  );
  app.post(
    '/v1/incentive-policies/simulate',
    {
      config: { access: { permission: 'incentives.read' } },
      schema: { tags, summary: 'Price a proposed policy on the last 12 months against the current one', body: SimulateBody, response: { 200: Simulation } },
    },
    async (request) => simulatePolicy(ctxOf(deps, request), request.body.policy),
  );
  app.get(
    '/v1/dealers/:id/incentives',
    { config: { access: { permission: 'points.read', dealerParam: 'id' } }, schema: { tags, summary: 'My tier, progress, rebates and points', params: IdParams, response: { 200: DealerIncentives } } },
    async (request) => dealerIncentives(ctxOf(deps, request), request.params.id),
  );

  app.post('/v1/star-dealers/runs', { config: { access: { permission: 'incentives.configure' } }, schema: { tags, body: StarRunBody, response: { 201: StarRun } } }, async (request, reply) =>
    reply.code(201).send(await runStars(ctxOf(deps, request), request.body.year)),
  );
  app.get('/v1/star-dealers', { config: { access: { permission: 'incentives.read' } }, schema: { tags, querystring: StarQuery, response: { 200: listOf(StarDealer) } } }, async (request, reply) =>
    respondList(request, reply, request.query, (page) => listStars(ctxOf(deps, request), request.query, page), { name: 'star-dealers', columns: starColumns }),
  );
  app.get(
    '/v1/awards',
    { config: { access: { permission: 'incentives.read' } }, schema: { tags, querystring: IncentiveAwardQuery, response: { 200: listOf(IncentiveAward) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listAwards(ctxOf(deps, request), request.query, page), { name: 'awards', columns: awardColumns }),
  );
  app.post('/v1/awards', { config: { access: { permission: 'incentives.nominate' } }, schema: { tags, body: IncentiveAwardBody, response: { 201: IncentiveAward } } }, async (request, reply) =>
    reply.code(201).send(await nominate(ctxOf(deps, request), request.body)),
  );
  app.post(
    '/v1/awards/:id/decision',
    { config: { access: { permission: 'incentives.configure' } }, schema: { tags, params: IdParams, body: IncentiveAwardDecisionBody, response: { 200: IncentiveAward } } },
    async (request) => decideAward(ctxOf(deps, request), request.params.id, request.body.to, request.body.amountFen),
  );

  app.post('/v1/profit-pools/runs', { config: { access: { permission: 'incentives.configure' } }, schema: { tags, body: ProfitPoolBody, response: { 201: ProfitPool } } }, async (request, reply) =>
    reply.code(201).send(await runProfitPool(ctxOf(deps, request), request.body.regionCode, request.body.period)),
  );
  app.get(
    '/v1/profit-pools',
    { config: { access: { permission: 'incentives.read' } }, schema: { tags, querystring: ProfitPoolQuery, response: { 200: listOf(ProfitPool) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listPools(ctxOf(deps, request), request.query, page), { name: 'profit-pools', columns: poolColumns }),
  );

  app.get(
    '/v1/risk-fund',
    { config: { access: { permission: 'rebates.read' } }, schema: { tags, summary: 'Risk fund balance (within the caller scope)', response: { 200: RiskFundSummary } } },
    async (request) => fundSummary(ctxOf(deps, request)),
  );
  app.get(
    '/v1/risk-fund/entries',
    { config: { access: { permission: 'rebates.read' } }, schema: { tags, querystring: RiskFundQuery, response: { 200: listOf(RiskFundEntry) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listFundEntries(ctxOf(deps, request), request.query, page), { name: 'risk-fund', columns: entryColumns }),
  );
  app.post(
    '/v1/risk-fund/contribution-runs',
    { config: { access: { permission: 'incentives.configure' } }, schema: { tags, body: ContributionRunBody, response: { 201: ContributionRun } } },
    async (request, reply) => reply.code(201).send(await runContributions(ctxOf(deps, request), request.body.period)),
  );
  app.post(
    '/v1/risk-fund/grants',
    {
      config: { access: { permission: 'incentives.configure' } },
      schema: { tags, summary: 'Capability fund grant (training, digital tools)', body: RiskGrantBody, response: { 201: RiskFundSummary } },
    },
    async (request, reply) => reply.code(201).send(await grant(ctxOf(deps, request), request.body)),
  );
  app.get('/v1/risk-fund/claims', { config: { access: { permission: 'rebates.read' } }, schema: { tags, querystring: RiskClaimQuery, response: { 200: listOf(RiskClaim) } } }, async (request, reply) =>
    respondList(request, reply, request.query, (page) => listClaims(ctxOf(deps, request), request.query, page), { name: 'risk-claims', columns: claimColumns }),
  );
  app.post(
    '/v1/risk-fund/claims',
    { config: { access: { permission: 'riskfund.claim' } }, schema: { tags, summary: 'Claim an overstock loss caused by a market downturn', body: RiskClaimBody, response: { 201: RiskClaim } } },
    async (request, reply) => reply.code(201).send(await submitClaim(ctxOf(deps, request), request.body)),
  );
  app.post(
    '/v1/risk-fund/claims/:id/decision',
    { config: { access: { permission: 'incentives.configure' } }, schema: { tags, params: IdParams, body: RiskClaimDecisionBody, response: { 200: RiskClaim } } },
    async (request) => decideClaim(ctxOf(deps, request), request.params.id, request.body.to),
  );
}
