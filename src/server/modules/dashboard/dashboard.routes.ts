import { DashboardSummary } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { dashboardSummary } from './dashboard.service.js';

export default async function dashboardRoutes(app: App, deps: AppDeps) {
  app.get('/v1/dashboard/summary', { config: { access: { permission: 'dashboard.read' } }, schema: { tags: ['dashboard'], response: { 200: DashboardSummary } } }, async (request) =>
    dashboardSummary(ctxOf(deps, request)),
  );
}
