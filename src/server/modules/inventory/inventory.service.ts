import type { Snapshot, SnapshotBody, SnapshotRecord, StockItem, StockMovement } from '../../../shared/schemas/index.js';
import type { FieldError } from '../../../shared/errors.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { invalid, invalidMany } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { idempotent, type Outcome } from '../../core/idempotency.js';
import { encodeCursor, toPage, type PageRequest } from '../../core/list.js';
import { assertActsFor, lockDealer } from '../orders/dealer-guard.js';
import { productsBySku } from '../orders/orders.service.js';
import * as repo from './inventory.repo.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { insertMovements, onHandOf } from './inventory.repo.js';

export async function listStock(ctx: ServiceContext, filter: { dealerId?: string; sku?: string }, page: PageRequest) {
  const rows = await repo.listStock(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  const kept = rows.slice(0, page.limit);
  return {
    items: kept.map((r): StockItem => ({ dealerId: r.dealer_id, dealerCode: r.dealer_code, dealerName: r.dealer_name, sku: r.sku, productName: r.name, onHand: Number(r.on_hand) })),
    nextCursor: rows.length > page.limit ? encodeCursor(`${kept[kept.length - 1].dealer_id}|${kept[kept.length - 1].product_id}`) : null,
  };
}

export async function listMovements(ctx: ServiceContext, filter: { dealerId?: string; sku?: string }, page: PageRequest) {
  const rows = await repo.listMovements(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  const kept = rows.slice(0, page.limit);
  return {
    items: kept.map((r): StockMovement => ({
      id: r.id,
      dealerId: r.dealer_id,
      sku: r.sku,
      quantity: r.quantity,
      kind: r.kind as StockMovement['kind'],
      refType: r.ref_type,
      refId: r.ref_id,
      movedAt: r.moved_at,
    })),
    nextCursor: rows.length > page.limit ? encodeCursor(kept[kept.length - 1].id) : null,
  };
}

/**
 * POST /inventory/snapshots: a physical count. For each counted SKU the book quantity as of
 * takenAt is compared with the count and the difference is recorded as an adjustment movement,
 * so on-hand equals the count from then on. SKUs not counted are left as they are.
 */
export async function recordSnapshot(ctx: ServiceContext, body: SnapshotBody, key?: string): Promise<Outcome<Snapshot>> {
  assertActsFor(ctx, body.dealerId);
  const takenAt = new Date(body.takenAt);
  if (Number.isNaN(takenAt.getTime())) throw invalid('/takenAt', 'is not a real timestamp');
  if (takenAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) throw invalid('/takenAt', 'must not be in the future');
  const products = new Map(
    (
      await productsBySku(
        ctx.db,
        body.items.map((i) => i.sku),
      )
    ).map((p) => [p.sku, p]),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!products.has(item.sku)) errors.push({ path: `/items/${i}/sku`, message: `is not a known SKU (${item.sku})` });
    else if (seen.has(item.sku)) errors.push({ path: `/items/${i}/sku`, message: `is listed twice (${item.sku})` });
    seen.add(item.sku);
  });
  if (errors.length) throw invalidMany(errors);
  const at = takenAt.toISOString();
  return idempotent(ctx, { key, scope: 'inventory.snapshot', body }, 201, async (trx) => {
    await lockDealer(trx, ctx, body.dealerId, { trading: true });
    const now = ctx.clock.now().toISOString();
    const ids = body.items.map((i) => products.get(i.sku)!.id);
    const book = await repo.onHandOf(trx, body.dealerId, ids, at);
    const items = body.items.map((item, k) => {
      const bookQuantity = book.get(ids[k]) ?? 0;
      return { sku: item.sku, productId: ids[k], countedQuantity: item.quantity, bookQuantity, differenceQuantity: item.quantity - bookQuantity };
    });
    const id = newId('snp');
    await trx.insertInto('stock_snapshots').values({ id, dealer_id: body.dealerId, taken_at: at, created_by: ctx.caller.name, created_at: now }).execute();
    await trx
      .insertInto('stock_snapshot_items')
      .values(items.map((i) => ({ snapshot_id: id, product_id: i.productId, counted: i.countedQuantity, book: i.bookQuantity, difference: i.differenceQuantity })))
      .execute();
    await repo.insertMovements(
      trx,
      items.map((i) => ({ dealer_id: body.dealerId, product_id: i.productId, quantity: i.differenceQuantity, kind: 'adjustment', ref_type: 'snapshot', ref_id: id, moved_at: at })),
      now,
    );
    const out = items.map(({ productId: _p, ...rest }) => rest);
    await appendAudit(trx, ctx, {
      action: 'inventory.snapshot',
      entityType: 'dealer',
      entityId: body.dealerId,
      change: { snapshotId: id, takenAt: at, differences: out.filter((i) => i.differenceQuantity !== 0) },
    });
    return { id, dealerId: body.dealerId, takenAt: at, items: out, createdAt: now };
  });
}

export async function listSnapshots(ctx: ServiceContext, filter: { dealerId?: string }, page: PageRequest) {
  const rows = await repo.listSnapshots(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): SnapshotRecord => ({
      id: r.id,
      dealerId: r.dealer_id,
      dealerCode: r.dealer_code,
      dealerName: r.dealer_name,
      takenAt: r.taken_at,
      createdBy: r.created_by,
      createdAt: r.created_at,
      items: r.items.map((i) => ({ sku: i.sku, countedQuantity: Number(i.counted), bookQuantity: Number(i.book), differenceQuantity: Number(i.difference) })),
    }),
  );
}
