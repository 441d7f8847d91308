import { allocBuffers, kernelExports, pairCount, plusPlusTrials, type LloydBuffers, type Matrix } from './kernel-memory';
import { lloyd, type BlockHelper, type LloydResult } from './lloyd';
import { SeededRandom } from './prng';

export type { Matrix } from './kernel-memory';
export { lloyd, sqDist, type LloydResult } from './lloyd';

/**
 * The k-means entry point on one row-major Float64Array (n rows × p features): k-means++ starts
 * from the seeded generator, Lloyd iterations (lloyd.ts), restarts keeping the lowest SSE. Pure
 * and synchronous: the worker runs it, tests call it directly.
 */
export interface FitOptions {
  k: number;
  seed: number;
  restarts: number;
  maxIterations: number;
  /** Relative tolerance (scikit-learn's `tol`). */
  tolerance: number;
  /** Fixed initial centres (k × p, row-major); restarts are then ignored. */
  init?: Float64Array;
  onIteration?: (restart: number, iteration: number, changed: number) => void;
  /** Shared buffers and a helper thread for the row blocks (see lloyd.ts). */
  buffers?: LloydBuffers;
  helper?: BlockHelper;
}

export interface FitResult extends LloydResult {
  /** Index of the restart that won (lowest SSE; the earliest on ties). */
  bestRestart: number;
  sseByRestart: number[];
}

/**
 * Mean of the per-feature variances: scikit-learn scales `tol` by it. Row by row with one sum
 * per feature (each feature's sums run over the rows in order, as a per-column loop would, but
 * the matrix is read once per pass instead of once per feature).
 */
export function meanVariance(m: Matrix): number {
  const { data, n, p } = m;
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += data[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j]! /= n;
  const v = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const d = data[i * p + j]! - mean[j]!;
      v[j]! += d * d;
    }
  }
  let total = 0;
  for (let j = 0; j < p; j++) total += v[j]! / n;
  return total / p;
}

/** Fits k-means with `restarts` k-means++ starts (or one fixed start) and keeps the lowest SSE. */
export function fitKmeans(m: Matrix, options: FitOptions): FitResult {
  const tolAbs = options.tolerance > 0 ? options.tolerance * meanVariance(m) : 0;
  const runs = options.init ? 1 : options.restarts;
  const buffers = options.buffers ?? allocBuffers(m, options.k);
  let best: LloydResult | null = null;
  let bestRestart = 0;
  const sseByRestart: number[] = [];
  for (let r = 0; r < runs; r++) {
    const init = options.init ?? kmeansPlusPlus(m, options.k, options.seed, r, buffers);
    const onIteration = options.onIteration;
    const result = lloyd(
      m,
      init,
      {
        maxIterations: options.maxIterations,
        tolerance: tolAbs,
        ...(onIteration ? { onIteration: (it: number, changed: number) => onIteration(r, it, changed) } : {}),
      },
      buffers,
      options.helper,
    );
    sseByRestart.push(result.sse);
    if (best === null || result.sse < best.sse) {
      best = result;
      bestRestart = r;
    }
  }
  return { ...(best as LloydResult), bestRestart, sseByRestart };
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii, with scikit-learn's local trials). Stream r + 1 of the
 * seeded generator: the first centre is row floor(u·n); every next centre draws
 * 2 + floor(ln k) candidates, each the first row whose cumulative D² exceeds u·ΣD² (D² = squared
 * distance to the nearest chosen centre, cumulated in row order), and keeps the candidate that
 * leaves the smallest ΣD² (the earliest on ties). The distance passes run in the WebAssembly
 * kernels (all candidates of a step in one pass), with the sums in the same order as plain loops.
 */
export function kmeansPlusPlus(m: Matrix, k: number, seed: number, restart: number, buffers: LloydBuffers = allocBuffers(m, k)): Float64Array {
  const { n, p } = m;
  const { memory, layout: l } = buffers;
  const kernels = kernelExports(buffers);
  const data = new Float64Array(memory.buffer, l.data, n * p);
  const closest = new Float64Array(memory.buffer, l.closest, n);
  const rng = new SeededRandom(seed, restart + 1);
  const centres = new Float64Array(k * p);
  const trials = plusPlusTrials(k);
  const pairs = new Float64Array(memory.buffer, l.trialPairs, pairCount(trials) * p * 2);
  const pots = new Float64Array(memory.buffer, l.pots, pairCount(trials) * 2);
  const first = rng.nextInt(n);
  centres.set(data.subarray(first * p, first * p + p), 0);
  closest.fill(Infinity);
  kernels.plusPlusUpdate(0, n, l.data, l.closest, l.data + first * p * 8);
  const cumulative = new Float64Array(n);
  const rows: number[] = [];
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i]!;
      cumulative[i] = acc;
    }
    rows.length = 0;
    for (let t = 0; t < trials; t++) rows.push(searchCumulative(cumulative, rng.nextDouble() * acc));
    // Trial t sits in lane t % 2 of pair ⌊t/2⌋; an odd count pads the last lane with +∞.
    for (let t = 0; t < pairCount(trials) * 2; t++) {
      const row = rows[t];
      for (let j = 0; j < p; j++) pairs[((t >> 1) * p + j) * 2 + (t & 1)] = row === undefined ? Infinity : data[row * p + j]!;
    }
    pots.fill(0);
    kernels.plusPlusPots(0, n, l.data, l.closest, l.trialPairs, pairCount(trials), l.pots);
    let bestPot = Infinity;
    let bestRow = 0;
    rows.forEach((row, t) => {
      if (pots[t]! < bestPot) {
        bestPot = pots[t]!;
        bestRow = row;
      }
    });
    centres.set(data.subarray(bestRow * p, bestRow * p + p), c * p);
    kernels.plusPlusUpdate(0, n, l.data, l.closest, l.data + bestRow * p * 8);
  }
  return centres;
}

/** First index whose cumulative value exceeds `target` (clamped to the last row). */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
