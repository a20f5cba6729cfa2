import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, Nullable, Timestamp, StringEnum } from './common.js';
import { TierSchema } from './dealers.js';

// ---- Order lifecycle (docs/rules.md, C4) ----
export const ORDER_STATUSES = ['submitted', 'approved', 'partially_shipped', 'shipped', 'received', 'closed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const OrderStatusSchema = StringEnum(ORDER_STATUSES);

/**
 * Moves allowed through POST /orders/{id}/transitions. `partially_shipped` and `shipped` are
 * reached only by recording shipments (POST /orders/{id}/shipments).
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  submitted: ['approved', 'cancelled'],
  approved: ['cancelled'],
  partially_shipped: [],
  shipped: ['received'],
  received: ['closed'],
  closed: [],
  cancelled: [],
};

/** Orders whose unshipped value still counts against the dealer's credit. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['submitted', 'approved', 'partially_shipped'];

const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Quantity = Type.Integer({ minimum: 1, maximum: 10_000_000 });
const Reason = Type.String({ minLength: 1, maxLength: 500 });
const CreditOverride = Type.Object({ reason: Reason }, { additionalProperties: false, description: 'HQ admin only: accept the order over the credit limit or credit hold (audited)' });

/** The optional Idempotency-Key header of creates that integrators retry (src/server/core/idempotency.ts). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' })),
});

// ---- Orders ----
export const CreateOrderBody = Type.Object(
  {
    dealerId: Id,
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    creditOverride: Type.Optional(CreditOverride),
  },
  { additionalProperties: false },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

export const OrderLine = Type.Object({
  lineNo: Type.Integer(),
  sku: Type.String(),
  productName: Type.String(),
  quantity: Type.Integer(),
  unitPriceFen: Fen,
  discountFen: Fen,
  amountFen: Fen,
  shippedQuantity: Type.Integer(),
  returnedQuantity: Type.Integer(),
});
export type OrderLine = Static<typeof OrderLine>;

const orderFields = {
  id: Id,
  number: Type.String({ description: 'e.g. PO202611-000123' }),
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  supplierDealerId: Nullable(Id),
  status: OrderStatusSchema,
  orderDate: DateString,
  subtotalFen: Fen,
  discountFen: Fen,
  totalFen: Fen,
  shippedFen: Fen,
  promotionId: Nullable(Id),
  creditOverrideReason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const OrderSummary = Type.Object(orderFields);
export type OrderSummary = Static<typeof OrderSummary>;
export const Order = Type.Object({ ...orderFields, lines: Type.Array(OrderLine) });
export type Order = Static<typeof Order>;

export const OrderListQuery = Type.Object(
  {
    dealerId: Type.Optional(Id),
    status: Type.Optional(OrderStatusSchema),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    q: Type.Optional(Type.String({ maxLength: 64, description: 'order number contains' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);
export type OrderListQuery = Static<typeof OrderListQuery>;

export const OrderTransitionBody = Type.Object({ to: OrderStatusSchema, reason: Type.Optional(Reason), creditOverride: Type.Optional(CreditOverride) }, { additionalProperties: false });
export type OrderTransitionBody = Static<typeof OrderTransitionBody>;

export const OrderEvent = Type.Object({
  fromStatus: Nullable(OrderStatusSchema),
  toStatus: OrderStatusSchema,
  reason: Nullable(Type.String()),
  actorName: Type.String(),
  at: Timestamp,
});

// ---- Shipments (一物一码 codes bound to the receiving dealer) ----
export const SHIPMENT_MAX_CODES = 200_000;
export const ShipmentBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          sku: Sku,
          quantity: Quantity,
          batchNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          codes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128, pattern: '^\\S+$' }), { maxItems: SHIPMENT_MAX_CODES })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type ShipmentBody = Static<typeof ShipmentBody>;

export const Shipment = Type.Object({
  id: Id,
  number: Type.String(),
  orderId: Id,
  dealerId: Id,
  shippedOn: DateString,
  amountFen: Fen,
  codeCount: Type.Integer(),
  lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer(), batchNo: Nullable(Type.String()), amountFen: Fen, codeCount: Type.Integer() })),
  invoice: Type.Object({ id: Id, docNo: Type.String(), amountFen: Fen, dueOn: DateString }),
  orderStatus: OrderStatusSchema,
  createdAt: Timestamp,
});
export type Shipment = Static<typeof Shipment>;

// ---- Returns (credit notes) ----
export const ReturnBody = Type.Object(
  {
    reason: Reason,
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type ReturnBody = Static<typeof ReturnBody>;

export const OrderReturn = Type.Object({
  id: Id,
  number: Type.String(),
  orderId: Id,
  dealerId: Id,
  reason: Type.String(),
  amountFen: Fen,
  lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer(), amountFen: Fen })),
  creditNote: Type.Object({ id: Id, docNo: Type.String(), amountFen: Fen }),
  createdAt: Timestamp,
});
export type OrderReturn = Static<typeof OrderReturn>;

// ---- Promotions: threshold discounts with validity dates and a budget cap ----
export const Promotion = Type.Object({
  id: Id,
  name: Type.String(),
  tier: Nullable(TierSchema),
  startsOn: DateString,
  endsOn: DateString,
  thresholdFen: Fen,
  discountFen: Nullable(Fen),
  discountRate: Nullable(Type.Number({ description: 'decimal, 0.05 = 5% off' })),
  budgetFen: Fen,
  usedFen: Fen,
  remainingFen: Fen,
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Promotion = Static<typeof Promotion>;

export const CreatePromotionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    tier: Type.Optional(Nullable(TierSchema)),
    startsOn: DateString,
    endsOn: DateString,
    thresholdFen: Fen,
    discountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 9_000_000_000_000_000 })),
    discountRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    budgetFen: Fen,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreatePromotionBody = Static<typeof CreatePromotionBody>;

export const UpdatePromotionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    endsOn: Type.Optional(DateString),
    budgetFen: Type.Optional(Fen),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePromotionBody = Static<typeof UpdatePromotionBody>;

export const PromotionListQuery = Type.Object(
  {
    activeOn: Type.Optional(DateString),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Literal('xlsx')),
  },
  { additionalProperties: false },
);

// ---- Trade rules HQ may change (docs/rules.md: every number is a default) ----
export const TradeSettings = Type.Object(
  {
    creditHoldOverdueDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'a dealer with an invoice more than this many days overdue is on credit hold (default 90)' }),
    overdueReminderDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'the daily reminder names dealers with an invoice at least this many days overdue (default 1)' }),
    idempotencyRetentionDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'Idempotency-Key replies are kept this many days, then purged (default 30)' }),
  },
  { additionalProperties: false },
);
export type TradeSettings = Static<typeof TradeSettings>;

// ---- Quote: what an order would cost and how much credit is left, without writing anything ----
export const OrderQuoteBody = Type.Object(
  {
    dealerId: Id,
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type OrderQuoteBody = Static<typeof OrderQuoteBody>;

export const OrderQuote = Type.Object({
  dealerId: Id,
  tier: TierSchema,
  lines: Type.Array(Type.Object({ sku: Type.String(), productName: Type.String(), unit: Type.String(), quantity: Type.Integer(), unitPriceFen: Fen, discountFen: Fen, amountFen: Fen })),
  subtotalFen: Fen,
  discountFen: Fen,
  totalFen: Fen,
  promotion: Nullable(Type.Object({ id: Id, name: Type.String(), discountFen: Fen })),
  /** problems of single lines (unknown or inactive SKU), by position; those lines are left out */
  problems: Type.Array(Type.Object({ index: Type.Integer(), sku: Type.String(), message: Type.String() })),
  credit: Type.Object({
    creditLimitFen: Fen,
    openReceivablesFen: Type.Integer(),
    openOrdersFen: Fen,
    availableCreditFen: Type.Integer({ description: 'limit - open receivables - open orders, before this order' }),
    shortfallFen: Fen,
    creditHold: Type.Boolean(),
    oldestDaysPastDue: Nullable(Type.Integer()),
    creditHoldDays: Type.Integer(),
  }),
});
export type OrderQuote = Static<typeof OrderQuote>;
