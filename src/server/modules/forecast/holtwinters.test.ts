import { describe, expect, it } from 'vitest';
import { holtWinters, holtWintersForecast, holtWintersStart } from './holtwinters.rules.js';

// R's AirPassengers (monthly, 1949-1960, all 144 values) and R's HoltWinters(AirPassengers) and
// HoltWinters(AirPassengers, seasonal = "multiplicative") fits, as in ../shared/bench/forecast-public.json.
const AIR = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193,
  181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270, 315,
  364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404,
  359, 310, 337, 360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
];
const R = {
  additive: {
    alpha: 0.24795948974,
    beta: 0.034533729649,
    gamma: 1,
    sse: 21860.1846218501,
    forecast12: [
      453.4977217513, 429.3905692519, 467.0360520887, 503.2574066539, 512.339520167, 571.8879657496, 652.6095349914, 637.4622569173, 539.7547689463, 490.7249860862, 424.459265264, 469.5315187898,
    ],
  },
  multiplicative: {
    alpha: 0.27559247474,
    beta: 0.032692952734,
    gamma: 0.87072922227,
    sse: 16570.7778669999,
    forecast12: [
      447.0559313449, 419.7122798557, 464.8671310958, 496.083937621, 507.5326375006, 575.4508959611, 666.5922934204, 657.9137183405, 550.308766449, 492.9853092353, 420.2072795555, 465.6345009368,
    ],
  },
};

const within = (ours: number, ref: number, rel: number) => expect(Math.abs(ours / ref - 1), `${ours} vs R ${ref}`).toBeLessThanOrEqual(rel);

describe('HoltWinters reproduces R on AirPassengers', () => {
  for (const seasonal of ['additive', 'multiplicative'] as const) {
    it(`${seasonal}: alpha, beta, gamma, SSE and the 12 forecasts within 0.5% of R`, () => {
      const fit = holtWinters(AIR, 12, seasonal);
      const ref = R[seasonal];
      within(fit.alpha, ref.alpha, 0.005);
      within(fit.beta, ref.beta, 0.005);
      within(fit.gamma, ref.gamma, 0.005);
      within(fit.sse, ref.sse, 0.005);
      holtWintersForecast(fit, 12).forEach((f, i) => within(f, ref.forecast12[i], 0.005));
    });
  }

  it("takes R's start values: a line through the decomposition trend of the first two seasons", () => {
    const st = holtWintersStart(AIR, 12, 'additive');
    // R: coef(lm(na.omit(decompose(ts(AirPassengers[1:24], frequency = 12))$trend) ~ seq_len(12))).
    expect(st.level).toBeCloseTo(124.316919192, 6);
    expect(st.trend).toBeCloseTo(1.145687646, 6);
    expect(st.seasons.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
  });
});
