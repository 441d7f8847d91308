import { allocBuffers, blockKernels, BLOCKS, viewsFor, writePairs, type LloydArrays, type LloydBuffers, type Matrix } from './kernel-memory';

/**
 * Lloyd's k-means iterations with Hamerly's bounds (exact: the bounds only skip work; see
 * assign-wasm.ts). Cluster sums are kept per label and updated only for rows that change
 * cluster, so an iteration costs O(n) plus O(changed rows × k × p).
 *
 * The rows are cut into BLOCKS fixed ranges, each with its own cluster sums, combined in block
 * order. A helper thread may run some of the blocks (whichever thread is free takes the next
 * one); the arithmetic is the same either way, so a seed and data give the same result on every
 * machine, with or without threads.
 *
 * Convergence follows scikit-learn's `algorithm='lloyd'`: stop when no label changed (strict), or
 * when Σ centre shift² ≤ the absolute tolerance, then relabel with the final centres.
 */
export interface LloydOptions {
  maxIterations: number;
  /** Absolute tolerance on Σ centre shift² (scikit-learn's tol × mean feature variance). */
  tolerance: number;
  onIteration?: (iteration: number, changed: number) => void;
}

export interface LloydResult {
  labels: Int32Array;
  centroids: Float64Array;
  sse: number;
  iterations: number;
  /** Empty clusters that were re-seeded with the farthest row. */
  repairs: number;
}

/** A pass over the row blocks (kernel-memory.ts BlockKernels); `arg` is the k-means++ update's row. */
export type BlockOp = 'all' | 'bounded' | 'plusPlusPots' | 'plusPlusUpdate' | 'silhouette';

/** Shares a pass with another thread: `local(b)` runs block b here; returns Σ of the blocks' results. */
export interface BlockHelper {
  run(op: BlockOp, k: number, local: (block: number) => number, arg?: number): number;
}

/** Runs a pass over every block: with the helper when there is one, else here in block order. */
export function runBlocks(helper: BlockHelper | undefined, op: BlockOp, k: number, local: (block: number) => number, arg = 0): number {
  if (helper) return helper.run(op, k, local, arg);
  let total = 0;
  for (let b = 0; b < BLOCKS; b++) total += local(b);
  return total;
}

export function sqDist(a: Float64Array, ao: number, b: Float64Array, bo: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = a[ao + j]! - b[bo + j]!;
    s += d * d;
  }
  return s;
}

/**
 * Lloyd iterations from the given initial centres (not modified). `buffers` (sized for at least
 * k, holding this matrix) and `helper` let a worker share the work with a second thread.
 */
export function lloyd(m: Matrix, init: Float64Array, options: LloydOptions, buffers?: LloydBuffers, helper?: BlockHelper): LloydResult {
  const { n, p } = m;
  const k = init.length / p;
  const memory = buffers ?? allocBuffers(m, k);
  const a = viewsFor(memory, k);
  a.labels.fill(-1);
  a.centres.set(init);
  writePairs(a, k, p);
  for (const s of a.sums) s.fill(0);
  for (const c of a.counts) c.fill(0);
  const kernels = blockKernels(memory, k);
  const assign = (op: 'all' | 'bounded'): number => runBlocks(helper, op, k, op === 'all' ? kernels.all : kernels.bounded);
  const next = new Float64Array(k * p);
  let repairs = 0;
  let iterations = 0;
  let strict = false;
  for (let it = 0; it < options.maxIterations; it++) {
    iterations = it + 1;
    if (it > 0) centreGeometry(a, k, p);
    const changed = assign(it === 0 ? 'all' : 'bounded');
    const repaired = centresFromSums(a, n, k, p, next);
    repairs += repaired;
    const shiftTotal = recordShift(a, k, p, next);
    a.centres.set(next);
    writePairs(a, k, p);
    options.onIteration?.(iterations, changed);
    // A repair moves a centre without relabelling: that is not convergence yet.
    if (changed === 0 && repaired === 0) {
      strict = true;
      break;
    }
    if (shiftTotal <= options.tolerance) break;
  }
  // Relabel with the final centres. Hamerly's bounds are exact, so the bounded pass gives the
  // labels a full pass would, at a fraction of its cost.
  if (!strict) {
    centreGeometry(a, k, p);
    assign('bounded');
  }
  const sse = kernels.sse();
  // Copies: the shared buffers are reused by the next restart.
  return { labels: a.labels.slice(), centroids: a.centres.slice(), sse, iterations, repairs };
}

/** Distances between centres and half the distance from each centre to its nearest other one. */
function centreGeometry(a: LloydArrays, k: number, p: number): void {
  const { centres, between, half } = a;
  for (let x = 0; x < k; x++) {
    for (let c = 0; c < k; c++) between[x * k + c] = x === c ? 0 : Math.sqrt(sqDist(centres, x * p, centres, c * p, p));
  }
  for (let x = 0; x < k; x++) {
    let nearest = Infinity;
    for (let c = 0; c < k; c++) if (c !== x && between[x * k + c]! < nearest) nearest = between[x * k + c]!;
    half[x] = nearest / 2;
  }
}

function recordShift(a: LloydArrays, k: number, p: number, next: Float64Array): number {
  let total = 0;
  let maxShift = 0;
  let secondShift = 0;
  let maxShiftAt = -1;
  for (let c = 0; c < k; c++) {
    const d2 = sqDist(a.centres, c * p, next, c * p, p);
    total += d2;
    const d = Math.sqrt(d2);
    a.shift[c] = d;
    if (d > maxShift) {
      secondShift = maxShift;
      maxShift = d;
      maxShiftAt = c;
    } else if (d > secondShift) secondShift = d;
  }
  for (let c = 0; c < k; c++) a.otherShift[c] = c === maxShiftAt ? secondShift : maxShift;
  return total;
}

/**
 * New centres = Σ block sums ÷ counts (blocks added in order). An empty cluster takes the row
 * farthest from its own centre (that row's contribution moves with it, as scikit-learn does; the
 * row's label changes at the next assignment), so no centre is ever NaN. Returns the repairs.
 */
function centresFromSums(a: LloydArrays, n: number, k: number, p: number, next: Float64Array): number {
  const { data, labels, centres } = a;
  next.set(a.sums[0]!);
  const counts = Float64Array.from(a.counts[0]!);
  for (let b = 1; b < a.sums.length; b++) {
    const sums = a.sums[b]!;
    for (let x = 0; x < k * p; x++) next[x]! += sums[x]!;
    for (let c = 0; c < k; c++) counts[c]! += a.counts[b]![c]!;
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
    const far = farthestRows(a, n, p, empty.length);
    empty.forEach((c, idx) => {
      const row = far[idx]!;
      const from = labels[row]!;
      for (let j = 0; j < p; j++) {
        const v = data[row * p + j]!;
        next[from * p + j]! -= v;
        next[c * p + j] = v;
      }
      counts[from]! -= 1;
      counts[c] = 1;
    });
  }
  for (let c = 0; c < k; c++) {
    const w = counts[c]!;
    if (w > 0) for (let j = 0; j < p; j++) next[c * p + j]! /= w;
    else next.set(centres.subarray(c * p, c * p + p), c * p);
  }
  return empty.length;
}

/** The `count` rows with the largest distance to their centre, farthest first (ties: lower row). */
function farthestRows(a: LloydArrays, n: number, p: number, count: number): number[] {
  const { data, centres, labels } = a;
  const top: { row: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    const d = sqDist(data, i * p, centres, labels[i]! * p, p);
    if (top.length < count || d > top[top.length - 1]!.d) {
      top.push({ row: i, d });
      top.sort((x, y) => y.d - x.d || x.row - y.row);
      if (top.length > count) top.pop();
    }
  }
  return top.map((t) => t.row);
}
