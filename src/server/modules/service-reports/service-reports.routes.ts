import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { StringEnum, TICKET_TYPES } from '../../../shared/schemas/index.js';
import type { App, AppDeps } from '../../core/http.js';
import { ctxOf } from '../../core/http.js';
import { communicationQuarterly, feedbackMonthly, saveProblemReview } from './service-reports.service.js';
import { MONTH_PATTERN, quarterOf } from '../../../shared/dates.js';

const N = Type.Union([Type.Number(), Type.Null()]);
const S = Type.Union([Type.String(), Type.Null()]);
const Stats = Type.Object({ n: Type.Integer(), medianHours: N, p90Hours: N });
const Group = Type.Object({
  key: Type.String(),
  label: Type.String(),
  tickets: Type.Integer(),
  breached: Type.Integer(),
  breachRate: N,
  stages: Type.Object({ response: Stats, resolution: Stats, confirmation: Stats }),
  laggingStage: S,
});
const Quarterly = Type.Object({ quarter: Type.String(), asOf: Type.String(), overall: Group, byRegion: Type.Array(Group), byManager: Type.Array(Group) });
const Monthly = Type.Object({
  month: Type.String(),
  asOf: Type.String(),
  totals: Type.Object({ received: Type.Integer(), resolved: Type.Integer(), unresolved: Type.Integer(), breached: Type.Integer(), breachRate: N, averageRating: N }),
  byType: Type.Array(Type.Object({ type: Type.String(), received: Type.Integer(), unresolved: Type.Integer() })),
  unresolved: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      dealerName: Type.String(),
      type: Type.String(),
      productSku: S,
      subject: Type.String(),
      step: Type.String(),
      createdAt: Type.String(),
      breached: Type.Boolean(),
    }),
  ),
  recurring: Type.Array(Type.Object({ type: Type.String(), productSku: Type.String(), count: Type.Integer(), ticketNumbers: Type.Array(Type.String()), rootCause: S, preventiveAction: S })),
});
const Format = Type.Optional(Type.Literal('xlsx'));
const MonthQuery = Type.Object({ month: Type.String({ pattern: MONTH_PATTERN }), format: Format }, { additionalProperties: false });
// A quarter `YYYY-Qn`, or a month `YYYY-MM` standing for the quarter it falls in.
const QuarterQuery = Type.Object({ quarter: Type.String({ pattern: '^\\d{4}-(Q[1-4]|0[1-9]|1[0-2])$' }), format: Format }, { additionalProperties: false });
const ReviewBody = Type.Object(
  {
    month: Type.String({ pattern: MONTH_PATTERN }),
    type: StringEnum(TICKET_TYPES),
    productSku: Type.String({ minLength: 1, maxLength: 64 }),
    rootCause: Type.String({ minLength: 1, maxLength: 2000 }),
    preventiveAction: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** A quarter query is a quarter, or a month standing for its quarter. */
const quarterParam = (q: string) => (q.includes('Q') ? q : quarterOf(q));
const english = (request: FastifyRequest) => /^en\b/i.test(String(request.headers['accept-language'] ?? ''));

async function sendWorkbook(reply: FastifyReply, name: string, sheets: { name: string; header: string[]; rows: (string | number | null)[][] }[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qudao';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    s.rows.forEach((r) => ws.addRow(r));
    ws.columns.forEach((c) => (c.width = 18));
  }
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(Buffer.from(await wb.xlsx.writeBuffer()));
}

export default async function serviceReportRoutes(app: App, deps: AppDeps) {
  const tags = ['service'];
  app.get(
    '/v1/reports/feedback-monthly',
    {
      config: { access: { permission: 'serviceReports.read' } },
      schema: { tags, summary: 'Monthly customer-feedback review (unresolved, recurring, root cause); ?format=xlsx', querystring: MonthQuery, response: { 200: Monthly } },
    },
    async (request, reply) => {
      const r = await feedbackMonthly(ctxOf(deps, request), request.query.month);
      if (request.query.format !== 'xlsx') return r;
      const en = english(request);
      return sendWorkbook(reply, `feedback-${r.month}`, [
        {
          name: en ? 'Summary' : '汇总',
          header: en ? ['Received', 'Resolved', 'Unresolved', 'Breached', 'Breach rate', 'Average rating'] : ['受理', '已解决', '未解决', '超时', '超时率', '平均评分'],
          rows: [[r.totals.received, r.totals.resolved, r.totals.unresolved, r.totals.breached, r.totals.breachRate, r.totals.averageRating]],
        },
        { name: en ? 'By type' : '按类型', header: en ? ['Type', 'Received', 'Unresolved'] : ['类型', '受理', '未解决'], rows: r.byType.map((x) => [x.type, x.received, x.unresolved]) },
        {
          name: en ? 'Unresolved' : '未解决',
          header: en ? ['Number', 'Dealer', 'Type', 'Product', 'Subject', 'Step', 'Created', 'Breached'] : ['工单号', '经销商', '类型', '产品', '主题', '步骤', '创建时间', '超时'],
          rows: r.unresolved.map((x) => [x.number, x.dealerName, x.type, x.productSku, x.subject, x.step, x.createdAt, x.breached ? 1 : 0]),
        },
        {
          name: en ? 'Recurring' : '重复问题',
          header: en ? ['Type', 'Product', 'Count', 'Tickets', 'Root cause', 'Preventive action'] : ['类型', '产品', '次数', '工单', '根本原因', '预防措施'],
          rows: r.recurring.map((x) => [x.type, x.productSku, x.count, x.ticketNumbers.join(', '), x.rootCause, x.preventiveAction]),
        },
      ]);
    },
  );
  app.put(
    '/v1/reports/feedback-monthly/reviews',
    {
      config: { access: { permission: 'knowledge.write' } },
      schema: { tags, summary: 'Record the root cause and preventive action of a recurring problem', body: ReviewBody, response: { 200: ReviewBody } },
    },
    async (request) => {
      await saveProblemReview(ctxOf(deps, request), request.body);
      return request.body;
    },
  );
  app.get(
    '/v1/reports/communication-quarterly',
    {
      config: { access: { permission: 'serviceReports.read' } },
      schema: { tags, summary: 'Quarterly communication efficiency: median and p90 per stage, per region and manager; ?format=xlsx', querystring: QuarterQuery, response: { 200: Quarterly } },
    },
    async (request, reply) => {
      const r = await communicationQuarterly(ctxOf(deps, request), quarterParam(request.query.quarter));
      if (request.query.format !== 'xlsx') return r;
      const en = english(request);
      const header = en
        ? [
            'Group',
            'Tickets',
            'Breached',
            'Breach rate',
            'Response median h',
            'Response p90 h',
            'Resolution median h',
            'Resolution p90 h',
            'Confirmation median h',
            'Confirmation p90 h',
            'Lagging stage',
          ]
        : ['分组', '工单数', '超时数', '超时率', '响应中位数(h)', '响应P90(h)', '解决中位数(h)', '解决P90(h)', '确认中位数(h)', '确认P90(h)', '滞后环节'];
      const row = (g: typeof r.overall) => [
        g.label,
        g.tickets,
        g.breached,
        g.breachRate,
        g.stages.response.medianHours,
        g.stages.response.p90Hours,
        g.stages.resolution.medianHours,
        g.stages.resolution.p90Hours,
        g.stages.confirmation.medianHours,
        g.stages.confirmation.p90Hours,
        g.laggingStage,
      ];
      return sendWorkbook(reply, `communication-${r.quarter}`, [
        { name: en ? 'Overall' : '总体', header, rows: [row(r.overall)] },
        { name: en ? 'By region' : '按区域', header, rows: r.byRegion.map(row) },
        { name: en ? 'By manager' : '按经理', header, rows: r.byManager.map(row) },
      ]);
    },
  );
}
