import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, FieldError, Problem } from '../../shared/errors.js';

/** A domain error: services throw these; the one handler below turns them into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found`);
export const forbidden = (detail = 'You are not allowed to do this') => new AppError('FORBIDDEN', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new AppError('CONFLICT', detail, undefined, extra);
export const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path.replace(/^\//, '')} ${message}`, [{ path, message }]);
export const invalidMany = (errors: FieldError[]) => new AppError('VALIDATION_FAILED', errors.map((e) => `${e.path.replace(/^\//, '') || 'body'} ${e.message}`).join('; '), errors);

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'WEAK_PASSWORD':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_TRANSITION':
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'CREDIT_LIMIT_EXCEEDED':
    case 'INSUFFICIENT_POINTS':
    case 'OUT_OF_STOCK':
    case 'BUSINESS_RULE':
      return 422;
    case 'ACCOUNT_LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'UNAVAILABLE':
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

const TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  INVALID_TRANSITION: 'Invalid transition',
  CONFLICT: 'Conflict',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused',
  CREDIT_LIMIT_EXCEEDED: 'Credit limit exceeded',
  INSUFFICIENT_POINTS: 'Insufficient points',
  OUT_OF_STOCK: 'Out of stock',
  BUSINESS_RULE: 'Business rule violated',
  WEAK_PASSWORD: 'Password too weak',
  ACCOUNT_LOCKED: 'Account locked',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Service unavailable',
};

export function problemOf(error: AppError): Problem {
  const status = statusOf(error.code);
  return {
    type: `https://qudao.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[error.code],
    status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extra,
  };
}

interface AjvError {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv errors into our field errors: the path names the field, unknown fields included. */
export function fieldErrorsFromValidation(validation: AjvError[], context: string | undefined): FieldError[] {
  const prefix = context && context !== 'body' ? `/${context}` : '';
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of validation) {
    let path = `${prefix}${e.instancePath ?? ''}`;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties' && e.params?.additionalProperty) {
      path = `${path}/${String(e.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (e.keyword === 'required' && e.params?.missingProperty) {
      path = `${path}/${String(e.params.missingProperty)}`;
      message = 'is required';
    }
    // anyOf/union branches repeat themselves; keep one message per path.
    if (e.keyword === 'anyOf') message = 'does not match any allowed form';
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path || '/', message });
  }
  return out;
}

function toAppError(error: FastifyError & { validation?: AjvError[]; validationContext?: string }): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const errors = fieldErrorsFromValidation(error.validation, error.validationContext);
    return invalidMany(errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'The body is not valid JSON', [{ path: '/', message: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The content type is not supported by this endpoint');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'Content-Length does not match the body');
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; try again later');
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', error.message);
  }
  return new AppError('INTERNAL', 'An unexpected error occurred; it has been logged');
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemOf(error);
  return reply.code(body.status).type('application/problem+json').send(body);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
  else request.log.info({ code: appError.code, detail: appError.detail }, 'request refused');
  return sendProblem(reply, appError);
}
