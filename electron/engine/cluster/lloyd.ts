import { assignKernels, type Block, type KernelState } from './assign-kernels';

/**
 * Lloyd's k-means iterations with Hamerly's bounds (exact: the bounds only skip work; see
 * assign-kernels.ts). Cluster sums are kept per label and updated only for rows that change
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
export interface Matrix {
  data: Float64Array;
  n: number;
  p: number;
}

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

export const BLOCKS = 16;

/** Shares an assignment pass with another thread: `local(b)` runs block b here; returns Σ changed. */
export interface BlockHelper {
  run(op: 'all' | 'bounded', k: number, local: (block: number) => number): number;
}

/** The arrays of one fit; allocated in shared memory when a helper thread takes part. */
export interface LloydArrays {
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  centres: Float64Array;
  shift: Float64Array;
  shiftInfo: Float64Array;
  half: Float64Array;
  order: Int32Array;
  between: Float64Array;
  sums: Float64Array[];
  counts: Float64Array[];
}

/** Buffers behind LloydArrays, sized for up to kMax clusters (a k scan reuses them). */
export interface LloydBuffers {
  labels: SharedArrayBuffer | ArrayBuffer;
  upper: SharedArrayBuffer | ArrayBuffer;
  lower: SharedArrayBuffer | ArrayBuffer;
  centres: SharedArrayBuffer | ArrayBuffer;
  shift: SharedArrayBuffer | ArrayBuffer;
  shiftInfo: SharedArrayBuffer | ArrayBuffer;
  half: SharedArrayBuffer | ArrayBuffer;
  order: SharedArrayBuffer | ArrayBuffer;
  between: SharedArrayBuffer | ArrayBuffer;
  sums: (SharedArrayBuffer | ArrayBuffer)[];
  counts: (SharedArrayBuffer | ArrayBuffer)[];
}

export function allocBuffers(n: number, p: number, kMax: number, shared: boolean): LloydBuffers {
  const buf = (bytes: number): SharedArrayBuffer | ArrayBuffer => (shared ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(Math.max(8, bytes)));
  return {
    labels: buf(n * 4),
    upper: buf(n * 8),
    lower: buf(n * 8),
    centres: buf(kMax * p * 8),
    shift: buf(kMax * 8),
    shiftInfo: buf(3 * 8),
    half: buf(kMax * 8),
    order: buf(kMax * kMax * 4),
    between: buf(kMax * kMax * 8),
    sums: Array.from({ length: BLOCKS }, () => buf(kMax * p * 8)),
    counts: Array.from({ length: BLOCKS }, () => buf(kMax * 8)),
  };
}

/** Typed views for k clusters over the buffers. */
export function viewsFor(b: LloydBuffers, n: number, p: number, k: number): LloydArrays {
  return {
    labels: new Int32Array(b.labels, 0, n),
    upper: new Float64Array(b.upper, 0, n),
    lower: new Float64Array(b.lower, 0, n),
    centres: new Float64Array(b.centres, 0, k * p),
    shift: new Float64Array(b.shift, 0, k),
    shiftInfo: new Float64Array(b.shiftInfo, 0, 3),
    half: new Float64Array(b.half, 0, k),
    order: new Int32Array(b.order, 0, k * k),
    between: new Float64Array(b.between, 0, k * k),
    sums: b.sums.map((s) => new Float64Array(s, 0, k * p)),
    counts: b.counts.map((c) => new Float64Array(c, 0, k)),
  };
}

export function blockOf(arrays: LloydArrays, n: number, index: number): Block {
  return { start: Math.floor((n * index) / BLOCKS), end: Math.floor((n * (index + 1)) / BLOCKS), sums: arrays.sums[index]!, counts: arrays.counts[index]! };
}

export function kernelState(m: Matrix, k: number, a: LloydArrays): KernelState {
  return {
    data: m.data,
    n: m.n,
    k,
    centres: a.centres,
    labels: a.labels,
    upper: a.upper,
    lower: a.lower,
    shift: a.shift,
    shiftInfo: a.shiftInfo,
    half: a.half,
    order: a.order,
    between: a.between,
  };
}

/**
 * The assignment loops. (Elkan's per-centre bounds were tried too: on 1M × 8, k = 8 they were
 * slower than Hamerly's single bound — the n × k bounds cost more memory traffic than the
 * distances they save at this k.)
 */
export function kernelsFor(_a: LloydArrays, p: number): ReturnType<typeof assignKernels> {
  return assignKernels(p);
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
 * k) and `helper` let a worker share the work with a second thread.
 */
export function lloyd(m: Matrix, init: Float64Array, options: LloydOptions, buffers?: LloydBuffers, helper?: BlockHelper): LloydResult {
  const { data, n, p } = m;
  const k = init.length / p;
  const arrays = viewsFor(buffers ?? allocBuffers(n, p, k, false), n, p, k);
  arrays.labels.fill(-1);
  arrays.centres.set(init);
  for (const s of arrays.sums) s.fill(0);
  for (const c of arrays.counts) c.fill(0);
  const state = kernelState(m, k, arrays);
  const blocks = Array.from({ length: BLOCKS }, (_, b) => blockOf(arrays, n, b));
  const kernels = kernelsFor(arrays, p);
  const assign = (op: 'all' | 'bounded'): number => {
    const run = (b: Block): number => (op === 'all' ? kernels.assignAll(state, b) : kernels.assignBounded(state, b));
    if (helper) return helper.run(op, k, (b) => run(blocks[b]!));
    return blocks.reduce((changed, b) => changed + run(b), 0);
  };
  const next = new Float64Array(k * p);
  let repairs = 0;
  let iterations = 0;
  let strict = false;
  for (let it = 0; it < options.maxIterations; it++) {
    iterations = it + 1;
    if (it > 0) centreGeometry(state, p);
    const changed = assign(it === 0 ? 'all' : 'bounded');
    const repaired = centresFromSums(state, p, arrays, next);
    repairs += repaired;
    const shiftTotal = recordShift(state, p, next);
    state.centres.set(next);
    options.onIteration?.(iterations, changed);
    // A repair moves a centre without relabelling: that is not convergence yet.
    if (changed === 0 && repaired === 0) {
      strict = true;
      break;
    }
    if (shiftTotal <= options.tolerance) break;
  }
  // Relabel with the final centres. Hamerly's bounds are exact, so the bounded pass gives the
  // labels a full pass would, at a third of its cost.
  if (!strict) {
    centreGeometry(state, p);
    assign('bounded');
  }
  let sse = 0;
  for (let i = 0; i < n; i++) sse += sqDist(data, i * p, state.centres, state.labels[i]! * p, p);
  // Copies: the shared buffers are reused by the next restart.
  return { labels: Int32Array.from(state.labels), centroids: Float64Array.from(state.centres), sse, iterations, repairs };
}

/** Distances between centres, each centre's others sorted nearest-first, and half the nearest. */
function centreGeometry(s: KernelState, p: number): void {
  const { k, centres, between, order, half } = s;
  for (let a = 0; a < k; a++) {
    for (let c = 0; c < k; c++) between[a * k + c] = a === c ? 0 : Math.sqrt(sqDist(centres, a * p, centres, c * p, p));
  }
  const idx = Array.from({ length: k }, (_, c) => c);
  for (let a = 0; a < k; a++) {
    // The centre itself first (distance 0), then the others nearest-first.
    const sorted = idx.slice().sort((x, y) => (x === a ? -1 : y === a ? 1 : between[a * k + x]! - between[a * k + y]! || x - y));
    order.set(sorted, a * k);
    half[a] = k > 1 ? between[a * k + sorted[1]!]! / 2 : Infinity;
  }
}

function recordShift(s: KernelState, p: number, next: Float64Array): number {
  const { k } = s;
  let total = 0;
  let maxShift = 0;
  let secondShift = 0;
  let maxShiftAt = -1;
  for (let c = 0; c < k; c++) {
    const d2 = sqDist(s.centres, c * p, next, c * p, p);
    total += d2;
    const d = Math.sqrt(d2);
    s.shift[c] = d;
    if (d > maxShift) {
      secondShift = maxShift;
      maxShift = d;
      maxShiftAt = c;
    } else if (d > secondShift) secondShift = d;
  }
  s.shiftInfo[0] = maxShift;
  s.shiftInfo[1] = maxShiftAt;
  s.shiftInfo[2] = secondShift;
  return total;
}

/**
 * New centres = Σ block sums ÷ counts (blocks added in order). An empty cluster takes the row
 * farthest from its own centre (that row's contribution moves with it, as scikit-learn does; the
 * row's label changes at the next assignment), so no centre is ever NaN. Returns the repairs.
 */
function centresFromSums(s: KernelState, p: number, arrays: LloydArrays, next: Float64Array): number {
  const { data, k, labels, centres } = s;
  next.set(arrays.sums[0]!);
  const counts = Float64Array.from(arrays.counts[0]!);
  for (let b = 1; b < arrays.sums.length; b++) {
    const sums = arrays.sums[b]!;
    for (let x = 0; x < k * p; x++) next[x]! += sums[x]!;
    for (let c = 0; c < k; c++) counts[c]! += arrays.counts[b]![c]!;
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
    const far = farthestRows(s, p, empty.length);
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
function farthestRows(s: KernelState, p: number, count: number): number[] {
  const { data, n, centres, labels } = s;
  const top: { row: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    const d = sqDist(data, i * p, centres, labels[i]! * p, p);
    if (top.length < count || d > top[top.length - 1]!.d) {
      top.push({ row: i, d });
      top.sort((a, b) => b.d - a.d || a.row - b.row);
      if (top.length > count) top.pop();
    }
  }
  return top.map((t) => t.row);
}
