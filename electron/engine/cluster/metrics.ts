import { blockKernels, BLOCKS, checkSize, layoutFor, MAX_PAGES, PAGE, pagesFor, SILHOUETTE_ARGS, type LloydBuffers } from './kernel-memory';
import { sqDist, type Matrix } from './kmeans-kernel';
import { runBlocks, type BlockHelper } from './lloyd';
import { labelSums, spread } from './row-sums';

/**
 * Cluster-quality measures with scikit-learn's definitions:
 * - silhouette: mean over rows of (b − a) / max(a, b) with a = mean distance to the other rows of
 *   its cluster, b = the smallest mean distance to another cluster's rows; 0 for singletons.
 *   On a sample, only the sampled rows count (like `silhouette_score(sample_size=…)`).
 * - Calinski–Harabasz: (between SS / (k − 1)) / (within SS / (n − k)).
 * - Davies–Bouldin: mean over clusters of max over others of (s_i + s_j) / d(c_i, c_j), with s the
 *   mean distance of a cluster's rows to its centroid.
 */

/**
 * Silhouettes of several labelings of the same rows in one pass: each pair distance is computed
 * once and added to every labeling's per-cluster sums (a k scan costs little more than one k).
 * `rows` = the row indices to use (all rows when null). `onRow` reports progress.
 */
export function silhouetteScores(
  m: Matrix,
  labelings: Int32Array[],
  ks: number[],
  rows: Int32Array | null,
  onRow?: (done: number, total: number) => void,
  threads?: SilhouetteThreads,
): number[] {
  return silhouetteValues(m, labelings, ks, rows, onRow, threads).map((v) => v.reduce((a, b) => a + b, 0) / v.length);
}

/** A fit's memory and helper thread, for the silhouette to share (the worker's). */
export interface SilhouetteThreads {
  buffers: LloydBuffers;
  helper?: BlockHelper;
}

/**
 * Each row's silhouette (singletons 0), per labeling: the k advisor's paired standard errors use
 * them. The distance sums run in WebAssembly (silhouette-wasm.ts) over the sample copied behind
 * the fit's arrays in its memory (`threads`; a memory of their own otherwise), in row blocks that
 * the helper thread shares; the sums are the same with or without it.
 */
export function silhouetteValues(
  m: Matrix,
  labelings: Int32Array[],
  ks: number[],
  rows: Int32Array | null,
  onRow?: (done: number, total: number) => void,
  threads?: SilhouetteThreads,
): Float64Array[] {
  const { data, p } = m;
  const idx = rows ?? Int32Array.from({ length: m.n }, (_, i) => i);
  const s = idx.length;
  const L = labelings.length;
  const offsets: number[] = [];
  let width = 0;
  for (const k of ks) {
    offsets.push(width);
    width += k;
  }
  const pairs = Math.ceil(s / 2);
  const area = silhouetteArea(threads?.buffers, p, s, L, width);
  const { memory } = area.buffers;
  // Compact copies: the sample's rows and their labels, read row after row by the pair loop.
  const x = new Float64Array(memory.buffer, area.x, s * p);
  for (let a = 0; a < s; a++) x.set(data.subarray(idx[a]! * p, idx[a]! * p + p), a * p);
  const labs = labelings.map((lab, l) => {
    const out = new Int32Array(memory.buffer, area.labs + l * s * 4, s);
    for (let a = 0; a < s; a++) out[a] = lab[idx[a]!]!;
    return out;
  });
  new Int32Array(memory.buffer, area.offsets, L).set(offsets);
  // sums[(⌊a/2⌋ · width + offset_l + c) · 2 + a mod 2] = Σ distance from row a to cluster c's rows.
  const sums = new Float64Array(memory.buffer, area.sums, pairs * width * 2).fill(0);
  new Int32Array(memory.buffer, area.buffers.layout.params, SILHOUETTE_ARGS).set([pairs, area.x, s, area.labs, L, area.offsets, width, area.sums]);
  const k0 = ks[0] ?? 1;
  const kernels = blockKernels(area.buffers, k0);
  let blocksDone = 0;
  runBlocks(threads?.helper, 'silhouette', k0, (b) => {
    kernels.silhouette(b);
    onRow?.(Math.round((++blocksDone * s) / BLOCKS), s);
    return 0;
  });
  return labs.map((lab, l) => {
    const k = ks[l]!;
    const off = offsets[l]!;
    const counts = new Float64Array(k);
    for (let a = 0; a < s; a++) counts[lab[a]!]! += 1;
    const values = new Float64Array(s);
    for (let a = 0; a < s; a++) {
      const own = lab[a]!;
      if (counts[own]! <= 1) continue;
      const at = ((a >> 1) * width + off) * 2 + (a & 1);
      const inner = sums[at + own * 2]! / (counts[own]! - 1);
      let nearest = Infinity;
      for (let c = 0; c < k; c++) {
        if (c === own || counts[c] === 0) continue;
        const mean = sums[at + c * 2]! / counts[c]!;
        if (mean < nearest) nearest = mean;
      }
      if (nearest === Infinity) continue;
      const denom = Math.max(inner, nearest);
      values[a] = denom > 0 ? (nearest - inner) / denom : 0;
    }
    return values;
  });
}

interface SilhouetteArea {
  buffers: LloydBuffers;
  x: number;
  labs: number;
  offsets: number;
  sums: number;
}

/** Byte offsets of the silhouette's arrays: behind the fit's arrays, or in a memory of their own. */
function silhouetteArea(base: LloydBuffers | undefined, p: number, s: number, L: number, width: number): SilhouetteArea {
  let at = base ? base.layout.bytes : 0;
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(Math.max(bytes, 8) / 16) * 16;
    return start;
  };
  const params = base ? base.layout.params : take(SILHOUETTE_ARGS * 4);
  const area = { x: take(s * p * 8), labs: take(L * s * 4), offsets: take(L * 4), sums: take(Math.ceil(s / 2) * width * 16) };
  checkSize(at);
  if (base) {
    const have = base.memory.buffer.byteLength / PAGE;
    if (have < pagesFor(at)) base.memory.grow(pagesFor(at) - have);
    return { buffers: base, ...area };
  }
  const memory = new WebAssembly.Memory({ initial: pagesFor(at), maximum: MAX_PAGES, shared: true });
  return { buffers: { memory, layout: { ...layoutFor(0, p, 0), params } }, ...area };
}

export interface Centroids {
  centroids: Float64Array;
  sizes: Float64Array;
}

/** What the quality measures read from the rows, gathered in two passes (row-sums.ts). */
export interface QualityInputs extends Centroids {
  /** Mean of every row. */
  overall: Float64Array;
  /** Σ squared distance of each row to its centroid. */
  within: number;
  /** Per cluster, Σ distance of its rows to its centroid. */
  scatter: Float64Array;
}

function centroidsFrom(sums: Float64Array, sizes: Float64Array, k: number, p: number): Float64Array {
  for (let c = 0; c < k; c++) if (sizes[c]! > 0) for (let j = 0; j < p; j++) sums[c * p + j]! /= sizes[c]!;
  return sums;
}

/** Cluster centroids (means of their rows) and sizes for a labeling. */
export function centroidsOf(m: Matrix, labels: Int32Array, k: number): Centroids {
  const { sums, sizes } = labelSums(m.data, m.n, m.p, labels, k);
  return { centroids: centroidsFrom(sums, sizes, k, m.p), sizes };
}

export function qualityInputs(m: Matrix, labels: Int32Array, k: number): QualityInputs {
  const { data, n, p } = m;
  const { sums, sizes, total } = labelSums(data, n, p, labels, k);
  const centroids = centroidsFrom(sums, sizes, k, p);
  const overall = total.map((t) => t / n);
  return { centroids, sizes, overall, ...spread(data, n, p, labels, centroids, k) };
}

/** Calinski–Harabasz index; null when undefined (k < 2 or n ≤ k or no within dispersion). */
export function calinskiHarabasz(m: Matrix, labels: Int32Array, k: number, q: QualityInputs = qualityInputs(m, labels, k)): number | null {
  const { n, p } = m;
  const { centroids, sizes, overall, within } = q;
  const used = sizes.filter((s) => s > 0).length;
  if (used < 2 || n <= used) return null;
  let between = 0;
  for (let c = 0; c < k; c++) between += sizes[c]! * sqDist(centroids, c * p, overall, 0, p);
  if (within === 0) return null;
  return (between * (n - used)) / (within * (used - 1));
}

/** Davies–Bouldin index (lower is better); null when fewer than two non-empty clusters. */
export function daviesBouldin(m: Matrix, labels: Int32Array, k: number, q: QualityInputs = qualityInputs(m, labels, k)): number | null {
  const { p } = m;
  const { centroids, sizes } = q;
  const scatter = Float64Array.from(q.scatter);
  const live: number[] = [];
  for (let c = 0; c < k; c++) {
    if (sizes[c]! > 0) {
      scatter[c]! /= sizes[c]!;
      live.push(c);
    }
  }
  if (live.length < 2) return null;
  let total = 0;
  for (const a of live) {
    let worst = 0;
    for (const b of live) {
      if (a === b) continue;
      const d = Math.sqrt(sqDist(centroids, a * p, centroids, b * p, p));
      const r = d === 0 ? Infinity : (scatter[a]! + scatter[b]!) / d;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  const v = total / live.length;
  return Number.isFinite(v) ? v : null;
}
