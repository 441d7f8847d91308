import type { RfmStats } from '../../../shared/contract/metrics';

/** min, max, mean, median of a column of figures (0s for an empty list). */
export function describe(values: Float64Array): RfmStats {
  const n = values.length;
  if (n === 0) return { min: 0, max: 0, mean: 0, median: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  // The median by selection, not a full sort: a million customers' R, F and M each.
  const work = Float64Array.from(values);
  const mid = n >> 1;
  const upper = select(work, mid);
  const median = n % 2 ? upper : (maxBelow(work, mid) + upper) / 2;
  return { min, max, mean: round6(sum / n), median: round6(median) };
}

/** Rearranges `a` so that a[k] is the k-th smallest and everything before it is not larger (Hoare's selection). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** The largest of a[0..k-1] (after select(a, k) these are the k smallest). */
function maxBelow(a: Float64Array, k: number): number {
  let m = -Infinity;
  for (let i = 0; i < k; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** Money sums of many float cells drift (0.1 + 0.2); figures are kept to 6 decimals. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
