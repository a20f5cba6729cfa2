// Demo data for service and communication (deterministic, through the services so every row is
// audited and consistent): five months of customer feedback and dealer requests in South and
// East China with their whole lifecycles (some late, some reopened), a recurring problem this
// month, open tickets on the board, knowledge articles, announcements with read receipts, a
// mediation case, a satisfaction survey and the care calendar.
import type { Database } from '../../db/database.js';
import { fixedClock, type Clock } from '../../core/clock.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { prng } from '../../seed/demo.js';
import { createArticle } from '../knowledge/knowledge.service.js';
import { markRead, publishAnnouncement } from '../knowledge/announcements.service.js';
import { createDispute, createSurvey, recordActivity, respondSurvey, splitDispute } from '../relations/relations.service.js';
import { carePeriods } from '../relations/relations.rules.js';
import { createTicket, resolveTicket, takeStep } from './tickets.service.js';
import { addComment, confirmByCustomer } from './tickets.thread.js';
import { businessDate } from '../../../shared/dates.js';

const FEEDBACK = [
  { type: 'technical', subject: '空调压缩机运行异响', description: '客户反映新装空调夜间压缩机异响明显，影响休息。', solution: '上门检查发现减震垫安装偏位，重新固定并更换减震垫，异响消除。' },
  { type: 'product', subject: '净水器滤芯接口漏水', description: '安装三天后滤芯接口处渗水，地板受潮。', solution: '更换接口密封圈并试压30分钟无渗漏，赠送一支备用滤芯。' },
  { type: 'delivery', subject: '送货延误三天', description: '承诺周六送达，实际周二才到，客户投诉。', solution: '核实为承运商排班问题，补偿配送费并更换承运商线路。' },
  { type: 'service', subject: '安装师傅态度差', description: '客户反映安装人员未穿鞋套、未清理现场。', solution: '致歉并回访，对安装团队重新培训服务规范。' },
  { type: 'technical', subject: '电饭煲显示屏不亮', description: '使用两周后显示屏无显示，按键无反应。', solution: '判定为电源板故障，按三包政策上门更换电源板。' },
  { type: 'other', subject: '发票抬头开错', description: '客户需要重开公司抬头发票。', solution: '作废原发票，重新开具正确抬头。' },
];
const REQUESTS = [
  { type: 'supply', subject: '春节前追加备货', description: '预计春节前销量增长30%，申请追加一批热销型号，请确认到货时间。', answer: '已与工厂确认排产，预计下周三发货，物流单号另行通知。' },
  { type: 'policy', subject: '季度返利政策咨询', description: '本季度新品返利点数是否可与老品叠加？', answer: '新品返利与老品返利可叠加，按政策文件第三条执行。' },
  { type: 'marketing', subject: '门店促销物料申请', description: '申请国庆档门店海报、展架各20套。', answer: '物料已批准，由区域仓直接配送到店。' },
  { type: 'finance', subject: '对账差异', description: '10月对账单与我方记录相差一笔回款，请核对。', answer: '经核对为银行在途款，已于次日入账，对账单已更新。' },
  { type: 'technical', subject: '新品安装培训需求', description: '新款壁挂炉安装工艺复杂，申请厂家派技术员培训。', answer: '已安排技术员下周到店培训两天。' },
];

const hours = (h: number) => h * 3_600_000;

export async function seedService(db: Database, clock: Clock) {
  const base = clock.now();
  const rnd = prng(20261120);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd.next() * xs.length)];
  const at = fixedClock(base);
  const ctxAs = (name: string, extra: Partial<ServiceContext['caller']> = {}): ServiceContext => ({ db, clock: at, caller: { ...systemCaller, name, ...extra }, requestId: null });
  const hq = ctxAs('总部客服 赵敏');

  const dealers = await db
    .selectFrom('dealers as d')
    .innerJoin('dealer_territories as t', 't.dealer_id', 'd.id')
    .select(['d.id', 'd.name', 't.region_code'])
    .where('d.level', '=', 1)
    .where((eb) => eb.or(['44', '45', '31', '32', '33'].map((p) => eb('t.region_code', 'like', `${p}%`))))
    .orderBy('d.code')
    .execute();
  const demoDealer = await db.selectFrom('users').select('dealer_id').where('username', '=', 'dealer.admin').executeTakeFirst();
  const pool = [...new Map(dealers.map((d) => [d.id, d])).values()].slice(0, 14);
  if (demoDealer?.dealer_id && !pool.some((d) => d.id === demoDealer.dealer_id)) pool.push({ id: demoDealer.dealer_id, name: '', region_code: '' });
  if (pool.length === 0) return { tickets: 0 };
  const skus = (await db.selectFrom('products').select('sku').orderBy('sku').limit(6).execute()).map((p) => p.sku);
  const managerName = (region: string) => (region.startsWith('44') || region.startsWith('45') ? '华南区域经理 林芳' : '华东区域经理 王磊');

  /** One ticket's life from `start`, as far as `stage` (0 received .. 5 closed). */
  async function lifecycle(
    kind: 'customer_feedback' | 'dealer_request',
    dealer: (typeof pool)[number],
    start: Date,
    stage: number,
    opts: { sku?: string; lowFirst?: boolean; template?: number } = {},
  ) {
    at.set(start);
    const tpl = kind === 'customer_feedback' ? FEEDBACK[opts.template ?? Math.floor(rnd.next() * FEEDBACK.length)] : REQUESTS[opts.template ?? Math.floor(rnd.next() * REQUESTS.length)];
    const urgent = rnd.next() < 0.2;
    const ticket = await createTicket(hq, {
      kind,
      dealerId: dealer.id,
      channel: kind === 'customer_feedback' ? pick(['hotline', 'callback', 'web_form', 'survey', 'interview']) : 'portal',
      type: tpl.type as never,
      priority: urgent ? 'urgent' : 'normal',
      subject: tpl.subject,
      description: tpl.description,
      ...(kind === 'customer_feedback' ? { productSku: opts.sku ?? pick(skus), customer: { name: pick(['王女士', '李先生', '张女士', '刘先生', '陈女士']) } } : {}),
    });
    const handler = ctxAs(kind === 'dealer_request' ? managerName(dealer.region_code) : '门店客服');
    const step = async (to: string, extra: Record<string, unknown> = {}, who = handler) => takeStep(who, ticket.id, { to: to as never, ...extra });
    const wait = (lo: number, hi: number) => at.advance(hours(lo + rnd.next() * (hi - lo)));
    if (stage >= 1) {
      wait(0.2, 2);
      await step('classified');
    }
    if (stage >= 2) {
      wait(0.5, rnd.next() < 0.15 ? 40 : 8); // now and then a late first response
      await step('responded', { note: 'answer' in tpl ? tpl.answer : '已收到，正在安排处理。' });
      if (kind === 'dealer_request' && 'answer' in tpl) await addComment(handler, ticket.id, tpl.answer);
    }
    if (stage >= 3) {
      wait(0.5, 6);
      await step('processing');
    }
    if (stage >= 4) {
      wait(4, rnd.next() < 0.15 ? 120 : 40);
      let link = (await resolveTicket(handler, ticket.id, 'solution' in tpl ? tpl.solution : tpl.answer)).confirmationToken;
      // A dealer confirms its request; a customer confirms feedback through its one-time link only.
      const dealerUser = ctxAs('经销商管理员', { role: 'dealer_admin', dealerId: dealer.id });
      const verify = (rating: number, note?: string) =>
        kind === 'dealer_request' ? step('verified', { rating, ...(note ? { note } : {}) }, dealerUser) : confirmByCustomer(ctxAs('customer-link'), ticket.id, link!, rating, note);
      if (opts.lowFirst) {
        wait(2, 20);
        await verify(2, '问题仍未完全解决');
        wait(4, 30);
        link = (await resolveTicket(handler, ticket.id, `${'solution' in tpl ? tpl.solution : tpl.answer}（二次处理）`)).confirmationToken;
      }
      wait(2, 30);
      await verify(pick([3, 4, 4, 5, 5, 5]));
    }
    if (stage >= 5) {
      wait(1, 12);
      await step('closed');
    }
    return ticket;
  }

  let count = 0;
  const dayMs = 86_400_000;
  // Five months of history, all closed: about three tickets a week.
  for (let d = 150; d >= 12; d -= 2.5) {
    const dealer = pick(pool);
    const start = new Date(base.getTime() - d * dayMs + hours(Math.floor(rnd.next() * 8)));
    await lifecycle(rnd.next() < 0.55 ? 'customer_feedback' : 'dealer_request', dealer, start, 5, { lowFirst: rnd.next() < 0.1 });
    count++;
  }
  // This month: a recurring problem (same type and product, 4 times) and open tickets in every step.
  for (let i = 0; i < 4; i++) {
    await lifecycle('customer_feedback', pool[i % pool.length], new Date(base.getTime() - (10 - i * 2) * dayMs), i < 2 ? 5 : 3, { sku: skus[0], template: 0 });
    count++;
  }
  for (let i = 0; i < 12; i++) {
    const dealer = i < 4 && demoDealer?.dealer_id ? pool.find((p) => p.id === demoDealer.dealer_id)! : pick(pool);
    await lifecycle(i % 2 ? 'customer_feedback' : 'dealer_request', dealer, new Date(base.getTime() - hours(2 + i * 9)), i % 5);
    count++;
  }

  at.set(base);
  const articles = [
    ['空调异响排查指引', '空调异响常见原因：压缩机减震垫偏位、风扇叶片松动、管路共振。排查步骤：1. 确认异响位置；2. 检查减震垫；3. 紧固风扇；4. 调整管路固定卡。'],
    ['净水器滤芯更换周期', 'PP棉滤芯3-6个月，活性炭滤芯6-12个月，RO膜24个月。水质较差地区应缩短周期。更换后需冲洗5分钟。'],
    ['三包政策要点', '自售出之日起7日内质量问题可退货，15日内可换货，保修期内免费维修。需凭发票与保修卡。'],
    ['经销商返利计算说明', '季度返利按回款额计算，新品与老品返利可叠加；窜货处罚将从返利中扣减。'],
  ];
  for (const [title, body] of articles) await createArticle(hq, { title, body, status: 'published' });

  const anns = [
    { kind: 'policy' as const, title: '2027年度经销商返利政策', body: '自2027年1月1日起执行新的返利政策：基础返利2%，达成季度目标加1%，新品专项返利另计。详见附件政策文件。' },
    { kind: 'announcement' as const, title: '春节物流安排通知', body: '春节期间（2月14日-2月23日）物流停运，请各经销商于2月10日前完成备货下单。' },
    { kind: 'meeting' as const, title: '华南区季度经销商会议纪要', body: '会议议题：Q4销售冲刺、库存健康、客诉处理时效。决议：客诉首次响应须在1个工作日内完成。' },
  ];
  const published = [];
  for (const a of anns) published.push(await publishAnnouncement(hq, a));
  const dealerUsers = await db.selectFrom('users').select(['id', 'display_name', 'dealer_id']).where('role', 'in', ['dealer_admin', 'dealer_staff']).orderBy('username').execute();
  for (const u of dealerUsers.slice(0, 2)) await markRead(ctxAs(u.display_name, { kind: 'user', id: u.id, role: 'dealer_admin', dealerId: u.dealer_id }), published[0].id);

  if (pool.length >= 2) {
    const dispute = await createDispute(ctxAs('华南区域经理 林芳'), {
      title: '跨区客户归属争议',
      kind: 'dealer_dealer',
      parties: [
        { dealerId: pool[0].id, claim: '客户由我方首先开发，应归我方' },
        { dealerId: pool[1].id, claim: '客户在我方门店成交并由我方安装服务' },
      ],
      facts: '客户于9月在甲方展会留资，10月在乙方门店下单，乙方负责安装。',
      feelings: '甲方认为被抢单，乙方认为付出了全部销售与服务。',
      needs: '双方希望明确规则，保持合作。',
      options: '按贡献比例分配该单利润，并约定今后留资客户48小时内移交。',
      contestedFen: 1_200_000,
    });
    await splitDispute(ctxAs('华南区域经理 林芳'), dispute.id, {
      shares: [
        { dealerId: pool[0].id, shares: { leadOrigin: 100, salesEffort: 30, delivery: 0, service: 0 } },
        { dealerId: pool[1].id, shares: { leadOrigin: 0, salesEffort: 70, delivery: 100, service: 100 } },
      ],
      compensationFen: 300_000,
      planStartOn: businessDate(base),
    });
  }
  const survey = await createSurvey(hq, { title: `${base.getUTCFullYear()}年下半年经销商满意度调查` });
  const recipients = await db.selectFrom('survey_recipients').select('dealer_id').where('survey_id', '=', survey.id).orderBy('dealer_id').execute();
  for (const r of recipients.filter((_, i) => i % 3 !== 2).slice(0, 40)) {
    await respondSurvey(ctxAs('经销商代表', { role: 'dealer_admin', dealerId: r.dealer_id }), survey.id, { csat: pick([3, 4, 4, 5, 5]), nps: pick([5, 7, 8, 9, 9, 10, 10]) });
  }
  const periods = carePeriods(businessDate(base));
  for (const d of pool.slice(0, 5)) {
    await recordActivity(ctxAs(managerName(d.region_code)), {
      dealerId: d.id,
      kind: 'qbr',
      period: periods.quarter,
      heldOn: businessDate(base),
      attendees: ['总经理', '区域经理'],
      notes: '回顾本季度销售与库存，确定下季度目标。',
    });
  }
  return { tickets: count };
}
