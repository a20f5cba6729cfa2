// The one error vocabulary of Qudao. The server maps each code to an HTTP status in one
// exhaustive switch (src/server/core/errors.ts); the web app shows a translated message per code.
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'CREDIT_LIMIT_EXCEEDED',
  'INSUFFICIENT_POINTS',
  'OUT_OF_STOCK',
  'BUSINESS_RULE',
  'WEAK_PASSWORD',
  'ACCOUNT_LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error response (RFC 9457 problem+json plus our code and field errors). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}
