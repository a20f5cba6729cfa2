import { Type } from 'typebox';
import { CreateProductBody, IdParams, Product, ProductListQuery, UpdateProductBody, listOf } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { createProduct, getProduct, listCategories, listProducts, updateProduct } from './products.service.js';

export const productColumns: ExportColumn<Product>[] = [
  { key: 'sku', zh: 'SKU', en: 'SKU', value: (p) => p.sku },
  { key: 'name', zh: '名称', en: 'Name', width: 30, value: (p) => p.name },
  { key: 'category', zh: '品类', en: 'Category', value: (p) => p.category },
  { key: 'unit', zh: '单位', en: 'Unit', value: (p) => p.unit },
  { key: 'listPriceYuan', zh: '出厂价(元)', en: 'List price (CNY)', value: (p) => yuan(p.listPriceFen) },
  { key: 'minRetailPriceYuan', zh: '最低零售价(元)', en: 'Min retail price (CNY)', value: (p) => yuan(p.minRetailPriceFen) },
  { key: 'active', zh: '在售', en: 'Active', value: (p) => (p.active ? 1 : 0) },
];

export default async function productsRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/products',
    { config: { access: { permission: 'products.read' } }, schema: { tags: ['products'], querystring: ProductListQuery, response: { 200: listOf(Product) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listProducts(ctxOf(deps, request), request.query, page), { name: 'products', columns: productColumns }),
  );
  app.get(
    '/v1/products/categories',
    { config: { access: { permission: 'products.read' } }, schema: { tags: ['products'], response: { 200: Type.Object({ items: Type.Array(Type.String()) }) } } },
    async (request) => ({ items: await listCategories(ctxOf(deps, request)) }),
  );
  app.post('/v1/products', { config: { access: { permission: 'products.write' } }, schema: { tags: ['products'], body: CreateProductBody, response: { 201: Product } } }, async (request, reply) =>
    reply.code(201).send(await createProduct(ctxOf(deps, request), request.body)),
  );
  app.get('/v1/products/:id', { config: { access: { permission: 'products.read' } }, schema: { tags: ['products'], params: IdParams, response: { 200: Product } } }, async (request) =>
    getProduct(ctxOf(deps, request), request.params.id),
  );
  app.patch(
    '/v1/products/:id',
    { config: { access: { permission: 'products.write' } }, schema: { tags: ['products'], params: IdParams, body: UpdateProductBody, response: { 200: Product } } },
    async (request) => updateProduct(ctxOf(deps, request), request.params.id, request.body),
  );
}
