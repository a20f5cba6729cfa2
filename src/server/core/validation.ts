import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../../shared/errors.js';
import { UNSTORABLE_TEXT, unstorableText } from '../../shared/limits.js';
import { errorHandler, invalid, invalidMany } from './errors.js';

// Bodies are validated strictly: wrong types and unknown fields are errors, never coerced or
// silently dropped. Query strings and path params are text by nature, so they are coerced.
const common = {
  allErrors: true,
  strict: false,
  removeAdditional: false,
  useDefaults: true,
} as const;
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
addFormats(bodyAjv);
addFormats(textAjv);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<any>>;
};

// ---- text PostgreSQL cannot store ------------------------------------------------------------
// A NUL or an unpaired surrogate reaching a PostgreSQL query (a lookup as much as an insert)
// fails the statement, which would surface as a 500; SQLite stores both. So every request is
// checked here, above the database, the same way on both dialects (rule in src/shared/limits.ts).
const UNSTORABLE = new RegExp(UNSTORABLE_TEXT.source, 'gu');
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const MAX_DEPTH = 64;

/** Field errors for every string (and object key) under `value`, named by JSON pointer from `path`. */
export function unstorableFields(value: unknown, path: string, out: FieldError[] = [], depth = 0): FieldError[] {
  if (typeof value === 'string') {
    const message = unstorableText(value);
    if (message) out.push({ path: path || '/', message });
  } else if (Array.isArray(value)) {
    if (depth < MAX_DEPTH) value.forEach((item, i) => unstorableFields(item, `${path}/${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, item] of Object.entries(value)) {
      const keyMessage = unstorableText(key);
      if (keyMessage)
        out.push({
          path: `${path}/${pointer(key.replace(UNSTORABLE, '?'))}`,
          message: `field name ${keyMessage}`,
        });
      else unstorableFields(item, `${path}/${pointer(key)}`, out, depth + 1);
    }
  }
  return out;
}

interface MultipartPart {
  fieldname?: string;
  filename?: string;
  fields?: Record<string, unknown>;
}

/** The file name and the plain fields of a multipart part (file content is binary and not checked). */
function unstorablePartFields(part: MultipartPart): FieldError[] {
  const out: FieldError[] = [];
  const field = part.fieldname && !unstorableText(part.fieldname) ? part.fieldname : 'file';
  const filenameMessage = typeof part.filename === 'string' ? unstorableText(part.filename) : undefined;
  if (filenameMessage)
    out.push({
      path: `/${pointer(field)}`,
      message: `file name ${filenameMessage}`,
    });
  for (const [name, entry] of Object.entries(part.fields ?? {})) {
    for (const f of [entry].flat() as MultipartPart[]) {
      if (f === part || !f || typeof f !== 'object') continue;
      const v = (f as { value?: unknown }).value;
      if (typeof v === 'string' && unstorableText(v))
        out.push({
          path: `/${pointer(name.replace(UNSTORABLE, '?'))}`,
          message: unstorableText(v)!,
        });
      if (typeof f.filename === 'string' && unstorableText(f.filename))
        out.push({
          path: `/${pointer(name.replace(UNSTORABLE, '?'))}`,
          message: `file name ${unstorableText(f.filename)}`,
        });
    }
  }
  return out;
}

/**
 * preValidation hook (app.ts registers it after the access check): refuses NUL and unpaired
 * surrogates in the body, the query string, path parameters and headers of every request with a
 * 400 naming the field, whether or not the route declares a schema for that part. Multipart
 * bodies are read lazily by the route (`request.file()`), so that call is wrapped to check the
 * file name and the fields read with it.
 */
export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    for (const v of [value].flat())
      if (typeof v === 'string' && unstorableText(v))
        errors.push({
          path: `/headers/${pointer(name)}`,
          message: unstorableText(v)!,
        });
  }
  unstorableFields(request.params, '/params', errors);
  unstorableFields(request.query, '/querystring', errors);
  unstorableFields(request.body, '', errors);
  if (errors.length) throw invalidMany(errors);
  if (typeof request.isMultipart === 'function' && request.isMultipart()) {
    const readFile = request.file.bind(request);
    request.file = (async (...args: Parameters<typeof readFile>) => {
      const part = await readFile(...args);
      const partErrors = part ? unstorablePartFields(part as unknown as MultipartPart) : [];
      if (partErrors.length) throw invalidMany(partErrors);
      return part;
    }) as typeof request.file;
  }
}

/**
 * Fastify's `frameworkErrors`: the router refuses a path whose percent-encoding is not UTF-8 (an
 * encoded lone surrogate, say) before any hook runs; it still answers problem+json.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') errorHandler(invalid('/params', 'is not valid percent-encoded UTF-8') as unknown as FastifyError, request, reply);
  else errorHandler(error, request, reply);
}
