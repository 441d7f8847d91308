import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../electron/engine/clv/bgnbd-fit';
import { bgnbdLogLik, type BgNbdParams } from '../../../electron/engine/clv/bgnbd-likelihood';
import { expectedIfAlive, expectedPurchases, expectedPurchasesFromStart, pAlive } from '../../../electron/engine/clv/bgnbd-predict';
import { systematicSample } from '../../../electron/engine/clv/fit-report';
import { minimize } from '../../../electron/engine/clv/optimizer';
import { compressDays, repeatData } from '../../../electron/engine/clv/repeat-data';
import { ModelRandom, simulateCustomer, simulateSummaries } from '../../../electron/engine/clv/simulate';

/** Published BG/NBD estimates for the CDNOW sample, weeks (Fader, Hardie & Lee 2005). */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('BG/NBD likelihood', () => {
  it('equals hand-worked values of FHL eq. 6', () => {
    // x = 0: L = (α/(α+T))^r → 0.243 · ln(4.414/43.274) = 0.243 · (−2.282763) = −0.554711
    expect(bgnbdLogLik(CDNOW, repeatData([0], [0], [38.86]))).toBeCloseTo(-0.554711, 5);
    // x = 2, tₓ = 30.43, T = 38.86 (CDNOW customer 1), by hand:
    //   A = ln(r(r+1)) + r ln α + ln(b(b+1)) − ln((a+b)(a+b+1)) = −1.197182 + 0.360802 + 2.117641 − 2.608668 = −1.327407
    //   B = −(r+2) ln(α+T) = −8.450617;  C = ln a − ln(b+1) − (r+2) ln(α+tₓ) = −9.427946
    //   ln L = A + B + ln(1 + e^(C−B)) = −1.327407 − 8.450617 + 0.319410 = −9.458614
    expect(bgnbdLogLik(CDNOW, repeatData([2], [30.43], [38.86]))).toBeCloseTo(-9.458614, 4);
  });

  it('has the analytic gradient of its value', () => {
    const data = simulateSummaries(300, CDNOW, GG, { seed: 3, acquisition: 12, calibration: 39 });
    const d = repeatData(data.x, data.tx, data.T);
    const at = { r: 0.4, alpha: 6, a: 0.9, b: 3.1 };
    const g = new Float64Array(4);
    bgnbdLogLik(at, d, g);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((k, i) => {
      const h = 1e-6 * at[k];
      const up = bgnbdLogLik({ ...at, [k]: at[k] + h }, d);
      const down = bgnbdLogLik({ ...at, [k]: at[k] - h }, d);
      expect(g[i]! / ((up - down) / (2 * h))).toBeCloseTo(1, 6);
    });
  });

  it('gives the same likelihood from grouped whole-day data', () => {
    const x = Int32Array.from([0, 0, 2, 2, 5, 0, 2]);
    const tx = Int32Array.from([0, 0, 100, 100, 200, 0, 90]);
    const T = Int32Array.from([273, 273, 273, 273, 250, 100, 273]);
    const grouped = compressDays(x, tx, T, 7);
    expect(grouped.x.length).toBe(5);
    expect(grouped.customers).toBe(7);
    const plain = repeatData(x, Array.from(tx, (v) => v / 7), Array.from(T, (v) => v / 7));
    const g1 = new Float64Array(4);
    const g2 = new Float64Array(4);
    expect(bgnbdLogLik(CDNOW, grouped, g1)).toBeCloseTo(bgnbdLogLik(CDNOW, plain, g2), 10);
    g1.forEach((v, i) => expect(v).toBeCloseTo(g2[i]!, 10));
  });
});

describe('BG/NBD predictions at fixed parameters', () => {
  it('P(alive) and E[Y(39)] of CDNOW customer 1 match the paper', () => {
    // a/(b+x−1) = 0.793/3.426 = 0.231465; ((α+T)/(α+tₓ))^(r+x) = (43.274/34.844)^2.243 = 1.62577
    // P(alive) = 1/(1 + 0.231465 · 1.62577) = 0.72658
    expect(pAlive(CDNOW, 2, 30.43, 38.86)).toBeCloseTo(0.72658, 4);
    // FHL 2005 report 1.226 expected purchases in the next 39 weeks for this customer.
    expect(expectedPurchases(CDNOW, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(pAlive(CDNOW, 0, 0, 38.86)).toBe(1);
  });

  it('E[Y(t)] is 0 at t = 0, grows with t, and is continuous through a = 1', () => {
    expect(expectedIfAlive(CDNOW, 0, 3, 20)).toBe(0);
    let prev = 0;
    for (const t of [1, 5, 20, 52, 200, 2000]) {
      const e = expectedIfAlive(CDNOW, t, 3, 20);
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
    const near = (a: number): number => expectedIfAlive({ ...CDNOW, a }, 52, 2, 30);
    expect(near(1)).toBeCloseTo((near(1 - 1e-4) + near(1 + 1e-4)) / 2, 6);
  });

  it('stays finite at the edges: a fit with a → ∞, b → 0, and a customer with 800 purchases', () => {
    // a huge, b tiny: dropout right after the first repeat purchase, so E[X(t)] → 1 − (α/(α+t))^r.
    const edge = { r: 0.0131, alpha: 15.11, a: 5e6, b: 2e-7 };
    expect(expectedPurchasesFromStart(edge, 10)).toBeCloseTo(1 - Math.pow(15.11 / 25.11, 0.0131), 5);
    const many = expectedIfAlive(CDNOW, 52, 800, 104);
    // A customer alive at rate ≈ (r+x)/(α+T) keeps buying at about that rate (less dropout).
    expect(many).toBeGreaterThan(100);
    expect(many).toBeLessThan((52 * (CDNOW.r + 800)) / (CDNOW.alpha + 104));
  });

  it('E[X(t)] from the first purchase equals a simulation of the model', () => {
    const rng = new ModelRandom(11);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const k = simulateCustomer(rng, CDNOW, GG, 39).times.length - 1;
      sum += k;
      sq += k * k;
    }
    const mean = sum / n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    expect(Math.abs(mean - expectedPurchasesFromStart(CDNOW, 39))).toBeLessThan(3 * se);
  });

  it('conditional expectations match simulated holdout purchases of the same customers', () => {
    const s = simulateSummaries(20_000, CDNOW, GG, { seed: 5, acquisition: 12, calibration: 39, holdout: 39 });
    let actual = 0;
    let predicted = 0;
    for (let i = 0; i < s.x.length; i++) {
      actual += s.holdout[i]!;
      predicted += expectedPurchases(CDNOW, 39, s.x[i]!, s.tx[i]!, s.T[i]!);
    }
    expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.05);
  });
});

describe('BG/NBD maximum likelihood', () => {
  it('recovers known parameters within three standard errors, from every start', async () => {
    const truth: BgNbdParams = { r: 0.8, alpha: 6, a: 0.6, b: 2.5 };
    const s = simulateSummaries(8000, truth, GG, { seed: 21, acquisition: 26, calibration: 52 });
    const fit = await fitBgNbd(repeatData(s.x, s.tx, s.T));
    expect(fit.converged).toBe(true);
    expect(fit.agreeingStarts).toBe(fit.starts.length);
    expect(fit.standardErrors).not.toBeNull();
    const est = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    [truth.r, truth.alpha, truth.a, truth.b].forEach((t, i) => {
      expect(Math.abs(est[i]! - t)).toBeLessThan(3 * fit.standardErrors![i]!);
    });
    // The optimum: the gradient vanishes and the likelihood beats the truth's.
    expect(fit.logLik).toBeGreaterThanOrEqual(bgnbdLogLik(truth, repeatData(s.x, s.tx, s.T)));
  });

  it('large data: starts on a systematic sample, polished on all customers, reach the full-data optimum', async () => {
    const s = simulateSummaries(30_000, CDNOW, GG, { seed: 31, acquisition: 12, calibration: 39 });
    const days = (a: Float64Array): Int32Array => Int32Array.from(a, (v) => Math.round(v * 7));
    const x = Int32Array.from(s.x);
    const tx = days(s.tx);
    const T = days(s.T);
    const full = compressDays(x, tx, T, 7);
    const idx = systematicSample(x.length, 5000);
    expect(idx.length).toBe(5000);
    const pick = (a: Int32Array): Int32Array => Int32Array.from(idx, (i) => a[i]!);
    const direct = await fitBgNbd(full);
    const sampled = await fitBgNbd(full, undefined, compressDays(pick(x), pick(tx), pick(T), 7));
    expect(sampled.startsSample).toBe(5000);
    expect(direct.startsSample).toBeNull();
    expect(sampled.logLik).toBeCloseTo(direct.logLik, 4);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(sampled.params[k] / direct.params[k]).toBeCloseTo(1, 4);
  });
});

describe('optimiser', () => {
  it('a known inverse Hessian makes a quadratic one Newton step', async () => {
    // f = ½ xᵀAx − bᵀx with A = diag(4, 1/4): the minimum is A⁻¹b.
    const f = (v: Float64Array, g: Float64Array): number => {
      g[0] = 4 * v[0]! - 2;
      g[1] = 0.25 * v[1]! - 1;
      return 2 * v[0]! ** 2 + 0.125 * v[1]! ** 2 - 2 * v[0]! - v[1]!;
    };
    const cold = await minimize(f, [1, 2], { gradientTolerance: 1e-12 });
    const warm = await minimize(f, [1, 2], { gradientTolerance: 1e-12, initialInverseHessian: Float64Array.of(0.25, 0, 0, 4) });
    expect(Array.from(warm.x)).toEqual([expect.closeTo(0.5, 10), expect.closeTo(4, 10)]);
    expect(warm.iterations).toBe(1);
    expect(cold.iterations).toBeGreaterThan(warm.iterations);
    expect(cold.converged && warm.converged).toBe(true);
  });
});
