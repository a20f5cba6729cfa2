import { describe, expect, it } from 'vitest';
import type { ScreeningCriteria } from '../../../shared/schemas/recruitment.js';
import { DEFAULT_SCREENING, criteriaProblems, round2, scoreScreening, weightSum, type ScreeningOutcome } from './screening.rules.js';

const all = (score: number, config: ScreeningCriteria = DEFAULT_SCREENING) => config.criteria.map((c) => ({ criterion: c.key, score }));
const outcome = (r: ReturnType<typeof scoreScreening>): ScreeningOutcome => {
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r.outcome;
};
const errors = (r: ReturnType<typeof scoreScreening>) => ('errors' in r ? r.errors : []);

describe('screening scorecard defaults (C1)', () => {
  it('weighs the four groups 30 / 30 / 25 / 15, 100 in all, pass mark 70', () => {
    const byGroup = (g: string) => DEFAULT_SCREENING.criteria.filter((c) => c.group === g).reduce((s, c) => s + c.weight, 0);
    expect([byGroup('market'), byGroup('finance'), byGroup('team'), byGroup('strategy')]).toEqual([30, 30, 25, 15]);
    expect(weightSum(DEFAULT_SCREENING)).toBe(100);
    expect(DEFAULT_SCREENING.passMark).toBe(70);
    expect(DEFAULT_SCREENING.knockOuts.map((k) => k.key)).toEqual(['major_debt_dispute', 'licence_revoked']);
    expect(criteriaProblems(DEFAULT_SCREENING)).toEqual([]);
  });
});

describe('scoring', () => {
  it('is the weighted sum of the scores', () => {
    expect(outcome(scoreScreening(DEFAULT_SCREENING, { scores: all(100) })).total).toBe(100);
    expect(outcome(scoreScreening(DEFAULT_SCREENING, { scores: all(0) })).total).toBe(0);
    // market 80, finance 60, team 90, strategy 50 -> 0.3*80 + 0.3*60 + 0.25*90 + 0.15*50 = 72
    const byGroup: Record<string, number> = { market: 80, finance: 60, team: 90, strategy: 50 };
    const result = outcome(scoreScreening(DEFAULT_SCREENING, { scores: DEFAULT_SCREENING.criteria.map((c) => ({ criterion: c.key, score: byGroup[c.group] })) }));
    expect(result.total).toBe(72);
    expect(result.groups).toEqual([
      { group: 'market', weight: 30, weighted: 24 },
      { group: 'finance', weight: 30, weighted: 18 },
      { group: 'team', weight: 25, weighted: 22.5 },
      { group: 'strategy', weight: 15, weighted: 7.5 },
    ]);
    expect(result.breakdown.find((b) => b.criterion === 'outlet_network')).toMatchObject({ weight: 10, score: 80, weighted: 8 });
  });

  it('passes at exactly the pass mark and fails just below it', () => {
    expect(outcome(scoreScreening(DEFAULT_SCREENING, { scores: all(70) }))).toMatchObject({ total: 70, passed: true });
    expect(outcome(scoreScreening(DEFAULT_SCREENING, { scores: all(69.99) }))).toMatchObject({ total: 69.99, passed: false });
  });

  it('fails on any knock-out regardless of the score', () => {
    const result = outcome(scoreScreening(DEFAULT_SCREENING, { scores: all(100), knockOuts: ['licence_revoked'] }));
    expect(result).toMatchObject({ total: 100, passed: false, knockedOut: true, knockOuts: ['licence_revoked'] });
  });

  it('accepts the bounds 0 and 100 and refuses scores outside them', () => {
    const scores = all(50);
    scores[0] = { criterion: scores[0].criterion, score: 101 };
    scores[1] = { criterion: scores[1].criterion, score: -1 };
    expect(errors(scoreScreening(DEFAULT_SCREENING, { scores })).map((e) => e.path)).toEqual(['/scores/0/score', '/scores/1/score']);
  });

  it('names a missing criterion', () => {
    const scores = all(80).filter((s) => s.criterion !== 'after_sales');
    expect(errors(scoreScreening(DEFAULT_SCREENING, { scores }))).toEqual([{ path: '/scores', message: expect.stringContaining('after_sales') }]);
  });

  it('names an unknown, a repeated criterion and an unknown knock-out', () => {
    const scores = [...all(80), { criterion: 'charisma', score: 90 }, { criterion: 'coverage', score: 10 }];
    const found = errors(scoreScreening(DEFAULT_SCREENING, { scores, knockOuts: ['bad_feng_shui'] }));
    expect(found).toEqual([
      { path: `/scores/${scores.length - 2}/criterion`, message: expect.stringContaining('charisma') },
      { path: `/scores/${scores.length - 1}/criterion`, message: expect.stringContaining('scored twice') },
      { path: '/knockOuts/0', message: expect.stringContaining('bad_feng_shui') },
    ]);
  });

  it('uses the weights of an edited scorecard, including decimal weights', () => {
    const config: ScreeningCriteria = {
      criteria: [
        { key: 'a', name: 'A', group: 'market', weight: 33.5 },
        { key: 'b', name: 'B', group: 'finance', weight: 66.5 },
      ],
      knockOuts: [],
      passMark: 60,
    };
    expect(criteriaProblems(config)).toEqual([]);
    const result = outcome(
      scoreScreening(config, {
        scores: [
          { criterion: 'a', score: 100 },
          { criterion: 'b', score: 40 },
        ],
      }),
    );
    expect(result.total).toBe(round2(33.5 + 26.6));
    expect(result.passed).toBe(true);
  });
});

describe('editing the scorecard', () => {
  it('refuses weights that do not total 100, naming the sum', () => {
    const config: ScreeningCriteria = { ...DEFAULT_SCREENING, criteria: DEFAULT_SCREENING.criteria.slice(1) };
    expect(criteriaProblems(config)).toEqual([{ path: '/criteria', message: 'weights total 90; they must total 100' }]);
  });

  it('refuses repeated criterion and knock-out keys', () => {
    const config: ScreeningCriteria = {
      criteria: [...DEFAULT_SCREENING.criteria.slice(0, -1), { ...DEFAULT_SCREENING.criteria[0], weight: 7 }],
      knockOuts: [...DEFAULT_SCREENING.knockOuts, DEFAULT_SCREENING.knockOuts[0]],
      passMark: 70,
    };
    expect(criteriaProblems(config).map((e) => e.path)).toEqual([`/criteria/${config.criteria.length - 1}/key`, '/knockOuts/2/key']);
  });
});
