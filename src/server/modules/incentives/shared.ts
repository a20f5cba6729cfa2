// Small helpers the incentive modules share.
import type { ServiceContext } from '../../core/caller.js';

import { utcDate } from '../../../shared/dates.js';
import {} from '../../../shared/dealer-lifecycle.js';

export { invalid, invalidMany, notFound, conflict } from '../../core/errors.js';

export const isoNowDate = (ctx: Pick<ServiceContext, 'clock'>) => utcDate(ctx.clock.now());

/** Dealers that take part in incentives (trading or winding down). */
