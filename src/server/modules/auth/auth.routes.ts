import { LoginBody, Me } from '../../../shared/schemas/index.js';
import { NoContent } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { AppError } from '../../core/errors.js';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../core/auth.js';
import { findUserById } from '../users/users.service.js';
import { login, logout, meOf } from './auth.service.js';

export default async function authRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Me } },
    },
    async (request, reply) => {
      let result;
      try {
        result = await login(deps, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: String(request.id),
        });
      } catch (error) {
        // A throttled attempt tells the client when to come back (RFC 9110 Retry-After).
        if (error instanceof AppError && typeof error.extra.retryAfterSeconds === 'number') reply.header('retry-after', String(error.extra.retryAfterSeconds));
        throw error;
      }
      setSessionCookie(reply, result.token, deps.config.secureCookies, result.sessionHours);
      return meOf(result.caller, request.body.username);
    },
  );

  app.post('/v1/auth/logout', { config: { access: { public: true } }, schema: { tags: ['auth'], response: { 204: NoContent } } }, async (request, reply) => {
    await logout(deps, request.cookies[SESSION_COOKIE], request.caller, String(request.id));
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/v1/auth/me', { config: { access: { permission: 'dashboard.read' } }, schema: { tags: ['auth'], response: { 200: Me } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    if (ctx.caller.kind === 'apiKey') return meOf(ctx.caller, ctx.caller.name);
    const user = await findUserById(deps.db, ctx.caller.id ?? '');
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again');
    return meOf(ctx.caller, user.username);
  });
}
