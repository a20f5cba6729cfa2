import {
  CancelTerminationBody,
  CompleteTerminationBody,
  IdParams,
  Termination,
  TerminationBody,
  TerminationChecklistBody,
  TerminationChecklistParams,
  TerminationListQuery,
  TerminationStockBody,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { cancelTermination, completeTermination, getTermination, listTerminations, openTermination, revalueStock, setChecklistItem } from './terminations.service.js';

const columns: ExportColumn<Termination>[] = [
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (t) => t.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (t) => t.dealerName },
  { key: 'status', zh: '状态', en: 'Status', value: (t) => t.status },
  { key: 'reason', zh: '原因', en: 'Reason', width: 40, value: (t) => t.reason },
  { key: 'buyback', zh: '回购金额(元)', en: 'Buyback (CNY)', value: (t) => yuan(t.buybackFen) },
  { key: 'receivables', zh: '抵扣应收(元)', en: 'Receivables offset (CNY)', value: (t) => yuan(t.receivablesOffsetFen) },
  { key: 'net', zh: '净应付(元)', en: 'Net payable (CNY)', value: (t) => yuan(t.netPayableFen) },
  { key: 'openedAt', zh: '发起时间', en: 'Opened', width: 24, value: (t) => t.openedAt },
];

export default async function terminationsRoutes(app: App, deps: AppDeps) {
  const tags = ['terminations'];
  app.post(
    '/v1/terminations',
    {
      config: { access: { permission: 'terminations.manage' } },
      schema: { tags, summary: 'Open the exit process: buyback valuation, checklist, successor candidates', body: TerminationBody, response: { 201: Termination } },
    },
    async (request, reply) => reply.code(201).send(await openTermination(ctxOf(deps, request), request.body)),
  );
  app.get(
    '/v1/terminations',
    { config: { access: { permission: 'terminations.read' } }, schema: { tags, querystring: TerminationListQuery, response: { 200: listOf(Termination) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listTerminations(ctxOf(deps, request), request.query, page), { name: 'terminations', columns }),
  );
  app.get('/v1/terminations/:id', { config: { access: { permission: 'terminations.read' } }, schema: { tags, params: IdParams, response: { 200: Termination } } }, async (request) =>
    getTermination(ctxOf(deps, request), request.params.id),
  );
  app.put(
    '/v1/terminations/:id/stock',
    {
      config: { access: { permission: 'terminations.manage' } },
      schema: { tags, summary: 'Record damaged/expired counts and revalue the buyback', params: IdParams, body: TerminationStockBody, response: { 200: Termination } },
    },
    async (request) => revalueStock(ctxOf(deps, request), request.params.id, request.body.stock),
  );
  app.put(
    '/v1/terminations/:id/checklist/:item',
    { config: { access: { permission: 'terminations.manage' } }, schema: { tags, params: TerminationChecklistParams, body: TerminationChecklistBody, response: { 200: Termination } } },
    async (request) => setChecklistItem(ctxOf(deps, request), request.params.id, request.params.item, request.body),
  );
  app.post(
    '/v1/terminations/:id/complete',
    {
      config: { access: { permission: 'terminations.manage' } },
      schema: { tags, summary: 'Terminate the dealer and hand its territory to the successor', params: IdParams, body: CompleteTerminationBody, response: { 200: Termination } },
    },
    async (request) => completeTermination(ctxOf(deps, request), request.params.id, request.body.successorDealerId),
  );
  app.post(
    '/v1/terminations/:id/cancel',
    { config: { access: { permission: 'terminations.manage' } }, schema: { tags, params: IdParams, body: CancelTerminationBody, response: { 200: Termination } } },
    async (request) => cancelTermination(ctxOf(deps, request), request.params.id, request.body.reason),
  );
}
