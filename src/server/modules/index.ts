// The explicit module list: buildApp registers exactly these, in this order.
import type { App, AppDeps } from '../core/http.js';
import health from './health/health.routes.js';
import auth from './auth/auth.routes.js';
import users from './users/users.routes.js';
import apiKeys from './api-keys/api-keys.routes.js';
import regions from './regions/regions.routes.js';
import dealers from './dealers/dealers.routes.js';
import products from './products/products.routes.js';
import priceLists from './price-lists/price-lists.routes.js';
import audit from './audit/audit.routes.js';
import dashboard from './dashboard/dashboard.routes.js';
import imports from './imports/imports.routes.js';
import prospects from './prospects/prospects.routes.js';
import screening from './screening/screening.routes.js';
import dueDiligence from './due-diligence/due-diligence.routes.js';
import analysis from './analysis/analysis.routes.js';
import orders from './orders/orders.routes.js';
import receivables from './receivables/receivables.routes.js';
import sellout from './sellout/sellout.routes.js';
import inventory from './inventory/inventory.routes.js';
import forecast from './forecast/forecast.routes.js';
import stockHealth from './stock-health/stock-health.routes.js';
import transfers from './transfers/transfers.routes.js';
import vmi from './vmi/vmi.routes.js';
import tickets from './tickets/tickets.routes.js';
import knowledge from './knowledge/knowledge.routes.js';
import serviceReports from './service-reports/service-reports.routes.js';
import relations from './relations/relations.routes.js';
import incentives from './incentives/incentives.routes.js';
import rebates from './rebates/rebates.routes.js';
import points from './points/points.routes.js';
import evaluation from './evaluation/evaluation.routes.js';
import warnings from './warnings/warnings.routes.js';
import terminations from './terminations/terminations.routes.js';
import settings from './settings/settings.routes.js';

export const modules: ((app: App, deps: AppDeps) => Promise<void>)[] = [
  health,
  auth,
  users,
  apiKeys,
  regions,
  dealers,
  products,
  priceLists,
  audit,
  dashboard,
  imports,
  prospects,
  screening,
  dueDiligence,
  analysis,
  orders,
  receivables,
  sellout,
  inventory,
  forecast,
  stockHealth,
  transfers,
  vmi,
  tickets,
  knowledge,
  serviceReports,
  relations,
  incentives,
  rebates,
  points,
  evaluation,
  warnings,
  terminations,
  settings,
];
