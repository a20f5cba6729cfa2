import { Type, type Static } from 'typebox';
import { DateString, Id, Nullable, Timestamp, StringEnum } from './common.js';

// ---- Sell-out: dealer sales to its customers ----
/**
 * Line fields are typed but not range-checked here: a line with a bad value is rejected on its
 * own (named by index in `rejected`) while the good lines are kept.
 */
export const SelloutLineInput = Type.Object(
  {
    date: Type.String({ maxLength: 32 }),
    sku: Type.String({ maxLength: 64 }),
    quantity: Type.Integer({ minimum: -10_000_000, maximum: 10_000_000 }),
    amountFen: Type.Integer({ minimum: -9_000_000_000_000_000, maximum: 9_000_000_000_000_000 }),
    customerRef: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SelloutLineInput = Static<typeof SelloutLineInput>;

export const SelloutBody = Type.Object({ dealerId: Id, lines: Type.Array(SelloutLineInput, { minItems: 1, maxItems: 20_000 }) }, { additionalProperties: false });
export type SelloutBody = Static<typeof SelloutBody>;

export const SELLOUT_REJECT_CODES = ['UNKNOWN_SKU', 'INVALID_DATE', 'FUTURE_DATE', 'INVALID_QUANTITY', 'INVALID_AMOUNT', 'INVALID_LINE'] as const;

export const SelloutResult = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: '0-based position in lines (or data row of the file)' }),
      row: Type.Optional(Type.Integer({ description: 'uploads: the spreadsheet row number, header = 1' })),
      code: StringEnum(SELLOUT_REJECT_CODES),
      message: Type.String(),
    }),
  ),
});
export type SelloutResult = Static<typeof SelloutResult>;

export const SELLOUT_SOURCES = ['api', 'upload', 'sub_dealer_order', 'sub_dealer_return', 'seed'] as const;
export const SelloutRecord = Type.Object({
  id: Id,
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  date: DateString,
  sku: Type.String(),
  productName: Type.String(),
  quantity: Type.Integer(),
  amountFen: Type.Integer(),
  customerRef: Nullable(Type.String()),
  source: StringEnum(SELLOUT_SOURCES),
  orderId: Nullable(Id),
  createdAt: Timestamp,
});
export type SelloutRecord = Static<typeof SelloutRecord>;

export const SelloutListQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    sku: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type SelloutListQuery = Static<typeof SelloutListQuery>;

export const SelloutUploadQuery = Type.Object({ dealerId: Type.Optional(Id) }, { additionalProperties: false });

// ---- Dealer stock ----
export const STOCK_MOVEMENT_KINDS = ['receipt', 'sellout', 'return', 'adjustment', 'transfer_in', 'transfer_out'] as const;

export const StockItem = Type.Object({ dealerId: Id, dealerCode: Type.String(), dealerName: Type.String(), sku: Type.String(), productName: Type.String(), onHand: Type.Integer() });
export type StockItem = Static<typeof StockItem>;

export const StockQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    sku: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type StockQuery = Static<typeof StockQuery>;

export const StockMovement = Type.Object({
  id: Id,
  dealerId: Id,
  sku: Type.String(),
  quantity: Type.Integer(),
  kind: StringEnum(STOCK_MOVEMENT_KINDS),
  refType: Nullable(Type.String()),
  refId: Nullable(Type.String()),
  movedAt: Timestamp,
});
export type StockMovement = Static<typeof StockMovement>;

export const SnapshotBody = Type.Object(
  {
    dealerId: Id,
    takenAt: Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601; when the count was taken' }),
    items: Type.Array(Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }), quantity: Type.Integer({ minimum: 0, maximum: 100_000_000 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
);
export type SnapshotBody = Static<typeof SnapshotBody>;

export const Snapshot = Type.Object({
  id: Id,
  dealerId: Id,
  takenAt: Timestamp,
  items: Type.Array(Type.Object({ sku: Type.String(), countedQuantity: Type.Integer(), bookQuantity: Type.Integer(), differenceQuantity: Type.Integer() })),
  createdAt: Timestamp,
});
export type Snapshot = Static<typeof Snapshot>;

export const DealerQuery = Type.Object({ dealerId: Type.Optional(Id) }, { additionalProperties: false });

/** A recorded count with its differences (GET /inventory/snapshots). */
export const SnapshotRecord = Type.Object({
  ...Snapshot.properties,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  createdBy: Type.String(),
});
export type SnapshotRecord = Static<typeof SnapshotRecord>;

export const SnapshotQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
