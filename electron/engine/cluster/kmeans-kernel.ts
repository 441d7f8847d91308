import { allocBuffers, blockKernels, blockRange, BLOCKS, pairCount, plusPlusTrials, type LloydBuffers, type Matrix } from './kernel-memory';
import { lloyd, runBlocks, type BlockHelper, type LloydResult } from './lloyd';
import { SeededRandom } from './prng';
import { meanVarianceOf } from './row-sums';

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
  /** Called as each restart starts (before its k-means++ seeding). */
  onRestart?: (restart: number) => void;
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
  return meanVarianceOf(m.data, m.n, m.p);
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
    options.onRestart?.(r);
    const init = options.init ?? kmeansPlusPlus(m, options.k, options.seed, r, buffers, options.helper);
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
 * distance to the nearest chosen centre), and keeps the candidate that leaves the smallest ΣD²
 * (the earliest on ties).
 *
 * Sums follow the fixed row blocks of the assignment passes (kernel-memory.ts): each block sums
 * its rows in order and the blocks are added in order, so the centres are the same with or
 * without the helper thread, which takes blocks of both passes (the candidates' potentials, and
 * D² after a centre is chosen). The cumulative D² of row i is (Σ of the blocks before its block)
 * + (its block's running sum up to i): the search finds the block from the block sums and scans
 * only that block.
 */
export function kmeansPlusPlus(m: Matrix, k: number, seed: number, restart: number, buffers: LloydBuffers = allocBuffers(m, k), helper?: BlockHelper): Float64Array {
  const { n, p } = m;
  const { memory, layout: l } = buffers;
  const kernels = blockKernels(buffers, k);
  const data = new Float64Array(memory.buffer, l.data, n * p);
  // Every lane of layout.closest (see kernel-memory.ts): closest value i of the lane starting at
  // double `at` is lanes[at + 2i].
  const lanes = new Float64Array(memory.buffer, l.closest, tpMaxLanes(l, n));
  let at = 0;
  const blockClosest = new Float64Array(memory.buffer, l.blockClosest, BLOCKS);
  const trials = plusPlusTrials(k);
  const tp = pairCount(trials);
  const pairs = new Float64Array(memory.buffer, l.trialPairs, tp * p * 2);
  const blockPots = new Float64Array(memory.buffer, l.blockPots, BLOCKS * tp * 2);
  const rng = new SeededRandom(seed, restart + 1);
  const centres = new Float64Array(k * p);
  const chosen: number[] = [];
  const update = (row: number): void => void runBlocks(helper, 'plusPlusUpdate', k, (b) => kernels.plusPlusUpdate(b, row), row);
  const choose = (row: number, c: number): void => {
    centres.set(data.subarray(row * p, row * p + p), c * p);
    chosen.push(row);
  };
  lanes.fill(Infinity, 0, 2 * n);
  const first = rng.nextInt(n);
  choose(first, 0);
  update(first);
  const rows: number[] = [];
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let b = 0; b < BLOCKS; b++) total += blockClosest[b]!;
    rows.length = 0;
    for (let t = 0; t < trials; t++) rows.push(searchBlocks(lanes, at, blockClosest, n, rng.nextDouble() * total));
    // Trial t sits in lane t % 2 of pair ⌊t/2⌋; an odd count pads the last lane with +∞.
    for (let t = 0; t < tp * 2; t++) {
      const row = rows[t];
      for (let j = 0; j < p; j++) pairs[((t >> 1) * p + j) * 2 + (t & 1)] = row === undefined ? Infinity : data[row * p + j]!;
    }
    const from = l.closest + at * 8;
    runBlocks(helper, 'plusPlusPots', k, (b) => kernels.plusPlusPots(b, from), from);
    let bestPot = Infinity;
    let bestRow = 0;
    let bestTrial = -1;
    rows.forEach((row, t) => {
      let pot = 0;
      for (let b = 0; b < BLOCKS; b++) pot += blockPots[b * tp * 2 + t]!;
      if (pot < bestPot) {
        bestPot = pot;
        bestRow = row;
        bestTrial = t;
      }
    });
    choose(bestRow, c);
    if (bestTrial < 0) {
      // No candidate's potential is finite (distances overflow): the row-0 fallback, with the
      // closest values rebuilt from every chosen centre (the same minima; the candidates' pass
      // wrote over the old ones).
      at = 0;
      lanes.fill(Infinity, 0, 2 * n);
      for (const row of chosen) update(row);
      continue;
    }
    // The winner's values (and block sums) are what a pass with its row would compute.
    at = (bestTrial >> 1) * n * 2 + (bestTrial & 1);
    for (let b = 0; b < BLOCKS; b++) blockClosest[b] = blockPots[b * tp * 2 + bestTrial]!;
  }
  return centres;
}

/** Doubles in layout.closest: two lanes per row for each candidate pair. */
function tpMaxLanes(l: LloydBuffers['layout'], n: number): number {
  return pairCount(plusPlusTrials(l.kMax)) * n * 2;
}

/** First row whose cumulative value exceeds `target` (block sums, then a scan of one block; clamped to the last row). */
function searchBlocks(lanes: Float64Array, at: number, blockSums: Float64Array, n: number, target: number): number {
  let before = 0;
  for (let b = 0; b < BLOCKS; b++) {
    const after = before + blockSums[b]!;
    if (after > target) {
      const [start, end] = blockRange(n, b);
      let running = 0;
      for (let i = start; i < end; i++) {
        running += lanes[at + 2 * i]!;
        if (before + running > target) return i;
      }
      return end - 1;
    }
    before = after;
  }
  return n - 1;
}
