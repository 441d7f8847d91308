import type { ClusterProfile } from '../../../shared/contract/cluster';
import type { FeatureMatrix } from './features';
import { spread } from './row-sums';
import { nameParts, uniqueNames } from './naming';

/**
 * Renumbers clusters by size (largest = 1; ties keep kernel order) so that ids read naturally and
 * the same data gives the same numbering. Returns new labels and centroids in the new order.
 */
export function orderBySize(labels: Int32Array, centroids: Float64Array, k: number, p: number): { labels: Int32Array; centroids: Float64Array } {
  const sizes = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]! += 1;
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const newOf = new Int32Array(k);
  order.forEach((old, i) => (newOf[old] = i));
  const out = new Float64Array(k * p);
  order.forEach((old, i) => out.set(centroids.subarray(old * p, old * p + p), i * p));
  const renumbered = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) renumbered[i] = newOf[labels[i]!]!;
  return { labels: renumbered, centroids: out };
}

/** Sizes, shares, within SSE, means in original units, index vs the overall mean, names. */
export function buildProfiles(fm: FeatureMatrix, labels: Int32Array, centroids: Float64Array, k: number): ClusterProfile[] {
  const { data, n, p } = fm.matrix;
  const sizes = new Float64Array(k);
  for (let r = 0; r < n; r++) sizes[labels[r]!]! += 1;
  const within = spread(data, n, p, labels, centroids, k).withinBy;
  const sums = fm.originalSums(labels, k);
  const raw = Array.from({ length: k }, (_, c) => {
    const means = Array.from({ length: p }, (_, f) => (sizes[c]! > 0 ? sums[c * p + f]! / sizes[c]! : 0));
    const index = means.map((m, f) => {
      const overall = fm.features[f]!.mean;
      return overall > 0 ? round(m / overall * 100, 1) : null;
    });
    return { means, index };
  });
  const parts = raw.map((r) => nameParts(fm.features, r.index));
  const names = uniqueNames(parts.map((x) => x.name), parts.map((x) => x.spare));
  return raw.map((r, c) => ({
    id: c + 1,
    name: names[c]!.zh,
    nameEn: names[c]!.en,
    size: sizes[c]!,
    share: n > 0 ? sizes[c]! / n : 0,
    withinSse: within[c]!,
    centroid: Array.from(centroids.subarray(c * p, c * p + p)),
    means: r.means,
    index: r.index,
  }));
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
