import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Permission } from '../../shared/permissions.js';
import type { Database, Dialect } from '../db/database.js';
import type { Config } from '../config.js';
import type { Caller, ServiceContext } from './caller.js';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';
import { requirePermission } from './access.js';

/**
 * Every route declares who may call it. `dealerParam` names the path parameter that holds a
 * dealer id (or an id of a dealer-owned object), so the generated access tests can try it with
 * the caller's own dealer and with another dealer.
 */
export type RouteAccess = { public: true; permission?: undefined } | { permission: Permission; dealerParam?: string; public?: undefined };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export interface AppDeps {
  db: Database;
  dialect: Dialect;
  clock: Clock;
  config: Config;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** The service context of an authenticated request (the access hook has already checked it). */
export function ctxOf(deps: AppDeps, request: FastifyRequest): ServiceContext {
  if (!request.caller) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key');
  return { db: deps.db, clock: deps.clock, caller: request.caller, requestId: String(request.id) };
}

/** Runs before every handler: public routes pass; others need a caller holding the permission. */
export function checkAccess(access: RouteAccess | undefined, caller: Caller | null, url: string): void {
  if (!access) throw new AppError('FORBIDDEN', `Route ${url} declares no access rule`);
  if (access.public) return;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key');
  requirePermission(caller, access.permission);
}
