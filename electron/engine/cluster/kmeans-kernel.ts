import { lloyd, sqDist, type BlockHelper, type LloydBuffers, type LloydResult, type Matrix } from './lloyd';
import { SeededRandom } from './prng';

export { lloyd, sqDist, type LloydResult, type Matrix } from './lloyd';

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

/** Mean of the per-feature variances: scikit-learn scales `tol` by it. */
export function meanVariance(m: Matrix): number {
  const { data, n, p } = m;
  let total = 0;
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * p + j]!;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = data[i * p + j]! - mean;
      v += d * d;
    }
    total += v / n;
  }
  return total / p;
}

/** Fits k-means with `restarts` k-means++ starts (or one fixed start) and keeps the lowest SSE. */
export function fitKmeans(m: Matrix, options: FitOptions): FitResult {
  const tolAbs = options.tolerance > 0 ? options.tolerance * meanVariance(m) : 0;
  const runs = options.init ? 1 : options.restarts;
  let best: LloydResult | null = null;
  let bestRestart = 0;
  const sseByRestart: number[] = [];
  for (let r = 0; r < runs; r++) {
    const init = options.init ?? kmeansPlusPlus(m, options.k, options.seed, r);
    const onIteration = options.onIteration;
    const result = lloyd(
      m,
      init,
      {
        maxIterations: options.maxIterations,
        tolerance: tolAbs,
        ...(onIteration ? { onIteration: (it: number, changed: number) => onIteration(r, it, changed) } : {}),
      },
      options.buffers,
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
 * leaves the smallest ΣD² (the earliest on ties).
 */
export function kmeansPlusPlus(m: Matrix, k: number, seed: number, restart: number): Float64Array {
  const { data, n, p } = m;
  const rng = new SeededRandom(seed, restart + 1);
  const centres = new Float64Array(k * p);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.nextInt(n);
  centres.set(data.subarray(first * p, first * p + p), 0);
  let closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    const d = sqDist(data, i * p, data, first * p, p);
    closest[i] = d;
    potential += d;
  }
  const cumulative = new Float64Array(n);
  let candidateBest = new Float64Array(n);
  let candidateTry = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i]!;
      cumulative[i] = acc;
    }
    let bestPot = Infinity;
    let bestRow = 0;
    for (let t = 0; t < trials; t++) {
      const row = searchCumulative(cumulative, rng.nextDouble() * acc);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i]!, sqDist(data, i * p, data, row * p, p));
        candidateTry[i] = d;
        pot += d;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestRow = row;
        const swap = candidateBest;
        candidateBest = candidateTry;
        candidateTry = swap;
      }
    }
    centres.set(data.subarray(bestRow * p, bestRow * p + p), c * p);
    const swap = closest;
    closest = candidateBest;
    candidateBest = swap;
    potential = bestPot;
  }
  void potential;
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
