import type { RfmStats } from '../../../shared/contract/metrics';

/** min, max, mean, median of a column of figures (0s for an empty list). */
export function describe(values: Float64Array): RfmStats {
  if (values.length === 0) return { min: 0, max: 0, mean: 0, median: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const n = sorted.length;
  const mid = n >> 1;
  return {
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean: round6(sum / n),
    median: round6(n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2),
  };
}

/** Money sums of many float cells drift (0.1 + 0.2); figures are kept to 6 decimals. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
