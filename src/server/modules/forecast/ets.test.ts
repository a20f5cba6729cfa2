import { describe, expect, it } from 'vitest';
import { EtsKernel, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND, etsPointForecast, finalState } from './ets.rules.js';
import { admissible } from './admissible.rules.js';
import type { EtsSpec } from './ets.rules.js';
import { fitEts } from './ets.fit.rules.js';
import { autoEts, candidateSpecs } from './ets.select.rules.js';
import { initialStates } from './ets.init.rules.js';
import { decompose } from './decompose.rules.js';
import { seededRng } from './prng.rules.js';

const theta = (p: Partial<Record<'alpha' | 'beta' | 'gamma' | 'phi' | 'l' | 'b', number>>, seasons: number[] = []): Float64Array => {
  const t = new Float64Array(P_SEASON + Math.max(1, seasons.length));
  t[P_ALPHA] = p.alpha ?? 0;
  t[P_BETA] = p.beta ?? 0;
  t[P_GAMMA] = p.gamma ?? 0;
  t[P_PHI] = p.phi ?? 1;
  t[P_LEVEL] = p.l ?? 0;
  t[P_TREND] = p.b ?? 0;
  seasons.forEach((s, j) => (t[P_SEASON + j] = s));
  return t;
};

const ALL_SPECS: EtsSpec[] = [];
for (const error of ['A', 'M'] as const) for (const trend of ['N', 'A', 'Ad'] as const) for (const season of ['N', 'A', 'M'] as const) ALL_SPECS.push({ error, trend, season });

describe('ETS recursions (hand-computed)', () => {
  it('ETS(A,N,N): l = l + alpha e, J = n log SSE', () => {
    const k = new EtsKernel(Float64Array.from([12, 11, 13]), 1, { error: 'A', trend: 'N', season: 'N' });
    const J = k.run(theta({ alpha: 0.5, l: 10 }));
    // f = 10, 11, 11; e = 2, 0, 2; levels 11, 11, 12.
    expect(Array.from(k.fitted)).toEqual([10, 11, 11]);
    expect(Array.from(k.residuals)).toEqual([2, 0, 2]);
    expect(Array.from(k.level)).toEqual([10, 11, 11, 12]);
    expect(J).toBeCloseTo(3 * Math.log(8), 12);
  });

  it('ETS(A,A,N) and ETS(A,Ad,N): trend update b = phi b + beta e', () => {
    const k = new EtsKernel(Float64Array.from([12, 13]), 1, { error: 'A', trend: 'A', season: 'N' });
    k.run(theta({ alpha: 0.5, beta: 0.1, l: 10, b: 1 }));
    // t=1: f = 11, e = 1, l = 11.5, b = 1.1; t=2: f = 12.6, e = 0.4.
    expect(k.fitted[1]).toBeCloseTo(12.6, 12);
    expect(k.level[1]).toBeCloseTo(11.5, 12);
    expect(k.slope[1]).toBeCloseTo(1.1, 12);
    const d = new EtsKernel(Float64Array.from([12, 13]), 1, { error: 'A', trend: 'Ad', season: 'N' });
    d.run(theta({ alpha: 0.5, beta: 0.1, phi: 0.9, l: 10, b: 1 }));
    // t=1: f = 10.9, e = 1.1, l = 10.9 + 0.55 = 11.45, b = 0.9 + 0.11 = 1.01; t=2: f = 11.45 + 0.909.
    expect(d.level[1]).toBeCloseTo(11.45, 12);
    expect(d.slope[1]).toBeCloseTo(1.01, 12);
    expect(d.fitted[1]).toBeCloseTo(12.359, 12);
  });

  it('ETS(A,N,A): seasonal state s = s + gamma e, used m steps later', () => {
    const k = new EtsKernel(Float64Array.from([12, 9, 13]), 2, { error: 'A', trend: 'N', season: 'A' });
    k.run(theta({ alpha: 0.5, gamma: 0.2, l: 10 }, [1, -1]));
    // t=1: f = 11, e = 1, l = 10.5, s(new) = 1.2; t=2: f = 9.5, e = -0.5, l = 10.25; t=3: f = 10.25 + 1.2.
    expect(Array.from(k.fitted)).toEqual([11, 9.5, 11.45]);
    expect(k.seasonal[2]).toBeCloseTo(1.2, 12);
  });

  it('ETS(M,N,M): relative errors, and J adds 2 sum log f', () => {
    const k = new EtsKernel(Float64Array.from([22, 9]), 2, { error: 'M', trend: 'N', season: 'M' });
    const J = k.run(theta({ alpha: 0.5, gamma: 0.2, l: 10 }, [2, 1]));
    // t=1: f = 20, e = 0.1, l = 10 (1 + 0.05) = 10.5, s = 2 (1 + 0.02) = 2.04; t=2: f = 10.5, e = -1.5/10.5.
    expect(k.residuals[0]).toBeCloseTo(0.1, 12);
    expect(k.level[1]).toBeCloseTo(10.5, 12);
    expect(k.seasonal[2]).toBeCloseTo(2.04, 12);
    expect(k.fitted[1]).toBeCloseTo(10.5, 12);
    const e2 = -1.5 / 10.5;
    expect(J).toBeCloseTo(2 * Math.log(0.01 + e2 * e2) + 2 * (Math.log(20) + Math.log(10.5)), 10);
  });

  it('point forecasts: damped trend sums phi^j, seasons cycle', () => {
    const state = { level: 100, slope: 10, seasons: [1.1, 0.9] };
    expect(etsPointForecast({ error: 'M', trend: 'Ad', season: 'M' }, state, 0.5, 3)).toEqual([105 * 1.1, 107.5 * 0.9, 108.75 * 1.1].map((v) => expect.closeTo(v, 10)));
    expect(etsPointForecast({ error: 'A', trend: 'A', season: 'N' }, state, 1, 2)).toEqual([110, 120]);
  });

  it('the analytic gradient matches finite differences for all 18 structures', () => {
    const rng = seededRng(7);
    const m = 4;
    const y = Float64Array.from({ length: 24 }, (_, t) => (10 + 0.2 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / m)) + rng.normal() * 0.3);
    for (const spec of ALL_SPECS) {
      const k = new EtsKernel(y, m, spec);
      const seasons = spec.season === 'M' ? [1.2, 1.1, 0.8, 0.9] : spec.season === 'A' ? [2, 1, -2, -1] : [0, 0, 0, 0];
      const th = theta({ alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9, l: 10, b: 0.2 }, seasons);
      const g = new Float64Array(th.length);
      k.objectiveGradient(th, g);
      const used = [P_ALPHA, P_LEVEL];
      if (spec.trend !== 'N') used.push(P_BETA, P_TREND);
      if (spec.trend === 'Ad') used.push(P_PHI);
      if (spec.season !== 'N') used.push(P_GAMMA, P_SEASON, P_SEASON + 1, P_SEASON + 3);
      for (const i of used) {
        const h = 1e-6;
        const a = Float64Array.from(th);
        const b = Float64Array.from(th);
        a[i] -= h;
        b[i] += h;
        const fd = (k.run(b) - k.run(a)) / (2 * h);
        expect(g[i], `${JSON.stringify(spec)} d/d${i}`).toBeCloseTo(fd, 4);
      }
    }
  });
});

describe('admissibility (forecast:::admissible)', () => {
  it('accepts usual seasonal parameters and rejects unstable ones', () => {
    expect(admissible(0.3, 0.05, 0.1, 0.95, 12)).toBe(true);
    expect(admissible(0.9, null, null, null, 1)).toBe(true);
    expect(admissible(2.5, null, null, null, 1)).toBe(false);
    expect(admissible(0.5, 0.1, 0.9, 1, 12)).toBe(false);
  });
});

describe('start values (forecast:::initstate)', () => {
  it('seasonal states are the decomposition figure from the first observation, level from the adjusted start', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 + t + [10, -5, -10, 5][t % 4]);
    const init = initialStates(y, 4, { error: 'A', trend: 'A', season: 'A' });
    const fig = decompose(y, 4, 'additive').figure;
    init.seasons.forEach((s, j) => expect(s).toBeCloseTo(fig[j], 10));
    expect(init.slope).toBeCloseTo(1, 6);
    expect(init.level).toBeCloseTo(99, 6);
  });
});

describe('model fitting and selection', () => {
  it('L-BFGS gets within one unit of -2 log L of a long Nelder-Mead run, with far fewer evaluations', () => {
    const rng = seededRng(3);
    const y = Array.from({ length: 60 }, (_, t) => 50 + 0.5 * t + 8 * Math.sin((2 * Math.PI * t) / 12) + rng.normal() * 2);
    for (const spec of [
      { error: 'A', trend: 'N', season: 'N' },
      { error: 'A', trend: 'Ad', season: 'N' },
      { error: 'M', trend: 'A', season: 'M' },
    ] as EtsSpec[]) {
      const a = fitEts(y, 12, spec)!;
      const b = fitEts(y, 12, spec, { optimizer: 'nelder-mead' })!;
      expect(a.lik).toBeLessThanOrEqual(b.lik + 1);
      expect(a.evaluations).toBeLessThan(b.evaluations / 2);
    }
  });

  it('picks a seasonal model for a clearly seasonal series', () => {
    const rng = seededRng(11);
    const y = Array.from({ length: 72 }, (_, t) => 200 + t + 40 * Math.sin((2 * Math.PI * t) / 12) + rng.normal() * 5);
    const best = autoEts(y, 12)!.best;
    expect(best.spec.season).not.toBe('N');
  });

  it('picks a non-seasonal, trendless model for white noise', () => {
    const rng = seededRng(12);
    const y = Array.from({ length: 72 }, () => 100 + rng.normal() * 10);
    const best = autoEts(y, 12)!.best;
    expect(best.spec.season).toBe('N');
    expect(best.spec.trend).toBe('N');
  });

  it('uses additive models only when the data are not all positive', () => {
    expect(candidateSpecs([1, -2, 3, 4, 5, 6, 7, 8, 9, 10], 1).every((s) => s.error === 'A' && s.season !== 'M')).toBe(true);
    // Seasonal models need 2m + 2 points.
    expect(
      candidateSpecs(
        Array.from({ length: 25 }, (_, i) => i + 1),
        12,
      ).every((s) => s.season === 'N'),
    ).toBe(true);
    expect(
      candidateSpecs(
        Array.from({ length: 25 }, (_, i) => i + 1),
        12,
      ),
    ).toHaveLength(6);
    expect(
      candidateSpecs(
        Array.from({ length: 26 }, (_, i) => i + 1),
        12,
      ),
    ).toHaveLength(15);
  });

  it('final state reproduces the kernel state', () => {
    const k = new EtsKernel(Float64Array.from([1, 2, 3]), 1, { error: 'A', trend: 'A', season: 'N' });
    k.run(theta({ alpha: 0.5, beta: 0.5, l: 0, b: 1 }));
    expect(finalState(k)).toEqual({ level: 3, slope: 1, seasons: [] });
  });
});
