import type { SelloutRecord, SelloutResult } from '../../../shared/schemas/index.js';
import { unstorableText } from '../../../shared/limits.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { invalid } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { idempotent, type Outcome } from '../../core/idempotency.js';
import { toPage, type PageRequest } from '../../core/list.js';
import type { Upload } from '../../core/uploads.js';
import { insertMovements } from '../inventory/inventory.service.js';
import { assertActsFor, lockDealer } from '../orders/dealer-guard.js';
import { productsBySku } from '../orders/orders.service.js';
import { businessDate } from '../../../shared/dates.js';
import * as repo from './sellout.repo.js';
import { readSelloutFile } from './sellout.parse.js';
import { checkLine, type GoodLine, type RawLine, type Rejection } from './sellout.rules.js';
// Other modules use these queries through this service, never the repo (docs/decisions.md, "Module boundaries").
export { insertSellout } from './sellout.repo.js';

export type SelloutSource = 'api' | 'upload';

/**
 * Records dealer sales to its customers: every line is checked on its own; good lines are kept
 * (sell-out rows and stock movements out), bad ones come back named by index (and file row).
 */
async function report(ctx: ServiceContext, dealerId: string, lines: RawLine[], source: SelloutSource, idem: { key?: string; body: unknown }): Promise<Outcome<SelloutResult>> {
  assertActsFor(ctx, dealerId);
  const skus = [...new Set(lines.map((l) => (typeof l.sku === 'string' ? l.sku.trim() : '')).filter((s) => s && !unstorableText(s)))]; // a NUL would fail the lookup on PostgreSQL
  const products = new Map((await productsBySku(ctx.db, skus)).map((p) => [p.sku, p]));
  const today = businessDate(ctx.clock.now());
  const good: GoodLine[] = [];
  const rejected: Rejection[] = [];
  lines.forEach((line, i) => {
    const result = checkLine(line, i, products, today);
    if ('ok' in result) good.push(result.ok);
    else rejected.push(result.rejected);
  });
  return idempotent(ctx, { key: idem.key, scope: `sellout.${source}`, body: idem.body }, 200, async (trx) => {
    await lockDealer(trx, ctx, dealerId, { trading: true });
    const now = ctx.clock.now().toISOString();
    const ids = await repo.insertSellout(
      trx,
      good.map((g) => ({ dealer_id: dealerId, sold_on: g.date, product_id: g.productId, quantity: g.quantity, amount_fen: g.amountFen, customer_ref: g.customerRef, source, order_id: null })),
      now,
    );
    // A sale leaves stock on its business date (so snapshots taken later that day include it).
    await insertMovements(
      trx,
      good.map((g, k) => ({ dealer_id: dealerId, product_id: g.productId, quantity: -g.quantity, kind: 'sellout', ref_type: 'sellout', ref_id: ids[k], moved_at: `${g.date}T00:00:00.000Z` })),
      now,
    );
    await appendAudit(trx, ctx, {
      action: 'sellout.report',
      entityType: 'dealer',
      entityId: dealerId,
      change: {
        source,
        accepted: good.length,
        rejected: rejected.length,
        quantity: good.reduce((s, g) => s + g.quantity, 0),
        amountFen: good.reduce((s, g) => s + g.amountFen, 0),
      },
    });
    return { accepted: good.length, rejected };
  });
}

export const reportSellout = (ctx: ServiceContext, body: { dealerId: string; lines: RawLine[] }, key?: string) => report(ctx, body.dealerId, body.lines, 'api', { key, body });

/** A CSV or XLSX file of sell-out lines; dealer users may leave out dealerId (their own dealer). */
export async function uploadSellout(ctx: ServiceContext, dealerId: string | undefined, file: Upload, key?: string) {
  const target = dealerId ?? ctx.caller.dealerId;
  if (!target) throw invalid('/querystring/dealerId', 'is required');
  const lines = await readSelloutFile(file);
  return report(ctx, target, lines, 'upload', { key, body: { dealerId: target, file: file.sha256 } });
}

export async function listSellout(ctx: ServiceContext, filter: repo.SelloutFilter, page: PageRequest) {
  const rows = await repo.listSellout(ctx.db, dealerScopeOf(ctx.caller), filter, page);
  return toPage(
    rows,
    page.limit,
    (r) => r.id,
    (r): SelloutRecord => ({
      id: r.id,
      dealerId: r.dealer_id,
      dealerCode: r.dealer_code,
      dealerName: r.dealer_name,
      date: r.sold_on,
      sku: r.sku,
      productName: r.name,
      quantity: r.quantity,
      amountFen: Number(r.amount_fen),
      customerRef: r.customer_ref,
      source: r.source as SelloutRecord['source'],
      orderId: r.order_id,
      createdAt: r.created_at,
    }),
  );
}
