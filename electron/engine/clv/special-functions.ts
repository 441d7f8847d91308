/**
 * Special functions the customer-value models need: log-gamma (with sign, for negative
 * arguments), digamma and the Gauss hypergeometric function 2F1 on 0 ≤ z < 1. Written for
 * double precision; each is checked in tests against identities and independent quadrature.
 */

// Lanczos approximation, g = 7, nine coefficients (relative error of Γ below 2e-15 for x ≥ 0.5).
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx); sin(πx) > 0 for 0 < x < 0.5.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LN_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln|Γ(x)| and the sign of Γ(x) for any real x; at the poles (0, −1, −2, …) ln|Γ| = +∞ and sign 0. */
export function lnGammaSigned(x: number): { ln: number; sign: number } {
  if (x > 0) return { ln: lnGamma(x), sign: 1 };
  if (Number.isInteger(x)) return { ln: Infinity, sign: 0 };
  const s = Math.sin(Math.PI * x);
  // Γ(x) = π / (sin(πx) Γ(1−x)), and Γ(1−x) > 0 here.
  return { ln: Math.log(Math.PI / Math.abs(s)) - lnGamma(1 - x), sign: s > 0 ? 1 : -1 };
}

/** ψ(x) = d/dx ln Γ(x). */
export function digamma(x: number): number {
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Asymptotic series with Bernoulli numbers; for x ≥ 10 the first omitted term is below 1e-15.
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return acc + Math.log(x) - 0.5 * inv - series;
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** Below this z the defining series is summed; above it the 1−z connection formula is used. */
const SERIES_MAX_Z = 0.9;
const MAX_TERMS = 100_000;

/**
 * Gauss hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 and c not a non-positive integer.
 * - z ≤ 0.9, or c large against a·b: the power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ (at most a few
 *   hundred terms).
 * - z > 0.9: the linear transformation to 1 − z (Abramowitz & Stegun 15.3.6), whose two series
 *   converge in a few dozen terms. That formula has poles when c − a − b is an integer; there
 *   the value is the limit, taken by Richardson extrapolation over c ± δ, c ± 2δ (error O(δ⁴)).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) return NaN;
  if (z === 0) return 1;
  // A large c makes the series converge at once whatever z is (and keeps huge Γ arguments out).
  if (z <= SERIES_MAX_Z || c > 100 * (1 + Math.abs(a * b))) return hypSeries(a, b, c, z);
  const m = c - a - b;
  const dist = Math.abs(m - Math.round(m));
  if (dist > 5e-4) return hypConnection(a, b, c, z);
  const d = 1e-3;
  const f1 = (hypConnection(a, b, c + d, z) + hypConnection(a, b, c - d, z)) / 2;
  const f2 = (hypConnection(a, b, c + 2 * d, z) + hypConnection(a, b, c - 2 * d, z)) / 2;
  return (4 * f1 - f2) / 3;
}

/** The defining series; converges for |z| < 1 (terminates when a or b is a non-positive integer). */
export function hypSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let quiet = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) break;
    // Two negligible terms in a row: a single tiny term can be a sign change of (a+n).
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
      if (++quiet >= 2) break;
    } else quiet = 0;
  }
  return sum;
}

function hypConnection(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const m = c - a - b;
  const gc = lnGammaSigned(c);
  // Term 1: Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)) · F(a, b; a+b−c+1; 1−z)
  const g1 = lnGammaSigned(m);
  const g2 = lnGammaSigned(c - a);
  const g3 = lnGammaSigned(c - b);
  const coef1 = g2.sign === 0 || g3.sign === 0 ? 0 : gc.sign * g1.sign * g2.sign * g3.sign * Math.exp(gc.ln + g1.ln - g2.ln - g3.ln);
  // Term 2: (1−z)^(c−a−b) Γ(c)Γ(a+b−c) / (Γ(a)Γ(b)) · F(c−a, c−b; c−a−b+1; 1−z)
  const h1 = lnGammaSigned(-m);
  const h2 = lnGammaSigned(a);
  const h3 = lnGammaSigned(b);
  const coef2 = h2.sign === 0 || h3.sign === 0 ? 0 : gc.sign * h1.sign * h2.sign * h3.sign * Math.exp(m * Math.log(w) + gc.ln + h1.ln - h2.ln - h3.ln);
  const t1 = coef1 === 0 ? 0 : coef1 * hypSeries(a, b, 1 - m, w);
  const t2 = coef2 === 0 ? 0 : coef2 * hypSeries(c - a, c - b, 1 + m, w);
  return t1 + t2;
}
