import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, hypSeries, lnGamma, lnGammaSigned, logAddExp } from '../../../electron/engine/clv/special-functions';

/**
 * Tanh-sinh quadrature on [0, 1] (handles the endpoint singularities of Euler's integral): an
 * oracle independent of the series. The integrand gets t and 1 − t, each computed without
 * cancellation near its end.
 */
function integrate(f: (t: number, oneMinusT: number) => number): number {
  const h = 1 / 64;
  let sum = 0;
  for (let k = -400; k <= 400; k++) {
    const s = k * h;
    const u = Math.PI * Math.sinh(s);
    const t = 1 / (1 + Math.exp(-u));
    const w = 1 / (1 + Math.exp(u));
    const weight = Math.PI * Math.cosh(s) * t * w;
    if (t === 0 || w === 0 || weight === 0) continue;
    sum += weight * f(t, w);
  }
  return sum * h;
}

/** Euler's integral: 2F1(a,b;c;z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ t^(b−1) (1−t)^(c−b−1) (1−zt)^(−a) dt, c > b > 0. */
function eulerIntegral(a: number, b: number, c: number, z: number): number {
  const coef = Math.exp(lnGamma(c) - lnGamma(b) - lnGamma(c - b));
  return coef * integrate((t, w) => Math.pow(t, b - 1) * Math.pow(w, c - b - 1) * Math.pow(1 - z * t, -a));
}

describe('log-gamma and digamma', () => {
  it('matches factorials, Γ(1/2) = √π and the reflection formula', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(171.5)).toBeCloseTo(709.1431630309281, 9);
    // Γ(−0.5) = −2√π
    const g = lnGammaSigned(-0.5);
    expect(g.sign).toBe(-1);
    expect(g.ln).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(lnGammaSigned(-3)).toEqual({ ln: Infinity, sign: 0 });
  });

  it('digamma: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, recurrence ψ(x+1) = ψ(x) + 1/x', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 13);
    for (const x of [0.3, 2.7, 9.9, 40]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
    // Reflection: ψ(1−x) − ψ(x) = π cot(πx); at x = −0.5, cot(−π/2) = 0.
    expect(digamma(-0.5)).toBeCloseTo(digamma(1.5), 12);
  });

  it('logAddExp does not overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});

describe('hypergeometric 2F1', () => {
  const zs = [0.05, 0.5, 0.85, 0.9, 0.9001, 0.95, 0.99, 0.999];
  it('equals closed forms on both sides of the series/connection switch', () => {
    for (const z of zs) {
      // 2F1(1,1;2;z) = −ln(1−z)/z: c−a−b = 0, the connection formula's integer case.
      expect(hyp2f1(1, 1, 2, z) / (-Math.log(1 - z) / z)).toBeCloseTo(1, 9);
      // 2F1(a,b;b;z) = (1−z)^(−a)
      expect(hyp2f1(0.7, 1.3, 1.3, z) / Math.pow(1 - z, -0.7)).toBeCloseTo(1, 12);
      // 2F1(1/2,1/2;3/2;z) = arcsin(√z)/√z
      expect(hyp2f1(0.5, 0.5, 1.5, z) / (Math.asin(Math.sqrt(z)) / Math.sqrt(z))).toBeCloseTo(1, 12);
    }
  });

  it('agrees with Euler’s integral for BG/NBD-like parameters', () => {
    const cases: [number, number, number][] = [
      [0.55, 0.3, 2.2],
      [2.4, 1.5, 4.1],
      [-0.3, 0.8, 3.05],
      [1.2, 0.6, 1.9],
    ];
    for (const [a, b, c] of cases) {
      for (const z of [0.3, 0.8, 0.93, 0.98]) {
        const want = eulerIntegral(a, b, c, z);
        expect(Math.abs(hyp2f1(a, b, c, z) - want) / Math.abs(want)).toBeLessThan(1e-9);
      }
    }
  });

  it('is continuous across z = 0.9 and terminates for a non-positive integer parameter', () => {
    const below = hypSeries(0.4, 0.9, 1.7, 0.9);
    const above = hyp2f1(0.4, 0.9, 1.7, 0.9 + 1e-12);
    expect(Math.abs(above - below) / below).toBeLessThan(1e-10);
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const b = 1.5;
    const c = 2.5;
    const z = 0.95;
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 12);
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
    expect(Number.isNaN(hyp2f1(1, 1, 2, 1))).toBe(true);
  });
});
