import type { ClusterText } from '../../../shared/contract/cluster';
import type { Dendrogram, HclustKeepResult, HclustResult } from '../../../shared/contract/hclust';
import type { ProgressDetail, ProgressLabel } from '../../../shared/contract/progress';
import type { ParamsOut } from '../../../shared/contract/index';
import type { JsonValue } from '../../../shared/contract/json';
import { buildTrainingMatrix, prefetchColumns, type FeatureMatrix } from '../cluster/features';
import { centroidsOf } from '../cluster/metrics';
import { summariesOf } from '../cluster/model-record';
import { sampleIndices } from '../cluster/prng';
import { buildProfiles, orderBySize } from '../cluster/profile';
import { runKmeansJob } from '../cluster/worker-client';
import type { EngineContext } from '../host/context';
import { saveSegmentation } from '../store/segmentation-store';
import { runWardJob } from './models-client';
import { cutTree, type WardTree } from './ward';

type RunParams = ParamsOut<'hclust.run'>;
type KeepParams = ParamsOut<'hclust.keep'>;

/** Merges shown in the dendrogram: the top of the tree down to this many clusters. */
export const DENDROGRAM_LEAVES = 30;

interface Built {
  fm: FeatureMatrix;
  mode: 'exact' | 'sample' | 'micro';
  /** exact: null; sample: the matrix rows used; micro: each matrix row's micro-cluster. */
  sample: Int32Array | null;
  micro: Int32Array | null;
  tree: WardTree;
  weights: Float64Array | null;
  cophenetic: number | null;
}

/**
 * The tree built for these parameters on this dataset version, kept in the open project's cache
 * (never in module state: it must not outlive the project or serve another one), so "keep"
 * after "run" does not rebuild it.
 */
function cacheKey(version: number, p: RunParams): string {
  const { datasetId, features, missing, mode, sampleSize, microClusters, seed } = p;
  return `hclust:${JSON.stringify([datasetId, version, features, missing, mode, sampleSize, microClusters, seed])}`;
}

function control(ctx: EngineContext) {
  return { cancel: ctx.cancel, onProgress: (done: number, total: number, label: ProgressLabel, detail?: ProgressDetail) => ctx.progress(done, total, label, detail) };
}

async function build(ctx: EngineContext, p: RunParams): Promise<Built> {
  const store = ctx.store();
  const snapshot = ctx.work().snapshot(p.datasetId);
  await prefetchColumns(snapshot, p.features.map((f) => f.column), async (done, total) => {
    ctx.progress(done, total, 'read');
    await ctx.checkpoint();
  });
  const fm = buildTrainingMatrix(snapshot, p.features, p.missing);
  const key = cacheKey(snapshot.version, p);
  const cached = store.cache.peek<Built>(key);
  if (cached) return { ...cached, fm };
  const { n, p: width, data } = fm.matrix;
  let mode: Built['mode'] = 'exact';
  let points = data.slice(0, n * width);
  let count = n;
  let sample: Int32Array | null = null;
  let micro: Int32Array | null = null;
  let weights: Float64Array | null = null;
  if (p.mode === 'micro' && n > p.microClusters) {
    mode = 'micro';
    const [fit] = await runKmeansJob(
      { kind: 'fit', matrix: fm.matrix, k: p.microClusters, seed: p.seed, restarts: 1, maxIterations: 100, tolerance: 1e-4, metrics: false },
      control(ctx),
    );
    micro = fit!.labels;
    weights = new Float64Array(p.microClusters);
    for (const c of micro) weights[c]! += 1;
    // Empty micro-clusters (rare) are dropped; labels are renumbered.
    const keep = Array.from({ length: p.microClusters }, (_, c) => c).filter((c) => weights![c]! > 0);
    const newOf = new Int32Array(p.microClusters).fill(-1);
    keep.forEach((c, i) => (newOf[c] = i));
    micro = micro.map((c) => newOf[c]!);
    points = Float64Array.from(keep.flatMap((c) => Array.from(fit!.centroids.subarray(c * width, c * width + width))));
    weights = Float64Array.from(keep, (c) => weights![c]!);
    count = keep.length;
  } else if (n > p.sampleSize) {
    mode = 'sample';
    sample = sampleIndices(n, p.sampleSize, p.seed);
    points = new Float64Array(sample.length * width);
    sample.forEach((r, i) => points.set(data.subarray(r * width, r * width + width), i * width));
    count = sample.length;
  }
  const ward = await runWardJob({ data: points, n: count, p: width, weights, cophenetic: mode !== 'micro' }, control(ctx));
  const built: Built = { fm, mode, sample, micro, tree: { n: count, merges: ward.merges }, weights, cophenetic: ward.cophenetic };
  store.cache.put(key, { ...built }, ward.merges.byteLength + points.byteLength);
  return built;
}

function sizeOf(tree: WardTree, id: number, weights: Float64Array | null): number {
  if (id < tree.n) return weights ? weights[id]! : 1;
  return tree.merges[(id - tree.n) * 4 + 3]!;
}

/** The top of the tree: the clusters at the cut into `leaves` clusters and the merges above them. */
export function dendrogramOf(tree: WardTree, weights: Float64Array | null, leaves = DENDROGRAM_LEAVES): Dendrogram {
  const n = tree.n;
  const L = Math.min(leaves, n);
  const first = n - L;
  const merges: Dendrogram['merges'] = [];
  const made = new Set<number>();
  const ids: number[] = [];
  for (let i = first; i < n - 1; i++) {
    const left = tree.merges[i * 4]!;
    const right = tree.merges[i * 4 + 1]!;
    merges.push({ id: n + i, left, right, height: tree.merges[i * 4 + 2]!, size: tree.merges[i * 4 + 3]! });
    made.add(n + i);
    for (const c of [left, right]) if (!made.has(c)) ids.push(c);
  }
  if (n === 1) ids.push(0);
  return { leaves: ids.map((id) => ({ id, size: sizeOf(tree, id, weights) })), merges };
}

/** Heights of the top merges: heights[i] joins i + 2 clusters into i + 1. */
function topHeights(tree: WardTree, count = 30): number[] {
  const out: number[] = [];
  for (let i = tree.n - 2; i >= 0 && out.length < count; i--) out.push(tree.merges[i * 4 + 2]!);
  return out;
}

/** k (2..10) before the largest jump in merge height: cutting there separates the most distinct groups. */
function suggest(heights: number[]): { k: number; reason: ClusterText } {
  let best = 2;
  let bestGap = -Infinity;
  for (let k = 2; k <= Math.min(10, heights.length); k++) {
    const gap = heights[k - 2]! - (heights[k - 1] ?? 0);
    if (gap > bestGap) {
      bestGap = gap;
      best = k;
    }
  }
  const h = heights[best - 2] ?? 0;
  return {
    k: best,
    reason: {
      zh: `从 ${best} 群再合并为 ${best - 1} 群时，合并高度跳升最多（到 ${h.toFixed(2)}）：${best} 群之间差别最明显。`,
      en: `Merging ${best} clusters into ${best - 1} takes the largest jump in height (to ${h.toFixed(2)}): the ${best} clusters are the most distinct.`,
    },
  };
}

function weightedSizes(labels: Int32Array, k: number, weights: Float64Array | null): number[] {
  const sizes = new Array<number>(k).fill(0);
  labels.forEach((c, i) => (sizes[c]! += weights ? weights[i]! : 1));
  return sizes.sort((a, b) => b - a);
}

export async function runHclust(ctx: EngineContext, p: RunParams): Promise<HclustResult> {
  const b = await build(ctx, p);
  const heights = topHeights(b.tree);
  const s = suggest(heights);
  const sizesByK: Record<string, number[]> = {};
  for (let k = 2; k <= Math.min(10, b.tree.n); k++) sizesByK[String(k)] = weightedSizes(cutTree(b.tree, k), k, b.weights);
  return {
    datasetId: ctx.store().getDataset(p.datasetId).id,
    rowsUsed: b.fm.matrix.n,
    points: b.tree.n,
    mode: b.mode,
    cophenetic: b.cophenetic,
    heights,
    dendrogram: dendrogramOf(b.tree, b.weights),
    suggestedK: s.k,
    reason: s.reason,
    features: b.fm.features,
    sizesByK,
  };
}

/** Every used row's cluster: its own (exact), its micro-cluster's, or the nearest sample-cluster centre. */
function rowLabels(b: Built, k: number): Int32Array {
  const cut = cutTree(b.tree, k);
  if (b.mode === 'exact') return cut;
  if (b.mode === 'micro') return b.micro!.map((m) => cut[m]!);
  const { data, n, p } = b.fm.matrix;
  const centres = new Float64Array(k * p);
  const sizes = new Float64Array(k);
  b.sample!.forEach((r, i) => {
    const c = cut[i]!;
    sizes[c]! += 1;
    for (let j = 0; j < p; j++) centres[c * p + j]! += data[r * p + j]!;
  });
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) centres[c * p + j]! /= sizes[c]!;
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let j = 0; j < p; j++) {
        const t = data[r * p + j]! - centres[c * p + j]!;
        d += t * t;
      }
      if (d < best) {
        best = d;
        labels[r] = c;
      }
    }
  }
  b.sample!.forEach((r, i) => (labels[r] = cut[i]!));
  return labels;
}

export async function keepHclust(ctx: EngineContext, p: KeepParams): Promise<HclustKeepResult> {
  const { k, name, ...runParams } = p;
  const b = await build(ctx, runParams);
  const k2 = Math.min(k, b.tree.n);
  const labels = rowLabels(b, k2);
  const { centroids } = centroidsOf(b.fm.matrix, labels, k2);
  const ordered = orderBySize(labels, centroids, k2, b.fm.matrix.p);
  const clusters = buildProfiles(b.fm, ordered.labels, ordered.centroids, k2);
  const store = ctx.store();
  const record = {
    kind: 'hclust-model',
    version: 1,
    mode: b.mode,
    k: k2,
    seed: p.seed,
    points: b.tree.n,
    cophenetic: b.cophenetic,
    heights: topHeights(b.tree),
    dendrogram: dendrogramOf(b.tree, b.weights),
    features: b.fm.features,
    missing: b.fm.missing,
    clusters,
  };
  const out = new Array<string | null>(b.fm.rowsTotal).fill(null);
  b.fm.rows.forEach((row, r) => (out[row] = clusters[ordered.labels[r]!]!.name));
  const seg = ctx.work().commit(() => saveSegmentation(store, {
    datasetId: store.getDataset(p.datasetId).id,
    method: 'hclust',
    name: name ?? `Ward 层次聚类 (k=${k2})`,
    columnName: name ?? `层次聚类 k=${k2}`,
    labels: out,
    definition: record as unknown as JsonValue,
    segments: summariesOf({ clusters, features: b.fm.features }),
  }));
  ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
  return { segmentation: seg, k: k2, mode: b.mode, clusters };
}
