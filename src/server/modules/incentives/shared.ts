// Small helpers the incentive modules share.
import type { ServiceContext } from '../../core/caller.js';
import { utcDate } from '../../../shared/dates.js';

export { invalid, invalidMany, notFound, conflict } from '../../core/errors.js';

export const isoNowDate = (ctx: Pick<ServiceContext, 'clock'>) => utcDate(ctx.clock.now());
