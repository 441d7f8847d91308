/**
 * On a silhouette sample, is the best k really better? Every k's gap to the best is compared with
 * its paired standard error: the same sampled rows under both labelings, so the noise they share
 * cancels (sd of the per-row differences ÷ √rows).
 */
export interface SilhouetteGap {
  k: number;
  /** Best k's sampled silhouette minus this k's (≥ 0). */
  gap: number;
  /** Paired standard error of that gap. */
  se: number;
  /** Within `seMultiple` standard errors: a call the sample cannot make. */
  close: boolean;
}

export function silhouetteGaps(ks: number[], values: Float64Array[], seMultiple: number): { best: number; gaps: SilhouetteGap[] } | null {
  const means = values.map((v) => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : NaN));
  let best = -1;
  means.forEach((m, i) => {
    if (Number.isFinite(m) && (best < 0 || m > means[best]!)) best = i;
  });
  if (best < 0) return null;
  const vb = values[best]!;
  const gaps: SilhouetteGap[] = [];
  values.forEach((v, i) => {
    if (i === best || !Number.isFinite(means[i]!) || v.length !== vb.length || v.length < 2) return;
    const n = v.length;
    let mean = 0;
    for (let r = 0; r < n; r++) mean += vb[r]! - v[r]!;
    mean /= n;
    let ss = 0;
    for (let r = 0; r < n; r++) ss += (vb[r]! - v[r]! - mean) ** 2;
    const se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    const gap = means[best]! - means[i]!;
    gaps.push({ k: ks[i]!, gap, se, close: gap <= seMultiple * se });
  });
  return { best: ks[best]!, gaps };
}
