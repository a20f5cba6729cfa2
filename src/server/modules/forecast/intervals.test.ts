import { describe, expect, it } from 'vitest';
import { forecastCore } from './forecast.service.js';
import { fitEts } from './ets.fit.rules.js';
import { etsPointForecast } from './ets.rules.js';
import { class1Sd, etsBands, simulatedBands } from './intervals.rules.js';
import { seededRng } from './prng.rules.js';

/** A path of ETS(A,N,N): y_t = l_{t-1} + e_t, l_t = l_{t-1} + alpha e_t, e ~ N(0, sigma^2). */
function annPath(rng: ReturnType<typeof seededRng>, n: number, alpha: number, sigma: number, l0: number): { y: number[]; level: number } {
  let l = l0;
  const y: number[] = [];
  for (let t = 0; t < n; t++) {
    const e = sigma * rng.normal();
    y.push(l + e);
    l += alpha * e;
  }
  return { y, level: l };
}

describe('prediction intervals', () => {
  it('95% bands of a fitted ETS(A,N,N) contain about 95% of simulated futures of the true process', () => {
    const rng = seededRng(2024);
    const horizon = 6;
    let inside95 = 0;
    let inside80 = 0;
    let total = 0;
    for (let k = 0; k < 150; k++) {
      const { y, level } = annPath(rng, 80, 0.3, 5, 100);
      const fit = fitEts(y, 1, { error: 'A', trend: 'N', season: 'N' })!;
      const f = etsPointForecast(fit.spec, fit.state, fit.phi, horizon);
      const bands = etsBands(fit, f);
      // Ten futures of the true process from the true state.
      for (let r = 0; r < 10; r++) {
        const future = annPath(rng, horizon, 0.3, 5, level).y;
        future.forEach((v, h) => {
          total++;
          if (v >= bands.lower95[h] && v <= bands.upper95[h]) inside95++;
          if (v >= bands.lower80[h] && v <= bands.upper80[h]) inside80++;
        });
      }
    }
    expect(inside95 / total).toBeGreaterThan(0.9);
    expect(inside95 / total).toBeLessThan(0.99);
    expect(inside80 / total).toBeGreaterThan(0.74);
    expect(inside80 / total).toBeLessThan(0.86);
  });

  it('class 1 variance: sigma^2 (1 + (h - 1) alpha^2) for ETS(A,N,N)', () => {
    const rng = seededRng(5);
    const fit = fitEts(annPath(rng, 60, 0.4, 2, 50).y, 1, { error: 'A', trend: 'N', season: 'N' })!;
    const sd = class1Sd(fit, 4);
    sd.forEach((s, i) => expect(s).toBeCloseTo(Math.sqrt(fit.sigma2 * (1 + i * fit.alpha * fit.alpha)), 10));
  });

  it('simulated bands of a multiplicative model are ordered, positive and widen with the horizon', () => {
    const rng = seededRng(8);
    const y = Array.from({ length: 72 }, (_, t) => (100 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.03 * rng.normal()));
    const fit = fitEts(y, 12, { error: 'M', trend: 'A', season: 'M' })!;
    const f = etsPointForecast(fit.spec, fit.state, fit.phi, 24);
    const b = simulatedBands(fit, 24);
    for (let h = 0; h < 24; h++) {
      expect(b.lower95[h]).toBeGreaterThan(0);
      expect(b.lower95[h]).toBeLessThan(b.lower80[h]);
      expect(b.lower80[h]).toBeLessThan(f[h]);
      expect(b.upper80[h]).toBeGreaterThan(f[h]);
      expect(b.upper95[h]).toBeGreaterThan(b.upper80[h]);
    }
    const width = (h: number) => (b.upper95[h] - b.lower95[h]) / f[h];
    expect(width(23)).toBeGreaterThan(width(0));
  });

  it('the same series gives identical bands every time (seeded simulation)', () => {
    const y = Array.from({ length: 48 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 12) + (t % 5));
    expect(forecastCore(y, 12, 12)).toStrictEqual(forecastCore(y, 12, 12));
  });
});
