// The evaluation settings (docs/rules.md, C6-C8): KPI weights and sub-weights, grade bands, the
// elastic-target rule, the sales basis, turnover benchmarks per category, the warning thresholds
// and the grade -> rebate/credit steps, as one document of the one settings mechanism
// (src/server/core/settings.ts), so the HQ settings page edits every number and each change is
// versioned and audited. The tier ladder is not here: the incentive policy owns it.
import { Type, type TSchema } from 'typebox';
import type { FieldError } from '../../../shared/errors.js';
import { StringEnum } from '../../../shared/schemas/index.js';
import type { Database } from '../../db/database.js';
import type { ServiceContext } from '../../core/caller.js';
import { invalid } from '../../core/errors.js';
import { defineSetting, mergeOver, readSetting, writeSetting } from '../../core/settings.js';
import { DEFAULT_SETTINGS, type EvaluationSettings } from './settings.rules.js';

const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Score = (description: string) => Type.Number({ minimum: 0, maximum: 100, description });
const Days = (description: string) => Type.Integer({ minimum: 1, maximum: 3650, description });
const Strict = { additionalProperties: false } as const;
const byGrade = <T extends TSchema>(value: () => T) => Type.Object({ A: value(), B: value(), C: value(), D: value() }, Strict);

const EvaluationSettingsSchema = Type.Object(
  {
    weights: Type.Object(
      { sales: Share('sales achievement'), satisfaction: Share('customer satisfaction'), inventory: Share('inventory health') },
      { ...Strict, description: 'composite weights of the three KPIs; they sum to 1' },
    ),
    satisfactionWeights: Type.Object(
      {
        firstResponse24h: Share('tickets first answered within their SLA target (the key keeps its first name)'),
        resolution: Share('tickets the customer confirmed resolved, of those created'),
        fulfilment: Share('orders shipped in full on time'),
        survey: Share('survey score'),
        renewal: Share('customers who bought again'),
      },
      { ...Strict, description: 'sub-weights inside customer satisfaction; they sum to 1' },
    ),
    inventoryWeights: Type.Object(
      { turnover: Share('turnover against the benchmark'), slowMoving: Share('share of stock not slow-moving') },
      { ...Strict, description: 'sub-weights inside inventory health; they sum to 1' },
    ),
    gradeBands: Type.Object(
      { A: Score('lowest composite graded A'), B: Score('lowest composite graded B'), C: Score('lowest composite graded C (D below)') },
      { ...Strict, description: 'grade lower bounds; A > B > C' },
    ),
    elastic: Type.Object(
      {
        threshold: Type.Number({ minimum: 0, maximum: 2, description: 'market demand index below which the target is lowered' }),
        floor: Share('the lowest share of the target a weak market can bring it to'),
      },
      { ...Strict, description: 'the elastic-target rule evaluation, rebates and points all apply' },
    ),
    salesBasis: StringEnum(['sell_in', 'sell_out'] as const, { description: 'sell_in: shipped minus returns; sell_out: reported dealer sales' }),
    fulfilmentDays: Type.Integer({ minimum: 1, maximum: 365, description: 'an order is fulfilled when fully shipped within this many days' }),
    turnoverBenchmarkDays: Type.Object(
      {
        default: Days('benchmark turnover days for categories not listed'),
        byCategory: Type.Record(Type.String(), Days('benchmark turnover days of the category (product category name as on the product)')),
      },
      { ...Strict, description: 'turnover-days benchmark per product category' },
    ),
    warning: Type.Object(
      {
        baselineComposite: Score('a composite below this is a yellow warning'),
        salesDropRatio: Share('a fall in sales by this share against the same period last year is a yellow warning'),
        complaintSpikeFactor: Type.Number({ minimum: 1, maximum: 100, description: 'complaints this many times the usual level are a yellow warning' }),
        redAfterMonths: Type.Integer({ minimum: 1, maximum: 60, description: 'an orange warning unresolved this long turns red' }),
        planMonths: Type.Integer({ minimum: 1, maximum: 24, description: 'how long an improvement plan runs' }),
      },
      { ...Strict, description: 'warning thresholds (C7)' },
    ),
    consequences: Type.Object(
      {
        rebateStepBp: byGrade(() => Type.Integer({ minimum: -10_000, maximum: 10_000, description: 'rebate-rate step in basis points' })),
        creditStepRatio: byGrade(() => Type.Number({ minimum: -1, maximum: 10, description: 'credit-limit step as a share of the current limit' })),
      },
      { ...Strict, description: 'the steps a grade proposes (C6 -> C8)' },
    ),
  },
  Strict,
);

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Weights sum to 1, grade bands descend, the elastic floor does not exceed the threshold, categories are named. */
function checkEvaluationSettings(s: EvaluationSettings): FieldError[] {
  const errors: FieldError[] = [];
  if (!near(sum(s.weights), 1)) errors.push({ path: '/weights', message: 'must sum to 1' });
  if (!near(sum(s.satisfactionWeights), 1)) errors.push({ path: '/satisfactionWeights', message: 'must sum to 1' });
  if (!near(sum(s.inventoryWeights), 1)) errors.push({ path: '/inventoryWeights', message: 'must sum to 1' });
  if (!(s.gradeBands.A > s.gradeBands.B && s.gradeBands.B > s.gradeBands.C)) errors.push({ path: '/gradeBands', message: 'must descend: A > B > C' });
  if (!(s.elastic.floor <= s.elastic.threshold)) errors.push({ path: '/elastic/floor', message: 'must not exceed the threshold' });
  if (Object.keys(s.turnoverBenchmarkDays.byCategory).some((category) => !category.trim() || category.length > 100))
    errors.push({ path: '/turnoverBenchmarkDays/byCategory', message: 'category names must be 1 to 100 characters' });
  return errors;
}

export const EVALUATION_SETTINGS = defineSetting({
  key: 'evaluation.settings',
  module: 'evaluation',
  title: { 'zh-CN': '考核、预警与等级奖惩', en: 'Evaluation, warnings and grade steps' },
  schema: EvaluationSettingsSchema,
  defaults: DEFAULT_SETTINGS,
  permission: 'evaluations.run',
  check: checkEvaluationSettings,
});

export const loadSettings = (db: Database): Promise<EvaluationSettings> => readSetting(db, EVALUATION_SETTINGS);

/** PUT /evaluations/settings: the fields sent are merged over the settings in force, then saved whole. */
export async function saveSettings(ctx: ServiceContext, body: Partial<EvaluationSettings> & { tiers?: unknown }): Promise<EvaluationSettings> {
  // Refused rather than ignored, so nobody believes they moved a threshold that nothing reads.
  if (body.tiers !== undefined) throw invalid('/body/tiers', 'tier thresholds are part of the incentive policy: publish a version with PUT /api/v1/incentive-policies');
  const next = mergeOver(await loadSettings(ctx.db), body);
  return writeSetting(ctx, EVALUATION_SETTINGS, next, { pathPrefix: '/body' });
}
