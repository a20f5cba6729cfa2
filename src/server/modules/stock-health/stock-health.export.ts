// Excel columns of the stock-health lists (?format=xlsx): the same rows as the JSON pages.
import type { AlertHistoryItem, HealthGroup, HealthItem, StockAlert } from '../../../shared/schemas/index.js';
import { yuan, type ExportColumn } from '../../core/list.js';

const LEVEL_ZH: Record<string, string> = { critical: '紧急', reorder: '需补货', overstock: '积压', slow: '滞销' };
const level = (l: string | null) => (l ? `${LEVEL_ZH[l] ?? l} (${l})` : '');
const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

const pair = <T extends { dealerCode: string; dealerName: string; sku: string; productName: string; category: string }>(): ExportColumn<T>[] => [
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (r) => r.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 24, value: (r) => r.dealerName },
  { key: 'sku', zh: '商品编码', en: 'SKU', value: (r) => r.sku },
  { key: 'productName', zh: '商品', en: 'Product', width: 20, value: (r) => r.productName },
  { key: 'category', zh: '品类', en: 'Category', value: (r) => r.category },
];

export const ALERT_COLUMNS: ExportColumn<StockAlert>[] = [
  { key: 'level', zh: '级别', en: 'Level', value: (a) => level(a.level) },
  ...pair<StockAlert>(),
  { key: 'onHand', zh: '在库', en: 'On hand', value: (a) => a.onHand },
  { key: 'onOrder', zh: '在途/在订', en: 'On order', value: (a) => a.onOrder },
  { key: 'safetyStock', zh: '安全库存', en: 'Safety stock', value: (a) => a.safetyStock },
  { key: 'reorderPoint', zh: '再订货点', en: 'Reorder point', value: (a) => a.reorderPoint },
  { key: 'max', zh: '最高库存', en: 'Max (order-up-to)', value: (a) => a.max },
  { key: 'suggestedQuantity', zh: '建议数量', en: 'Suggested quantity', value: (a) => a.suggestedQuantity },
  { key: 'dailyDemand', zh: '日均需求', en: 'Daily demand', value: (a) => round(a.dailyDemand) },
  { key: 'lastSaleOn', zh: '最近销售', en: 'Last sale', value: (a) => a.lastSaleOn },
  { key: 'acknowledgedBy', zh: '已确认人', en: 'Acknowledged by', value: (a) => a.acknowledgedBy },
];

export const HEALTH_COLUMNS: ExportColumn<HealthItem>[] = [
  ...pair<HealthItem>(),
  { key: 'onHand', zh: '在库', en: 'On hand', value: (r) => r.onHand },
  { key: 'onOrder', zh: '在途/在订', en: 'On order', value: (r) => r.onOrder },
  { key: 'dailyDemand', zh: '日均需求 d', en: 'Daily demand d', value: (r) => round(r.dailyDemand, 3) },
  { key: 'dailyDemandSd', zh: '日需求标准差 s_d', en: 'Daily demand sd', value: (r) => round(r.dailyDemandSd, 3) },
  { key: 'leadTimeDays', zh: '提前期 L(天)', en: 'Lead time L (days)', value: (r) => r.leadTimeDays },
  { key: 'leadTimeSdDays', zh: '提前期标准差 s_L', en: 'Lead time sd', value: (r) => r.leadTimeSdDays },
  { key: 'serviceLevel', zh: '服务水平', en: 'Service level', value: (r) => r.serviceLevel },
  { key: 'safetyStock', zh: '安全库存', en: 'Safety stock', value: (r) => r.safetyStock },
  { key: 'reorderPoint', zh: '再订货点', en: 'Reorder point', value: (r) => r.reorderPoint },
  { key: 'orderUpTo', zh: '最高库存', en: 'Order-up-to', value: (r) => r.orderUpTo },
  { key: 'turnoverDays', zh: '周转天数', en: 'Turnover days', value: (r) => round(r.turnoverDays, 1) },
  { key: 'inventoryValue', zh: '库存金额(元)', en: 'Stock value (CNY)', value: (r) => yuan(r.inventoryValueFen) },
  { key: 'level', zh: '预警', en: 'Alert', value: (r) => level(r.level) },
];

export const GROUP_COLUMNS: ExportColumn<HealthGroup>[] = [
  { key: 'code', zh: '编码', en: 'Code', value: (g) => g.code },
  { key: 'name', zh: '名称', en: 'Name', width: 24, value: (g) => g.name },
  { key: 'dealerCount', zh: '经销商数', en: 'Dealers', value: (g) => g.dealerCount },
  { key: 'skuCount', zh: 'SKU数', en: 'SKUs', value: (g) => g.skuCount },
  { key: 'critical', zh: '紧急', en: 'Critical', value: (g) => g.critical },
  { key: 'reorder', zh: '需补货', en: 'Reorder', value: (g) => g.reorder },
  { key: 'overstock', zh: '积压', en: 'Overstock', value: (g) => g.overstock },
  { key: 'slow', zh: '滞销', en: 'Slow', value: (g) => g.slow },
  { key: 'inventoryValue', zh: '库存金额(元)', en: 'Stock value (CNY)', value: (g) => yuan(g.inventoryValueFen) },
  { key: 'turnoverDays', zh: '周转天数', en: 'Turnover days', value: (g) => round(g.turnoverDays, 1) },
  { key: 'slowMovingRatio', zh: '滞销占比', en: 'Slow-moving ratio', value: (g) => round(g.slowMovingRatio, 4) },
];

export const HISTORY_COLUMNS: ExportColumn<AlertHistoryItem>[] = [
  { key: 'runOn', zh: '日期', en: 'Date', value: (h) => h.runOn },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (h) => h.dealerCode },
  { key: 'sku', zh: '商品编码', en: 'SKU', value: (h) => h.sku },
  { key: 'level', zh: '级别', en: 'Level', value: (h) => level(h.level) },
  { key: 'onHand', zh: '在库', en: 'On hand', value: (h) => h.onHand },
  { key: 'safetyStock', zh: '安全库存', en: 'Safety stock', value: (h) => h.safetyStock },
  { key: 'reorderPoint', zh: '再订货点', en: 'Reorder point', value: (h) => h.reorderPoint },
  { key: 'max', zh: '最高库存', en: 'Max', value: (h) => h.max },
  { key: 'suggestedQuantity', zh: '建议数量', en: 'Suggested quantity', value: (h) => h.suggestedQuantity },
];
