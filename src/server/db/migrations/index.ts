// Static index: migrations are listed here in order (no directory scanning at run time).
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
