import { describe, expect, it } from 'vitest';
import { expectedSpend, fitGammaGamma, frequencySpendCorrelation, gammaGammaLogLik } from '../../../electron/engine/clv/gamma-gamma';
import { lnGamma } from '../../../electron/engine/clv/special-functions';
import { simulateSummaries } from '../../../electron/engine/clv/simulate';

const CDNOW_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

/**
 * The density of a customer's mean of x purchases, integrated over ν numerically: the mean of x
 * Gamma(p, ν) values is Gamma(px, xν), and ν ~ Gamma(q, γ). An oracle for the closed form.
 */
function densityByIntegration(m: number, x: number, p: number, q: number, gamma: number): number {
  const h = 1 / 64;
  let sum = 0;
  for (let k = -400; k <= 400; k++) {
    const s = k * h;
    // ν = e^(π/2 · sinh s) covers (0, ∞) with double-exponential decay at both ends.
    const lnNu = (Math.PI / 2) * Math.sinh(s);
    const nu = Math.exp(lnNu);
    const jac = nu * (Math.PI / 2) * Math.cosh(s);
    const lnMean = p * x * Math.log(x * nu) + (p * x - 1) * Math.log(m) - x * nu * m - lnGamma(p * x);
    const lnPrior = q * Math.log(gamma) + (q - 1) * lnNu - gamma * nu - lnGamma(q);
    const v = Math.exp(lnMean + lnPrior) * jac;
    if (Number.isFinite(v)) sum += v;
  }
  return sum * h;
}

describe('Gamma-Gamma spend model', () => {
  it('its likelihood is the integral of the story it tells', () => {
    for (const [x, m] of [
      [1, 11.77],
      [2, 22.35],
      [7, 73.74],
    ] as const) {
      const ll = gammaGammaLogLik(CDNOW_GG, { x: Float64Array.of(x), m: Float64Array.of(m) });
      expect(ll).toBeCloseTo(Math.log(densityByIntegration(m, x, CDNOW_GG.p, CDNOW_GG.q, CDNOW_GG.gamma)), 8);
    }
  });

  it('expected spend is the weighted mean of population and customer means', () => {
    // (γ + m x) p / (p x + q − 1) = (15.44 + 44.7) · 6.25 / 15.24 = 24.6637
    expect(expectedSpend(CDNOW_GG, 2, 22.35)).toBeCloseTo(24.6637, 4);
    // x = 0: the population mean pγ/(q−1) = 96.5 / 2.74 = 35.2190
    expect(expectedSpend(CDNOW_GG, 0, 0)).toBeCloseTo(35.219, 3);
    expect(expectedSpend({ p: 1, q: 0.8, gamma: 10 }, 0, 0)).toBeNull();
  });

  it('recovers known parameters within three standard errors', async () => {
    const s = simulateSummaries(20_000, { r: 1.2, alpha: 8, a: 0.7, b: 3 }, CDNOW_GG, { seed: 9, acquisition: 26, calibration: 52 });
    const idx = [...s.x.keys()].filter((i) => s.x[i]! > 0);
    const data = { x: Float64Array.from(idx, (i) => s.x[i]!), m: Float64Array.from(idx, (i) => s.monetary[i]!) };
    const fit = await fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    expect(fit.agreeingStarts).toBe(3);
    const est = [fit.params.p, fit.params.q, fit.params.gamma];
    [CDNOW_GG.p, CDNOW_GG.q, CDNOW_GG.gamma].forEach((t, i) => expect(Math.abs(est[i]! - t)).toBeLessThan(3 * fit.standardErrors![i]!));
    // Spend drawn independently of frequency: no correlation worth a warning.
    expect(Math.abs(frequencySpendCorrelation(data)!)).toBeLessThan(0.1);
  });

  it('measures the frequency–spend correlation', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5);
    expect(frequencySpendCorrelation({ x, m: Float64Array.of(10, 20, 30, 40, 50) })).toBeCloseTo(1, 12);
    expect(frequencySpendCorrelation({ x, m: Float64Array.of(7, 7, 7, 7, 7) })).toBeNull();
  });
});
