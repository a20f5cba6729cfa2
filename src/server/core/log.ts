// What the request log may show. Customer confirmation links carry one-time tokens in their
// query string (modules/tickets), and any client may put a key or password in a URL; logs are
// read by more people and kept longer than the database, so secrets are cut out before writing.
import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose value is a secret, judged on the lower-cased name without separators:
 * any name containing one of the words, or exactly one of the short names (so `parentCode` or
 * `sortKey` stay readable while `code` and `key` are cut).
 */
const SECRET_WORD = /token|secret|password|passwd|passphrase|signature|credential|apikey|accesskey|session/;
const SECRET_NAME = new Set(['key', 'code', 'sig', 'pwd', 'pass', 'otp', 'auth', 'pin']);
const isSecretParam = (name: string) => {
  const n = name.toLowerCase().replace(/[^a-z]/g, '');
  return SECRET_WORD.test(n) || SECRET_NAME.has(n);
};

export const REDACTED = '[REDACTED]';

/** The URL with the value of every secret-looking query parameter replaced; the path is kept. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape is still judged on its raw text
      }
      return eq >= 0 && isSecretParam(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** Headers that carry credentials, censored wherever a request or response is logged. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
];

/** Fastify's request serializer with the URL redacted; headers and bodies are never logged. */
export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
