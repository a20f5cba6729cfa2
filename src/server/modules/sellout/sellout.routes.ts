import { IdempotencyHeaders, SelloutBody, SelloutListQuery, SelloutRecord, SelloutResult, SelloutUploadQuery, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { receiveUpload } from '../../core/uploads.js';
import { sendOutcome } from '../../core/idempotency.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { SELLOUT_UPLOAD } from './sellout.parse.js';
import { listSellout, reportSellout, uploadSellout } from './sellout.service.js';

const columns: ExportColumn<SelloutRecord>[] = [
  { key: 'date', zh: '销售日期', en: 'Date', value: (r) => r.date },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (r) => r.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 24, value: (r) => r.dealerName },
  { key: 'sku', zh: '商品编码', en: 'SKU', value: (r) => r.sku },
  { key: 'productName', zh: '商品', en: 'Product', width: 24, value: (r) => r.productName },
  { key: 'quantity', zh: '数量', en: 'Quantity', value: (r) => r.quantity },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (r) => yuan(r.amountFen) },
  { key: 'customerRef', zh: '客户', en: 'Customer', value: (r) => r.customerRef },
  { key: 'source', zh: '来源', en: 'Source', value: (r) => r.source },
];

export default async function selloutRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/sellout',
    {
      config: { access: { permission: 'sellout.write' } },
      schema: { tags: ['sellout'], summary: 'Report sell-out lines; good lines are kept, bad ones named', headers: IdempotencyHeaders, body: SelloutBody, response: { 200: SelloutResult } },
    },
    async (request, reply) => sendOutcome(reply, await reportSellout(ctxOf(deps, request), request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/v1/sellout/upload',
    {
      config: { access: { permission: 'sellout.write' } },
      schema: {
        tags: ['sellout'],
        summary: 'Upload sell-out as CSV or XLSX (multipart field "file"); the report names rows',
        consumes: ['multipart/form-data'],
        headers: IdempotencyHeaders,
        querystring: SelloutUploadQuery,
        response: { 200: SelloutResult },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const file = await receiveUpload(request, SELLOUT_UPLOAD);
      return sendOutcome(reply, await uploadSellout(ctx, request.query.dealerId, file, request.headers['idempotency-key']));
    },
  );

  app.get(
    '/v1/sellout',
    { config: { access: { permission: 'sellout.read' } }, schema: { tags: ['sellout'], querystring: SelloutListQuery, response: { 200: listOf(SelloutRecord) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listSellout(ctxOf(deps, request), request.query, page), { name: 'sellout', columns }),
  );
}
