import { fitMaximumLikelihood, type MlFit } from './fit-report';
import { digamma, lnGamma } from './special-functions';

/** Gamma-Gamma spend model (Fader & Hardie): z ~ Gamma(p, ν) per purchase, ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat customers only: x ≥ 1 repeat purchases with mean value m > 0. */
export interface SpendData {
  x: Float64Array;
  m: Float64Array;
}

/**
 * Log-likelihood of the mean repeat spend m given x (Fader & Hardie's Gamma-Gamma note):
 *   f(m | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m^(px−1) x^(px) / (γ + m x)^(px+q)
 * Gamma functions are evaluated once per distinct x; with `grad` the gradient w.r.t. (p, q, γ).
 */
export function gammaGammaLogLik(params: GammaGammaParams, data: SpendData, grad: Float64Array | null = null): number {
  const { p, q, gamma } = params;
  const byX = new Map<number, { lg: number; dg1: number; dg2: number }>();
  const lgq = lnGamma(q);
  const dq = digamma(q);
  const lnG = Math.log(gamma);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]!;
    const m = data.m[i]!;
    let c = byX.get(x);
    if (!c) {
      const px = p * x;
      c = { lg: lnGamma(px + q) - lnGamma(px) - lgq, dg1: digamma(px + q), dg2: digamma(px) };
      byX.set(x, c);
    }
    const px = p * x;
    const lnM = Math.log(m);
    const lnX = Math.log(x);
    const lnD = Math.log(gamma + m * x);
    ll += c.lg + q * lnG + (px - 1) * lnM + px * lnX - (px + q) * lnD;
    if (grad) {
      gp += x * (c.dg1 - c.dg2 + lnM + lnX - lnD);
      gq += c.dg1 - dq + lnG - lnD;
      gg += q / gamma - (px + q) / (gamma + m * x);
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gg;
  }
  return ll;
}

export interface GammaGammaFit extends MlFit {
  params: GammaGammaParams;
}

/** Maximum likelihood from three starts scaled to the observed mean spend. */
export async function fitGammaGamma(data: SpendData, onIteration?: () => Promise<void> | void): Promise<GammaGammaFit> {
  let sum = 0;
  for (let i = 0; i < data.m.length; i++) sum += data.m[i]!;
  const mean = sum / Math.max(1, data.m.length);
  // Each start has population mean spend pγ/(q−1) equal to the observed mean.
  const starts = [
    [1, 2, mean],
    [5, 3, (mean * 2) / 5],
    [0.5, 5, (mean * 4) / 0.5],
  ];
  const fit = await fitMaximumLikelihood({
    customers: data.x.length,
    starts,
    logLik: (v, grad) => gammaGammaLogLik({ p: v[0]!, q: v[1]!, gamma: v[2]! }, data, grad),
    ...(onIteration ? { onIteration } : {}),
  });
  const [p, q, gamma] = fit.estimate as [number, number, number];
  return { ...fit, params: { p, q, gamma } };
}

/**
 * E[M | p, q, γ, m, x] = (γ + m x) p / (p x + q − 1): a weighted mean of the population mean
 * pγ/(q−1) and the customer's own mean m. For x = 0 it is the population mean. Null when the
 * denominator is not positive (q ≤ 1 and x = 0: the population mean does not exist).
 */
export function expectedSpend(params: GammaGammaParams, x: number, m: number): number | null {
  const den = params.p * x + params.q - 1;
  if (!(den > 0)) return null;
  return ((params.gamma + (x > 0 ? m * x : 0)) * params.p) / den;
}

/** Pearson correlation of repeat purchases and mean repeat spend over repeat customers. */
export function frequencySpendCorrelation(data: SpendData): number | null {
  const n = data.x.length;
  if (n < 3) return null;
  let sx = 0;
  let sm = 0;
  for (let i = 0; i < n; i++) {
    sx += data.x[i]!;
    sm += data.m[i]!;
  }
  const mx = sx / n;
  const mm = sm / n;
  let cxx = 0;
  let cmm = 0;
  let cxm = 0;
  for (let i = 0; i < n; i++) {
    const dx = data.x[i]! - mx;
    const dm = data.m[i]! - mm;
    cxx += dx * dx;
    cmm += dm * dm;
    cxm += dx * dm;
  }
  if (cxx === 0 || cmm === 0) return null;
  return cxm / Math.sqrt(cxx * cmm);
}
