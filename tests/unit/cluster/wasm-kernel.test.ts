import { describe, expect, it } from 'vitest';
import { allocBuffers, blockKernels, BLOCKS, layoutFor, matrixInMemory, viewsFor, writePairs, type Matrix } from '../../../electron/engine/cluster/kernel-memory';
import { fitKmeans, kmeansPlusPlus, meanVariance } from '../../../electron/engine/cluster/kmeans-kernel';
import { SeededRandom } from '../../../electron/engine/cluster/prng';
import { sleb, uleb } from '../../../electron/engine/cluster/wasm-encoder';
import { runKmeansJob } from '../../../electron/engine/cluster/worker-client';
import { isKequnError } from '../../../shared/contract/errors';
import { blobs } from './cluster-fixtures';

function sq(m: Matrix, i: number, centres: ArrayLike<number>, c: number): number {
  let d = 0;
  for (let j = 0; j < m.p; j++) {
    const t = m.data[i * m.p + j]! - centres[c * m.p + j]!;
    d += t * t;
  }
  return d;
}

/** Nearest centre (lowest index on ties), its distance and the second-smallest distance. */
function nearest(m: Matrix, i: number, centres: ArrayLike<number>, k: number): { c: number; best: number; second: number } {
  let best = Infinity;
  let second = Infinity;
  let c = 0;
  for (let x = 0; x < k; x++) {
    const d = sq(m, i, centres, x);
    if (d < best) {
      second = best;
      best = d;
      c = x;
    } else if (d < second) second = d;
  }
  return { c, best, second };
}

/** k-means++ as plain loops (the algorithm kmeansPlusPlus documents), for an exact comparison. */
function plainPlusPlus(m: Matrix, k: number, seed: number, restart: number): Float64Array {
  const { data, n, p } = m;
  const rng = new SeededRandom(seed, restart + 1);
  const centres = new Float64Array(k * p);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.nextInt(n);
  centres.set(data.subarray(first * p, first * p + p));
  let closest = Float64Array.from({ length: n }, (_, i) => sq(m, i, data, first));
  for (let c = 1; c < k; c++) {
    const cumulative = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += closest[i]!;
    let bestPot = Infinity;
    let bestRow = 0;
    let bestClosest = closest;
    for (let t = 0; t < trials; t++) {
      const target = rng.nextDouble() * acc;
      let row = cumulative.findIndex((v) => v > target);
      if (row < 0) row = n - 1;
      const next = Float64Array.from(closest, (d, i) => Math.min(d, sq(m, i, data, row)));
      let pot = 0;
      for (const d of next) pot += d;
      if (pot < bestPot) [bestPot, bestRow, bestClosest] = [pot, row, next];
    }
    centres.set(data.subarray(bestRow * p, bestRow * p + p), c * p);
    closest = bestClosest;
  }
  return centres;
}

describe('WebAssembly encoder', () => {
  it('writes LEB128 integers as the format defines them', () => {
    const enc = (f: (v: number, out: number[]) => void, v: number): number[] => {
      const out: number[] = [];
      f(v, out);
      return out;
    };
    expect(enc(uleb, 0)).toEqual([0]);
    expect(enc(uleb, 624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(enc(uleb, 65536)).toEqual([0x80, 0x80, 0x04]);
    expect(enc(sleb, -1)).toEqual([0x7f]);
    expect(enc(sleb, 64)).toEqual([0xc0, 0x00]);
    expect(enc(sleb, -123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});

describe('assignment kernels (WebAssembly)', () => {
  // Odd k pads the last lane pair; integer data makes exact ties between centres common.
  it.each([
    [1, 5],
    [3, 7],
    [9, 4],
  ])('assign every row to its nearest centre with exact bounds (p = %i, k = %i), lowest index on ties', (p, k) => {
    const rng = new SeededRandom(p * 31 + k, 2);
    const n = 2000;
    const m: Matrix = { data: Float64Array.from({ length: n * p }, () => rng.nextInt(5)), n, p };
    const centres = Float64Array.from({ length: k * p }, () => rng.nextInt(5));
    // Two identical centres: every row ties between them and must take the lower index.
    centres.copyWithin((k - 1) * p, 0, p);
    const buffers = allocBuffers(m, k);
    const a = viewsFor(buffers, k);
    a.centres.set(centres);
    writePairs(a, k, p);
    a.labels.fill(-1);
    const kernels = blockKernels(buffers, k);
    let changed = 0;
    for (let b = 0; b < BLOCKS; b++) changed += kernels.all(b);
    expect(changed).toBe(n);
    const sums = new Float64Array(k * p);
    for (let i = 0; i < n; i++) {
      const want = nearest(m, i, centres, k);
      expect(a.labels[i]).toBe(want.c);
      expect(a.upper[i]).toBe(Math.sqrt(want.best));
      expect(a.lower[i]).toBe(Math.sqrt(want.second));
      for (let j = 0; j < p; j++) sums[want.c * p + j]! += m.data[i * p + j]!;
    }
    expect(a.labels.includes(k - 1)).toBe(false);
    // The block sums add up to the cluster sums.
    const total = new Float64Array(k * p);
    for (const s of a.sums) s.forEach((v, x) => (total[x]! += v));
    total.forEach((v, x) => expect(v).toBeCloseTo(sums[x]!, 9));
    let sse = 0;
    for (let i = 0; i < n; i++) sse += sq(m, i, centres, a.labels[i]!);
    expect(kernels.sse()).toBe(sse);
  });

  it('keeps a row on its own centre when a bounded pass finds another exactly as near', () => {
    // Row (0, 0) is labelled 1 and is as near to centre 0 as to centre 1.
    const m: Matrix = { data: Float64Array.from([0, 0]), n: 1, p: 2 };
    const buffers = allocBuffers(m, 2);
    const a = viewsFor(buffers, 2);
    a.centres.set([1, 0, -1, 0]);
    writePairs(a, 2, 2);
    a.labels[0] = 1;
    a.upper[0] = 0.5; // stale bounds that fail the test, so the row is rescanned
    a.lower[0] = 0;
    a.half.set([0, 0]);
    const kernels = blockKernels(buffers, 2);
    let changed = 0;
    for (let b = 0; b < BLOCKS; b++) changed += kernels.bounded(b);
    expect(changed).toBe(0);
    expect(a.labels[0]).toBe(1);
    expect(a.upper[0]).toBe(1);
  });

  it('k-means++ in the kernels picks exactly the centres of plain loops', () => {
    for (const [k, seed] of [
      [2, 1],
      [5, 7],
      [12, 3],
    ] as const) {
      const m = blobs(1500, 3, 4, seed);
      expect(Array.from(kmeansPlusPlus(m, k, seed, 1))).toEqual(Array.from(plainPlusPlus(m, k, seed, 1)));
    }
  });

  it('meanVariance is each feature’s variance averaged', () => {
    const m: Matrix = { data: Float64Array.from([1, 10, 3, 20, 5, 60]), n: 3, p: 2 };
    // Feature 0: mean 3, variance 8/3; feature 1: mean 30, variance 1400/3.
    expect(meanVariance(m)).toBeCloseTo((8 / 3 + 1400 / 3) / 2, 12);
  });
});

describe('kernel memory', () => {
  it('a matrix built in a kernel memory fits in place, with the same result as a plain one', () => {
    const plain = blobs(5000, 4, 5, 21);
    const inMemory = matrixInMemory(plain.n, plain.p);
    inMemory.data.set(plain.data);
    const options = { k: 5, seed: 4, restarts: 2, maxIterations: 300, tolerance: 1e-4 };
    const a = fitKmeans(plain, options);
    const b = fitKmeans(inMemory, options);
    expect(b.sse).toBe(a.sse);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    // The working arrays were appended behind the matrix, which is untouched.
    expect(inMemory.memory!.buffer.byteLength).toBeGreaterThanOrEqual(layoutFor(plain.n, plain.p, 5).bytes);
    expect(Array.from(inMemory.data.subarray(0, 8))).toEqual(Array.from(plain.data.subarray(0, 8)));
  });

  it('refuses a fit past 4 GB with a coded error instead of crashing', () => {
    const refused = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        return isKequnError(e) ? `${e.code} ${e.messageZh}` : String(e);
      }
      return 'accepted';
    };
    expect(refused(() => matrixInMemory(600_000_000, 8))).toMatch(/^TOO_LARGE .*4 GB/);
    const fake: Matrix = { data: new Float64Array(8), n: 200_000_000, p: 2 };
    expect(refused(() => allocBuffers(fake, 8))).toMatch(/^TOO_LARGE/);
  });

  it('two jobs at once on one matrix do not share its memory (the second works on a copy)', async () => {
    const plain = blobs(60_000, 3, 4, 8);
    const m = matrixInMemory(plain.n, plain.p);
    m.data.set(plain.data);
    const options = { kind: 'fit' as const, matrix: m, k: 4, seed: 2, restarts: 2, maxIterations: 300, tolerance: 1e-4, threads: 2 as const };
    const [[a], [b]] = await Promise.all([runKmeansJob(options), runKmeansJob({ ...options, seed: 3 })]);
    expect(a!.sse).toBe(fitKmeans(plain, { k: 4, seed: 2, restarts: 2, maxIterations: 300, tolerance: 1e-4 }).sse);
    expect(b!.sse).toBe(fitKmeans(plain, { k: 4, seed: 3, restarts: 2, maxIterations: 300, tolerance: 1e-4 }).sse);
  });
});
