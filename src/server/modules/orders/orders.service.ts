import type { Transaction } from 'kysely';
import type { CreateOrderBody, Order, OrderLine, OrderStatus, OrderSummary } from '../../../shared/schemas/index.js';
import type { FieldError } from '../../../shared/errors.js';
import type { DB, OrdersTable } from '../../db/types.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { invalidMany, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { forUpdate } from '../../core/locks.js';
import { idempotent, type Outcome } from '../../core/idempotency.js';
import { toPage, type PageRequest } from '../../core/list.js';
import { checkCredit } from './credit.js';
import { assertActsFor, lockDealer } from './dealer-guard.js';
import { nextDocNumber } from '../../core/doc-numbers.js';
import * as repo from './orders.repo.js';
import { bestPromotion, priceOrder, promotionDiscount, type PromotionTerms } from './orders.rules.js';
import { businessDate } from '../../../shared/dates.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { productsBySku, tierPrices } from './orders.repo.js';

export const toSummary = (o: repo.OrderRow): OrderSummary => ({
  id: o.id,
  number: o.number,
  dealerId: o.dealer_id,
  dealerCode: o.dealer_code,
  dealerName: o.dealer_name,
  supplierDealerId: o.supplier_dealer_id,
  status: o.status as OrderStatus,
  orderDate: o.order_date,
  subtotalFen: Number(o.subtotal_fen),
  discountFen: Number(o.discount_fen),
  totalFen: Number(o.total_fen),
  shippedFen: Number(o.shipped_fen),
  promotionId: o.promotion_id,
  creditOverrideReason: o.credit_override_reason,
  note: o.note,
  createdBy: o.created_by,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

export const toLine = (l: repo.LineRow): OrderLine => ({
  lineNo: l.line_no,
  sku: l.sku,
  productName: l.product_name,
  quantity: l.quantity,
  unitPriceFen: Number(l.unit_price_fen),
  discountFen: Number(l.discount_fen),
  amountFen: Number(l.amount_fen),
  shippedQuantity: Number(l.shipped),
  returnedQuantity: Number(l.returned),
});

/** An order with its lines, as the caller's scope allows (404 otherwise). */
export async function loadOrder(db: Database, ctx: ServiceContext, id: string): Promise<Order> {
  const row = await repo.findOrder(db, dealerScopeOf(ctx.caller), id);
  if (!row) throw notFound(`Order ${id}`);
  const lines = await repo.linesOf(db, [id]);
  return { ...toSummary(row), lines: lines.map(toLine) };
}

export const getOrder = (ctx: ServiceContext, id: string) => loadOrder(ctx.db, ctx, id);

export async function listOrders(ctx: ServiceContext, filter: repo.OrderFilter, page: PageRequest) {
  const rows = await repo.listOrders(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  return toPage(rows, page.limit, (r) => r.id, toSummary);
}

export async function orderEvents(ctx: ServiceContext, id: string) {
  await getOrder(ctx, id);
  const rows = await repo.eventsOf(ctx.db, id);
  return rows.map((e) => ({ fromStatus: e.from_status as OrderStatus | null, toStatus: e.to_status as OrderStatus, reason: e.reason, actorName: e.actor_name, at: e.at }));
}

/** SKUs of an order's lines: each unknown, inactive or repeated SKU is named by its position. */
async function resolveSkus(db: Database, lines: { sku: string }[]) {
  const products = await repo.productsBySku(db, [...new Set(lines.map((l) => l.sku))]);
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const product = bySku.get(line.sku);
    if (!product) errors.push({ path: `/lines/${i}/sku`, message: `is not a known SKU (${line.sku})` });
    else if (product.active !== 1) errors.push({ path: `/lines/${i}/sku`, message: `is not an active product (${line.sku})` });
    else if (seen.has(line.sku)) errors.push({ path: `/lines/${i}/sku`, message: `is listed twice (${line.sku})` });
    seen.add(line.sku);
  });
  if (errors.length) throw invalidMany(errors);
  return bySku;
}

const termsOf = (p: { id: string; threshold_fen: number; discount_fen: number | null; discount_rate_bp: number | null; budget_fen: number; used_fen: number }): PromotionTerms => ({
  id: p.id,
  thresholdFen: Number(p.threshold_fen),
  discountFen: p.discount_fen === null ? null : Number(p.discount_fen),
  discountRateBp: p.discount_rate_bp,
  remainingFen: Number(p.budget_fen) - Number(p.used_fen),
});

/**
 * Takes the budget of the best promotion inside the transaction: the promotion row is locked
 * (PostgreSQL) and re-read, and the guarded UPDATE never lets used exceed budget.
 */
async function takePromotion(trx: Transaction<DB>, candidates: PromotionTerms[], subtotalFen: number): Promise<{ id: string; discountFen: number } | null> {
  const best = bestPromotion(subtotalFen, candidates);
  if (!best) return null;
  const fresh = await forUpdate(trx, trx.selectFrom('promotions').selectAll().where('id', '=', best.promotion.id)).executeTakeFirstOrThrow();
  const discountFen = promotionDiscount(subtotalFen, termsOf(fresh));
  if (discountFen <= 0) return null;
  const result = await trx
    .updateTable('promotions')
    .set((eb) => ({ used_fen: eb('used_fen', '+', discountFen) }))
    .where('id', '=', fresh.id)
    .where((eb) => eb(eb('used_fen', '+', discountFen), '<=', eb.ref('budget_fen')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { id: fresh.id, discountFen } : null;
}

/**
 * POST /orders: a submitted purchase order priced from the dealer's tier price list in force
 * today, with the best promotion, credit-checked under the dealer row lock. The response is built
 * from what was written (no read-back), so an idempotent replay returns exactly it.
 */
export async function createOrder(ctx: ServiceContext, body: CreateOrderBody, key?: string): Promise<Outcome<Order>> {
  assertActsFor(ctx, body.dealerId);
  const products = await resolveSkus(ctx.db, body.lines);
  const today = businessDate(ctx.clock.now());
  return idempotent(ctx, { key, scope: 'orders.create', body }, 201, async (trx) => {
    const dealer = await lockDealer(trx, ctx, body.dealerId, { trading: true });
    const prices = await repo.tierPrices(trx, dealer.tier, [...products.values()], today);
    const promotions = (await repo.promotionsInForce(trx, dealer.tier, today)).map(termsOf);
    const now = ctx.clock.now().toISOString();
    const lines = body.lines.map((l, i) => {
      const product = products.get(l.sku)!;
      return { lineNo: i + 1, productId: product.id, sku: l.sku, productName: product.name, quantity: l.quantity, unitPriceFen: prices.get(product.id)! };
    });
    const promotion = await takePromotion(trx, promotions, priceOrder(lines, 0).subtotalFen);
    const priced = priceOrder(lines, promotion?.discountFen ?? 0);
    const credit = await checkCredit(trx, ctx.caller, dealer, priced.totalFen, today, { override: body.creditOverride });
    const order: OrdersTable = {
      id: newId('ord'),
      number: await nextDocNumber(trx, 'PO', today),
      dealer_id: dealer.id,
      supplier_dealer_id: dealer.level === 2 ? dealer.parent_dealer_id : null,
      status: 'submitted',
      order_date: today,
      subtotal_fen: priced.subtotalFen,
      discount_fen: priced.discountFen,
      total_fen: priced.totalFen,
      promotion_id: promotion?.id ?? null,
      credit_override_reason: credit.overridden ? body.creditOverride!.reason : null,
      note: body.note ?? null,
      created_by: ctx.caller.name,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('orders').values(order).execute();
    await trx
      .insertInto('order_lines')
      .values(
        priced.lines.map((l) => ({
          order_id: order.id,
          line_no: l.lineNo,
          product_id: l.productId,
          quantity: l.quantity,
          unit_price_fen: l.unitPriceFen,
          discount_fen: l.discountFen,
          amount_fen: l.amountFen,
        })),
      )
      .execute();
    await trx
      .insertInto('order_events')
      .values({ id: newId('oev'), order_id: order.id, from_status: null, to_status: 'submitted', reason: body.note ?? null, actor_name: ctx.caller.name, at: now })
      .execute();
    const outLines = priced.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, amountFen: l.amountFen }));
    await appendAudit(trx, ctx, {
      action: 'order.create',
      entityType: 'order',
      entityId: order.id,
      change: {
        number: order.number,
        dealerId: dealer.id,
        lines: outLines,
        subtotalFen: priced.subtotalFen,
        discountFen: priced.discountFen,
        totalFen: priced.totalFen,
        promotionId: order.promotion_id,
        ...(credit.overridden ? { creditOverride: { reason: body.creditOverride!.reason, shortfallFen: credit.shortfallFen, creditHold: credit.onHold } } : {}),
      },
    });
    // The response from what was just written (no read-back).
    return {
      ...toSummary({ ...order, dealer_code: dealer.code, dealer_name: dealer.name, shipped_fen: 0 }),
      lines: priced.lines.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        productName: l.productName,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        discountFen: l.discountFen,
        amountFen: l.amountFen,
        shippedQuantity: 0,
        returnedQuantity: 0,
      })),
    };
  });
}
