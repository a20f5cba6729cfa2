import {
  CreateTransferCostBody,
  IdParams,
  TransferCost,
  TransferCostListQuery,
  TransferOrder,
  TransferOrderListQuery,
  TransferPlan,
  TransferPlanBody,
  TransferPlanListQuery,
  TransferPlanSummary,
  TransferPlanTransitionBody,
  TransferSettings,
  UpdateTransferCostBody,
  UpdateTransferSettingsBody,
  listOf,
} from '../../../shared/schemas/index.js';
import { NoContent } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { planTransfers } from './transfers.plan.js';
import { createCost, deleteCost, getPlan, listCosts, listPlans, listTransferOrders, transitionPlan, updateCost } from './transfers.service.js';
import { saveTransferSettings, transferSettings } from './transfers.settings.js';

const tags = ['transfers'];

const planColumns: ExportColumn<TransferPlanSummary>[] = [
  { key: 'number', zh: '调拨方案号', en: 'Plan no.', width: 20, value: (p) => p.number },
  { key: 'status', zh: '状态', en: 'Status', value: (p) => p.status },
  { key: 'region', zh: '区域', en: 'Region', value: (p) => p.regionCode },
  { key: 'sku', zh: '商品编码', en: 'SKU', value: (p) => p.sku },
  { key: 'quantity', zh: '调拨数量', en: 'Quantity', value: (p) => p.totalQuantity },
  { key: 'cost', zh: '优化成本(元)', en: 'LP cost (CNY)', value: (p) => yuan(p.totalCostFen) },
  { key: 'greedyQuantity', zh: '贪心数量', en: 'Greedy quantity', value: (p) => p.greedy.totalQuantity },
  { key: 'greedyCost', zh: '贪心成本(元)', en: 'Greedy cost (CNY)', value: (p) => yuan(p.greedy.totalCostFen) },
  { key: 'createdBy', zh: '创建人', en: 'Created by', value: (p) => p.createdBy },
  { key: 'createdAt', zh: '创建时间', en: 'Created at', width: 24, value: (p) => p.createdAt },
];

const orderColumns: ExportColumn<TransferOrder>[] = [
  { key: 'number', zh: '调拨单号', en: 'Transfer no.', width: 20, value: (o) => o.number },
  { key: 'plan', zh: '调拨方案', en: 'Plan', width: 20, value: (o) => o.planNumber },
  { key: 'from', zh: '调出经销商', en: 'From dealer', width: 28, value: (o) => o.fromDealerName },
  { key: 'to', zh: '调入经销商', en: 'To dealer', width: 28, value: (o) => o.toDealerName },
  { key: 'sku', zh: '商品编码', en: 'SKU', value: (o) => o.sku },
  { key: 'quantity', zh: '数量', en: 'Quantity', value: (o) => o.quantity },
  { key: 'cost', zh: '运费(元)', en: 'Cost (CNY)', value: (o) => yuan(o.costFen) },
  { key: 'executedAt', zh: '执行时间', en: 'Executed at', width: 24, value: (o) => o.executedAt },
];

const costColumns: ExportColumn<TransferCost>[] = [
  { key: 'from', zh: '起点区域', en: 'From region', value: (c) => c.fromRegionCode },
  { key: 'to', zh: '终点区域', en: 'To region', value: (c) => c.toRegionCode },
  { key: 'unitCost', zh: '单件运费(元)', en: 'Unit cost (CNY)', value: (c) => yuan(c.unitCostFen) },
  { key: 'note', zh: '备注', en: 'Note', width: 30, value: (c) => c.note },
];

export default async function transfersRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/transfers/plan',
    {
      config: { access: { permission: 'transfers.plan' } },
      schema: { tags, summary: 'Plan transfers from overstock to shortage at least cost (HiGHS), saved as a proposed plan', body: TransferPlanBody, response: { 201: TransferPlan } },
    },
    async (request, reply) => reply.code(201).send(await planTransfers(ctxOf(deps, request), request.body)),
  );

  app.get(
    '/v1/transfers/plans',
    { config: { access: { permission: 'transfers.read' } }, schema: { tags, querystring: TransferPlanListQuery, response: { 200: listOf(TransferPlanSummary) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listPlans(ctxOf(deps, request), request.query, page), { name: 'transfer-plans', columns: planColumns }),
  );

  app.get('/v1/transfers/plans/:id', { config: { access: { permission: 'transfers.read' } }, schema: { tags, params: IdParams, response: { 200: TransferPlan } } }, async (request) =>
    getPlan(ctxOf(deps, request), request.params.id),
  );

  app.post(
    '/v1/transfers/plans/:id/transitions',
    {
      config: { access: { permission: 'transfers.approve' } },
      schema: {
        tags,
        summary: 'Approve or reject a plan; execute an approved plan as transfer orders that move stock',
        params: IdParams,
        body: TransferPlanTransitionBody,
        response: { 200: TransferPlan },
      },
    },
    async (request) => transitionPlan(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/transfers/orders',
    { config: { access: { permission: 'transfers.read' } }, schema: { tags, querystring: TransferOrderListQuery, response: { 200: listOf(TransferOrder) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listTransferOrders(ctxOf(deps, request), request.query, page), { name: 'transfer-orders', columns: orderColumns }),
  );

  app.get(
    '/v1/transfers/costs',
    { config: { access: { permission: 'transfers.read' } }, schema: { tags, querystring: TransferCostListQuery, response: { 200: listOf(TransferCost) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listCosts(ctxOf(deps, request), page), { name: 'transfer-costs', columns: costColumns }),
  );

  app.post(
    '/v1/transfers/costs',
    {
      config: { access: { permission: 'transfers.configure' } },
      schema: { tags, summary: 'Add a unit cost between two regions (applies both ways)', body: CreateTransferCostBody, response: { 201: TransferCost } },
    },
    async (request, reply) => reply.code(201).send(await createCost(ctxOf(deps, request), request.body)),
  );

  app.patch(
    '/v1/transfers/costs/:id',
    { config: { access: { permission: 'transfers.configure' } }, schema: { tags, params: IdParams, body: UpdateTransferCostBody, response: { 200: TransferCost } } },
    async (request) => updateCost(ctxOf(deps, request), request.params.id, request.body),
  );

  app.delete('/v1/transfers/costs/:id', { config: { access: { permission: 'transfers.configure' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
    await deleteCost(ctxOf(deps, request), request.params.id);
    return reply.code(204).send();
  });

  app.get('/v1/transfers/settings', { config: { access: { permission: 'transfers.read' } }, schema: { tags, response: { 200: TransferSettings } } }, async () => transferSettings(deps.db));

  app.patch(
    '/v1/transfers/settings',
    {
      config: { access: { permission: 'transfers.configure' } },
      schema: { tags, summary: 'Exclusive-territory bound and distance cost (audited)', body: UpdateTransferSettingsBody, response: { 200: TransferSettings } },
    },
    async (request) => saveTransferSettings(ctxOf(deps, request), request.body),
  );
}
