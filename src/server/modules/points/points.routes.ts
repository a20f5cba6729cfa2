import { Type } from 'typebox';
import {
  EarningRun,
  EarningRunBody,
  ExpiryRun,
  ExpiryRunBody,
  IdParams,
  PointsAccount,
  PointsCatalogBody,
  PointsCatalogItem,
  PointsCatalogQuery,
  PointsEntryBody,
  Redemption,
  RedemptionBody,
  RedemptionQuery,
  RedemptionTransitionBody,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, type ExportColumn } from '../../core/list.js';
import { invalid, isoNowDate } from '../incentives/shared.js';
import { isRealDate } from '../../../shared/dates.js';
import { manualEntry, pointsAccount, runExpiry } from './points.service.js';
import { runEarning } from './points.earning.js';
import { createCatalogItem, decideRedemption, listCatalog, listRedemptions, redeem, updateCatalogItem } from './redemptions.service.js';

const catalogColumns: ExportColumn<PointsCatalogItem>[] = [
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (c) => c.name },
  { key: 'category', zh: '类别', en: 'Category', value: (c) => c.category },
  { key: 'points', zh: '所需积分', en: 'Points', value: (c) => c.points },
  { key: 'stock', zh: '库存', en: 'Stock', value: (c) => c.stock },
  { key: 'active', zh: '上架', en: 'Active', value: (c) => (c.active ? 1 : 0) },
];
const redemptionColumns: ExportColumn<Redemption>[] = [
  { key: 'createdAt', zh: '申请时间', en: 'Requested', width: 24, value: (r) => r.createdAt },
  { key: 'dealer', zh: '经销商', en: 'Dealer', width: 30, value: (r) => r.dealerName },
  { key: 'item', zh: '兑换品', en: 'Item', width: 24, value: (r) => r.itemName },
  { key: 'quantity', zh: '数量', en: 'Qty', value: (r) => r.quantity },
  { key: 'points', zh: '积分', en: 'Points', value: (r) => r.points },
  { key: 'status', zh: '状态', en: 'Status', value: (r) => r.status },
  { key: 'decidedBy', zh: '审批人', en: 'Decided by', value: (r) => r.decidedBy },
];
const CatalogPatch = Type.Object(
  { points: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })), stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export default async function pointsRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/dealers/:id/points',
    {
      config: { access: { permission: 'points.read', dealerParam: 'id' } },
      schema: { tags: ['points'], summary: 'Points balance (sum of the ledger) and history', params: IdParams, response: { 200: PointsAccount } },
    },
    async (request) => pointsAccount(ctxOf(deps, request), request.params.id),
  );

  app.post(
    '/v1/points/entries',
    { config: { access: { permission: 'points.manage' } }, schema: { tags: ['points'], summary: 'HQ manual grant (+) or deduction (-)', body: PointsEntryBody, response: { 201: PointsAccount } } },
    async (request, reply) => reply.code(201).send(await manualEntry(ctxOf(deps, request), request.body)),
  );

  app.get(
    '/v1/points/catalog',
    { config: { access: { permission: 'points.read' } }, schema: { tags: ['points'], querystring: PointsCatalogQuery, response: { 200: listOf(PointsCatalogItem) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listCatalog(ctxOf(deps, request), page), { name: 'points-catalog', columns: catalogColumns }),
  );

  app.post(
    '/v1/points/catalog',
    { config: { access: { permission: 'points.manage' } }, schema: { tags: ['points'], body: PointsCatalogBody, response: { 201: PointsCatalogItem } } },
    async (request, reply) => reply.code(201).send(await createCatalogItem(ctxOf(deps, request), request.body)),
  );

  app.patch(
    '/v1/points/catalog/:id',
    {
      config: { access: { permission: 'points.manage' } },
      schema: { tags: ['points'], summary: 'Restock, reprice or withdraw an item', params: IdParams, body: CatalogPatch, response: { 200: PointsCatalogItem } },
    },
    async (request) => updateCatalogItem(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/points/redemptions',
    { config: { access: { permission: 'points.read' } }, schema: { tags: ['points'], querystring: RedemptionQuery, response: { 200: listOf(Redemption) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listRedemptions(ctxOf(deps, request), request.query, page), { name: 'points-redemptions', columns: redemptionColumns }),
  );

  app.post(
    '/v1/points/redemptions',
    {
      config: { access: { permission: 'points.redeem' } },
      schema: { tags: ['points'], summary: 'Redeem points for a catalogue item (held until decided)', body: RedemptionBody, response: { 201: Redemption } },
    },
    async (request, reply) => reply.code(201).send(await redeem(ctxOf(deps, request), request.body)),
  );

  app.post(
    '/v1/points/redemptions/:id/transitions',
    {
      config: { access: { permission: 'points.manage' } },
      schema: { tags: ['points'], summary: 'Approve, fulfil or reject (refund) a redemption', params: IdParams, body: RedemptionTransitionBody, response: { 200: Redemption } },
    },
    async (request) => decideRedemption(ctxOf(deps, request), request.params.id, request.body.to, request.body.note),
  );

  app.post(
    '/v1/points/expiry-runs',
    {
      config: { access: { permission: 'points.manage' } },
      schema: { tags: ['points'], summary: 'Expire unredeemed points whose quarter ended before asOf', body: ExpiryRunBody, response: { 201: ExpiryRun } },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      if (!isRealDate(request.body.asOf)) throw invalid('/asOf', 'is not a real date');
      if (request.body.asOf > isoNowDate(ctx)) throw invalid('/asOf', 'must not be in the future');
      return reply.code(201).send(await runExpiry(ctx, request.body.asOf));
    },
  );

  app.post(
    '/v1/points/earning-runs',
    {
      config: { access: { permission: 'points.manage' } },
      schema: { tags: ['points'], summary: 'Apply the earning rules to a month (idempotent)', body: EarningRunBody, response: { 201: EarningRun } },
    },
    async (request, reply) => reply.code(201).send(await runEarning(ctxOf(deps, request), request.body.period)),
  );
}
