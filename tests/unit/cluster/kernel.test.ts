import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { fitKmeans, kmeansPlusPlus, lloyd, type Matrix } from '../../../electron/engine/cluster/kmeans-kernel';
import { SeededRandom, sampleIndices } from '../../../electron/engine/cluster/prng';
import { blobs } from './cluster-fixtures';

describe('seeded random source', () => {
  it('gives the documented stream on every machine (golden values)', () => {
    const r = new SeededRandom(42, 1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([4200051549, 3812297280, 2419516356]);
    expect(new SeededRandom(42, 0).nextDouble()).toBe(0.44837189812056455);
    expect(Array.from(sampleIndices(100, 5, 7))).toEqual([5, 37, 92, 97, 98]);
  });

  it('separates streams of one seed', () => {
    expect(new SeededRandom(1, 0).nextUint32()).not.toBe(new SeededRandom(1, 1).nextUint32());
  });
});

describe('k-means kernel', () => {
  const m = blobs(3000, 5, 4, 11);

  it('is deterministic: the same seed gives identical labels, centroids and SSE', () => {
    const a = fitKmeans(m, { k: 4, seed: 7, restarts: 3, maxIterations: 300, tolerance: 1e-4 });
    const b = fitKmeans(m, { k: 4, seed: 7, restarts: 3, maxIterations: 300, tolerance: 1e-4 });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.centroids)).toEqual(Array.from(a.centroids));
    expect(b.sse).toBe(a.sse);
    expect(b.sseByRestart).toEqual(a.sseByRestart);
  });

  it('keeps the restart with the lowest SSE', () => {
    const fit = fitKmeans(m, { k: 6, seed: 3, restarts: 5, maxIterations: 300, tolerance: 0 });
    expect(fit.sseByRestart).toHaveLength(5);
    expect(fit.sse).toBe(Math.min(...fit.sseByRestart));
    expect(fit.sseByRestart[fit.bestRestart]).toBe(fit.sse);
  });

  it('k-means++ picks k distinct data rows as centres', () => {
    const init = kmeansPlusPlus(m, 4, 5, 0);
    const rows = new Set<string>();
    for (let c = 0; c < 4; c++) {
      const centre = Array.from(init.subarray(c * m.p, c * m.p + m.p));
      let found = -1;
      for (let i = 0; i < m.n && found < 0; i++) if (centre.every((v, j) => v === m.data[i * m.p + j])) found = i;
      expect(found).toBeGreaterThanOrEqual(0);
      rows.add(centre.join(','));
    }
    expect(rows.size).toBe(4);
  });

  it('matches ml-kmeans (the oracle) exactly for the same initial centres', () => {
    const small = blobs(800, 3, 5, 99);
    const init = kmeansPlusPlus(small, 5, 1, 0);
    const ours = lloyd(small, init, { maxIterations: 300, tolerance: 0 });
    const rows = Array.from({ length: small.n }, (_, i) => Array.from(small.data.subarray(i * 3, i * 3 + 3)));
    const initRows = Array.from({ length: 5 }, (_, c) => Array.from(init.subarray(c * 3, c * 3 + 3)));
    const theirs = mlKmeans(rows, 5, { initialization: initRows, maxIterations: 300, tolerance: 0 });
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
    let sse = 0;
    theirs.clusters.forEach((c, i) => rows[i]!.forEach((v, j) => (sse += (v - theirs.centroids[c]![j]!) ** 2)));
    expect(ours.sse).toBeCloseTo(sse, 9);
    theirs.centroids.forEach((centre, c) => centre.forEach((v, j) => expect(ours.centroids[c * 3 + j]).toBeCloseTo(v, 12)));
  });

  // p = 8 takes the full-distance candidate loop, p = 20 the early-exit one; noise as wide as the
  // blob spacing keeps many rows near a boundary, so the bounds are tested where they are tight.
  it.each([3, 8, 20])('matches ml-kmeans on overlapping blobs with %i features, and the tolerance stop relabels exactly', (p) => {
    const over = blobs(1500, p, 6, 40 + p);
    for (let i = 0; i < over.data.length; i++) over.data[i] = over.data[i]! / 4 + Math.sin(i * 12.9898) * 2;
    const init = kmeansPlusPlus(over, 6, 3, 0);
    const ours = lloyd(over, init, { maxIterations: 300, tolerance: 0 });
    const rows = Array.from({ length: over.n }, (_, i) => Array.from(over.data.subarray(i * p, i * p + p)));
    const initRows = Array.from({ length: 6 }, (_, c) => Array.from(init.subarray(c * p, c * p + p)));
    const theirs = mlKmeans(rows, 6, { initialization: initRows, maxIterations: 300, tolerance: 0 });
    expect(ours.iterations).toBeGreaterThan(3);
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
    // Stopped early by the tolerance: the labels are still each row's nearest final centre.
    const early = lloyd(over, init, { maxIterations: 300, tolerance: 0.05 });
    expect(early.iterations).toBeLessThan(ours.iterations);
    for (let i = 0; i < over.n; i++) {
      let best = Infinity;
      let bestC = -1;
      for (let c = 0; c < 6; c++) {
        let d = 0;
        for (let j = 0; j < p; j++) d += (over.data[i * p + j]! - early.centroids[c * p + j]!) ** 2;
        if (d < best) [best, bestC] = [d, c];
      }
      expect(early.labels[i]).toBe(bestC);
    }
  });

  it('repairs an empty cluster with the farthest row and never returns NaN centroids', () => {
    // Centre 2 starts far from every row, so it is empty after the first assignment.
    const m2: Matrix = { data: Float64Array.from([0, 0, 0, 1, 1, 0, 10, 10, 10, 11, 11, 10, 50, 50]), n: 7, p: 2 };
    const init = Float64Array.from([0, 0, 10, 10, 1000, 1000]);
    const r = lloyd(m2, init, { maxIterations: 100, tolerance: 0 });
    expect(r.repairs).toBeGreaterThan(0);
    expect(Array.from(r.centroids).every(Number.isFinite)).toBe(true);
    const sizes = [0, 0, 0];
    for (const l of r.labels) sizes[l]! += 1;
    expect(sizes.every((s) => s > 0)).toBe(true);
    // The outlier (50, 50) is the farthest row: it becomes its own cluster.
    expect(r.labels[6]).not.toBe(r.labels[0]);
    expect(r.labels[6]).not.toBe(r.labels[3]);
  });

  it('stops at the iteration limit and still relabels with the final centres', () => {
    const init = kmeansPlusPlus(m, 4, 2, 0);
    const r = lloyd(m, init, { maxIterations: 1, tolerance: 0 });
    expect(r.iterations).toBe(1);
    for (let i = 0; i < m.n; i++) {
      let best = Infinity;
      let bestC = -1;
      for (let c = 0; c < 4; c++) {
        let d = 0;
        for (let j = 0; j < m.p; j++) d += (m.data[i * m.p + j]! - r.centroids[c * m.p + j]!) ** 2;
        if (d < best) [best, bestC] = [d, c];
      }
      expect(r.labels[i]).toBe(bestC);
    }
  });

  it('gives Lloyd labels on wide inputs too (70 features)', () => {
    const wide = blobs(300, 70, 3, 4);
    const init = kmeansPlusPlus(wide, 3, 1, 0);
    const r = lloyd(wide, init, { maxIterations: 300, tolerance: 0 });
    const rows = Array.from({ length: wide.n }, (_, i) => Array.from(wide.data.subarray(i * 70, i * 70 + 70)));
    const theirs = mlKmeans(rows, 3, { initialization: Array.from({ length: 3 }, (_, c) => Array.from(init.subarray(c * 70, c * 70 + 70))), maxIterations: 300, tolerance: 0 });
    expect(Array.from(r.labels)).toEqual(theirs.clusters);
  });
});

/** Random labels agree with themselves: a sanity check that the generator is not degenerate. */
describe('seeded blobs', () => {
  it('are reproducible', () => {
    expect(Array.from(blobs(10, 2, 2, 1).data)).toEqual(Array.from(blobs(10, 2, 2, 1).data));
    expect(new SeededRandom(5).nextDouble()).toBeLessThan(1);
  });
});
