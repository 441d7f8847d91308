import { describe, expect, it } from 'vitest';
import { elbowK, suggestK } from '../../../electron/engine/cluster/advisor';
import type { Matrix } from '../../../electron/engine/cluster/kernel-memory';
import { calinskiHarabasz, daviesBouldin, silhouetteScores, silhouetteValues } from '../../../electron/engine/cluster/metrics';
import { SeededRandom } from '../../../electron/engine/cluster/prng';
import { jacobiEigen } from '../../../electron/engine/cluster/pca';
import { suggestName } from '../../../electron/engine/cluster/naming';
import type { EncodedFeature } from '../../../shared/contract/cluster';
import { blobs } from './cluster-fixtures';

// Four points on a line: {0, 1} and {10, 11}.
const line: Matrix = { data: Float64Array.from([0, 1, 10, 11]), n: 4, p: 1 };
const twoGroups = Int32Array.from([0, 0, 1, 1]);

describe('cluster quality measures (hand-computed)', () => {
  it('silhouette: a = 1, b = 10.5 or 9.5 → mean of 19/21 and 17/19', () => {
    const [s] = silhouetteScores(line, [twoGroups], [2], null);
    expect(s).toBeCloseTo((19 / 21 + 17 / 19) / 2, 12);
  });

  it('silhouette counts singletons as 0 and handles several labelings in one pass', () => {
    const single = Int32Array.from([0, 1, 1, 1]);
    const [a, b] = silhouetteScores(line, [twoGroups, single], [2, 2], null);
    expect(a).toBeCloseTo((19 / 21 + 17 / 19) / 2, 12);
    // Row 0 alone: 0. Row 1: a = (9 + 10) / 2 = 9.5, b = 1 → (1 − 9.5) / 9.5.
    // Row 2: a = (9 + 1) / 2 = 5, b = 10 → 0.5. Row 3: a = (10 + 1) / 2 = 5.5, b = 11 → 0.5.
    expect(b).toBeCloseTo((0 + (1 - 9.5) / 9.5 + 0.5 + 0.5) / 4, 12);
  });

  it('silhouette on a sample uses only the sampled rows', () => {
    const m = blobs(400, 2, 3, 8);
    const labels = Int32Array.from({ length: 400 }, (_, i) => i % 3);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 4);
    const sub: Matrix = { data: Float64Array.from(Array.from(rows).flatMap((i) => [m.data[i * 2]!, m.data[i * 2 + 1]!])), n: 100, p: 2 };
    const [sampled] = silhouetteScores(m, [labels], [3], rows);
    const [direct] = silhouetteScores(sub, [Int32Array.from(rows, (i) => labels[i]!)], [3], null);
    expect(sampled).toBeCloseTo(direct!, 12);
  });

  it('Calinski–Harabasz: between 100 / (k − 1) over within 1 / (n − k) = 200', () => {
    expect(calinskiHarabasz(line, twoGroups, 2)).toBeCloseTo(200, 10);
  });

  it('Davies–Bouldin: (0.5 + 0.5) / 10 = 0.1', () => {
    expect(daviesBouldin(line, twoGroups, 2)).toBeCloseTo(0.1, 12);
  });

  it('a single cluster has no CH or DB', () => {
    expect(calinskiHarabasz(line, Int32Array.from([0, 0, 0, 0]), 1)).toBeNull();
    expect(daviesBouldin(line, Int32Array.from([0, 0, 0, 0]), 1)).toBeNull();
  });
});

/**
 * Row a's distance sums per cluster as plain loops: distances added row by row in sample order
 * (each feature's square added in order), the definition the WebAssembly lanes must match exactly.
 */
function plainSilhouette(m: Matrix, labels: Int32Array, k: number, rows: Int32Array): Float64Array {
  const { data, p } = m;
  const s = rows.length;
  const lab = Int32Array.from(rows, (i) => labels[i]!);
  const counts = new Float64Array(k);
  for (const c of lab) counts[c]! += 1;
  const out = new Float64Array(s);
  for (let a = 0; a < s; a++) {
    const sums = new Float64Array(k);
    for (let b = 0; b < s; b++) {
      if (b === a) continue;
      let d = 0;
      for (let j = 0; j < p; j++) {
        const t = data[rows[a]! * p + j]! - data[rows[b]! * p + j]!;
        d += t * t;
      }
      sums[lab[b]!]! += Math.sqrt(d);
    }
    const own = lab[a]!;
    if (counts[own]! <= 1) continue;
    const inner = sums[own]! / (counts[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) nearest = Math.min(nearest, sums[c]! / counts[c]!);
    if (nearest === Infinity) continue;
    const denom = Math.max(inner, nearest);
    out[a] = denom > 0 ? (nearest - inner) / denom : 0;
  }
  return out;
}

describe('silhouette kernel (WebAssembly)', () => {
  it.each([
    [1, 2, 301],
    [3, 5, 240],
    [8, 8, 417],
  ])('gives exactly the plain loops’ values (p = %i, k = %i, %i sampled rows, several labelings)', (p, k, s) => {
    const m = blobs(1000, p, k, p * 7 + k);
    const rng = new SeededRandom(s, 3);
    const a = Int32Array.from({ length: m.n }, () => rng.nextInt(k));
    const b = Int32Array.from({ length: m.n }, (_, i) => i % 2);
    const rows = Int32Array.from({ length: s }, (_, i) => (i * 7919) % m.n);
    const [va, vb] = silhouetteValues(m, [a, b], [k, 2], rows);
    expect(Array.from(va!)).toEqual(Array.from(plainSilhouette(m, a, k, rows)));
    expect(Array.from(vb!)).toEqual(Array.from(plainSilhouette(m, b, 2, rows)));
  });
});

describe('k advisor', () => {
  const metrics = [
    { k: 2, sse: 100, silhouette: 0.4, calinskiHarabasz: 50, daviesBouldin: 0.9, iterations: 3 },
    { k: 3, sse: 40, silhouette: 0.6, calinskiHarabasz: 90, daviesBouldin: 0.5, iterations: 4 },
    { k: 4, sse: 30, silhouette: 0.5, calinskiHarabasz: 80, daviesBouldin: 0.6, iterations: 5 },
    { k: 5, sse: 25, silhouette: 0.45, calinskiHarabasz: 70, daviesBouldin: 0.7, iterations: 5 },
  ];

  it('suggests the highest silhouette and explains it in both languages', () => {
    const s = suggestK(metrics);
    expect(s.k).toBe(3);
    expect(s.reason.zh).toContain('k=3');
    expect(s.reason.zh).toContain('轮廓系数');
    expect(s.reason.en).toContain('highest silhouette');
    expect(s.reason.en).toContain('Calinski–Harabasz agrees');
  });

  it('finds the elbow at the largest bend of the SSE curve', () => {
    expect(elbowK(metrics)).toBe(3);
  });
});

describe('names and PCA helpers', () => {
  const feature = (column: string): EncodedFeature => ({
    name: column, column, columnKey: 'c0', kind: 'numeric', level: null, transforms: [], fitted: [], imputeValue: null, min: 0, max: 1, mean: 1,
  });

  it('builds business names from distinctive features', () => {
    const f = [feature('消费金额'), feature('购买频次'), feature('最近购买天数')];
    expect(suggestName(f, [180, 150, 40]).zh).toBe('高消费·高频·近期活跃');
    expect(suggestName(f, [180, 150, 40]).en).toBe('High spend · Frequent · Recently active');
    expect(suggestName(f, [101, 99, 105]).zh).toBe('均衡客群');
    expect(suggestName([feature('Region')], [200]).en).toBe('High Region');
  });

  it('Jacobi eigen-decomposition recovers a known spectrum', () => {
    const { values } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values.sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });
});
