// Static index: migrations are listed here in order (no directory scanning at run time).
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_jobs.js';
import * as m0003 from './0003_orders.js';
import * as m0004 from './0004_recruitment.js';
import * as m0005 from './0005_trade_settings.js';
import * as m0006 from './0006_stock_health.js';
import * as m0007 from './0007_transfers_vmi.js';
import * as m0008 from './0008_evaluation.js';
import * as m0009 from './0009_incentives.js';
import * as m0010 from './0010_service.js';
import * as m0011 from './0011_setting_versions.js';
import * as m0012 from './0012_auth_hardening.js';
import * as m0016 from './0016_stock_rules.js';
import * as m0018 from './0018_settings_documents.js';
import * as m0019 from './0019_settings_documents_stock.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_jobs': m0002,
  '0003_orders': m0003,
  '0004_recruitment': m0004,
  '0005_trade_settings': m0005,
  '0006_stock_health': m0006,
  '0007_transfers_vmi': m0007,
  '0008_evaluation': m0008,
  '0009_incentives': m0009,
  '0010_service': m0010,
  '0011_setting_versions': m0011,
  '0012_auth_hardening': m0012,
  '0016_stock_rules': m0016,
  '0018_settings_documents': m0018,
  '0019_settings_documents_stock': m0019,
};
