import { Type } from 'typebox';
import {
  AcknowledgeBody,
  AlertHistoryItem,
  AlertHistoryQuery,
  AlertQuery,
  DemandForecast,
  DemandForecastQuery,
  HealthDetail,
  HealthDetailParams,
  HealthGroup,
  HealthGroupQuery,
  HealthItem,
  HealthQuery,
  LeadTime,
  LeadTimeBody,
  LeadTimeQuery,
  StockAlert,
  StockHealthSettings,
  StockHealthSettingsBody,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList } from '../../core/list.js';
import { acknowledgeAlert, healthDetail, healthGroups, listAlerts, listHealth } from './stock-health.service.js';
import { listAlertHistory } from './stock-health.job.js';
import { demandForecast } from './stock-health.forecast.js';
import { listLeadTimes, saveLeadTime, saveStockHealthSettings, stockHealthSettings } from './stock-health.settings.js';
import { ALERT_COLUMNS, GROUP_COLUMNS, HEALTH_COLUMNS, HISTORY_COLUMNS } from './stock-health.export.js';

const tags = ['inventory'];

export default async function stockHealthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/inventory/alerts',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: {
        tags,
        summary: 'Current stock alerts (critical, reorder, overstock, slow), computed from every snapshot and sell-out accepted so far',
        querystring: AlertQuery,
        response: { 200: listOf(StockAlert) },
      },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listAlerts(ctxOf(deps, request), request.query, page), { name: 'stock-alerts', columns: ALERT_COLUMNS }),
  );

  app.post(
    '/v1/inventory/alerts/acknowledge',
    { config: { access: { permission: 'inventory.acknowledge' } }, schema: { tags, summary: 'Acknowledge the current alert of a dealer x SKU', body: AcknowledgeBody, response: { 200: StockAlert } } },
    async (request) => acknowledgeAlert(ctxOf(deps, request), request.body),
  );

  app.get(
    '/v1/inventory/alerts/history',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: { tags, summary: 'Alerts recorded by the nightly run', querystring: AlertHistoryQuery, response: { 200: listOf(AlertHistoryItem) } },
    },
    async (request, reply) =>
      respondList(request, reply, request.query, (page) => listAlertHistory(ctxOf(deps, request), request.query, page), { name: 'stock-alert-history', columns: HISTORY_COLUMNS }),
  );

  app.get(
    '/v1/inventory/health',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: { tags, summary: 'Safety stock, reorder point, order-up-to, turnover per dealer x SKU', querystring: HealthQuery, response: { 200: listOf(HealthItem) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listHealth(ctxOf(deps, request), request.query, page), { name: 'stock-health', columns: HEALTH_COLUMNS }),
  );

  app.get(
    '/v1/inventory/health/groups',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: { tags, summary: 'Stock health per dealer or per province', querystring: HealthGroupQuery, response: { 200: listOf(HealthGroup) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => healthGroups(ctxOf(deps, request), request.query, page), { name: 'stock-health-groups', columns: GROUP_COLUMNS }),
  );

  app.get(
    '/v1/inventory/health/:dealerId/:sku',
    {
      config: { access: { permission: 'inventory.read', dealerParam: 'dealerId' } },
      schema: { tags, summary: 'One dealer x SKU with the sell-out, movements and open orders its numbers come from', params: HealthDetailParams, response: { 200: HealthDetail } },
    },
    async (request) => healthDetail(ctxOf(deps, request), request.params.dealerId, request.params.sku),
  );

  app.get(
    '/v1/inventory/demand-forecast',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: {
        tags,
        summary: 'Monthly sell-out forecast of a SKU for a dealer, a region or every visible dealer, with 80/95% bands and backtest MASE',
        querystring: DemandForecastQuery,
        response: { 200: DemandForecast },
      },
    },
    async (request) => demandForecast(ctxOf(deps, request), request.query),
  );

  app.get(
    '/v1/inventory/settings/stock-health',
    { config: { access: { permission: 'inventory.read' } }, schema: { tags, summary: 'Demand window, order cycle, default lead time and service levels', response: { 200: StockHealthSettings } } },
    async () => stockHealthSettings(deps.db),
  );

  app.put(
    '/v1/inventory/settings/stock-health',
    {
      config: { access: { permission: 'inventory.configure' } },
      schema: { tags, summary: 'Replace the stock-health parameters (audited)', body: StockHealthSettingsBody, response: { 200: StockHealthSettings } },
    },
    async (request) => saveStockHealthSettings(ctxOf(deps, request), request.body),
  );

  app.get(
    '/v1/inventory/settings/lead-times',
    {
      config: { access: { permission: 'inventory.read' } },
      schema: { tags, summary: 'Lead times per product and per-dealer overrides', querystring: LeadTimeQuery, response: { 200: listOf(LeadTime) } },
    },
    async (request) => ({ items: await listLeadTimes(ctxOf(deps, request), request.query), nextCursor: null }),
  );

  app.put(
    '/v1/inventory/settings/lead-times',
    {
      config: { access: { permission: 'inventory.configure' } },
      schema: { tags, summary: 'Set (or with days null remove) a product lead time or a dealer override (audited)', body: LeadTimeBody, response: { 200: Type.Object({ removed: Type.Boolean() }) } },
    },
    async (request) => saveLeadTime(ctxOf(deps, request), request.body),
  );
}
