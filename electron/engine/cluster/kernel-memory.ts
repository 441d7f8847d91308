import { KequnError } from '../../../shared/contract/errors';
import { instantiate, type AssignExports } from './assign-wasm';

/**
 * The memory of one k-means fit: a shared WebAssembly memory holding the feature matrix and every
 * array the assignment kernels touch, so the kernels (assign-wasm.ts) and a helper thread work on
 * the same bytes. Sized for up to kMax clusters (a k scan reuses it). The engine builds feature
 * matrices in such a memory from the start (matrixInMemory), so a fit copies nothing: the working
 * arrays are appended behind the matrix.
 */
export interface Matrix {
  data: Float64Array;
  n: number;
  p: number;
  /** The memory that holds `data` at byte 0, when the matrix was built in one (matrixInMemory). */
  memory?: WebAssembly.Memory;
}

/** The rows are cut into BLOCKS fixed ranges, each with its own cluster sums (see lloyd.ts). */
export const BLOCKS = 16;

/** Byte offsets of the arrays in the memory (all 16-byte aligned). */
export interface KernelLayout {
  n: number;
  p: number;
  kMax: number;
  data: number;
  labels: number;
  upper: number;
  lower: number;
  /** Row-major centres (k × p). */
  centres: number;
  /** The centres in lane pairs for the SIMD scan (assign-wasm.ts). */
  pairs: number;
  shift: number;
  /** Per centre, the largest shift of any other centre. */
  otherShift: number;
  half: number;
  between: number;
  sums: number[];
  counts: number[];
  /**
   * k-means++: per trial candidate, each row's squared distance to its nearest chosen centre
   * with the candidate added (lane pairs: pair q's two lanes per row, 16 bytes, rows in order;
   * pairs n · 16 bytes apart). The winner's lane is the next step's closest.
   */
  closest: number;
  /** k-means++: the trial candidates in lane pairs. */
  trialPairs: number;
  /** k-means++: per row block, the candidates' potentials (lane pairs) and Σ closest. */
  blockPots: number;
  blockClosest: number;
  /** The silhouette pass's arguments (Int32; see silhouetteArgs), read by both threads. */
  params: number;
  bytes: number;
}

export interface LloydBuffers {
  memory: WebAssembly.Memory;
  layout: KernelLayout;
}

/** Typed views for k clusters. */
export interface LloydArrays {
  data: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  centres: Float64Array;
  pairs: Float64Array;
  shift: Float64Array;
  otherShift: Float64Array;
  half: Float64Array;
  between: Float64Array;
  sums: Float64Array[];
  counts: Float64Array[];
}

export const PAGE = 65536;
export const MAX_PAGES = 65536;
/** WebAssembly's 32-bit memories stop at 4 GiB. */
const MAX_BYTES = MAX_PAGES * PAGE;

export function pagesFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / PAGE));
}

export function checkSize(bytes: number): void {
  if (bytes <= MAX_BYTES) return;
  const gb = (bytes / 2 ** 30).toFixed(1);
  throw new KequnError('TOO_LARGE', `k-means needs ${gb} GB for this many rows × features; the limit is 4 GB. Sample the rows or use fewer features.`, {
    zh: `聚类需要 ${gb} GB 内存，超过 4 GB 上限。请抽样行或减少特征。`,
  });
}

/**
 * An n × p matrix at byte 0 of a new shared memory that can grow to 4 GiB (only address space is
 * reserved), ready for a fit without a copy.
 */
export function matrixInMemory(n: number, p: number): Matrix {
  checkSize(n * p * 8);
  const memory = new WebAssembly.Memory({ initial: pagesFor(n * p * 8), maximum: MAX_PAGES, shared: true });
  return { data: new Float64Array(memory.buffer, 0, n * p), n, p, memory };
}

export function pairCount(k: number): number {
  return Math.ceil(k / 2);
}

/** Candidates per k-means++ step (scikit-learn's local trials). */
export function plusPlusTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

export function layoutFor(n: number, p: number, kMax: number): KernelLayout {
  let at = 0;
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(Math.max(bytes, 8) / 16) * 16;
    return start;
  };
  const layout: KernelLayout = {
    // The matrix first, at byte 0 (matrixInMemory builds it there).
    n,
    p,
    kMax,
    data: take(n * p * 8),
    labels: take(n * 4),
    upper: take(n * 8),
    lower: take(n * 8),
    centres: take(kMax * p * 8),
    pairs: take(pairCount(kMax) * p * 16),
    shift: take(kMax * 8),
    otherShift: take(kMax * 8),
    half: take(kMax * 8),
    between: take(kMax * kMax * 8),
    sums: Array.from({ length: BLOCKS }, () => take(kMax * p * 8)),
    counts: Array.from({ length: BLOCKS }, () => take(kMax * 8)),
    closest: take(pairCount(plusPlusTrials(kMax)) * n * 16),
    trialPairs: take(pairCount(plusPlusTrials(kMax)) * p * 16),
    blockPots: take(BLOCKS * pairCount(plusPlusTrials(kMax)) * 16),
    blockClosest: take(BLOCKS * 8),
    params: take(SILHOUETTE_ARGS * 4),
    bytes: 0,
  };
  layout.bytes = at;
  return layout;
}

/**
 * The fit's memory for kMax clusters: the matrix's own memory grown to fit the working arrays, or
 * (for a matrix built elsewhere) a new memory with the matrix copied in.
 */
export function allocBuffers(m: Matrix, kMax: number): LloydBuffers {
  const layout = layoutFor(m.n, m.p, kMax);
  checkSize(layout.bytes);
  if (m.memory) {
    const have = m.memory.buffer.byteLength / PAGE;
    if (have < pagesFor(layout.bytes)) m.memory.grow(pagesFor(layout.bytes) - have);
    return { memory: m.memory, layout };
  }
  const pages = pagesFor(layout.bytes);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  new Float64Array(memory.buffer, layout.data, m.n * m.p).set(m.data.subarray(0, m.n * m.p));
  return { memory, layout };
}

export function viewsFor(b: LloydBuffers, k: number): LloydArrays {
  const { layout: l, memory } = b;
  const f64 = (at: number, length: number): Float64Array => new Float64Array(memory.buffer, at, length);
  return {
    data: f64(l.data, l.n * l.p),
    labels: new Int32Array(memory.buffer, l.labels, l.n),
    upper: f64(l.upper, l.n),
    lower: f64(l.lower, l.n),
    centres: f64(l.centres, k * l.p),
    pairs: f64(l.pairs, pairCount(k) * l.p * 2),
    shift: f64(l.shift, k),
    otherShift: f64(l.otherShift, k),
    half: f64(l.half, k),
    between: f64(l.between, k * k),
    sums: l.sums.map((at) => f64(at, k * l.p)),
    counts: l.counts.map((at) => f64(at, k)),
  };
}

/** Copies the row-major centres into the lane-pair layout, padding an odd k with +∞. */
export function writePairs(a: LloydArrays, k: number, p: number): void {
  const { centres, pairs } = a;
  for (let q = 0; q < pairCount(k); q++) {
    for (let j = 0; j < p; j++) {
      const c = 2 * q;
      pairs[(q * p + j) * 2] = centres[c * p + j]!;
      pairs[(q * p + j) * 2 + 1] = c + 1 < k ? centres[(c + 1) * p + j]! : Infinity;
    }
  }
}

export function blockRange(n: number, block: number): [number, number] {
  return [Math.floor((n * block) / BLOCKS), Math.floor((n * (block + 1)) / BLOCKS)];
}

/**
 * The passes over one block of rows, for k clusters: the two assignment passes (each returns Σ
 * changed labels) and the two k-means++ passes (their sums go to the block's slots in memory).
 */
export interface BlockKernels {
  all(block: number): number;
  bounded(block: number): number;
  /**
   * Potentials of the k-means++ candidates in trialPairs over the block → blockPots[block], from
   * the closest values at byte `closest` (a lane of layout.closest); each row's values per
   * candidate → layout.closest.
   */
  plusPlusPots(block: number, closest: number): number;
  /** closest = min(closest, distance to data row `row`) over the block (lane 0 of layout.closest's first pair); Σ closest → blockClosest[block]. */
  plusPlusUpdate(block: number, row: number): number;
  /** Σ squared distance of every row to its labelled centre (rows in order). */
  sse(): number;
  /** The silhouette sums of the block's lane pairs, with the arguments at layout.params. */
  silhouette(block: number): number;
}

/**
 * The silhouette pass's arguments at layout.params: the lane pair count, then silhouetteSums'
 * arguments after its pair range (x, s, labs, L, offsets, width, sums).
 */
export const SILHOUETTE_ARGS = 8;

const instances = new WeakMap<LloydBuffers, AssignExports>();

/** This thread's instance of the kernels over the memory (one per buffers). */
export function kernelExports(b: LloydBuffers): AssignExports {
  let exports = instances.get(b);
  if (!exports) {
    exports = instantiate(b.layout.p, b.memory);
    instances.set(b, exports);
  }
  return exports;
}

export function blockKernels(b: LloydBuffers, k: number, exports: AssignExports = kernelExports(b)): BlockKernels {
  const l = b.layout;
  const pc = pairCount(k);
  const trialPairs = pairCount(plusPlusTrials(k));
  const blockClosest = new Float64Array(b.memory.buffer, l.blockClosest, BLOCKS);
  return {
    sse: () => exports.sse(0, l.n, l.data, l.labels, l.centres),
    plusPlusPots(block, closest) {
      const [start, end] = blockRange(l.n, block);
      const pots = l.blockPots + block * trialPairs * 16;
      new Float64Array(b.memory.buffer, pots, trialPairs * 2).fill(0);
      exports.plusPlusPots(start, end, l.data, closest, l.trialPairs, trialPairs, pots, l.closest, l.n * 16);
      return 0;
    },
    plusPlusUpdate(block, row) {
      const [start, end] = blockRange(l.n, block);
      blockClosest[block] = exports.plusPlusUpdate(start, end, l.data, l.closest, l.data + row * l.p * 8);
      return 0;
    },
    silhouette(block) {
      const v = new Int32Array(b.memory.buffer, l.params, SILHOUETTE_ARGS);
      const [start, end] = blockRange(v[0]!, block);
      exports.silhouetteSums(start, end, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!, v[6]!, v[7]!);
      return 0;
    },
    all(block) {
      const [start, end] = blockRange(l.n, block);
      return exports.assignAll(start, end, l.sums[block]!, l.counts[block]!, l.data, l.labels, l.upper, l.lower, l.pairs, pc);
    },
    bounded(block) {
      const [start, end] = blockRange(l.n, block);
      return exports.assignBounded(
        start,
        end,
        l.sums[block]!,
        l.counts[block]!,
        l.data,
        l.labels,
        l.upper,
        l.lower,
        l.pairs,
        pc,
        l.centres,
        l.shift,
        l.otherShift,
        l.half,
      );
    },
  };
}
