import { Type } from 'typebox';
import { CreatePriceListBody, DateString, IdParams, PriceList, ResolvedPrice, TierSchema, UpdatePriceListBody, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList } from '../../core/list.js';
import { createPriceList, getPriceList, listPriceLists, resolvePrice, updatePriceList } from './price-lists.service.js';

const PriceListQuery = Type.Object(
  {
    tier: Type.Optional(TierSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

export default async function priceListsRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/price-lists',
    { config: { access: { permission: 'priceLists.read' } }, schema: { tags: ['price-lists'], querystring: PriceListQuery, response: { 200: listOf(PriceList) } } },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listPriceLists(ctxOf(deps, request), request.query, page), {
        name: 'price-lists',
        columns: [
          { key: 'name', zh: '名称', en: 'Name', width: 24, value: (p) => p.name },
          { key: 'tier', zh: '等级', en: 'Tier', value: (p) => p.tier },
          { key: 'effectiveFrom', zh: '生效日期', en: 'Effective from', value: (p) => p.effectiveFrom },
          { key: 'effectiveTo', zh: '失效日期', en: 'Effective to', value: (p) => p.effectiveTo },
          { key: 'items', zh: '特价条目数', en: 'Overrides', value: (p) => p.items.length },
        ],
      }),
  );
  app.get(
    '/v1/price-lists/resolve',
    {
      config: { access: { permission: 'priceLists.read' } },
      schema: {
        tags: ['price-lists'],
        summary: 'The unit price a tier pays for a SKU on a date',
        querystring: Type.Object({ tier: TierSchema, sku: Type.String({ minLength: 1, maxLength: 64 }), on: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: ResolvedPrice },
      },
    },
    async (request) => resolvePrice(ctxOf(deps, request), request.query),
  );
  app.post(
    '/v1/price-lists',
    { config: { access: { permission: 'priceLists.write' } }, schema: { tags: ['price-lists'], body: CreatePriceListBody, response: { 201: PriceList } } },
    async (request, reply) => reply.code(201).send(await createPriceList(ctxOf(deps, request), request.body)),
  );
  app.get('/v1/price-lists/:id', { config: { access: { permission: 'priceLists.read' } }, schema: { tags: ['price-lists'], params: IdParams, response: { 200: PriceList } } }, async (request) =>
    getPriceList(ctxOf(deps, request), request.params.id),
  );
  app.patch(
    '/v1/price-lists/:id',
    { config: { access: { permission: 'priceLists.write' } }, schema: { tags: ['price-lists'], params: IdParams, body: UpdatePriceListBody, response: { 200: PriceList } } },
    async (request) => updatePriceList(ctxOf(deps, request), request.params.id, request.body),
  );
}
