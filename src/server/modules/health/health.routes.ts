import { Health } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';

export default async function healthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/health',
    { config: { access: { public: true } }, schema: { tags: ['platform'], response: { 200: Health } } },
    async () => ({ status: 'ok' as const, database: deps.dialect, version: deps.config.version }),
  );
}
