import { Type, type Static } from 'typebox';
import { DateString, Fen, Id, ListQuery, Nullable, RegionCode, StringEnum, Timestamp } from './common.js';

// ---- Stock health, alerts and demand forecasts (docs/rules.md, C5, issue 5) ----
export const ALERT_LEVELS = ['critical', 'reorder', 'overstock', 'slow'] as const;
export type AlertLevelName = (typeof ALERT_LEVELS)[number];
export const AlertLevelSchema = StringEnum(ALERT_LEVELS);
export const LEAD_TIME_SOURCES = ['dealer', 'product', 'default'] as const;

const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Category = Type.String({ minLength: 1, maxLength: 64 });
const ServiceLevel = Type.Number({ minimum: 0.5, maximum: 0.9999, description: 'cycle service level, e.g. 0.95' });
const Days = Type.Number({ minimum: 0, maximum: 365 });

const SlowDays = Type.Integer({ minimum: 7, maximum: 730, description: 'days without a sale after which stock on hand is a slow mover, on the stock-health page and the scorecard (default 90)' });

/** The six scalars: the `stock-health.parameters` setting (src/server/modules/stock-health/stock-health.settings.ts). */
export const StockHealthParameters = Type.Object(
  {
    windowDays: Type.Integer({ minimum: 7, maximum: 365, description: 'days of sell-out behind average daily demand and its standard deviation (default 90)' }),
    orderCycleDays: Type.Integer({ minimum: 0, maximum: 365, description: 'order cycle: max = ROP + d x cycle; VMI orders up to this level (default 14)' }),
    defaultLeadTimeDays: Type.Number({ minimum: 0, maximum: 365, description: 'lead time in days of products without their own (default 7)' }),
    defaultLeadTimeSdDays: Type.Number({ minimum: 0, maximum: 365, description: 'standard deviation of that lead time in days (default 0)' }),
    defaultServiceLevel: Type.Number({ minimum: 0.5, maximum: 0.9999, description: 'cycle service level of categories without their own, e.g. 0.95 (default 0.95)' }),
    slowDays: SlowDays,
  },
  { additionalProperties: false },
);
export type StockHealthParameters = Static<typeof StockHealthParameters>;

export const StockHealthSettings = Type.Object(
  {
    ...StockHealthParameters.properties,
    serviceLevels: Type.Array(Type.Object({ category: Category, serviceLevel: ServiceLevel }, { additionalProperties: false }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type StockHealthSettings = Static<typeof StockHealthSettings>;

/** PUT body: as read, but `slowDays` (added in a later release) may be left out to keep its stored value. */
export const StockHealthSettingsBody = Type.Object({ ...StockHealthSettings.properties, slowDays: Type.Optional(SlowDays) }, { additionalProperties: false });
export type StockHealthSettingsBody = Static<typeof StockHealthSettingsBody>;

export const LeadTime = Type.Object({
  sku: Type.String(),
  productName: Type.String(),
  dealerId: Nullable(Id),
  dealerCode: Nullable(Type.String()),
  dealerName: Nullable(Type.String()),
  days: Type.Number(),
  sdDays: Type.Number(),
  updatedAt: Timestamp,
});
export type LeadTime = Static<typeof LeadTime>;

export const LeadTimeBody = Type.Object(
  {
    sku: Sku,
    dealerId: Type.Optional(Id),
    days: Nullable(Days),
    sdDays: Type.Optional(Days),
  },
  { additionalProperties: false, description: 'days: null removes the lead time (a dealer override then falls back to the product, the product to the default)' },
);
export type LeadTimeBody = Static<typeof LeadTimeBody>;
export const LeadTimeQuery = Type.Object({ sku: Type.Optional(Sku), dealerId: Type.Optional(Id) }, { additionalProperties: false });

const PairFields = {
  dealerId: Id,
  dealerCode: Type.String(),
  dealerName: Type.String(),
  provinceCode: Nullable(Type.String()),
  sku: Type.String(),
  productName: Type.String(),
  category: Type.String(),
};

export const StockAlert = Type.Object({
  ...PairFields,
  level: AlertLevelSchema,
  onHand: Type.Integer(),
  onOrder: Type.Integer(),
  position: Type.Integer(),
  safetyStock: Type.Integer(),
  reorderPoint: Type.Integer(),
  max: Type.Integer({ description: 'order-up-to level' }),
  suggestedQuantity: Type.Integer({ description: 'to order (critical, reorder) or to promote or transfer out (overstock, slow)' }),
  action: StringEnum(['order', 'promote_or_transfer'] as const),
  dailyDemand: Type.Number(),
  lastSaleOn: Nullable(DateString),
  acknowledged: Type.Boolean(),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedAt: Nullable(Timestamp),
});
export type StockAlert = Static<typeof StockAlert>;

const PairFilters = {
  dealerId: Type.Optional(Id),
  regionCode: Type.Optional(RegionCode),
  category: Type.Optional(Category),
  sku: Type.Optional(Sku),
};

export const AlertQuery = Type.Object(
  { ...PairFilters, level: Type.Optional(AlertLevelSchema), acknowledged: Type.Optional(StringEnum(['true', 'false'] as const)), ...ListQuery },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

export const AcknowledgeBody = Type.Object({ dealerId: Id, sku: Sku, level: AlertLevelSchema, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type AcknowledgeBody = Static<typeof AcknowledgeBody>;

export const HealthItem = Type.Object({
  ...PairFields,
  onHand: Type.Integer(),
  onOrder: Type.Integer(),
  position: Type.Integer(),
  dailyDemand: Type.Number(),
  dailyDemandSd: Type.Number(),
  leadTimeDays: Type.Number(),
  leadTimeSdDays: Type.Number(),
  leadTimeSource: StringEnum(LEAD_TIME_SOURCES),
  serviceLevel: Type.Number(),
  z: Type.Number(),
  safetyStock: Type.Integer(),
  reorderPoint: Type.Integer(),
  orderUpTo: Type.Integer(),
  turnoverDays: Nullable(Type.Number()),
  slowMoving: Type.Boolean(),
  lastSaleOn: Nullable(DateString),
  inventoryValueFen: Type.Integer(),
  level: Nullable(AlertLevelSchema),
  suggestedQuantity: Type.Integer(),
});
export type HealthItem = Static<typeof HealthItem>;

export const HealthQuery = Type.Object({ ...PairFilters, level: Type.Optional(AlertLevelSchema), ...ListQuery }, { additionalProperties: false });
export type HealthQuery = Static<typeof HealthQuery>;

export const HealthGroupQuery = Type.Object(
  { by: StringEnum(['dealer', 'province'] as const), regionCode: Type.Optional(RegionCode), category: Type.Optional(Category), ...ListQuery },
  { additionalProperties: false },
);
export type HealthGroupQuery = Static<typeof HealthGroupQuery>;

export const HealthGroup = Type.Object({
  key: Type.String({ description: 'dealer id or 6-digit province code' }),
  code: Type.String(),
  name: Type.String(),
  dealerCount: Type.Integer(),
  skuCount: Type.Integer(),
  critical: Type.Integer(),
  reorder: Type.Integer(),
  overstock: Type.Integer(),
  slow: Type.Integer(),
  inventoryValueFen: Fen,
  turnoverDays: Nullable(Type.Number()),
  slowMovingRatio: Nullable(Type.Number({ description: 'value of slow movers (no sale for slowDays days) / total inventory value' })),
});
export type HealthGroup = Static<typeof HealthGroup>;

export const HealthDetailParams = Type.Object({ dealerId: Id, sku: Sku });

export const HealthDetail = Type.Object({
  item: HealthItem,
  window: Type.Object({ from: DateString, to: DateString, days: Type.Integer() }),
  orderCycleDays: Type.Integer(),
  exact: Type.Object({ safetyStock: Type.Number(), reorderPoint: Type.Number(), orderUpTo: Type.Number() }),
  averageOnHand: Type.Number(),
  unitCostFen: Fen,
  daily: Type.Array(Type.Object({ date: DateString, quantity: Type.Integer() })),
  sellout: Type.Array(Type.Object({ id: Id, date: DateString, quantity: Type.Integer(), amountFen: Type.Integer(), source: Type.String(), customerRef: Nullable(Type.String()) })),
  movements: Type.Array(Type.Object({ id: Id, movedAt: Timestamp, kind: Type.String(), quantity: Type.Integer(), refType: Nullable(Type.String()), refId: Nullable(Type.String()) })),
  openOrders: Type.Array(Type.Object({ orderId: Id, number: Type.String(), status: Type.String(), quantity: Type.Integer() })),
});
export type HealthDetail = Static<typeof HealthDetail>;

export const AlertHistoryQuery = Type.Object(
  { dealerId: Type.Optional(Id), sku: Type.Optional(Sku), level: Type.Optional(AlertLevelSchema), from: Type.Optional(DateString), to: Type.Optional(DateString), ...ListQuery },
  { additionalProperties: false },
);
export type AlertHistoryQuery = Static<typeof AlertHistoryQuery>;

export const AlertHistoryItem = Type.Object({
  id: Id,
  runOn: DateString,
  dealerId: Id,
  dealerCode: Type.String(),
  sku: Type.String(),
  level: AlertLevelSchema,
  onHand: Type.Integer(),
  position: Type.Integer(),
  safetyStock: Type.Integer(),
  reorderPoint: Type.Integer(),
  max: Type.Integer(),
  suggestedQuantity: Type.Integer(),
});
export type AlertHistoryItem = Static<typeof AlertHistoryItem>;

export const DemandForecastQuery = Type.Object(
  { sku: Sku, dealerId: Type.Optional(Id), regionCode: Type.Optional(RegionCode), horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) },
  { additionalProperties: false },
);
export type DemandForecastQuery = Static<typeof DemandForecastQuery>;

const Numbers = Type.Array(Type.Number());
export const DemandForecast = Type.Object({
  sku: Type.String(),
  productName: Type.String(),
  dealerId: Nullable(Id),
  regionCode: Nullable(Type.String()),
  dealerCount: Type.Integer({ description: 'dealers whose sell-out is summed' }),
  months: Type.Array(Type.String(), { description: 'history months YYYY-MM, oldest first' }),
  history: Numbers,
  forecastMonths: Type.Array(Type.String()),
  model: Type.String(),
  forecast: Numbers,
  lower80: Numbers,
  upper80: Numbers,
  lower95: Numbers,
  upper95: Numbers,
  mase: Nullable(Type.Number({ description: 'rolling-origin backtest MASE (below 1: better than seasonal naive)' })),
  seasonalNaiveMase: Nullable(Type.Number({ description: 'the same backtest for seasonal naive (1 by definition when the scale is the same)' })),
});
export type DemandForecast = Static<typeof DemandForecast>;
