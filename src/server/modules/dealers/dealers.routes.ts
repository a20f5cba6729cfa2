import { Type } from 'typebox';
import { CreateDealerBody, Dealer, DealerEvent, DealerListQuery, IdParams, ListQuery, TransitionBody, UpdateDealerBody, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { pageRequest, respondList, yuan, type ExportColumn } from '../../core/list.js';
import { createDealer, dealerEvents, getDealer, listDealers, transitionDealer, updateDealer } from './dealers.service.js';

export const dealerColumns: ExportColumn<Dealer>[] = [
  { key: 'code', zh: '编码', en: 'Code', value: (d) => d.code },
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (d) => d.name },
  { key: 'level', zh: '级别', en: 'Level', value: (d) => d.level },
  { key: 'parentCode', zh: '上级经销商编码', en: 'Parent dealer code', value: (d) => d.parentDealerCode },
  { key: 'status', zh: '状态', en: 'Status', value: (d) => d.status },
  { key: 'tier', zh: '等级', en: 'Tier', value: (d) => d.tier },
  { key: 'territory', zh: '区域', en: 'Territory', width: 40, value: (d) => d.territory.map((t) => `${t.regionCode}${t.exclusive ? '*' : ''}`).join(',') },
  { key: 'territoryNames', zh: '区域名称', en: 'Territory names', width: 50, value: (d) => d.territory.map((t) => t.regionName).join('; ') },
  { key: 'creditLimitYuan', zh: '授信额度(元)', en: 'Credit limit (CNY)', value: (d) => yuan(d.creditLimitFen) },
  { key: 'paymentTermDays', zh: '账期(天)', en: 'Payment terms (days)', value: (d) => d.paymentTermDays },
  { key: 'vmi', zh: 'VMI', en: 'VMI', value: (d) => (d.vmi ? 1 : 0) },
  { key: 'contact', zh: '联系人', en: 'Contact', value: (d) => d.contacts[0]?.name },
  { key: 'phone', zh: '电话', en: 'Phone', value: (d) => d.contacts[0]?.phone },
  { key: 'createdAt', zh: '创建时间', en: 'Created', value: (d) => d.createdAt },
];

export default async function dealersRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/dealers',
    { config: { access: { permission: 'dealers.read' } }, schema: { tags: ['dealers'], querystring: DealerListQuery, response: { 200: listOf(Dealer) } } },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      return respondList(request, reply, request.query, (page) => listDealers(ctx, request.query, page), { name: 'dealers', columns: dealerColumns });
    },
  );

  app.post('/v1/dealers', { config: { access: { permission: 'dealers.write' } }, schema: { tags: ['dealers'], body: CreateDealerBody, response: { 201: Dealer } } }, async (request, reply) =>
    reply.code(201).send(await createDealer(ctxOf(deps, request), request.body)),
  );

  app.get('/v1/dealers/:id', { config: { access: { permission: 'dealers.read', dealerParam: 'id' } }, schema: { tags: ['dealers'], params: IdParams, response: { 200: Dealer } } }, async (request) =>
    getDealer(ctxOf(deps, request), request.params.id),
  );

  app.patch(
    '/v1/dealers/:id',
    { config: { access: { permission: 'dealers.write', dealerParam: 'id' } }, schema: { tags: ['dealers'], params: IdParams, body: UpdateDealerBody, response: { 200: Dealer } } },
    async (request) => updateDealer(ctxOf(deps, request), request.params.id, request.body),
  );

  app.post(
    '/v1/dealers/:id/transitions',
    { config: { access: { permission: 'dealers.transition', dealerParam: 'id' } }, schema: { tags: ['dealers'], params: IdParams, body: TransitionBody, response: { 200: Dealer } } },
    async (request) => transitionDealer(ctxOf(deps, request), request.params.id, request.body.to, request.body.reason),
  );

  app.get(
    '/v1/dealers/:id/events',
    {
      config: { access: { permission: 'dealers.read', dealerParam: 'id' } },
      schema: {
        tags: ['dealers'],
        params: IdParams,
        querystring: Type.Object({ limit: ListQuery.limit, cursor: ListQuery.cursor }, { additionalProperties: false }),
        response: { 200: listOf(DealerEvent) },
      },
    },
    async (request) => dealerEvents(ctxOf(deps, request), request.params.id, pageRequest(request.query)),
  );
}
