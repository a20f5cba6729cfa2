import type { Transaction } from 'kysely';
import { isDealerRole } from '../../../shared/permissions.js';
import type { DB, DealersTable } from '../../db/types.js';
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf, visibleDealer } from '../../core/access.js';
import { AppError, forbidden, notFound } from '../../core/errors.js';
import { forUpdate } from '../../core/locks.js';
import { findOrder } from './orders.repo.js';
import { TRADING_STATUSES } from '../../../shared/dealer-lifecycle.js';

/**
 * Dealer users act (order, report sell-out, count stock) for their own dealer only; anyone else
 * acts within their scope. Another dealer's id is refused without saying whether it exists.
 */
export function assertActsFor(ctx: ServiceContext, dealerId: string): void {
  if (isDealerRole(ctx.caller.role) && ctx.caller.dealerId !== dealerId) throw forbidden('Dealer users act for their own dealer only');
}

/**
 * The dealer row inside a write transaction, locked on PostgreSQL (FOR UPDATE) so read-check-write
 * rules on its credit, ledger and stock run one at a time per dealer; 404 outside the scope.
 */
export async function lockDealer(trx: Transaction<DB>, ctx: ServiceContext, dealerId: string, options: { trading?: boolean } = {}) {
  const row = await forUpdate(
    trx,
    trx
      .selectFrom('dealers')
      .selectAll()
      .where('id', '=', dealerId)
      .where(visibleDealer(dealerScopeOf(ctx.caller), 'dealers.id')),
  ).executeTakeFirst();
  if (!row) throw notFound(`Dealer ${dealerId}`);
  if (options.trading) assertTrading(row);
  return row;
}

export function assertTrading(dealer: Pick<DealersTable, 'code' | 'status'>) {
  if (!(TRADING_STATUSES as readonly string[]).includes(dealer.status)) {
    throw new AppError('BUSINESS_RULE', `Dealer ${dealer.code} is ${dealer.status} and cannot trade`, undefined, { dealerStatus: dealer.status });
  }
}

/**
 * An order the caller may see (404 otherwise) with its dealer row locked, read again after the
 * lock so its status and quantities are the latest committed ones.
 */
export async function lockOrder(trx: Transaction<DB>, ctx: ServiceContext, orderId: string) {
  const scope = dealerScopeOf(ctx.caller);
  const first = await findOrder(trx, scope, orderId);
  if (!first) throw notFound(`Order ${orderId}`);
  const dealer = await lockDealer(trx, ctx, first.dealer_id);
  const order = (await findOrder(trx, scope, orderId))!;
  return { order, dealer };
}
