// The screening scorecard (docs/rules.md, C1) as one setting of the one mechanism
// (src/server/core/settings.ts); the rules that score with it stay in screening.rules.ts.
import { ScreeningCriteria } from '../../../shared/schemas/recruitment.js';
import { defineSetting } from '../../core/settings.js';
import { DEFAULT_SCREENING, criteriaProblems } from './screening.rules.js';

export const SCREENING_CRITERIA = defineSetting({
  key: 'screening.criteria',
  module: 'screening',
  title: { 'zh-CN': '经销商筛选评分卡', en: 'Dealer screening scorecard' },
  schema: ScreeningCriteria,
  defaults: DEFAULT_SCREENING,
  permission: 'prospects.configure',
  // Weights total 100 and keys are unique: a scorecard failing this would score on another scale.
  check: criteriaProblems,
});
