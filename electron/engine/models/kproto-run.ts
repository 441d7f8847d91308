import { z } from 'zod';
import type { ClusterText, KmeansMetrics } from '../../../shared/contract/cluster';
import type { ProgressDetail, ProgressLabel } from '../../../shared/contract/progress';
import type { ParamsOut } from '../../../shared/contract/index';
import type { JsonValue } from '../../../shared/contract/json';
import type { KprotoCluster, KprotoMetrics, KprotoResult, KprotoScanResult, KprotoScoreResult } from '../../../shared/contract/kproto';
import type { SegmentationInfo, SegmentSummary } from '../../../shared/contract/segmentations';
import { suggestK } from '../cluster/advisor';
import { suggestName, uniqueNames } from '../cluster/naming';
import { sampleIndices } from '../cluster/prng';
import type { EngineContext } from '../host/context';
import { getSegmentation, saveSegmentation } from '../store/segmentation-store';
import { buildMixedScoring, buildMixedTraining, type MixedTraining } from './kproto-data';
import { assignRows, defaultGamma } from './kprototypes';
import { runKprotoJob } from './models-client';
import { modelInvalid } from './tree-data';

type RunParams = ParamsOut<'kproto.run'>;
type ScanParams = ParamsOut<'kproto.scan'>;

/** A k-prototypes segmentation's definition: the whole model, so it can be shown and applied to new data. */
type KprotoRecord = Omit<KprotoResult, 'segmentation'> & { kind: 'kproto-model'; version: 1; datasetId: string; maxIterations: number; tolerance: number; scoredFrom?: string };

const recordEnvelope = z.object({ kind: z.literal('kproto-model'), version: z.literal(1) }).passthrough();

function control(ctx: EngineContext) {
  return { cancel: ctx.cancel, onProgress: (done: number, total: number, label: ProgressLabel, detail?: ProgressDetail) => ctx.progress(done, total, label, detail) };
}

async function training(ctx: EngineContext, p: RunParams | ScanParams): Promise<{ t: MixedTraining; gamma: number; gammaDefault: number }> {
  ctx.progress(0, 1, 'read');
  await ctx.checkpoint();
  const t = buildMixedTraining(ctx.store(), p.datasetId, p.numeric, p.categorical, p.transforms);
  const gammaDefault = defaultGamma(t.matrix);
  return { t, gamma: p.gamma ?? gammaDefault, gammaDefault };
}

function silhouetteRows(n: number, size: number, seed: number): Int32Array {
  return sampleIndices(n, Math.min(n, size), seed);
}

/** The k advisor for mixed data: cost per k (elbow) and the Gower silhouette on a seeded sample. */
export async function scanKproto(ctx: EngineContext, p: ScanParams): Promise<KprotoScanResult> {
  if (p.kMax < p.kMin) throw modelInvalid(`The k range ${p.kMin}..${p.kMax} is empty`, `k 的范围 ${p.kMin}..${p.kMax} 为空`);
  const { t, gamma, gammaDefault } = await training(ctx, p);
  if (p.kMax > t.matrix.n) throw modelInvalid(`k = ${p.kMax} is more than the ${t.matrix.n} rows`, `k = ${p.kMax} 超过了有效行数 ${t.matrix.n}`);
  const rows = silhouetteRows(t.matrix.n, p.silhouetteSample, p.seed);
  const ks = Array.from({ length: p.kMax - p.kMin + 1 }, (_, i) => p.kMin + i);
  const fits = await runKprotoJob({ matrix: t.matrix, ks, gamma, seed: p.seed, restarts: p.restarts, maxIterations: p.maxIterations, tolerance: p.tolerance, silhouetteRows: rows }, control(ctx));
  const metrics: KprotoMetrics[] = fits.map((f) => ({ k: f.k, cost: f.cost, silhouette: f.silhouette, iterations: f.iterations }));
  const asKmeans: KmeansMetrics[] = metrics.map((m) => ({ k: m.k, sse: m.cost, silhouette: m.silhouette, calinskiHarabasz: null, daviesBouldin: null, iterations: m.iterations }));
  const s = suggestK(asKmeans);
  return {
    datasetId: t.matrix.n > 0 ? ctx.store().getDataset(p.datasetId).id : p.datasetId,
    rowsUsed: t.matrix.n,
    rowsDropped: t.rowsTotal - t.matrix.n,
    gamma,
    gammaDefault,
    silhouetteSampleSize: rows.length,
    metrics,
    suggestedK: s.k,
    reason: gowerReason(s.reason),
  };
}

/** The k-means advisor's reason, said for the Gower silhouette and the k-prototypes cost. */
function gowerReason(r: ClusterText): ClusterText {
  return {
    zh: r.zh.replace('轮廓系数', 'Gower 轮廓系数').replace('误差平方和', '总代价'),
    en: r.en.replace('silhouette', 'Gower silhouette').replace('SSE', 'cost'),
  };
}

export async function runKproto(ctx: EngineContext, p: RunParams): Promise<KprotoResult> {
  const { t, gamma, gammaDefault } = await training(ctx, p);
  if (p.k > t.matrix.n) throw modelInvalid(`k = ${p.k} is more than the ${t.matrix.n} rows`, `k = ${p.k} 超过了有效行数 ${t.matrix.n}`);
  const rows = silhouetteRows(t.matrix.n, 3000, p.seed);
  const [fit] = await runKprotoJob({ matrix: t.matrix, ks: [p.k], gamma, seed: p.seed, restarts: p.restarts, maxIterations: p.maxIterations, tolerance: p.tolerance, silhouetteRows: rows }, control(ctx));
  ctx.cancel.throwIfCancelled();
  const order = bySize(fit!.labels, p.k);
  const labels = fit!.labels.map((c) => order.newOf[c]!);
  const clusters = profiles(t, labels, p.k, order.old.map((c) => fit!.centroids.slice(c * t.matrix.pn, (c + 1) * t.matrix.pn)), order.old.map((c) => fit!.modes.slice(c * t.matrix.pc, (c + 1) * t.matrix.pc)), gamma);
  const store = ctx.store();
  const record: KprotoRecord = {
    kind: 'kproto-model',
    version: 1,
    datasetId: store.getDataset(p.datasetId).id,
    maxIterations: p.maxIterations,
    tolerance: p.tolerance,
    k: p.k,
    seed: p.seed,
    restarts: p.restarts,
    gamma,
    gammaDefault,
    cost: fit!.cost,
    silhouette: fit!.silhouette,
    silhouetteSampleSize: rows.length,
    iterations: fit!.iterations,
    rowsUsed: t.matrix.n,
    rowsDropped: t.rowsTotal - t.matrix.n,
    numeric: t.numeric,
    categorical: t.categorical,
    clusters,
  };
  const rowLabels = new Array<string | null>(t.rowsTotal).fill(null);
  t.rows.forEach((row, r) => (rowLabels[row] = clusters[labels[r]!]!.name));
  const seg = ctx.work().commit(() => saveSegmentation(store, {
    datasetId: record.datasetId,
    method: 'kprototypes',
    name: p.name ?? `K-prototypes (k=${p.k})`,
    columnName: p.name ?? `混合聚类 k=${p.k}`,
    labels: rowLabels,
    definition: record as unknown as JsonValue,
    segments: summaries(record),
  }));
  ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
  return resultOf(seg, record);
}

function bySize(labels: Int32Array, k: number): { old: number[]; newOf: Int32Array } {
  const sizes = new Float64Array(k);
  for (const c of labels) sizes[c]! += 1;
  const old = Array.from({ length: k }, (_, c) => c).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const newOf = new Int32Array(k);
  old.forEach((o, i) => (newOf[o] = i));
  return { old, newOf };
}

/** Sizes, numeric means and index, modal levels with share and index, suggested names. */
function profiles(t: MixedTraining, labels: Int32Array, k: number, centroids: Float64Array[], modes: Int32Array[], gamma: number): KprotoCluster[] {
  const { n, pn, pc, num, cat } = t.matrix;
  const sizes = new Float64Array(k);
  const sums = new Float64Array(k * pn);
  const cost = new Float64Array(k);
  const modeHits = new Float64Array(k * pc);
  for (let r = 0; r < n; r++) {
    const c = labels[r]!;
    sizes[c]! += 1;
    let d = 0;
    for (let j = 0; j < pn; j++) {
      sums[c * pn + j]! += t.original[j]![r]!;
      const e = num[r * pn + j]! - centroids[c]![j]!;
      d += e * e;
    }
    for (let j = 0; j < pc; j++) {
      if (cat[r * pc + j] === modes[c]![j]) modeHits[c * pc + j]! += 1;
      else d += gamma;
    }
    cost[c]! += d;
  }
  const raw = Array.from({ length: k }, (_, c) => {
    const means = t.numeric.map((_, j) => (sizes[c]! > 0 ? sums[c * pn + j]! / sizes[c]! : 0));
    const index = means.map((m, j) => (t.numeric[j]!.mean > 0 ? Math.round((m / t.numeric[j]!.mean) * 1000) / 10 : null));
    const modal = t.categorical.map((col, j) => {
      const level = modes[c]![j]!;
      const share = sizes[c]! > 0 ? modeHits[c * pc + j]! / sizes[c]! : 0;
      const overall = col.shares[level] ?? 0;
      return { column: col.name, level: col.levels[level] ?? '', share, index: overall > 0 ? Math.round((share / overall) * 1000) / 10 : null };
    });
    return { means, index, modal };
  });
  const names = uniqueNames(
    raw.map((r) => {
      const base = suggestName(t.numeric, r.index);
      const strongest = [...r.modal].filter((m) => (m.index ?? 0) >= 115).sort((a, b) => (b.index ?? 0) - (a.index ?? 0))[0];
      if (!strongest) return base;
      const zh = base.zh === '均衡客群' ? `${strongest.level}为主` : `${base.zh}·${strongest.level}`;
      const en = base.en === 'Average' ? `Mostly ${strongest.level}` : `${base.en} · ${strongest.level}`;
      return { zh, en };
    }),
  );
  return raw.map((r, c) => ({
    id: c + 1,
    name: names[c]!.zh,
    nameEn: names[c]!.en,
    size: sizes[c]!,
    share: n > 0 ? sizes[c]! / n : 0,
    cost: cost[c]!,
    centroid: Array.from(centroids[c]!),
    means: r.means,
    index: r.index,
    modes: r.modal,
  }));
}

function summaries(record: KprotoRecord): SegmentSummary[] {
  return record.clusters.map((c) => ({
    name: c.name,
    count: c.size,
    share: c.share,
    revenueShare: null,
    means: Object.fromEntries(record.numeric.map((f, j) => [f.name, Number.isFinite(c.means[j]!) ? c.means[j]! : null])),
    action: null,
  }));
}

function resultOf(seg: SegmentationInfo, record: KprotoRecord): KprotoResult {
  const { kind: _k, version: _v, datasetId: _d, maxIterations: _m, tolerance: _t, scoredFrom: _s, ...rest } = record;
  return { ...rest, segmentation: seg };
}

export function readKproto(ctx: EngineContext, segmentationId: string): { seg: SegmentationInfo; record: KprotoRecord } {
  const seg = getSegmentation(ctx.store(), segmentationId);
  if (seg.method !== 'kprototypes' || !recordEnvelope.safeParse(seg.definition).success) {
    throw modelInvalid(`Segmentation ${segmentationId} is not a k-prototypes model`, `细分结果 ${segmentationId} 不是 K-原型聚类模型`, { segmentation: segmentationId });
  }
  return { seg, record: seg.definition as unknown as KprotoRecord };
}

export function getKproto(ctx: EngineContext, segmentationId: string): KprotoResult {
  const { seg, record } = readKproto(ctx, segmentationId);
  return resultOf(seg, record);
}

/** Applies a saved model to a dataset with the same columns: transforms, then the nearest prototype. */
export async function scoreKproto(ctx: EngineContext, p: ParamsOut<'kproto.score'>): Promise<KprotoScoreResult> {
  const store = ctx.store();
  const { seg, record } = readKproto(ctx, p.segmentationId);
  ctx.progress(0, 1, 'read');
  await ctx.checkpoint();
  const s = buildMixedScoring(store, p.datasetId, record.numeric, record.categorical);
  const k = record.clusters.length;
  const centroids = Float64Array.from(record.clusters.flatMap((c) => c.centroid));
  const modes = Int32Array.from(record.clusters.flatMap((c) => c.modes.map((m, j) => record.categorical[j]!.levels.indexOf(m.level))));
  const { labels } = assignRows(s.matrix, centroids, modes, k, record.gamma);
  if (s.matrix.n === 0) throw modelInvalid('No row of the dataset has every model column', '数据集中没有在模型各列都有值的行');
  const sizes = new Float64Array(k);
  const rowLabels = new Array<string | null>(s.rowsTotal).fill(null);
  s.rows.forEach((row, r) => {
    sizes[labels[r]!]! += 1;
    rowLabels[row] = record.clusters[labels[r]!]!.name;
  });
  const target = store.getDataset(p.datasetId);
  const scored: KprotoRecord = { ...record, datasetId: target.id, scoredFrom: seg.id, clusters: record.clusters.map((c, i) => ({ ...c, size: sizes[i]!, share: sizes[i]! / s.matrix.n })) };
  const saved = ctx.work().commit(() => saveSegmentation(store, {
    datasetId: target.id,
    method: 'kprototypes',
    name: p.name ?? `${seg.name} → ${target.name}`,
    columnName: p.name ?? `${seg.name}（评分）`,
    labels: rowLabels,
    definition: scored as unknown as JsonValue,
    segments: summaries(scored),
  }));
  ctx.emit('datasets.changed', { datasetIds: [target.id], reason: 'updated' });
  return {
    segmentation: saved,
    modelId: seg.id,
    assigned: s.matrix.n,
    unassigned: s.rowsTotal - s.matrix.n,
    unseenLevels: s.unseen,
    clusters: record.clusters.map((c, i) => ({ id: c.id, name: c.name, size: sizes[i]! })),
  };
}
