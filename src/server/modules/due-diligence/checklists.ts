// The three due-diligence checklists of docs/rules.md, C2 (from the training material's 尽职调查流程):
// A background, B financial, C compliance & strategic fit. Each prospect gets its own copy when it
// enters due diligence; codes (A1...) and keys stay stable so findings can point at an item.
import type { Checklist } from '../../../shared/schemas/recruitment.js';

export interface ChecklistTemplateItem {
  code: string;
  key: string;
  name: string;
}

export const CHECKLIST_NAMES: Record<Checklist, string> = {
  A: '背景核实',
  B: '财务健康度',
  C: '合规风险与战略适配度',
};

const items = (checklist: Checklist, list: [string, string][]): ChecklistTemplateItem[] => list.map(([key, name], i) => ({ code: `${checklist}${i + 1}`, key, name }));

export const CHECKLIST_TEMPLATE: Record<Checklist, ChecklistTemplateItem[]> = {
  A: items('A', [
    ['business_registration', '工商注册资料与存续状态（官方平台交叉验证）'],
    ['qualifications', '经营资质证明'],
    ['track_record', '过往业绩记录'],
    ['credit_rating', '信用评级'],
    ['legal_disputes', '法律纠纷历史'],
    ['reputation', '行业口碑与客户评价'],
    ['third_party_data', '第三方数据：市场活跃度与合作稳定性'],
  ]),
  B: items('B', [
    ['audited_statements', '近三年审计报告与财务报表'],
    ['tax_records', '纳税记录'],
    ['bank_statements', '银行流水'],
    ['dupont_analysis', '杜邦分析：净资产收益率拆解'],
    ['working_capital', '供应链账期管理与存货周转效率'],
    ['cash_flow', '经营现金流与资金储备'],
  ]),
  C: items('C', [
    ['environmental_permits', '环保许可'],
    ['product_certification', '产品认证'],
    ['labour_law', '劳动法遵从情况'],
    ['ip_disputes', '知识产权纠纷'],
    ['administrative_penalties', '行政处罚记录'],
    ['strategy_interview', '管理层面谈：发展战略与业务重心是否协同'],
    ['stress_scenario', '压力情景：市场下滑20%时能否维持60天库存'],
  ]),
};

/** Statuses that close an item: due diligence is complete when no item is still open. */
export const CLOSED_STATUSES = ['verified', 'issue', 'not_applicable'] as const;
export const isClosedStatus = (status: string) => (CLOSED_STATUSES as readonly string[]).includes(status);
