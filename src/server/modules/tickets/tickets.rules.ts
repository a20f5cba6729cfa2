// The ticket steps (C10): received -> classified -> responded -> processing -> verified -> closed,
// one step at a time. Verification carries the customer's rating: below the setting the ticket
// goes back to processing (reopened). Pure rules; the service turns refusals into errors.
import type { TicketStep } from '../../../shared/schemas/index.js';
import { TYPES_OF, type TicketKind } from './sla.rules.js';

export const NEXT_STEP: Record<TicketStep, TicketStep | null> = {
  received: 'classified',
  classified: 'responded',
  responded: 'processing',
  processing: 'verified',
  verified: 'closed',
  closed: null,
};

export type StepOutcome = { ok: true; step: TicketStep; reopened: boolean } | { ok: false; code: 'INVALID_TRANSITION' | 'RATING_REQUIRED' | 'RATING_NOT_EXPECTED'; detail: string };

export function stepOutcome(current: TicketStep, to: TicketStep, rating: number | undefined, reopenBelow: number): StepOutcome {
  const next = NEXT_STEP[current];
  if (next !== to) {
    return { ok: false, code: 'INVALID_TRANSITION', detail: next ? `A ticket in step ${current} can only move to ${next}, not ${to}` : `A ${current} ticket takes no further steps` };
  }
  if (to === 'verified') {
    if (rating === undefined) return { ok: false, code: 'RATING_REQUIRED', detail: 'Verification needs the customer rating (1-5)' };
    return rating < reopenBelow ? { ok: true, step: 'processing', reopened: true } : { ok: true, step: 'verified', reopened: false };
  }
  if (rating !== undefined) return { ok: false, code: 'RATING_NOT_EXPECTED', detail: 'Only verification carries a rating' };
  return { ok: true, step: to, reopened: false };
}

/** Steps a dealer user may take on its own dealer request: it confirms (rates) and closes. */
export const DEALER_REQUEST_STEPS_BY_DEALER: readonly TicketStep[] = ['verified', 'closed'];

/**
 * Who takes a step: a dealer user, the brand's staff (HQ, regional managers, system jobs), or the
 * customer through its one-time link (the public confirmation route, nothing else).
 */
export type StepActor = 'dealer' | 'brand' | 'customer';

/**
 * Why `actor` may not move a `kind` ticket to `to`; null when it may. Customer feedback is
 * verified by the customer alone (docs/rules.md, C10 "the customer confirms satisfaction (1-5) or the
 * ticket reopens"; no one confirms on the customer's behalf): its rating feeds the satisfaction
 * KPI, grades and rebates (C6, C8), so neither the dealer being rated nor HQ may enter it.
 */
export function stepRefusal(kind: TicketKind, to: TicketStep, actor: StepActor): string | null {
  if (kind === 'customer_feedback' && to === 'verified' && actor !== 'customer') return 'The customer verifies a customer-feedback ticket through its one-time confirmation link';
  if (actor === 'customer' && (kind !== 'customer_feedback' || to !== 'verified')) return 'A confirmation link only verifies customer feedback';
  if (actor === 'dealer' && kind === 'dealer_request' && !DEALER_REQUEST_STEPS_BY_DEALER.includes(to)) return `A dealer confirms and closes its requests; ${to} is the regional manager's step`;
  return null;
}

/**
 * Who may be assigned a ticket: HQ admins and regional managers (the latter only for dealers in
 * their regions, checked with the access scope). Analysts only read (permissions.ts) and dealer
 * users are the party being served (C9: requests go to the regional manager), so neither.
 */
export const mayBeAssigned = (role: string): role is 'hq_admin' | 'regional_manager' => role === 'hq_admin' || role === 'regional_manager';

/** The responsible department per type (C10), a default the classifier may change. */
export const DEPARTMENT_OF_TYPE: Record<string, string> = {
  technical: 'tech_support',
  service: 'customer_service',
  product: 'quality',
  delivery: 'logistics',
  supply: 'regional_office',
  policy: 'regional_office',
  marketing: 'marketing',
  finance: 'finance',
  other: 'customer_service',
};

export const isTypeOfKind = (kind: TicketKind, type: string) => TYPES_OF[kind].includes(type);

/** Channels a ticket of each kind comes through (C10 lists feedback channels; dealers use the portal). */
export const CHANNELS_OF: Record<TicketKind, readonly string[]> = {
  customer_feedback: ['survey', 'interview', 'callback', 'hotline', 'web_form'],
  dealer_request: ['portal', 'phone', 'email'],
};

/** Built-in solution templates per type (C10); HQ adds its own. */
export const BUILTIN_TEMPLATES: { id: string; type: string; title: string; body: string }[] = [
  { id: 'builtin-technical', type: 'technical', title: '技术故障排查', body: '1. 电话确认故障现象与型号批次；2. 远程指导排查或派技术员上门；3. 更换故障部件并记录序列号；4. 48小时内回访确认。' },
  { id: 'builtin-service', type: 'service', title: '服务投诉处理', body: '1. 致歉并记录投诉细节；2. 核实当事人员与经过；3. 给出补偿或改进方案；4. 反馈处理结果并回访。' },
  { id: 'builtin-product', type: 'product', title: '产品质量问题', body: '1. 收集照片与批次号；2. 提交质量部检测；3. 按三包政策退换；4. 同批次排查并通报。' },
  { id: 'builtin-delivery', type: 'delivery', title: '配送延误/破损', body: '1. 查询物流轨迹；2. 与承运商确认责任；3. 补发或理赔；4. 告知客户新的到货时间。' },
  { id: 'builtin-supply', type: 'supply', title: '供货需求', body: '1. 确认品项、数量与期望到货日；2. 核对库存与产能；3. 给出排产或调拨方案；4. 跟踪到货。' },
  { id: 'builtin-policy', type: 'policy', title: '政策咨询', body: '1. 确认所询政策条款；2. 引用最新政策文件答复；3. 特殊情况提交总部审批。' },
  { id: 'builtin-other', type: 'other', title: '通用处理', body: '1. 记录诉求；2. 指定责任部门；3. 在时限内答复并跟进。' },
];
