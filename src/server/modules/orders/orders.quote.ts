// POST /orders/quote: what an order would cost today and how much credit the dealer has, priced by
// the same rules as POST /orders but without writing anything (order entry shows it as people type).
import type { OrderQuote, OrderQuoteBody, Tier } from '../../../shared/schemas/index.js';
import type { ServiceContext } from '../../core/caller.js';

import { visibleDealerOr404 } from '../dealers/dealers.service.js';
import { creditPosition } from './credit.js';
import { assertActsFor } from './dealer-guard.js';
import * as repo from './orders.repo.js';
import { availableCredit, bestPromotion, creditShortfall, priceOrder } from './orders.rules.js';
import { businessDate } from '../../../shared/dates.js';

export async function quoteOrder(ctx: ServiceContext, body: OrderQuoteBody): Promise<OrderQuote> {
  assertActsFor(ctx, body.dealerId);
  const dealer = await visibleDealerOr404(ctx, body.dealerId);
  const today = businessDate(ctx.clock.now());
  const skus = [...new Set(body.lines.map((l) => l.sku))];
  const products = skus.length ? await ctx.db.selectFrom('products').select(['id', 'sku', 'name', 'unit', 'list_price_fen', 'active']).where('sku', 'in', skus).execute() : [];
  const bySku = new Map(products.map((p) => [p.sku, p]));

  // A bad line does not stop the quote: it is named and left out, the others are priced.
  const problems: OrderQuote['problems'] = [];
  const seen = new Set<string>();
  const usable = body.lines.flatMap((line, index) => {
    const product = bySku.get(line.sku);
    let message: string | null = null;
    if (!product) message = 'is not a known SKU';
    else if (product.active !== 1) message = 'is not an active product';
    else if (seen.has(line.sku)) message = 'is listed twice';
    seen.add(line.sku);
    if (message || !product) {
      problems.push({ index, sku: line.sku, message: message! });
      return [];
    }
    return [{ ...line, product }];
  });

  const prices = await repo.tierPrices(
    ctx.db,
    dealer.tier,
    usable.map((u) => u.product),
    today,
  );
  const lines = usable.map((u) => ({ sku: u.sku, productName: u.product.name, unit: u.product.unit, quantity: u.quantity, unitPriceFen: prices.get(u.product.id)! }));
  const gross = priceOrder(lines, 0).subtotalFen;
  const promotions = await repo.promotionsInForce(ctx.db, dealer.tier, today);
  const best = bestPromotion(
    gross,
    promotions.map((p) => ({
      id: p.id,
      thresholdFen: Number(p.threshold_fen),
      discountFen: p.discount_fen === null ? null : Number(p.discount_fen),
      discountRateBp: p.discount_rate_bp,
      remainingFen: Number(p.budget_fen) - Number(p.used_fen),
    })),
  );
  const priced = priceOrder(lines, best?.discountFen ?? 0);
  const position = await creditPosition(ctx.db, dealer, today);
  return {
    dealerId: dealer.id,
    tier: dealer.tier as Tier,
    lines: priced.lines.map((l) => ({ sku: l.sku, productName: l.productName, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, amountFen: l.amountFen })),
    subtotalFen: priced.subtotalFen,
    discountFen: priced.discountFen,
    totalFen: priced.totalFen,
    promotion: best ? { id: best.promotion.id, name: promotions.find((p) => p.id === best.promotion.id)!.name, discountFen: best.discountFen } : null,
    problems,
    credit: {
      creditLimitFen: position.creditLimitFen,
      openReceivablesFen: position.openReceivablesFen,
      openOrdersFen: position.openOrdersFen,
      // The same sum the credit check uses: the order fits when totalFen <= availableCreditFen.
      availableCreditFen: availableCredit(position),
      shortfallFen: creditShortfall({ ...position, thisOrderFen: priced.totalFen }),
      creditHold: position.onHold,
      oldestDaysPastDue: position.oldestDaysPastDue,
      creditHoldDays: position.holdDays,
    },
  };
}
