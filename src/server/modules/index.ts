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

export const modules: ((app: App, deps: AppDeps) => Promise<void>)[] = [
  health, auth, users, apiKeys, regions, dealers, products, priceLists, audit, dashboard,
];
