import type { ErrorCode, FieldError, Problem } from '../../shared/errors.js';

export const API_BASE = '/api/v1';

/** An error answered by the API (problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly detail: string;
  readonly errors: FieldError[];
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>, fallback?: string) {
    super(problem.detail ?? fallback ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = (problem.code as ErrorCode | undefined) ?? (status === 0 ? 'NETWORK' : codeForStatus(status));
    this.detail = problem.detail ?? fallback ?? '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 423) return 'ACCOUNT_LOCKED';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 422) return 'BUSINESS_RULE';
  return 'INTERNAL';
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `/api/v1<path>?a=b`, leaving out empty parameters. */
export function apiUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** extra request headers, e.g. `idempotency-key` */
  headers?: Record<string, string>;
}

async function problemOf(response: Response): Promise<Partial<Problem>> {
  const text = await response.text().catch(() => '');
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Problem>) : {};
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {}, (e as Error).message);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), response.statusText);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as unknown as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData, query?: QueryParams) => request<T>('POST', path, { form, query }),
};

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Downloads a file answered by the API (Excel exports, templates) under its server-given name. */
export async function download(path: string, query: QueryParams | undefined, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, {}, (e as Error).message);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), response.statusText);
  const blob = await response.blob();
  const name = filenameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
