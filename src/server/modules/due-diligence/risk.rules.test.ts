import { describe, expect, it } from 'vitest';
import { bandOf, riskScore, summarizeRisk } from './risk.rules.js';

describe('risk matrix (C2)', () => {
  it('scores likelihood x impact', () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(5, 5)).toBe(25);
    expect(() => riskScore(0, 3)).toThrow(RangeError);
    expect(() => riskScore(3, 6)).toThrow(RangeError);
    expect(() => riskScore(2.5, 2)).toThrow(RangeError);
  });

  it('bands every score at the documented edges: low <= 4, medium 5-9, high 10-14, critical >= 15', () => {
    const expected: Record<number, string> = { 1: 'low', 4: 'low', 5: 'medium', 9: 'medium', 10: 'high', 14: 'high', 15: 'critical', 25: 'critical' };
    for (const [score, band] of Object.entries(expected)) expect(bandOf(Number(score)), `score ${score}`).toBe(band);
    // Every cell of the 5x5 grid lands in exactly one band.
    const cells: Record<string, number> = { low: 0, medium: 0, high: 0, critical: 0 };
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) cells[bandOf(riskScore(l, i))]++;
    expect(cells).toEqual({ low: 8, medium: 7, high: 4, critical: 6 });
  });

  it('rates by the worst band and counts per band', () => {
    const summary = summarizeRisk([
      { likelihood: 1, impact: 2 },
      { likelihood: 2, impact: 3 },
      { likelihood: 3, impact: 3 },
      { likelihood: 2, impact: 5 },
    ]);
    expect(summary.rating).toBe('high');
    expect(summary.counts).toEqual({ low: 1, medium: 2, high: 1, critical: 0 });
    expect(summary.grid[2][2]).toBe(1);
    expect(summary.grid[1][4]).toBe(1);
    expect(summarizeRisk([{ likelihood: 5, impact: 3 }]).rating).toBe('critical');
  });

  it('is low with nothing found', () => {
    expect(summarizeRisk([])).toEqual({ rating: 'low', counts: { low: 0, medium: 0, high: 0, critical: 0 }, grid: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]) });
  });
});
