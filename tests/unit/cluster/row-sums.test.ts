import { describe, expect, it } from 'vitest';
import { gatheredSums, labelSums, meanVarianceOf, spread } from '../../../electron/engine/cluster/row-sums';
import { SeededRandom } from '../../../electron/engine/cluster/prng';

// The unrolled passes must give the plain loops' sums bit for bit (same additions, same order).
describe('row sums (unrolled per feature count)', () => {
  it.each([1, 3, 8, 17])('per-cluster sums, spread and mean variance equal plain loops (p = %i)', (p) => {
    const n = 5003;
    const k = 4;
    const rng = new SeededRandom(p, 5);
    const data = Float64Array.from({ length: n * p }, () => rng.nextDouble() * 50 - 10);
    const labels = Int32Array.from({ length: n }, () => rng.nextInt(k));
    const sums = new Float64Array(k * p);
    const sizes = new Float64Array(k);
    const total = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]!]! += 1;
      for (let j = 0; j < p; j++) {
        sums[labels[i]! * p + j]! += data[i * p + j]!;
        total[j]! += data[i * p + j]!;
      }
    }
    const got = labelSums(data, n, p, labels, k);
    expect(Array.from(got.sums)).toEqual(Array.from(sums));
    expect(Array.from(got.sizes)).toEqual(Array.from(sizes));
    expect(Array.from(got.total)).toEqual(Array.from(total));
    const centroids = Float64Array.from(sums, (s, x) => s / sizes[Math.floor(x / p)]!);
    let within = 0;
    const withinBy = new Float64Array(k);
    const scatter = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += (data[i * p + j]! - centroids[labels[i]! * p + j]!) ** 2;
      within += s;
      withinBy[labels[i]!]! += s;
      scatter[labels[i]!]! += Math.sqrt(s);
    }
    const sp = spread(data, n, p, labels, centroids, k);
    expect(sp.within).toBe(within);
    expect(Array.from(sp.withinBy)).toEqual(Array.from(withinBy));
    expect(Array.from(sp.scatter)).toEqual(Array.from(scatter));
    const mean = total.map((t) => t / n);
    let mv = 0;
    for (let j = 0; j < p; j++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += (data[i * p + j]! - mean[j]!) ** 2;
      mv += v / n;
    }
    expect(meanVarianceOf(data, n, p)).toBe(mv / p);
    // Original-unit sums over a subset of rows, missing cells imputed.
    const columns = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => (i % 13 === j ? NaN : data[i * p + j]!)));
    const rows = Int32Array.from({ length: 2000 }, (_, r) => (r * 7) % n);
    const impute = Float64Array.from({ length: p }, (_, j) => j + 0.5);
    const want = new Float64Array(k * p);
    for (let j = 0; j < p; j++) {
      for (let r = 0; r < rows.length; r++) {
        const v = columns[j]![rows[r]!]!;
        want[labels[r]! * p + j]! += Number.isFinite(v) ? v : impute[j]!;
      }
    }
    expect(Array.from(gatheredSums(columns, rows, labels, impute, k))).toEqual(Array.from(want));
  });
});
