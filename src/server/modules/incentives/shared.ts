// Small helpers the incentive modules share.
import type { ServiceContext } from '../../core/caller.js';
import { dealerScopeOf } from '../../core/access.js';
import { notFound } from '../../core/errors.js';
import { findDealer } from '../dealers/dealers.service.js';
import { utcDate } from '../../../shared/dates.js';
import {  } from '../../../shared/dealer-lifecycle.js';

export { invalid, invalidMany, notFound, conflict } from '../../core/errors.js';

export const isoNowDate = (ctx: Pick<ServiceContext, 'clock'>) => utcDate(ctx.clock.now());

/** A dealer the caller may see, or 404 (existence is not leaked). */
export async function visibleDealerRow(ctx: ServiceContext, dealerId: string) {
  const dealer = await findDealer(ctx.db, dealerScopeOf(ctx.caller), dealerId);
  if (!dealer) throw notFound(`Dealer ${dealerId}`);
  return dealer;
}

/** Dealers that take part in incentives (trading or winding down). */
