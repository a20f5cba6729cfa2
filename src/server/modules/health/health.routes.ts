import { sql } from 'kysely';
import { Health } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { AppError } from '../../core/errors.js';

export default async function healthRoutes(app: App, deps: AppDeps) {
  const body = () => ({ status: 'ok' as const, database: deps.dialect, version: deps.config.version });

  // Liveness: the process answers (a load balancer's cheap probe).
  app.get('/health', { config: { access: { public: true } }, schema: { tags: ['platform'], response: { 200: Health } } }, async () => body());

  // Readiness: the database answers too; 503 problem+json when it does not.
  app.get('/health/ready', { config: { access: { public: true } }, schema: { tags: ['platform'], response: { 200: Health } } }, async () => {
    try {
      await sql`select 1`.execute(deps.db);
    } catch {
      throw new AppError('UNAVAILABLE', 'The database does not answer');
    }
    return body();
  });
}
