// Small helpers the incentive modules share.
import type { ServiceContext } from '../../core/caller.js';
import { businessDate } from '../../../shared/dates.js';

export { invalid, invalidMany, notFound, conflict } from '../../core/errors.js';

export const isoNowDate = (ctx: Pick<ServiceContext, 'clock'>) => businessDate(ctx.clock.now());
