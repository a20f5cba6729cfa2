import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, Timestamp } from './common.js';
import { TierSchema } from './dealers.js';

export const Product = Type.Object({
  id: Id,
  sku: Type.String(),
  name: Type.String(),
  category: Type.String(),
  unit: Type.String(),
  listPriceFen: Fen,
  minRetailPriceFen: Fen,
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Product = Static<typeof Product>;

const productFields = {
  sku: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: Type.String({ minLength: 1, maxLength: 64 }),
  unit: Type.String({ minLength: 1, maxLength: 16 }),
  listPriceFen: Fen,
  minRetailPriceFen: Fen,
  active: Type.Boolean(),
};

export const CreateProductBody = Type.Object(
  {
    ...productFields,
    active: Type.Optional(productFields.active),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Object(
  {
    name: Type.Optional(productFields.name),
    category: Type.Optional(productFields.category),
    unit: Type.Optional(productFields.unit),
    listPriceFen: Type.Optional(productFields.listPriceFen),
    minRetailPriceFen: Type.Optional(productFields.minRetailPriceFen),
    active: Type.Optional(productFields.active),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProductBody = Static<typeof UpdateProductBody>;

export const ProductListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(Type.String({ maxLength: 64 })),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

export const PriceListItem = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }), priceFen: Fen }, { additionalProperties: false });

export const PriceList = Type.Object({
  id: Id,
  name: Type.String(),
  tier: TierSchema,
  effectiveFrom: DateString,
  effectiveTo: Nullable(DateString),
  items: Type.Array(Type.Object({ sku: Type.String(), productName: Type.String(), listPriceFen: Fen, priceFen: Fen })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PriceList = Static<typeof PriceList>;

export const CreatePriceListBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    tier: TierSchema,
    effectiveFrom: DateString,
    effectiveTo: Type.Optional(Nullable(DateString)),
    items: Type.Optional(Type.Array(PriceListItem, { maxItems: 20_000 })),
  },
  { additionalProperties: false },
);
export type CreatePriceListBody = Static<typeof CreatePriceListBody>;

export const UpdatePriceListBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    effectiveFrom: Type.Optional(DateString),
    effectiveTo: Type.Optional(Nullable(DateString)),
    items: Type.Optional(Type.Array(PriceListItem, { maxItems: 20_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePriceListBody = Static<typeof UpdatePriceListBody>;

export const ResolvedPrice = Type.Object({
  sku: Type.String(),
  tier: TierSchema,
  on: DateString,
  priceFen: Fen,
  listPriceFen: Fen,
  priceListId: Nullable(Id),
  source: Type.Union([Type.Literal('price_list'), Type.Literal('list_price')]),
});
