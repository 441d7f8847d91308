import { chiSquareTail } from '../analyze/chi-square';
import { invert, logDet } from './factor';

/**
 * Whether a correlation matrix is worth factoring.
 * - KMO (Kaiser–Meyer–Olkin): Σ r²ᵢⱼ / (Σ r²ᵢⱼ + Σ a²ᵢⱼ) over i ≠ j, with aᵢⱼ the partial correlation
 *   −(R⁻¹)ᵢⱼ / √((R⁻¹)ᵢᵢ (R⁻¹)ⱼⱼ). Kaiser's reading: ≥ 0.9 marvellous, 0.8 meritorious, 0.7 middling,
 *   0.6 mediocre, 0.5 miserable, below unacceptable.
 * - Bartlett's test of sphericity: χ² = −(n − 1 − (2p + 5)/6) · ln|R| with p(p − 1)/2 degrees of
 *   freedom; a small p-value says the columns are correlated enough.
 */
export interface Adequacy {
  kmo: number;
  /** KMO per column (measure of sampling adequacy). */
  kmoPerColumn: number[];
  bartlettChi2: number;
  bartlettDf: number;
  bartlettP: number;
}

export function adequacy(corr: Float64Array, p: number, n: number): Adequacy {
  const R = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => corr[a * p + b]!));
  const inv = invert(R);
  let r2 = 0;
  let a2 = 0;
  const perR = new Array<number>(p).fill(0);
  const perA = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      if (i === j) continue;
      const r = R[i]![j]! ** 2;
      const a = (inv[i]![j]! / Math.sqrt(inv[i]![i]! * inv[j]![j]!)) ** 2;
      r2 += r;
      a2 += a;
      perR[i]! += r;
      perA[i]! += a;
    }
  }
  const chi2 = -(n - 1 - (2 * p + 5) / 6) * logDet(corr, p);
  const df = (p * (p - 1)) / 2;
  return {
    kmo: r2 / (r2 + a2),
    kmoPerColumn: perR.map((r, i) => r / (r + perA[i]!)),
    bartlettChi2: chi2,
    bartlettDf: df,
    bartlettP: chiSquareTail(chi2, df).p,
  };
}

export function kmoVerdict(kmo: number): { zh: string; en: string } {
  if (kmo >= 0.9) return { zh: '极适合', en: 'marvellous' };
  if (kmo >= 0.8) return { zh: '很适合', en: 'meritorious' };
  if (kmo >= 0.7) return { zh: '适合', en: 'middling' };
  if (kmo >= 0.6) return { zh: '勉强适合', en: 'mediocre' };
  if (kmo >= 0.5) return { zh: '不太适合', en: 'miserable' };
  return { zh: '不适合', en: 'unacceptable' };
}
