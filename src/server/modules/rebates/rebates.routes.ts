import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import {
  IdParams,
  ListQuery,
  RebateDeduction,
  RebateDeductionBody,
  RebateExportQuery,
  RebateRun,
  RebateRunBody,
  RebateStatement,
  RebateStatementQuery,
  RebateTransitionBody,
  listOf,
  IncentivePeriod,
  Id,
} from '../../../shared/schemas/index.js';
import { CONTENT_TYPES, FileResponse } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { respondList, yuan, type ExportColumn } from '../../core/list.js';
import { runRebates } from './rebates.run.js';
import { addDeduction, getStatement, listDeductions, listStatements, transitionStatement } from './rebates.service.js';
import { statementPdf, statementWorkbook } from './rebates.export.js';

const statementColumns: ExportColumn<RebateStatement>[] = [
  { key: 'period', zh: '期间', en: 'Period', value: (s) => s.period },
  { key: 'dealerCode', zh: '经销商编码', en: 'Dealer code', value: (s) => s.dealerCode },
  { key: 'dealerName', zh: '经销商', en: 'Dealer', width: 30, value: (s) => s.dealerName },
  { key: 'tier', zh: '等级', en: 'Tier', value: (s) => s.tier },
  { key: 'sales', zh: '合格销售额(元)', en: 'Qualifying sales (CNY)', value: (s) => yuan(s.qualifyingSalesFen) },
  { key: 'rate', zh: '返利比例', en: 'Rate', value: (s) => s.rate },
  { key: 'rebate', zh: '阶梯返利(元)', en: 'Rebate (CNY)', value: (s) => yuan(s.rebateFen) },
  { key: 'bonus', zh: '超额奖励(元)', en: 'Bonus (CNY)', value: (s) => yuan(s.bonusFen) },
  { key: 'brand', zh: '品牌基金(元)', en: 'Brand fund (CNY)', value: (s) => yuan(s.brandFundFen) },
  { key: 'deductions', zh: '扣款(元)', en: 'Deductions (CNY)', value: (s) => yuan(s.deductionsFen) },
  { key: 'total', zh: '应付(元)', en: 'Total (CNY)', value: (s) => yuan(s.totalFen) },
  { key: 'status', zh: '状态', en: 'Status', value: (s) => s.status },
  { key: 'lines', zh: '明细行数', en: 'Lines', value: (s) => s.lines.length },
];

const deductionColumns: ExportColumn<RebateDeduction>[] = [
  { key: 'period', zh: '期间', en: 'Period', value: (d) => d.period },
  { key: 'dealerId', zh: '经销商', en: 'Dealer', value: (d) => d.dealerId },
  { key: 'amount', zh: '金额(元)', en: 'Amount (CNY)', value: (d) => yuan(d.amountFen) },
  { key: 'source', zh: '来源', en: 'Source', value: (d) => d.source },
  { key: 'reason', zh: '原因', en: 'Reason', width: 40, value: (d) => d.reason },
  { key: 'createdBy', zh: '登记人', en: 'By', value: (d) => d.createdBy },
];

const DeductionQuery = Type.Object({ ...ListQuery, dealerId: Type.Optional(Id), period: Type.Optional(IncentivePeriod) }, { additionalProperties: false });
const english = (headers: Record<string, unknown>) => /^en\b/i.test(String(headers['accept-language'] ?? ''));

export default async function rebatesRoutes(app: App, deps: AppDeps) {
  app.post(
    '/v1/rebates/runs',
    {
      config: { access: { permission: 'rebates.manage' } },
      schema: { tags: ['rebates'], summary: 'Accrue (or recalculate draft) rebate statements for a period', body: RebateRunBody, response: { 201: RebateRun } },
    },
    async (request, reply) => reply.code(201).send(await runRebates(ctxOf(deps, request), request.body.period)),
  );

  app.get(
    '/v1/rebates/statements',
    {
      config: { access: { permission: 'rebates.read' } },
      schema: { tags: ['rebates'], summary: 'Rebate statements with their source lines', querystring: RebateStatementQuery, response: { 200: listOf(RebateStatement) } },
    },
    async (request, reply) => respondList(request, reply, request.query, (page) => listStatements(ctxOf(deps, request), request.query, page), { name: 'rebate-statements', columns: statementColumns }),
  );

  app.get(
    '/v1/rebates/statements/:id/export',
    {
      config: { access: { permission: 'rebates.read', dealerParam: 'id' } },
      schema: {
        tags: ['rebates'],
        summary: 'One statement as Excel or PDF',
        params: IdParams,
        querystring: RebateExportQuery,
        response: { 200: FileResponse('The statement', [CONTENT_TYPES.xlsx, CONTENT_TYPES.pdf]) },
      },
    },
    async (request, reply) => {
      const statement = await getStatement(ctxOf(deps, request), request.params.id);
      const en = english(request.headers);
      const name = `rebate-${statement.dealerCode}-${statement.period}`;
      if (request.query.format === 'pdf') {
        return (reply as FastifyReply)
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(await statementPdf(statement, en));
      }
      return (reply as FastifyReply)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await statementWorkbook(statement, en));
    },
  );

  app.post(
    '/v1/rebates/statements/:id/transitions',
    {
      config: { access: { permission: 'rebates.manage' } },
      schema: { tags: ['rebates'], summary: 'Approve (freeze) or pay a statement', params: IdParams, body: RebateTransitionBody, response: { 200: RebateStatement } },
    },
    async (request) => transitionStatement(ctxOf(deps, request), request.params.id, request.body),
  );

  app.get(
    '/v1/rebates/deductions',
    { config: { access: { permission: 'rebates.read' } }, schema: { tags: ['rebates'], querystring: DeductionQuery, response: { 200: listOf(RebateDeduction) } } },
    async (request, reply) => respondList(request, reply, request.query, (page) => listDeductions(ctxOf(deps, request), request.query, page), { name: 'rebate-deductions', columns: deductionColumns }),
  );

  app.post(
    '/v1/rebates/deductions',
    {
      config: { access: { permission: 'rebates.manage' } },
      schema: { tags: ['rebates'], summary: 'A deduction (penalty) from a period rebate', body: RebateDeductionBody, response: { 201: RebateDeduction } },
    },
    async (request, reply) => reply.code(201).send(await addDeduction(ctxOf(deps, request), request.body)),
  );
}
