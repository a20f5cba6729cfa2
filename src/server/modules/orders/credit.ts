import type { Database } from '../../db/database.js';
import type { DealersTable } from '../../db/types.js';
import type { Caller } from '../../core/caller.js';
import { AppError } from '../../core/errors.js';
import { can } from '../../../shared/permissions.js';
import { readSetting } from '../../core/settings.js';
import { creditExposure } from './orders.repo.js';
import { creditShortfall } from './orders.rules.js';
import { daysBetween } from '../../../shared/dates.js';
import { TRADE_SETTINGS } from './orders.settings.js';

export interface CreditPosition {
  creditLimitFen: number;
  openReceivablesFen: number;
  openOrdersFen: number;
  oldestDaysPastDue: number | null;
  holdDays: number;
  onHold: boolean;
}

export async function creditPosition(db: Database, dealer: Pick<DealersTable, 'id' | 'credit_limit_fen'>, asOf: string, excludeOrderId?: string): Promise<CreditPosition> {
  const exposure = await creditExposure(db, dealer.id, excludeOrderId);
  // Read through `db`, which is the caller's transaction at submission and approval, so the hold
  // rule and the exposure come from the same snapshot.
  const holdDays = (await readSetting(db, TRADE_SETTINGS)).creditHoldOverdueDays;
  const oldestDaysPastDue = exposure.oldestDueOn ? daysBetween(exposure.oldestDueOn, asOf) : null;
  return {
    creditLimitFen: Number(dealer.credit_limit_fen),
    openReceivablesFen: exposure.balanceFen,
    openOrdersFen: exposure.openOrdersFen,
    oldestDaysPastDue,
    holdDays,
    onHold: oldestDaysPastDue !== null && oldestDaysPastDue > holdDays,
  };
}

export interface CreditDecision {
  shortfallFen: number;
  onHold: boolean;
  overridden: boolean;
}

/**
 * The credit check at submission and approval (docs/rules.md, C4). Run it inside the transaction that
 * holds the dealer row lock. An HQ admin may override with a reason; the caller audits it.
 */
export async function checkCredit(
  db: Database,
  caller: Caller,
  dealer: Pick<DealersTable, 'id' | 'code' | 'credit_limit_fen'>,
  orderFen: number,
  asOf: string,
  options: { excludeOrderId?: string; override?: { reason: string } } = {},
): Promise<CreditDecision> {
  const position = await creditPosition(db, dealer, asOf, options.excludeOrderId);
  const shortfallFen = creditShortfall({ ...position, thisOrderFen: orderFen });
  if (shortfallFen === 0 && !position.onHold) return { shortfallFen, onHold: false, overridden: false };
  if (options.override) {
    if (!can(caller.role, 'credit.override')) throw new AppError('FORBIDDEN', 'Only an HQ admin may override the credit check');
    return { shortfallFen, onHold: position.onHold, overridden: true };
  }
  if (position.onHold) {
    throw new AppError('BUSINESS_RULE', `Dealer ${dealer.code} is on credit hold: an invoice is ${position.oldestDaysPastDue} days overdue (hold after ${position.holdDays})`, undefined, {
      rule: 'CREDIT_HOLD',
      oldestDaysPastDue: position.oldestDaysPastDue,
      holdDays: position.holdDays,
    });
  }
  throw new AppError('CREDIT_LIMIT_EXCEEDED', `The order exceeds the credit limit of dealer ${dealer.code} by ${shortfallFen} fen`, undefined, {
    shortfallFen,
    creditLimitFen: position.creditLimitFen,
    openReceivablesFen: position.openReceivablesFen,
    openOrdersFen: position.openOrdersFen,
    orderFen,
  });
}
