import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyContextConfig, type FastifySchema } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES } from '../shared/limits.js';
import type { Config } from './config.js';
import { openDatabase, type OpenedDatabase } from './db/database.js';
import { systemClock, type Clock } from './core/clock.js';
import { AppError, errorHandler, sendProblem } from './core/errors.js';
import { frameworkErrors, rejectUnstorableText, validatorCompiler } from './core/validation.js';
import { resolveCaller } from './core/auth.js';
import { logSerializers, REDACTED_LOG_PATHS } from './core/log.js';
import { checkAccess, type App, type AppDeps } from './core/http.js';
import { isApiUrl, registerApiTransport, webCacheHeaders } from './core/web-transport.js';
import { modules } from './modules/index.js';

/** One registered route (one entry per method), as the generated access and input tests walk them. */
export interface RegisteredRoute {
  method: string;
  url: string;
  config: FastifyContextConfig;
  schema?: FastifySchema;
  /** The route's own body limit, when it differs from the app's. */
  bodyLimit?: number;
}

export interface BuiltApp {
  app: App;
  deps: AppDeps;
  database: OpenedDatabase;
  /** Every route of the app, recorded as it registered. */
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

export interface BuildOptions {
  clock?: Clock;
  database?: OpenedDatabase;
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it to prove secrets are redacted). */
  logStream?: NodeJS.WritableStream;
  /** Serve dist/web when it exists (off in API tests). */
  serveWeb?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The scheme, host and port of a URL (`https://a.example:8443`), default ports dropped; `null`
 * (sandboxed frames, privacy redirects) or garbage is no origin. Comparing whole origins matters:
 * http://host and https://host are different sites, and a page on the plain-HTTP one (or a
 * network attacker injecting into it) must not drive the HTTPS app.
 */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BuiltApp> {
  const database = options.database ?? openDatabase(config.databaseUrl);
  const deps: AppDeps = { db: database.db, dialect: database.dialect, clock: options.clock ?? systemClock, config };

  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: REDACTED_LOG_PATHS, serializers: logSerializers, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Malformed HTTP (bad URL encoding, broken headers) still gets a problem+json answer.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({ type: 'https://qudao.dev/problems/validation-failed', title: 'Bad request', status: 400, detail: 'The HTTP request is malformed', code: 'VALIDATION_FAILED' });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Recorded before anything registers, so plugin and module routes are all seen.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, config: (route.config ?? {}) as FastifyContextConfig, schema: route.schema, bodyLimit: route.bodyLimit });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('caller', null);

  // Before any route: it decides per route (onRoute) what is compressed on the fly.
  await registerApiTransport(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Qudao API', description: 'Dealer management system (渠道)', version: config.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'qudao_sid' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Who is calling, and may they call this route at all. Scope (which dealers) is decided later
  // by the services through core/access.ts.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    const url = request.routeOptions.url ?? request.url;
    if (url.startsWith('/api/docs') || url === '/api/openapi.json' || !request.routeOptions.url) return;
    // The web app's static files are public; every API route must declare its access rule.
    if (!access && !url.startsWith('/api/')) return;
    request.caller = await resolveCaller(deps.db, deps.clock, request);
    // Cookies travel with cross-site requests; a state change must come from our own origin.
    if (!SAFE_METHODS.has(request.method) && request.caller?.kind === 'user') {
      const origin = request.headers.origin;
      // Served over HTTPS when Secure cookies are on (config.ts), even behind a TLS proxy whose
      // X-Forwarded-Proto is not trusted; otherwise the connection's own scheme.
      const scheme = config.secureCookies || request.protocol === 'https' ? 'https' : 'http';
      if (origin && originOf(origin) !== originOf(`${scheme}://${request.headers.host ?? ''}`)) {
        throw new AppError('FORBIDDEN', 'Cross-site requests may not change data');
      }
    }
    checkAccess(access, request.caller, url);
  });
  // After the access check, so an anonymous caller learns nothing about validation first.
  app.addHook('preValidation', rejectUnstorableText);

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  for (const register of modules) {
    await app.register(async (scope) => register(scope as App, deps), { prefix: '/api' });
  }

  const webDir = config.webDir;
  const serveWeb = options.serveWeb !== false && existsSync(path.join(webDir, 'index.html'));
  if (serveWeb) {
    // Serves the `.br`/`.gz` siblings the build wrote when the browser accepts them.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'], preCompressed: true, setHeaders: webCacheHeaders(webDir) });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // A missing hashed asset (a tab opened before a deploy asking for a chunk that is gone) is a
    // 404, not index.html: the app's chunk loader then fails cleanly instead of parsing HTML.
    const isAsset = request.url.startsWith('/assets/');
    if (!isApiUrl(request.url) && !isAsset && serveWeb && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });

  await app.ready();
  return {
    app,
    deps,
    database,
    routes,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
