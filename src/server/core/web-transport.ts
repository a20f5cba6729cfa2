import { createHash } from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { App } from './http.js';

/**
 * How responses travel (docs/decisions.md, "Compression and caching of what the server sends"):
 * the web app's files are compressed once at build time (vite.config.ts writes `.br`/`.gz` beside
 * them) and served as they are; only API responses are compressed per request, cheaply.
 */

/** Media types worth compressing per request: text, JSON, XML. Never octet-stream or the binary exports. */
const COMPRESSIBLE_TYPES = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)/;

/** The API's paths (a route's or a request's URL); everything else is the web app. */
export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * GET routes whose bodies rarely change, answered with a weak ETag so a browser revalidates and
 * gets a 304 instead of the body again. The tag hashes the exact body this caller would receive,
 * so it can only match when the body is the same; `private` keeps shared caches out.
 */
export const ETAG_ROUTES = new Set(['/api/v1/regions', '/api/v1/regions/:code', '/api/v1/products', '/api/v1/products/categories', '/api/v1/products/:id']);

function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match lists tags (weak comparison, RFC 9110 13.1.2) or is `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.slice(2);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === opaque || tag === `W/${opaque}`;
  });
}

const etagOnSend: onSendHookHandler = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
  if (request.method !== 'GET' || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
  if (!/^application\/json(?:;|$)/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  const etag = weakEtag(payload);
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return payload;
  reply.code(304).removeHeader('content-type').removeHeader('content-length');
  return null;
};

/**
 * Registers on-the-fly compression for the API and the ETags above. Call it before any route is
 * registered: both work through the onRoute hook, and this hook runs before @fastify/compress's,
 * so non-API routes are marked `compress: false` before the plugin looks, and an ETag is taken
 * from the uncompressed body.
 */
export async function registerApiTransport(app: App): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (!isApiUrl(route.url)) {
      route.compress = false;
      return;
    }
    if (ETAG_ROUTES.has(route.url)) route.onSend = [...[route.onSend ?? []].flat(), etagOnSend];
  });
  await app.register(compress, {
    global: true,
    // Request bodies stay as they come: a compressed upload is refused, not inflated past the body limit.
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE_TYPES,
    // Quality 4, not 11: this runs per response; 4 is about as small as gzip 6 at ~1/40 of 11's CPU.
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } },
    zlibOptions: { level: 6 },
  });
}

/**
 * Cache rules of the web app's files, for @fastify/static's `setHeaders` (it passes the path it
 * sends, `.br`/`.gz` included): Vite's content-hashed files under assets/ never change, so they
 * are cached for a year; everything else (index.html, the SPA fallback, favicon) is revalidated on
 * every use, so a deploy is seen at the next load.
 */
export function webCacheHeaders(webDir: string): (reply: FastifyReply, filePath: string) => void {
  const assetsDir = path.join(path.resolve(webDir), 'assets') + path.sep;
  return (reply, filePath) => {
    const immutable = path.resolve(filePath).startsWith(assetsDir);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}
