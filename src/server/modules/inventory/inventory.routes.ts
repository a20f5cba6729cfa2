import { IdempotencyHeaders, Snapshot, SnapshotBody, SnapshotQuery, SnapshotRecord, StockItem, StockMovement, StockQuery, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList, type ExportColumn } from '../../core/list.js';
import { listMovements, listSnapshots, listStock, recordSnapshot } from './inventory.service.js';

const snapshotColumns: ExportColumn<SnapshotRecord>[] = [
  { key: 'takenAt', zh: '盘点时间', en: 'Taken at', width: 24, value: (s) => s.takenAt },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (s) => s.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 24, value: (s) => s.dealerName },
  { key: 'items', zh: '盘点品项', en: 'SKUs counted', value: (s) => s.items.length },
  { key: 'difference', zh: '差异数量合计', en: 'Net difference', value: (s) => s.items.reduce((n, i) => n + i.differenceQuantity, 0) },
  {
    key: 'detail',
    zh: '差异明细',
    en: 'Differences',
    width: 40,
    value: (s) =>
      s.items
        .filter((i) => i.differenceQuantity !== 0)
        .map((i) => `${i.sku} ${i.differenceQuantity > 0 ? '+' : ''}${i.differenceQuantity}`)
        .join('; '),
  },
  { key: 'createdBy', zh: '录入人', en: 'Recorded by', value: (s) => s.createdBy },
];

export default async function inventoryRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/inventory/stock',
    { config: { access: { permission: 'inventory.read' } }, schema: { tags: ['inventory'], summary: 'On-hand per dealer x SKU', querystring: StockQuery, response: { 200: listOf(StockItem) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listStock(ctxOf(deps, request), request.query, page), {
        name: 'stock',
        columns: [
          { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (s) => s.dealerCode },
          { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 24, value: (s) => s.dealerName },
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

  app.get(
    '/v1/inventory/snapshots',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: { tags: ['inventory'], summary: 'Recorded stock counts with their differences', querystring: SnapshotQuery, response: { 200: listOf(SnapshotRecord) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listSnapshots(ctxOf(deps, request), request.query, page), { name: 'snapshots', columns: snapshotColumns }),
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
