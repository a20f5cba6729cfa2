import { Type } from 'typebox';
import {
  IdParams,
  Order,
  UpdateVmiSettingsBody,
  VmiConfirmBody,
  VmiGenerateBody,
  VmiGenerateResult,
  VmiProposal,
  VmiProposalListQuery,
  VmiRejectBody,
  VmiSettings,
  listOf,
} from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { confirmProposal, generateProposals, getProposal, listProposals, rejectProposal } from './vmi.service.js';
import { saveVmiSettings, vmiSettings } from './vmi.settings.js';

const tags = ['vmi'];

const columns: ExportColumn<VmiProposal>[] = [
  { key: 'number', zh: '补货建议号', en: 'Proposal no.', width: 20, value: (p) => p.number },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (p) => p.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 28, value: (p) => p.dealerName },
  { key: 'status', zh: '状态', en: 'Status', value: (p) => p.status },
  { key: 'lines', zh: '品项数', en: 'Lines', value: (p) => p.lines.length },
  { key: 'units', zh: '建议数量', en: 'Units', value: (p) => p.lines.reduce((s, l) => s + l.quantity, 0) },
  { key: 'estimated', zh: '预估金额(元)', en: 'Estimated (CNY)', value: (p) => yuan(p.estimatedFen) },
  { key: 'lastError', zh: '最近失败原因', en: 'Last refusal', width: 40, value: (p) => p.lastError },
  { key: 'createdAt', zh: '生成时间', en: 'Created at', width: 24, value: (p) => p.createdAt },
];

export default async function vmiRoutes(app: App, deps: AppDeps) {
  app.get(
    '/v1/vmi/proposals',
    { config: { access: { permission: 'vmi.read' } }, schema: { tags, querystring: VmiProposalListQuery, response: { 200: listOf(VmiProposal) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listProposals(ctxOf(deps, request), request.query, page), { name: 'vmi-proposals', columns }),
  );

  app.get('/v1/vmi/proposals/:id', { config: { access: { permission: 'vmi.read', dealerParam: 'id' } }, schema: { tags, params: IdParams, response: { 200: VmiProposal } } }, async (request) =>
    getProposal(ctxOf(deps, request), request.params.id),
  );

  app.post(
    '/v1/vmi/proposals/generate',
    {
      config: { access: { permission: 'vmi.manage' } },
      schema: { tags, summary: 'Replenishment proposals for VMI dealers from forecast, stock and in-transit quantities', body: VmiGenerateBody, response: { 200: VmiGenerateResult } },
    },
    async (request) => generateProposals(ctxOf(deps, request), request.body),
  );

  app.post(
    '/v1/vmi/proposals/:id/confirm',
    {
      config: { access: { permission: 'vmi.manage', dealerParam: 'id' } },
      schema: {
        tags,
        summary: 'Confirm: becomes a purchase order through the normal credit check',
        params: IdParams,
        body: VmiConfirmBody,
        response: { 200: Type.Object({ proposal: VmiProposal, order: Order }) },
      },
    },
    async (request) => confirmProposal(ctxOf(deps, request), request.params.id, request.body),
  );

  app.post(
    '/v1/vmi/proposals/:id/reject',
    { config: { access: { permission: 'vmi.manage', dealerParam: 'id' } }, schema: { tags, params: IdParams, body: VmiRejectBody, response: { 200: VmiProposal } } },
    async (request) => rejectProposal(ctxOf(deps, request), request.params.id, request.body.reason),
  );

  app.get('/v1/vmi/settings', { config: { access: { permission: 'vmi.read' } }, schema: { tags, response: { 200: VmiSettings } } }, async () => vmiSettings(deps.db));

  app.patch(
    '/v1/vmi/settings',
    {
      config: { access: { permission: 'vmi.manage' } },
      schema: { tags, summary: 'Auto-confirm (audited); coverDays and serviceLevel moved to the stock-health settings and are refused', body: UpdateVmiSettingsBody, response: { 200: VmiSettings } },
    },
    async (request) => saveVmiSettings(ctxOf(deps, request), request.body),
  );
}
