// Evaluation settings (docs/rules.md, C6-C8): their shape and defaults. Every number is a default
// an HQ admin can change; evaluation.settings.ts declares them to the one settings mechanism.
import { DEFAULT_ELASTIC_RULE, type ElasticTargetRule } from './targets.rules.js';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface EvaluationSettings {
  /** composite weights of the three KPIs (C6: 50/30/20) */
  weights: { sales: number; satisfaction: number; inventory: number };
  /** sub-indicator weights inside customer satisfaction */
  satisfactionWeights: { firstResponse24h: number; resolution: number; fulfilment: number; survey: number; renewal: number };
  /** sub-indicator weights inside inventory health */
  inventoryWeights: { turnover: number; slowMoving: number };
  /** lower bounds of grades A, B, C on the composite (D below C) */
  gradeBands: { A: number; B: number; C: number };
  elastic: ElasticTargetRule;
  /** sell_in: shipped value minus returns; sell_out: reported dealer sales */
  salesBasis: 'sell_in' | 'sell_out';
  /** an order is fulfilled when fully shipped within this many days of its order date */
  fulfilmentDays: number;
  /** turnover-days benchmark per product category, and the default for others */
  turnoverBenchmarkDays: { default: number; byCategory: Record<string, number> };
  /** C7 thresholds */
  warning: { baselineComposite: number; salesDropRatio: number; complaintSpikeFactor: number; redAfterMonths: number; planMonths: number };
  /** C6 -> C8: grade-driven steps; rebate in basis points, credit as a share of the current limit */
  consequences: { rebateStepBp: Record<Grade, number>; creditStepRatio: Record<Grade, number> };
  // No tier ladder here: the incentive policy owns it (incentives/policy.rules.ts DEFAULT_POLICY).
  // Stored settings from before still carry `tiers`; reading drops the unknown key (core/settings.ts).
}

export const DEFAULT_SETTINGS: EvaluationSettings = {
  weights: { sales: 0.5, satisfaction: 0.3, inventory: 0.2 },
  satisfactionWeights: { firstResponse24h: 0.25, resolution: 0.2, fulfilment: 0.2, survey: 0.2, renewal: 0.15 },
  inventoryWeights: { turnover: 0.6, slowMoving: 0.4 },
  gradeBands: { A: 85, B: 70, C: 60 },
  elastic: DEFAULT_ELASTIC_RULE,
  salesBasis: 'sell_in',
  fulfilmentDays: 7,
  turnoverBenchmarkDays: { default: 60, byCategory: {} },
  warning: { baselineComposite: 60, salesDropRatio: 0.2, complaintSpikeFactor: 2, redAfterMonths: 6, planMonths: 3 },
  consequences: {
    rebateStepBp: { A: 50, B: 0, C: 0, D: -50 },
    creditStepRatio: { A: 0.1, B: 0, C: 0, D: -0.1 },
  },
};
