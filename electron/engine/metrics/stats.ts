import type { RfmStats } from '../../../shared/contract/metrics';
import { medianOf } from '../rows/stats';

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
  // The median by selection on a copy, not a full sort: a million customers' R, F and M each.
  return { min, max, mean: round6(sum / n), median: round6(medianOf(Float64Array.from(values))) };
}

/** Money sums of many float cells drift (0.1 + 0.2); figures are kept to 6 decimals. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
