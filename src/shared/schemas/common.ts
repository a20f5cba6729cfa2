import { Type, type TSchema, type TUnsafe } from 'typebox';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Timestamp = Type.String({ description: 'ISO 8601 UTC' });
export const Fen = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'integer 分' });
export const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '6-digit GB/T 2260 code' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Literal('xlsx')),
};

export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

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
