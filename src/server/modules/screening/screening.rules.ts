// The screening scorecard (docs/rules.md, C1): criteria in four groups, each scored 0-100, a
// weighted total, a pass mark and knock-out criteria that reject regardless of the score.
import type { FieldError } from '../../../shared/errors.js';
import { SCREENING_GROUPS, type ScreeningCriteria, type ScreeningGroup } from '../../../shared/schemas/recruitment.js';

/**
 * The defaults: market coverage & channel network 30, financial strength 30, team & service 25,
 * strategic fit & reputation 15, split into the concrete points the training material names.
 */
export const DEFAULT_SCREENING: ScreeningCriteria = {
  criteria: [
    { key: 'outlet_network', name: '终端网点数量与质量', group: 'market', weight: 10 },
    { key: 'coverage', name: '区域市场覆盖（城市/区县）', group: 'market', weight: 10 },
    { key: 'key_accounts', name: '稳定客户关系与重点客户', group: 'market', weight: 5 },
    { key: 'local_insight', name: '本地消费趋势理解与资源整合', group: 'market', weight: 5 },
    { key: 'liquidity', name: '流动资金充足度', group: 'finance', weight: 8 },
    { key: 'debt_ratio', name: '资产负债率', group: 'finance', weight: 7 },
    { key: 'profitability', name: '持续盈利记录', group: 'finance', weight: 5 },
    { key: 'collection', name: '销售回款周期（DSO）', group: 'finance', weight: 5 },
    { key: 'inventory_turnover', name: '库存周转效率', group: 'finance', weight: 5 },
    { key: 'sales_team', name: '销售团队技能与规模', group: 'team', weight: 10 },
    { key: 'industry_experience', name: '行业经验与品牌运营案例', group: 'team', weight: 5 },
    { key: 'after_sales', name: '售后服务体系（响应、回访、闭环）', group: 'team', weight: 10 },
    { key: 'strategic_fit', name: '战略一致性与合作意愿', group: 'strategy', weight: 8 },
    { key: 'reputation', name: '行业口碑与客户评价', group: 'strategy', weight: 7 },
  ],
  knockOuts: [
    { key: 'major_debt_dispute', name: '重大债务纠纷' },
    { key: 'licence_revoked', name: '营业执照被吊销' },
  ],
  passMark: 70,
};

/** Weighted totals are kept to two decimals, half up (binary noise such as 72.3449999... removed first). */
export const round2 = (x: number) => Math.round(Number((x * 100).toPrecision(15))) / 100;

export const weightSum = (config: ScreeningCriteria) => round2(config.criteria.reduce((sum, c) => sum + c.weight, 0));

/** What is wrong with a scorecard an admin submits; empty when it may be saved. */
export function criteriaProblems(config: ScreeningCriteria): FieldError[] {
  const errors: FieldError[] = [];
  const sum = weightSum(config);
  if (Math.abs(sum - 100) > 1e-9) errors.push({ path: '/criteria', message: `weights total ${sum}; they must total 100` });
  const seen = new Set<string>();
  config.criteria.forEach((c, i) => {
    if (seen.has(c.key)) errors.push({ path: `/criteria/${i}/key`, message: `is listed twice (${c.key})` });
    seen.add(c.key);
  });
  const seenKo = new Set<string>();
  config.knockOuts.forEach((k, i) => {
    if (seenKo.has(k.key)) errors.push({ path: `/knockOuts/${i}/key`, message: `is listed twice (${k.key})` });
    seenKo.add(k.key);
  });
  return errors;
}

export interface ScoreInput {
  scores: { criterion: string; score: number }[];
  knockOuts?: string[];
}

export interface ScreeningOutcome {
  total: number;
  passed: boolean;
  knockedOut: boolean;
  knockOuts: string[];
  passMark: number;
  breakdown: { criterion: string; name: string; group: ScreeningGroup; weight: number; score: number; weighted: number }[];
  groups: { group: ScreeningGroup; weight: number; weighted: number }[];
}

/**
 * Scores a prospect against the scorecard. Every criterion must be scored exactly once within
 * 0-100; a missing, unknown or repeated one is named by its path. Total = sum of weight x score /
 * 100; passed = total >= pass mark and no knock-out.
 */
export function scoreScreening(config: ScreeningCriteria, input: ScoreInput): { errors: FieldError[] } | { outcome: ScreeningOutcome } {
  const errors: FieldError[] = [];
  const byKey = new Map(config.criteria.map((c) => [c.key, c]));
  const scored = new Map<string, number>();
  input.scores.forEach((s, i) => {
    if (!byKey.has(s.criterion)) errors.push({ path: `/scores/${i}/criterion`, message: `is not a screening criterion (${s.criterion})` });
    else if (scored.has(s.criterion)) errors.push({ path: `/scores/${i}/criterion`, message: `is scored twice (${s.criterion})` });
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > 100) errors.push({ path: `/scores/${i}/score`, message: 'must be between 0 and 100' });
    scored.set(s.criterion, s.score);
  });
  for (const c of config.criteria) {
    if (!scored.has(c.key)) errors.push({ path: '/scores', message: `misses criterion ${c.key} (${c.name})` });
  }
  const knockOutKeys = new Set(config.knockOuts.map((k) => k.key));
  const knockOuts = [...new Set(input.knockOuts ?? [])];
  (input.knockOuts ?? []).forEach((k, i) => {
    if (!knockOutKeys.has(k)) errors.push({ path: `/knockOuts/${i}`, message: `is not a knock-out criterion (${k})` });
  });
  if (errors.length) return { errors };

  const breakdown = config.criteria.map((c) => {
    const score = scored.get(c.key)!;
    return { criterion: c.key, name: c.name, group: c.group, weight: c.weight, score, weighted: round2((c.weight * score) / 100) };
  });
  // Summed from the unrounded products, rounded once: the total does not drift with the count.
  const total = round2(config.criteria.reduce((sum, c) => sum + c.weight * scored.get(c.key)!, 0) / 100);
  const groups = SCREENING_GROUPS.map((group) => {
    const members = config.criteria.filter((c) => c.group === group);
    return {
      group,
      weight: round2(members.reduce((s, c) => s + c.weight, 0)),
      weighted: round2(members.reduce((s, c) => s + c.weight * scored.get(c.key)!, 0) / 100),
    };
  }).filter((g) => g.weight > 0);
  const knockedOut = knockOuts.length > 0;
  return { outcome: { total, passed: !knockedOut && total >= config.passMark, knockedOut, knockOuts, passMark: config.passMark, breakdown, groups } };
}
