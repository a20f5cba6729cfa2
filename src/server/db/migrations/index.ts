// Static index: migrations are listed here in order (no directory scanning at run time).
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_jobs.js';
import * as m0003 from './0003_orders.js';
import * as m0004 from './0004_recruitment.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_jobs': m0002,
  '0003_orders': m0003,
  '0004_recruitment': m0004,
};
