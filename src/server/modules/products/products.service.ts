import { sql } from 'kysely';
import type { CreateProductBody, Product, UpdateProductBody } from '../../../shared/schemas/index.js';
import type { ProductsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { conflict, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { toPage, type PageRequest } from '../../core/list.js';

const isUniqueViolation = (error: unknown) => /unique|duplicate key/i.test(String((error as Error)?.message));

export const toProduct = (r: ProductsTable): Product => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  category: r.category,
  unit: r.unit,
  listPriceFen: Number(r.list_price_fen),
  minRetailPriceFen: Number(r.min_retail_price_fen),
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listProducts(ctx: ServiceContext, filter: { q?: string; category?: string; active?: boolean }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('products')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(sku)`, 'like', like), eb(sql`lower(name)`, 'like', like)]));
  }
  return toPage(await query.execute(), page.limit, (r) => r.id, toProduct);
}

export async function listCategories(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.db.selectFrom('products').select('category').distinct().orderBy('category').execute();
  return rows.map((r) => r.category);
}

export async function getProduct(ctx: ServiceContext, id: string): Promise<Product> {
  const row = await ctx.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Product ${id}`);
  return toProduct(row);
}

export async function createProduct(ctx: ServiceContext, body: CreateProductBody): Promise<Product> {
  const existing = await ctx.db.selectFrom('products').select('id').where('sku', '=', body.sku).executeTakeFirst();
  if (existing) throw conflict(`SKU ${body.sku} already exists`, { existingId: existing.id });
  const now = ctx.clock.now().toISOString();
  const row: ProductsTable = {
    id: newId('prd'),
    sku: body.sku,
    name: body.name,
    category: body.category,
    unit: body.unit,
    list_price_fen: body.listPriceFen,
    min_retail_price_fen: body.minRetailPriceFen,
    active: body.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('products').values(row).execute();
      await appendAudit(trx, ctx, { action: 'product.create', entityType: 'product', entityId: row.id, change: body });
    });
  } catch (error) {
    // Two requests racing for one SKU both pass the check above; the unique index decides.
    if (isUniqueViolation(error)) throw conflict(`SKU ${body.sku} already exists`);
    throw error;
  }
  return toProduct(row);
}

export async function updateProduct(ctx: ServiceContext, id: string, body: UpdateProductBody): Promise<Product> {
  const current = await getProduct(ctx, id);
  const patch: Partial<ProductsTable> = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.category !== undefined && { category: body.category }),
    ...(body.unit !== undefined && { unit: body.unit }),
    ...(body.listPriceFen !== undefined && { list_price_fen: body.listPriceFen }),
    ...(body.minRetailPriceFen !== undefined && { min_retail_price_fen: body.minRetailPriceFen }),
    ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
    updated_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('products').set(patch).where('id', '=', id).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(body)) {
      const old = (current as Record<string, unknown>)[key];
      if (old !== value) changed[key] = { from: old, to: value };
    }
    await appendAudit(trx, ctx, { action: 'product.update', entityType: 'product', entityId: id, change: changed });
  });
  return getProduct(ctx, id);
}
