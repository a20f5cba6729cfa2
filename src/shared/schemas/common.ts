import { Type, type TSchema, type TUnsafe } from 'typebox';
import { DATE_PATTERN } from '../dates.js';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const DateString = Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' });
export const Timestamp = Type.String({ description: 'ISO 8601 UTC' });
export const Fen = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'integer 分' });
export const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '6-digit GB/T 2260 code' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Literal('xlsx')),
};

export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const IdParams = Type.Object({ id: Id });

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

/** A string enum as JSON Schema `enum`, typed as the union of its values. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** Content types of the files the API sends. */
export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;
/** The kinds an evidence file or ticket attachment may be (what the upload checks accept). */
export const DOCUMENT_CONTENT_TYPES = [CONTENT_TYPES.pdf, CONTENT_TYPES.jpg, CONTENT_TYPES.png, CONTENT_TYPES.xlsx, CONTENT_TYPES.docx] as const;

/**
 * A file response: the bytes go out as they are (the JSON serializer is not involved); declaring
 * the content types puts the download in /api/openapi.json (test/route-contracts.test.ts).
 */
export const FileResponse = (description: string, contentTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
});
/** 204: no body (typed as undefined so a handler's `reply.code(204).send()` fits). */
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No content' });
