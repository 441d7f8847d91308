import type { RepeatData } from './repeat-data';

/** BG/NBD parameters (Fader, Hardie & Lee 2005): λ ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Running sums over k = 0 … x−1 of ln(v + k) and 1/(v + k): for whole x they equal
 * ln Γ(v+x) − ln Γ(v) and ψ(v+x) − ψ(v), so the likelihood needs no gamma function at all.
 */
function risingSums(v: number, maxX: number): { ln: Float64Array; inv: Float64Array } {
  const ln = new Float64Array(maxX + 1);
  const inv = new Float64Array(maxX + 1);
  for (let k = 0; k < maxX; k++) {
    ln[k + 1] = ln[k]! + Math.log(v + k);
    inv[k + 1] = inv[k]! + 1 / (v + k);
  }
  return { ln, inv };
}

/**
 * Log-likelihood of the BG/NBD model (FHL 2005, eq. 6), summed over customers with weights:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
 *     + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tₓ)^(r+x))
 * computed as A + ln(e^B + e^C) so that neither term under- or overflows. With `grad`
 * (length 4) the gradient with respect to (r, α, a, b) is written there.
 *
 * This is the hot loop of a fit (a million customers, a few hundred evaluations): for data in
 * whole days, ln(α + d) and 1/(α + d) come from per-evaluation tables, and each customer costs
 * one exp and one log1p.
 */
export function bgnbdLogLik(p: BgNbdParams, data: RepeatData, grad: Float64Array | null = null): number {
  const { r, alpha, a, b } = p;
  const R = risingSums(r, data.maxX);
  const Bs = risingSums(b, data.maxX);
  const AB = risingSums(a + b, data.maxX);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  // ln(b + x − 1) per x ≥ 1.
  const lnBx1 = new Float64Array(data.maxX + 1);
  for (let k = 1; k <= data.maxX; k++) lnBx1[k] = Math.log(b + k - 1);
  const days = data.days;
  let lnTable: Float64Array | null = null;
  let invTable: Float64Array | null = null;
  if (days) {
    lnTable = new Float64Array(days.maxDay + 1);
    invTable = new Float64Array(days.maxDay + 1);
    for (let d = 0; d <= days.maxDay; d++) {
      const v = alpha + d / days.unitDays;
      lnTable[d] = Math.log(v);
      invTable[d] = 1 / v;
    }
  }
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { x, tx, T, weight } = data;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const w = weight[i]!;
    const A = R.ln[xi]! + r * lnAlpha + Bs.ln[xi]! - AB.ln[xi]!;
    const lT = lnTable ? lnTable[days!.T[i]!]! : Math.log(alpha + T[i]!);
    const rx = r + xi;
    const termB = -rx * lT;
    if (xi === 0) {
      ll += w * (A + termB);
      if (grad) {
        gr += w * (lnAlpha - lT);
        gAlpha += w * (r / alpha - rx * (invTable ? invTable[days!.T[i]!]! : 1 / (alpha + T[i]!)));
      }
      continue;
    }
    const lt = lnTable ? lnTable[days!.tx[i]!]! : Math.log(alpha + tx[i]!);
    const termC = lnA - lnBx1[xi]! - rx * lt;
    // ln(e^B + e^C) = max + log1p(e^(−|B−C|)); the share of the C term follows from the same e.
    const e = Math.exp(-Math.abs(termB - termC));
    const both = (termB > termC ? termB : termC) + Math.log1p(e);
    ll += w * (A + both);
    if (grad) {
      const s = termC >= termB ? 1 / (1 + e) : e / (1 + e);
      const invT = invTable ? invTable[days!.T[i]!]! : 1 / (alpha + T[i]!);
      const invt = invTable ? invTable[days!.tx[i]!]! : 1 / (alpha + tx[i]!);
      gr += w * (R.inv[xi]! + lnAlpha - (1 - s) * lT - s * lt);
      gAlpha += w * (r / alpha - rx * ((1 - s) * invT + s * invt));
      ga += w * (-AB.inv[xi]! + s / a);
      gb += w * (Bs.inv[xi]! - AB.inv[xi]! - s / (b + xi - 1));
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = gAlpha;
    grad[2] = ga;
    grad[3] = gb;
  }
  return ll;
}
