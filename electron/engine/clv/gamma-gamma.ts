import { fitMaximumLikelihood, START_SAMPLE, systematicSample, type MlFit } from './fit-report';
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

/** Spend data with what does not depend on the parameters computed once (the fit's hot loop). */
interface PreparedSpend {
  x: Float64Array;
  m: Float64Array;
  /** ln m and ln x per customer. */
  lnM: Float64Array;
  lnX: Float64Array;
  /** Distinct x values and each customer's index into them. */
  xs: number[];
  xIndex: Int32Array;
}

const prepared = new WeakMap<SpendData, PreparedSpend>();

function prepare(data: SpendData): PreparedSpend {
  let p = prepared.get(data);
  if (p) return p;
  const n = data.x.length;
  const xs: number[] = [];
  const at = new Map<number, number>();
  const xIndex = new Int32Array(n);
  const lnM = new Float64Array(n);
  const lnX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    let k = at.get(x);
    if (k === undefined) {
      k = xs.length;
      xs.push(x);
      at.set(x, k);
    }
    xIndex[i] = k;
    lnM[i] = Math.log(data.m[i]!);
    lnX[i] = Math.log(x);
  }
  p = { x: data.x, m: data.m, lnM, lnX, xs, xIndex };
  prepared.set(data, p);
  return p;
}

/**
 * Log-likelihood of the mean repeat spend m given x (Fader & Hardie's Gamma-Gamma note):
 *   f(m | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m^(px−1) x^(px) / (γ + m x)^(px+q)
 * Gamma functions are evaluated once per distinct x; with `grad` the gradient w.r.t. (p, q, γ).
 */
export function gammaGammaLogLik(params: GammaGammaParams, data: SpendData, grad: Float64Array | null = null): number {
  const { p, q, gamma } = params;
  const d = prepare(data);
  const lgq = lnGamma(q);
  const dq = digamma(q);
  const lnG = Math.log(gamma);
  const lg = new Float64Array(d.xs.length);
  const dg = new Float64Array(d.xs.length);
  const dg1 = new Float64Array(d.xs.length);
  d.xs.forEach((x, k) => {
    lg[k] = lnGamma(p * x + q) - lnGamma(p * x) - lgq;
    dg1[k] = digamma(p * x + q);
    dg[k] = dg1[k]! - digamma(p * x);
  });
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i]!;
    const k = d.xIndex[i]!;
    const px = p * x;
    const denom = gamma + d.m[i]! * x;
    const lnD = Math.log(denom);
    ll += lg[k]! + q * lnG + (px - 1) * d.lnM[i]! + px * d.lnX[i]! - (px + q) * lnD;
    if (grad) {
      gp += x * (dg[k]! + d.lnM[i]! + d.lnX[i]! - lnD);
      gq += dg1[k]! - dq + lnG - lnD;
      gg += q / gamma - (px + q) / denom;
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

/** Maximum likelihood from three starts scaled to the observed mean spend (on a sample above 100,000 repeat customers, then polished on all). */
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
  const ll = (d: SpendData) => (v: Float64Array, grad: Float64Array | null) => gammaGammaLogLik({ p: v[0]!, q: v[1]!, gamma: v[2]! }, d, grad);
  let sample: { customers: number; logLik: ReturnType<typeof ll> } | undefined;
  if (data.x.length > START_SAMPLE) {
    const idx = systematicSample(data.x.length, START_SAMPLE);
    const part = { x: Float64Array.from(idx, (i) => data.x[i]!), m: Float64Array.from(idx, (i) => data.m[i]!) };
    sample = { customers: idx.length, logLik: ll(part) };
  }
  const fit = await fitMaximumLikelihood({
    customers: data.x.length,
    starts,
    logLik: ll(data),
    ...(sample ? { sample } : {}),
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
