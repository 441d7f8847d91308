import type { SegmentSummary } from '../../../shared/contract/segmentations';

export interface Metric {
  /** Display name used as the key in `means`. */
  name: string;
  values: Float64Array;
}

/**
 * Count, share, revenue share and the mean of each metric per segment. Shares are over the
 * customers that got a segment (unassigned rows are reported separately), so they sum to 1.
 * `order` lists segments shown even when empty (the eight RFM cells); other labels follow in
 * order of first appearance.
 */
export function summarise(
  labels: readonly (string | null)[],
  order: readonly string[],
  metrics: readonly Metric[],
  revenue: Float64Array | null,
  actions: Readonly<Record<string, string | null>>,
): SegmentSummary[] {
  const names = [...order];
  const index = new Map(names.map((n, i) => [n, i]));
  for (const l of labels) {
    if (l !== null && !index.has(l)) {
      index.set(l, names.length);
      names.push(l);
    }
  }
  const counts = new Array<number>(names.length).fill(0);
  const revenueBy = new Array<number>(names.length).fill(0);
  const sums = metrics.map(() => new Array<number>(names.length).fill(0));
  const ns = metrics.map(() => new Array<number>(names.length).fill(0));
  let assigned = 0;
  let revenueTotal = 0;
  const codes = new Int32Array(labels.length);
  for (let row = 0; row < labels.length; row++) {
    const l = labels[row];
    if (l === null || l === undefined) {
      codes[row] = -1;
      continue;
    }
    const s = index.get(l)!;
    codes[row] = s;
    counts[s]! += 1;
    assigned++;
    if (revenue) {
      const v = revenue[row]!;
      if (!Number.isNaN(v)) {
        revenueBy[s]! += v;
        revenueTotal += v;
      }
    }
  }
  // One pass per metric over typed arrays (the hot loop for a million customers).
  for (let k = 0; k < metrics.length; k++) {
    const values = metrics[k]!.values;
    const sum = sums[k]!;
    const n = ns[k]!;
    for (let row = 0; row < codes.length; row++) {
      const s = codes[row]!;
      const v = values[row]!;
      if (s >= 0 && !Number.isNaN(v)) {
        sum[s]! += v;
        n[s]! += 1;
      }
    }
  }
  return names.map((name, s) => ({
    name,
    count: counts[s]!,
    share: assigned === 0 ? 0 : counts[s]! / assigned,
    revenueShare: revenue === null || revenueTotal === 0 ? null : revenueBy[s]! / revenueTotal,
    means: Object.fromEntries(metrics.map((m, k) => [m.name, ns[k]![s]! === 0 ? null : sums[k]![s]! / ns[k]![s]!])),
    action: actions[name] ?? null,
  }));
}

export function mean(values: Float64Array): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Median of the non-missing values (mean of the two middle values for an even count). */
export function median(values: Float64Array): number {
  // Typed-array sort is numeric and several times faster than Array#sort with a comparator.
  const xs = values.filter((v) => !Number.isNaN(v)).sort();
  if (xs.length === 0) return NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}
