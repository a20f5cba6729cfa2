// forecast:::admissible for ETS smoothing parameters, without computing polynomial roots.

let scratchA = new Float64Array(32);
let scratchB = new Float64Array(32);

/**
 * forecast's admissible(): whether the smoothing parameters give a forecastable model (all roots of
 * the characteristic polynomial within the unit circle, up to 1e-10). The roots are not computed:
 * the Schur-Cohn recursion decides the same question in O(m^2).
 */
export function admissible(alpha: number, beta: number | null, gamma: number | null, phi: number | null, m: number): boolean {
  const ph = phi ?? 1;
  if (ph < 0 || ph > 1 + 1e-8) return false;
  if (gamma === null) {
    if (alpha < 1 - 1 / ph || alpha > 1 + 1 / ph) return false;
    if (beta !== null && (beta < alpha * (ph - 1) || beta > (1 + ph) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  const b = beta ?? 0;
  if (gamma < Math.max(1 - 1 / ph - alpha, 0) || gamma > 1 + 1 / ph - alpha) return false;
  if (alpha < 1 - 1 / ph - (gamma * (1 - m + ph + ph * m)) / (2 * ph * m)) return false;
  if (b < -(1 - ph) * (gamma / m + alpha)) return false;
  // Characteristic polynomial, lowest power first (forecast:::admissible), then the Schur-Cohn
  // step-down; roots of P(z) within |z| <= r  <=>  roots of P(r z) within the unit circle.
  const d0 = m + 1;
  if (scratchA.length < d0 + 1) {
    scratchA = new Float64Array(d0 + 1);
    scratchB = new Float64Array(d0 + 1);
  }
  let a = scratchA;
  let next = scratchB;
  const mid = alpha + b - alpha * ph;
  a[0] = ph * (1 - alpha - gamma);
  a[1] = mid + gamma - 1;
  for (let i = 2; i < m; i++) a[i] = mid;
  a[m] = alpha + b - ph;
  a[m + 1] = 1;
  const r = 1 + 1e-10;
  let rp = 1;
  for (let i = 0; i <= d0; i++) {
    a[i] *= rp;
    rp *= r;
  }
  for (let d = d0; d >= 1; d--) {
    const lead = a[d];
    const c0 = a[0];
    if (Math.abs(c0) >= Math.abs(lead)) return false;
    let scale = 0;
    for (let i = 0; i < d; i++) {
      next[i] = lead * a[i + 1] - c0 * a[d - 1 - i];
      scale = Math.max(scale, Math.abs(next[i]));
    }
    if (!(scale > 0)) return false;
    for (let i = 0; i < d; i++) next[i] /= scale;
    const tmp = a;
    a = next;
    next = tmp;
  }
  return true;
}
