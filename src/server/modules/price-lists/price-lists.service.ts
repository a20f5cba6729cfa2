import type { Transaction } from 'kysely';
import type { CreatePriceListBody, PriceList, Tier, UpdatePriceListBody } from '../../../shared/schemas/index.js';
import type { DB, PriceListsTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { encodeCursor, type PageRequest } from '../../core/list.js';
import { listInForce } from './price-lists.rules.js';
import { isRealDate, businessDate } from '../../../shared/dates.js';

async function present(ctx: ServiceContext, row: PriceListsTable): Promise<PriceList> {
  const items = await ctx.db
    .selectFrom('price_list_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select(['p.sku', 'p.name', 'p.list_price_fen', 'i.price_fen'])
    .where('i.price_list_id', '=', row.id)
    .orderBy('p.sku')
    .execute();
  return {
    id: row.id,
    name: row.name,
    tier: row.tier as Tier,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    items: items.map((i) => ({ sku: i.sku, productName: i.name, listPriceFen: Number(i.list_price_fen), priceFen: Number(i.price_fen) })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listPriceLists(ctx: ServiceContext, filter: { tier?: string }, page: PageRequest) {
  let query = ctx.db
    .selectFrom('price_lists')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) query = query.where('id', '>', page.after);
  if (filter.tier) query = query.where('tier', '=', filter.tier);
  const rows = await query.execute();
  const kept = rows.slice(0, page.limit);
  return { items: await Promise.all(kept.map((r) => present(ctx, r))), nextCursor: rows.length > page.limit ? encodeCursor(kept[kept.length - 1].id) : null };
}

export async function getPriceList(ctx: ServiceContext, id: string): Promise<PriceList> {
  const row = await ctx.db.selectFrom('price_lists').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Price list ${id}`);
  return present(ctx, row);
}

function checkRange(from: string, to: string | null | undefined) {
  if (!isRealDate(from)) throw invalid('/effectiveFrom', 'is not a real date');
  if (to && !isRealDate(to)) throw invalid('/effectiveTo', 'is not a real date');
  if (to && to < from) throw invalid('/effectiveTo', 'must not be before effectiveFrom');
}

/** Resolves SKUs to products, naming each unknown or repeated SKU by its position. */
async function resolveItems(ctx: ServiceContext, items: { sku: string; priceFen: number }[]) {
  const skus = [...new Set(items.map((i) => i.sku))];
  const products = skus.length ? await ctx.db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', skus).execute() : [];
  const bySku = new Map(products.map((p) => [p.sku, p.id]));
  const seen = new Set<string>();
  return items.map((item, i) => {
    const productId = bySku.get(item.sku);
    if (!productId) throw invalid(`/items/${i}/sku`, `is not a known SKU (${item.sku})`);
    if (seen.has(item.sku)) throw invalid(`/items/${i}/sku`, `is listed twice (${item.sku})`);
    seen.add(item.sku);
    return { product_id: productId, price_fen: item.priceFen };
  });
}

async function writeItems(trx: Transaction<DB>, priceListId: string, items: { product_id: string; price_fen: number }[]) {
  await trx.deleteFrom('price_list_items').where('price_list_id', '=', priceListId).execute();
  for (let i = 0; i < items.length; i += 500) {
    await trx
      .insertInto('price_list_items')
      .values(items.slice(i, i + 500).map((item) => ({ ...item, price_list_id: priceListId })))
      .execute();
  }
}

export async function createPriceList(ctx: ServiceContext, body: CreatePriceListBody): Promise<PriceList> {
  checkRange(body.effectiveFrom, body.effectiveTo);
  const items = await resolveItems(ctx, body.items ?? []);
  const now = ctx.clock.now().toISOString();
  const row: PriceListsTable = {
    id: newId('prl'),
    name: body.name,
    tier: body.tier,
    effective_from: body.effectiveFrom,
    effective_to: body.effectiveTo ?? null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('price_lists').values(row).execute();
    await writeItems(trx, row.id, items);
    await appendAudit(trx, ctx, { action: 'priceList.create', entityType: 'price_list', entityId: row.id, change: body });
  });
  return getPriceList(ctx, row.id);
}

export async function updatePriceList(ctx: ServiceContext, id: string, body: UpdatePriceListBody): Promise<PriceList> {
  const current = await ctx.db.selectFrom('price_lists').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound(`Price list ${id}`);
  const from = body.effectiveFrom ?? current.effective_from;
  const to = body.effectiveTo !== undefined ? body.effectiveTo : current.effective_to;
  checkRange(from, to);
  const items = body.items ? await resolveItems(ctx, body.items) : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('price_lists')
      .set({ name: body.name ?? current.name, effective_from: from, effective_to: to, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    if (items) await writeItems(trx, id, items);
    await appendAudit(trx, ctx, { action: 'priceList.update', entityType: 'price_list', entityId: id, change: body });
  });
  return getPriceList(ctx, id);
}

/** The unit price a tier pays for a SKU on a date: the override of the list in force, else list price. */
export async function resolvePrice(ctx: ServiceContext, query: { tier: Tier; sku: string; on?: string }) {
  const on = query.on ?? businessDate(ctx.clock.now());
  const product = await ctx.db.selectFrom('products').select(['id', 'sku', 'list_price_fen']).where('sku', '=', query.sku).executeTakeFirst();
  if (!product) throw notFound(`SKU ${query.sku}`);
  const lists = await ctx.db.selectFrom('price_lists').select(['id', 'effective_from', 'effective_to']).where('tier', '=', query.tier).where('effective_from', '<=', on).execute();
  const list = listInForce(lists, on);
  const item = list ? await ctx.db.selectFrom('price_list_items').select('price_fen').where('price_list_id', '=', list.id).where('product_id', '=', product.id).executeTakeFirst() : undefined;
  return {
    sku: product.sku,
    tier: query.tier,
    on,
    priceFen: item ? Number(item.price_fen) : Number(product.list_price_fen),
    listPriceFen: Number(product.list_price_fen),
    priceListId: item ? list!.id : null,
    source: item ? ('price_list' as const) : ('list_price' as const),
  };
}
