import { Type, type Static } from 'typebox';
import {
  CreateOrderBody,
  CreatePromotionBody,
  IdParams,
  IdempotencyHeaders,
  Order,
  OrderEvent,
  OrderListQuery,
  OrderQuote,
  OrderQuoteBody,
  OrderReturn,
  OrderSummary,
  OrderTransitionBody,
  Promotion,
  PromotionListQuery,
  ReturnBody,
  Shipment,
  ShipmentBody,
  TradeSettings,
  UpdatePromotionBody,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { createOrder, getOrder, listOrders, orderEvents } from './orders.service.js';
import { transitionOrder } from './orders.transitions.js';
import { shipOrder, shipmentsOf } from './orders.shipments.js';
import { returnOrder } from './orders.returns.js';
import { createPromotion, getPromotion, listPromotions, updatePromotion } from './promotions.service.js';
import { quoteOrder } from './orders.quote.js';
import { saveTradeSettings, tradeSettings } from './orders.settings.js';

/** 100,000 unit codes of ~30 characters are ~3.5 MB of JSON: this route alone takes up to 16 MB. */
export const SHIPMENT_BODY_LIMIT = 16 * 1_048_576;

const orderColumns: ExportColumn<OrderSummary>[] = [
  { key: 'number', zh: '订单号', en: 'Order no.', width: 20, value: (o) => o.number },
  { key: 'orderDate', zh: '下单日期', en: 'Order date', value: (o) => o.orderDate },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (o) => o.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (o) => o.dealerName },
  { key: 'status', zh: '状态', en: 'Status', value: (o) => o.status },
  { key: 'subtotal', zh: '货款(元)', en: 'Subtotal (CNY)', value: (o) => yuan(o.subtotalFen) },
  { key: 'discount', zh: '折扣(元)', en: 'Discount (CNY)', value: (o) => yuan(o.discountFen) },
  { key: 'total', zh: '金额(元)', en: 'Total (CNY)', value: (o) => yuan(o.totalFen) },
  { key: 'shipped', zh: '已发货(元)', en: 'Shipped (CNY)', value: (o) => yuan(o.shippedFen) },
  { key: 'createdBy', zh: '下单人', en: 'Created by', value: (o) => o.createdBy },
];

const promotionColumns: ExportColumn<Promotion>[] = [
  { key: 'name', zh: '名称', en: 'Name', width: 24, value: (p) => p.name },
  { key: 'tier', zh: '等级', en: 'Tier', value: (p) => p.tier ?? '' },
  { key: 'startsOn', zh: '开始', en: 'Starts', value: (p) => p.startsOn },
  { key: 'endsOn', zh: '结束', en: 'Ends', value: (p) => p.endsOn },
  { key: 'threshold', zh: '门槛(元)', en: 'Threshold (CNY)', value: (p) => yuan(p.thresholdFen) },
  { key: 'discount', zh: '立减(元)', en: 'Off (CNY)', value: (p) => (p.discountFen === null ? null : yuan(p.discountFen)) },
  { key: 'rate', zh: '折扣率', en: 'Rate off', value: (p) => p.discountRate },
  { key: 'budget', zh: '预算(元)', en: 'Budget (CNY)', value: (p) => yuan(p.budgetFen) },
  { key: 'used', zh: '已用(元)', en: 'Used (CNY)', value: (p) => yuan(p.usedFen) },
  { key: 'active', zh: '启用', en: 'Active', value: (p) => (p.active ? 1 : 0) },
];

/** Sub-lists of one order are small: one page, still exportable. */
const FormatQuery = Type.Object({ format: Type.Optional(Type.Literal('xlsx')) }, { additionalProperties: false });

const eventColumns: ExportColumn<Static<typeof OrderEvent>>[] = [
  { key: 'at', zh: '时间', en: 'At', width: 24, value: (e) => e.at },
  { key: 'from', zh: '原状态', en: 'From', value: (e) => e.fromStatus },
  { key: 'to', zh: '新状态', en: 'To', value: (e) => e.toStatus },
  { key: 'actor', zh: '操作人', en: 'By', value: (e) => e.actorName },
  { key: 'reason', zh: '原因', en: 'Reason', width: 30, value: (e) => e.reason },
];

const shipmentColumns: ExportColumn<Shipment>[] = [
  { key: 'number', zh: '发货单号', en: 'Shipment', width: 20, value: (x) => x.number },
  { key: 'shippedOn', zh: '发货日期', en: 'Shipped', value: (x) => x.shippedOn },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (x) => yuan(x.amountFen) },
  { key: 'codes', zh: '码数', en: 'Codes', value: (x) => x.codeCount },
  { key: 'invoice', zh: '发票号', en: 'Invoice', width: 20, value: (x) => x.invoice.docNo },
  { key: 'dueOn', zh: '到期日', en: 'Due', value: (x) => x.invoice.dueOn },
];

export default async function ordersRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/orders',
    { config: { access: { permission: 'orders.read' } }, schema: { tags: ['orders'], querystring: OrderListQuery, response: { 200: listOf(OrderSummary) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listOrders(ctxOf(deps, request), request.query, page), { name: 'orders', columns: orderColumns }),
  );

  app.post(
    '/v1/orders',
    {
      config: { access: { permission: 'orders.write' } },
      schema: { tags: ['orders'], summary: 'Create a purchase order (进货), priced and credit-checked', headers: IdempotencyHeaders, body: CreateOrderBody, response: { 201: Order } },
    },
    async (request, reply) => sendOutcome(reply, await createOrder(ctxOf(deps, request), request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/v1/orders/quote',
    {
      config: { access: { permission: 'orders.read' } },
      schema: { tags: ['orders'], summary: 'Price an order and show the credit left, without creating it', body: OrderQuoteBody, response: { 200: OrderQuote } },
    },
    async (request) => quoteOrder(ctxOf(deps, request), request.body),
  );

  app.get(
    '/v1/settings/trade',
    {
      config: { access: { permission: 'trade.configure' } },
      schema: { tags: ['orders'], summary: 'Trade rules: credit hold, overdue reminders, idempotency retention', response: { 200: TradeSettings } },
    },
    async () => tradeSettings(deps.db),
  );

  app.put(
    '/v1/settings/trade',
    { config: { access: { permission: 'trade.configure' } }, schema: { tags: ['orders'], summary: 'Replace the trade rules (audited)', body: TradeSettings, response: { 200: TradeSettings } } },
    async (request) => saveTradeSettings(ctxOf(deps, request), request.body),
  );

  app.get('/v1/orders/:id', { config: { access: { permission: 'orders.read', dealerParam: 'id' } }, schema: { tags: ['orders'], params: IdParams, response: { 200: Order } } }, async (request) =>
    getOrder(ctxOf(deps, request), request.params.id),
  );

  app.get(
    '/v1/orders/:id/events',
    { config: { access: { permission: 'orders.read', dealerParam: 'id' } }, schema: { tags: ['orders'], params: IdParams, querystring: FormatQuery, response: { 200: listOf(OrderEvent) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, async () => ({ items: await orderEvents(ctxOf(deps, request), request.params.id), nextCursor: null }), {
        name: 'order-events',
        columns: eventColumns,
      }),
  );

  app.post(
    '/v1/orders/:id/transitions',
    {
      // Each move has its own permission (approve: orders.approve; cancel/receive: orders.write on own orders), checked by the service.
      config: { access: { permission: 'orders.read', dealerParam: 'id' } },
      schema: { tags: ['orders'], params: IdParams, body: OrderTransitionBody, response: { 200: Order } },
    },
    async (request) => transitionOrder(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/orders/:id/shipments',
    { config: { access: { permission: 'orders.read', dealerParam: 'id' } }, schema: { tags: ['orders'], params: IdParams, querystring: FormatQuery, response: { 200: listOf(Shipment) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, async () => ({ items: await shipmentsOf(ctxOf(deps, request), request.params.id), nextCursor: null }), {
        name: 'shipments',
        columns: shipmentColumns,
      }),
  );

  app.post(
    '/v1/orders/:id/shipments',
    {
      bodyLimit: SHIPMENT_BODY_LIMIT,
      config: { access: { permission: 'orders.ship', dealerParam: 'id' } },
      schema: { tags: ['orders'], summary: 'Ship part or all of an order; unit codes bind to the receiving dealer', params: IdParams, body: ShipmentBody, response: { 201: Shipment } },
    },
    async (request, reply) => reply.code(201).send(await shipOrder(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.post(
    '/v1/orders/:id/returns',
    {
      config: { access: { permission: 'orders.approve', dealerParam: 'id' } },
      schema: { tags: ['orders'], summary: 'Return delivered goods with a reason; issues a credit note', params: IdParams, body: ReturnBody, response: { 201: OrderReturn } },
    },
    async (request, reply) => reply.code(201).send(await returnOrder(ctxOf(deps, request), request.params.id, request.body)),
  );

  app.get(
    '/v1/promotions',
    { config: { access: { permission: 'priceLists.read' } }, schema: { tags: ['promotions'], querystring: PromotionListQuery, response: { 200: listOf(Promotion) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listPromotions(ctxOf(deps, request), request.query, page), { name: 'promotions', columns: promotionColumns }),
  );

  app.post(
    '/v1/promotions',
    { config: { access: { permission: 'promotions.write' } }, schema: { tags: ['promotions'], body: CreatePromotionBody, response: { 201: Promotion } } },
    async (request, reply) => reply.code(201).send(await createPromotion(ctxOf(deps, request), request.body)),
  );

  app.get('/v1/promotions/:id', { config: { access: { permission: 'priceLists.read' } }, schema: { tags: ['promotions'], params: IdParams, response: { 200: Promotion } } }, async (request) =>
    getPromotion(ctxOf(deps, request), request.params.id),
  );

  app.patch(
    '/v1/promotions/:id',
    { config: { access: { permission: 'promotions.write' } }, schema: { tags: ['promotions'], params: IdParams, body: UpdatePromotionBody, response: { 200: Promotion } } },
    async (request) => updatePromotion(ctxOf(deps, request), request.params.id, request.body),
  );
}
