import { SeededRandom } from '../cluster/prng';
import { mismatchTable, packCategories, type PackedCategories } from './kproto-kernel';
import { kprotoKernel, type KprotoKernel } from './kproto-wasm';
import { buildStats, moveRow, updatePrototypes, type Stats } from './kproto-stats';

/**
 * k-prototypes (Huang 1997, 1998): clusters rows with numeric and categorical columns together.
 *
 * Cost of a row against a prototype: ‖x − c‖² over the numeric columns (already transformed, e.g.
 * z-scores) + γ · (number of categorical columns where the row differs from the prototype's
 * mode). A prototype is the mean of its rows' numeric values and the mode of each categorical
 * column (ties: the lowest level code). Batch updates (all rows assigned, then all prototypes
 * recomputed), so the cost never increases from one iteration to the next.
 *
 * - Seeding: k-means++ (Arthur & Vassilvitskii 2007) with the mixed cost as the D² weight;
 *   restart r draws from SeededRandom(seed, r + 1), so a seed gives the same clusters everywhere.
 * - Speed: √cost is a metric (Euclidean part ⊕ √(γ·Hamming), each a metric), so Hamerly's bounds
 *   (2010) skip most distance computations once prototypes settle; the per-cluster sums and level
 *   counts are updated only for rows that change cluster.
 * - Stop: when Σ of squared numeric prototype shifts ≤ tolerance × p (the numeric columns are
 *   standardised, so their mean variance is 1, as in scikit-learn's k-means) and no mode changed,
 *   or after maxIterations; then one last assignment so labels match the prototypes.
 * - An emptied cluster keeps its previous prototype.
 */
export interface MixedMatrix {
  n: number;
  /** Numeric part, row-major n × pn. */
  num: Float64Array;
  pn: number;
  /** Categorical part, row-major n × pc, codes 0..levels[j]−1 (no missing). */
  cat: Int32Array;
  pc: number;
  levels: number[];
}

export interface KprotoOptions {
  k: number;
  gamma: number;
  seed: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  /** Record the exact cost after every iteration of every restart (tests). */
  trackCost?: boolean;
  /**
   * Which restarts to run (default 0..restarts−1); two threads draw them from a shared counter and
   * the best of both wins. Ties in cost go to the lower restart, so the order does not matter.
   */
  restartIds?: Iterable<number>;
  onIteration?: (restart: number, iteration: number) => void;
}

export interface KprotoFit {
  labels: Int32Array;
  /** k × pn prototype means. */
  centroids: Float64Array;
  /** k × pc prototype modes. */
  modes: Int32Array;
  cost: number;
  iterations: number;
  bestRestart: number;
  costByRestart: number[];
  /** Per restart, the cost after each iteration (only with trackCost). */
  costHistory: number[][];
}

/** Huang's rule of thumb, stated in the UI: γ = half the mean standard deviation of the numeric columns. */
export function defaultGamma(m: MixedMatrix): number {
  if (m.pn === 0) return 1;
  let total = 0;
  for (let j = 0; j < m.pn; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < m.n; i++) {
      const v = m.num[i * m.pn + j]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / m.n;
    total += Math.sqrt(Math.max(0, s2 / m.n - mean * mean));
  }
  return 0.5 * (total / m.pn);
}

/** Mixed cost between row i and prototype c. */
export function mixedCost(m: MixedMatrix, i: number, centroids: Float64Array, modes: Int32Array, c: number, gamma: number): number {
  const { pn, pc, num, cat } = m;
  let d = 0;
  for (let j = 0; j < pn; j++) {
    const t = num[i * pn + j]! - centroids[c * pn + j]!;
    d += t * t;
  }
  let miss = 0;
  for (let j = 0; j < pc; j++) if (cat[i * pc + j] !== modes[c * pc + j]) miss++;
  return d + gamma * miss;
}

export function totalCost(m: MixedMatrix, labels: Int32Array, centroids: Float64Array, modes: Int32Array, gamma: number): number {
  let s = 0;
  for (let i = 0; i < m.n; i++) s += mixedCost(m, i, centroids, modes, labels[i]!, gamma);
  return s;
}

function seedPrototypes(m: MixedMatrix, k: number, gamma: number, rng: SeededRandom, pack: PackedCategories | null): { centroids: Float64Array; modes: Int32Array } {
  const { n, pn, pc, num } = m;
  const centroids = new Float64Array(k * pn);
  const modes = new Int32Array(k * pc);
  const table = pack ? new Float64Array(k * pack.width) : null;
  const take = (row: number, c: number): void => {
    centroids.set(m.num.subarray(row * pn, row * pn + pn), c * pn);
    modes.set(m.cat.subarray(row * pc, row * pc + pc), c * pc);
    if (pack && table) mismatchTable(m, pack, modes, k, gamma, table, c);
  };
  // The cost to one prototype: the categorical part from the table when the levels are packed.
  const costTo = (i: number, c: number): number => {
    if (!pack || !table) return mixedCost(m, i, centroids, modes, c, gamma);
    let d = table[c * pack.width + pack.packed[i]!]!;
    for (let j = 0; j < pn; j++) {
      const t = num[i * pn + j]! - centroids[c * pn + j]!;
      d += t * t;
    }
    return d;
  };
  take(rng.nextInt(n), 0);
  const closest = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = costTo(i, 0);
    sum += closest[i]!;
  }
  for (let c = 1; c < k; c++) {
    let row = 0;
    if (sum > 0) {
      let target = rng.nextDouble() * sum;
      row = n - 1;
      for (let i = 0; i < n; i++) {
        target -= closest[i]!;
        if (target < 0) {
          row = i;
          break;
        }
      }
    } else row = rng.nextInt(n);
    take(row, c);
    sum = 0;
    for (let i = 0; i < n; i++) {
      const d = costTo(i, c);
      if (d < closest[i]!) closest[i] = d;
      sum += closest[i]!;
    }
  }
  return { centroids, modes };
}

function fitOnce(
  m: MixedMatrix,
  o: KprotoOptions,
  restart: number,
  history: number[],
  pack: PackedCategories | null,
  kernel: KprotoKernel | null,
): { labels: Int32Array; centroids: Float64Array; modes: Int32Array; cost: number; iterations: number } {
  const { n, k } = { n: m.n, k: o.k };
  const gamma = o.gamma;
  const { centroids, modes } = seedPrototypes(m, k, gamma, new SeededRandom(o.seed, restart + 1), pack);
  // With the kernel, the fit works in its memory (reused by the next restart: labels are copied out).
  const labels = kernel ? kernel.labels.fill(0) : new Int32Array(n);
  const upper = kernel ? kernel.upper : new Float64Array(n);
  const lower = kernel ? kernel.lower : new Float64Array(n);
  const moves = kernel ? kernel.moves.fill(0) : new Float64Array(k);
  const half = kernel ? kernel.half.fill(0) : new Float64Array(k);
  const table = pack && kernel ? mismatchTable(m, pack, modes, k, gamma) : null;
  if (kernel && table) {
    // First assignment: infinite upper bounds and zero half-distances force the full comparison.
    upper.fill(Infinity);
    lower.fill(-Infinity);
    kernel.setCentres(centroids);
    kernel.setTable(table);
    kernel.pass(-1, 0, 0);
  } else for (let i = 0; i < n; i++) assignFull(m, i, centroids, modes, k, gamma, labels, upper, lower);
  const stats = buildStats(m, labels, k);
  let iterations = 0;
  let finalPass = false;
  for (let it = 0; it < o.maxIterations; it++) {
    iterations = it + 1;
    const { shift, modeChanged } = updatePrototypes(m, stats, k, gamma, centroids, modes, moves);
    if (pack && kernel && table && modeChanged) {
      mismatchTable(m, pack, modes, k, gamma, table);
      kernel.setTable(table);
    }
    if (o.trackCost) history.push(totalCost(m, labels, centroids, modes, gamma));
    o.onIteration?.(restart, iterations);
    if (shift <= o.tolerance * Math.max(1, m.pn) && !modeChanged && it > 0) finalPass = true;
    // Bounds follow the prototypes' moves.
    let top = 0;
    let second = 0;
    let topC = -1;
    for (let c = 0; c < k; c++) {
      if (moves[c]! > top) {
        second = top;
        top = moves[c]!;
        topC = c;
      } else if (moves[c]! > second) second = moves[c]!;
    }
    halfDistances(m, centroids, modes, k, gamma, half);
    let changed = 0;
    if (kernel && table) {
      kernel.setCentres(centroids);
      changed = kernel.pass(topC, top, second);
      const moved = kernel.moved;
      for (let q = 0; q < changed; q++) moveRow(m, stats, moved[2 * q]!, moved[2 * q + 1]!, labels[moved[2 * q]!]!);
    } else changed = boundedPass(m, stats, centroids, modes, k, gamma, labels, upper, lower, moves, half, topC, top, second);
    if (finalPass || changed === 0) break;
  }
  const cost = totalCost(m, labels, centroids, modes, gamma);
  return { labels: kernel ? labels.slice() : labels, centroids, modes, cost, iterations };
}

/**
 * One pass over the rows: move the bounds with the prototypes, skip every row they still settle,
 * tighten the upper bound, and only then compare with every prototype. The distance loops are
 * written out here with the arrays in locals: this loop is the whole cost of an iteration.
 */
function boundedPass(
  m: MixedMatrix,
  stats: Stats,
  centroids: Float64Array,
  modes: Int32Array,
  k: number,
  gamma: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  moves: Float64Array,
  half: Float64Array,
  topC: number,
  top: number,
  second: number,
): number {
  const { n, num, cat, pn, pc } = m;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    let u = upper[i]! + moves[a]!;
    const l = lower[i]! - (a === topC ? second : top);
    const bound = half[a]! > l ? half[a]! : l;
    if (u > bound) {
      const io = i * pn;
      const ic = i * pc;
      let d = 0;
      for (let j = 0; j < pn; j++) {
        const t = num[io + j]! - centroids[a * pn + j]!;
        d += t * t;
      }
      for (let j = 0; j < pc; j++) if (cat[ic + j] !== modes[a * pc + j]) d += gamma;
      u = Math.sqrt(d);
      if (u > bound) {
        let best = Infinity;
        let next = Infinity;
        let bestC = 0;
        for (let c = 0; c < k; c++) {
          let e = 0;
          const co = c * pn;
          for (let j = 0; j < pn; j++) {
            const t = num[io + j]! - centroids[co + j]!;
            e += t * t;
          }
          const mo = c * pc;
          for (let j = 0; j < pc; j++) if (cat[ic + j] !== modes[mo + j]) e += gamma;
          if (e < best) {
            next = best;
            best = e;
            bestC = c;
          } else if (e < next) next = e;
        }
        labels[i] = bestC;
        upper[i] = Math.sqrt(best);
        lower[i] = Math.sqrt(next);
        if (bestC !== a) {
          moveRow(m, stats, i, a, bestC);
          changed++;
        }
        continue;
      }
    }
    upper[i] = u;
    lower[i] = l;
  }
  return changed;
}

function assignFull(m: MixedMatrix, i: number, centroids: Float64Array, modes: Int32Array, k: number, gamma: number, labels: Int32Array, upper: Float64Array, lower: Float64Array): void {
  let best = Infinity;
  let second = Infinity;
  let bestC = 0;
  for (let c = 0; c < k; c++) {
    const d = mixedCost(m, i, centroids, modes, c, gamma);
    if (d < best) {
      second = best;
      best = d;
      bestC = c;
    } else if (d < second) second = d;
  }
  labels[i] = bestC;
  upper[i] = Math.sqrt(best);
  lower[i] = Math.sqrt(second);
}

/** Half the distance from each prototype to its nearest other prototype (Hamerly's s(c)). */
function halfDistances(m: MixedMatrix, centroids: Float64Array, modes: Int32Array, k: number, gamma: number, out: Float64Array): void {
  const { pn, pc } = m;
  for (let a = 0; a < k; a++) {
    let best = Infinity;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let d = 0;
      for (let j = 0; j < pn; j++) {
        const t = centroids[a * pn + j]! - centroids[b * pn + j]!;
        d += t * t;
      }
      let miss = 0;
      for (let j = 0; j < pc; j++) if (modes[a * pc + j] !== modes[b * pc + j]) miss++;
      d += gamma * miss;
      if (d < best) best = d;
    }
    out[a] = best === Infinity ? 0 : Math.sqrt(best) / 2;
  }
}

export function fitKprototypes(m: MixedMatrix, o: KprotoOptions): KprotoFit {
  let best: ReturnType<typeof fitOnce> | null = null;
  let bestRestart = 0;
  const costByRestart: number[] = [];
  const costHistory: number[][] = [];
  const pack = packCategories(m);
  const kernel = pack ? kprotoKernel(m, pack, o.k) : null;
  for (const r of o.restartIds ?? Array.from({ length: o.restarts }, (_, i) => i)) {
    const history: number[] = [];
    const fit = fitOnce(m, o, r, history, pack, kernel);
    costByRestart.push(fit.cost);
    costHistory.push(history);
    if (best === null || fit.cost < best.cost || (fit.cost === best.cost && r < bestRestart)) {
      best = fit;
      bestRestart = r;
    }
  }
  // No restart left for this worker (the other thread took them all): an empty fit that loses.
  if (best === null) return { labels: new Int32Array(0), centroids: new Float64Array(0), modes: new Int32Array(0), cost: Infinity, iterations: 0, bestRestart: Infinity, costByRestart, costHistory };
  return { labels: best.labels, centroids: best.centroids, modes: best.modes, cost: best.cost, iterations: best.iterations, bestRestart, costByRestart, costHistory };
}

/** Nearest prototype of every row (scoring new data) and its cost. */
export function assignRows(m: MixedMatrix, centroids: Float64Array, modes: Int32Array, k: number, gamma: number): { labels: Int32Array; costs: Float64Array } {
  const labels = new Int32Array(m.n);
  const costs = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const d = mixedCost(m, i, centroids, modes, c, gamma);
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    labels[i] = bestC;
    costs[i] = best;
  }
  return { labels, costs };
}
