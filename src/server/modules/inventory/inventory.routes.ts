import { IdempotencyHeaders, Snapshot, SnapshotBody, StockItem, StockMovement, StockQuery, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList } from '../../core/list.js';
import { listMovements, listStock, recordSnapshot } from './inventory.service.js';

export default async function inventoryRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/inventory/stock',
    { config: { access: { permission: 'inventory.read' } }, schema: { tags: ['inventory'], summary: 'On-hand per dealer x SKU', querystring: StockQuery, response: { 200: listOf(StockItem) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listStock(ctxOf(deps, request), request.query, page), {
        name: 'stock',
        columns: [
          { key: 'dealerId', zh: '经销商', en: 'Dealer', value: (s) => s.dealerId },
          { key: 'sku', zh: '商品编码', en: 'SKU', value: (s) => s.sku },
          { key: 'productName', zh: '商品', en: 'Product', width: 24, value: (s) => s.productName },
          { key: 'onHand', zh: '库存', en: 'On hand', value: (s) => s.onHand },
        ],
      }),
  );

  app.get(
    '/v1/inventory/movements',
    { config: { access: { permission: 'inventory.read' } }, schema: { tags: ['inventory'], summary: 'The stock movement ledger', querystring: StockQuery, response: { 200: listOf(StockMovement) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listMovements(ctxOf(deps, request), request.query, page), {
        name: 'stock-movements',
        columns: [
          { key: 'movedAt', zh: '时间', en: 'At', value: (m) => m.movedAt },
          { key: 'dealerId', zh: '经销商', en: 'Dealer', value: (m) => m.dealerId },
          { key: 'sku', zh: '商品编码', en: 'SKU', value: (m) => m.sku },
          { key: 'quantity', zh: '数量', en: 'Quantity', value: (m) => m.quantity },
          { key: 'kind', zh: '类型', en: 'Kind', value: (m) => m.kind },
          { key: 'ref', zh: '单据', en: 'Reference', value: (m) => (m.refType ? `${m.refType}:${m.refId}` : '') },
        ],
      }),
  );

  app.post(
    '/v1/inventory/snapshots',
    {
      config: { access: { permission: 'inventory.write' } },
      schema: { tags: ['inventory'], summary: 'Record a stock count; differences become adjustments', headers: IdempotencyHeaders, body: SnapshotBody, response: { 201: Snapshot } },
    },
    async (request, reply) => sendOutcome(reply, await recordSnapshot(ctxOf(deps, request), request.body, request.headers['idempotency-key'])),
  );
}
