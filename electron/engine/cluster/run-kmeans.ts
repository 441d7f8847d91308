import type { KmeansResult, KmeansScanResult } from '../../../shared/contract/cluster';
import { KMEANS_DEFAULTS } from '../../../shared/contract/cluster-defaults';
import type { ParamsOut } from '../../../shared/contract/index';
import type { EngineContext } from '../host/context';
import { saveSegmentation } from '../store/segmentation-store';
import { suggestK } from './advisor';
import { buildTrainingMatrix, prefetchColumns, type FeatureMatrix } from './features';
import { summariesOf, toDefinition, type ModelRecord } from './model-record';
import { pcaProjection } from './pca';
import { sampleIndices } from './prng';
import { buildProfiles, orderBySize } from './profile';
import { invalid } from './transforms';
import type { FitOutcome } from './worker-protocol';
import { clusterWarnings } from './warnings';
import { prewarmKmeansWorker, runKmeansJob } from './worker-client';

/** Silhouette sample above the exact limit: 10,000 rows keep it under a second at any size. */
export const SILHOUETTE_SAMPLE = 10_000;
export const SILHOUETTE_EXACT_LIMIT = 20_000;

type RunParams = ParamsOut<'cluster.run'>;
type ScanParams = ParamsOut<'cluster.scan'>;

function silhouetteRows(n: number, exactLimit: number, seed: number): Int32Array | null {
  return n <= exactLimit ? null : sampleIndices(n, Math.min(SILHOUETTE_SAMPLE, exactLimit), seed);
}

async function training(ctx: EngineContext, p: RunParams | ScanParams, maxK: number): Promise<FeatureMatrix> {
  // Read through the call's work: the labels are saved only if these columns are still the same.
  const snapshot = ctx.work().snapshot(p.datasetId);
  prewarmKmeansWorker(snapshot.info.rowCount);
  ctx.progress(0, p.features.length, 'read');
  await prefetchColumns(snapshot, p.features.map((f) => f.column), async (done, total) => {
    ctx.progress(done, total, 'read');
    await ctx.checkpoint();
  });
  const fm = buildTrainingMatrix(snapshot, p.features, p.missing);
  if (maxK > fm.matrix.n) {
    throw invalid('', `k = ${maxK} is more than the ${fm.matrix.n} rows with values`, `k = ${maxK} 超过了有效行数 ${fm.matrix.n}`);
  }
  return fm;
}

/** What the user gets to see of a fitted model: numbered by size, profiled, projected, labelled. */
interface Explained {
  ordered: { labels: Int32Array; centroids: Float64Array };
  clusters: ModelRecord['clusters'];
  pca: ModelRecord['pca'];
  /** The label column: each dataset row's cluster name (null for rows left out). */
  labels: (string | null)[];
}

function explain(fm: FeatureMatrix, fit: FitOutcome, k: number, seed: number): Explained {
  const ordered = orderBySize(fit.labels, fit.centroids, k, fm.matrix.p);
  const clusters = buildProfiles(fm, ordered.labels, ordered.centroids, k);
  const pca = pcaProjection(fm.matrix, ordered.labels, ordered.centroids, k, seed);
  const labels = new Array<string | null>(fm.rowsTotal).fill(null);
  fm.rows.forEach((row, r) => (labels[row] = clusters[ordered.labels[r]!]!.name));
  return { ordered, clusters, pca, labels };
}

/**
 * Fits one model in the worker, explains it and saves it as a segmentation (one transaction).
 * The explanation starts as soon as the worker has the model, while it computes the silhouette
 * and the other quality measures.
 */
export async function runKmeans(ctx: EngineContext, p: RunParams): Promise<KmeansResult> {
  const fm = await training(ctx, p, p.k);
  const rows = silhouetteRows(fm.matrix.n, SILHOUETTE_EXACT_LIMIT, p.seed);
  let explained: Explained | null = null;
  let failed: { error: unknown } | null = null;
  const [fit] = await runKmeansJob(
    { kind: 'fit', matrix: fm.matrix, k: p.k, seed: p.seed, restarts: p.restarts, maxIterations: p.maxIterations, tolerance: p.tolerance, silhouetteRows: rows },
    {
      cancel: ctx.cancel,
      onProgress: (done, total, label, detail) => ctx.progress(done, total, label, detail),
      onFitted: ([early]) => {
        try {
          explained = explain(fm, early!, p.k, p.seed);
        } catch (error) {
          failed = { error };
        }
      },
    },
  );
  ctx.cancel.throwIfCancelled();
  if (failed) throw (failed as { error: unknown }).error;
  const { clusters, pca, labels } = explained ?? explain(fm, fit!, p.k, p.seed);
  const record: ModelRecord = {
    kind: 'kmeans-model',
    version: 1,
    datasetId: fm.datasetId,
    maxIterations: p.maxIterations,
    tolerance: p.tolerance,
    k: p.k,
    seed: p.seed,
    restarts: p.restarts,
    sse: fit!.sse,
    silhouette: fit!.silhouette,
    silhouetteSampleSize: rows ? rows.length : fm.matrix.n,
    calinskiHarabasz: fit!.calinskiHarabasz,
    daviesBouldin: fit!.daviesBouldin,
    iterations: fit!.iterations,
    features: fm.features,
    missing: fm.missing,
    clusters,
    pca,
  };
  const work = ctx.work();
  const seg = work.commit(() => saveSegmentation(work.store, {
    datasetId: record.datasetId,
    method: 'kmeans',
    name: p.name ?? `K-means (k=${p.k})`,
    columnName: p.name ?? `聚类 k=${p.k}`,
    labels,
    definition: toDefinition(record),
    segments: summariesOf(record),
  }));
  ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
  const { kind: _kind, version: _version, datasetId: _datasetId, maxIterations: _mi, tolerance: _tol, ...rest } = record;
  return { ...rest, segmentation: seg, warnings: clusterWarnings(record.clusters, record.features) };
}

/** The k advisor: one model per k (each with its restarts) and the quality measures. */
export async function scanKmeans(ctx: EngineContext, p: ScanParams): Promise<KmeansScanResult> {
  if (p.kMax < p.kMin) throw invalid('', `The k range ${p.kMin}..${p.kMax} is empty`, `k 的范围 ${p.kMin}..${p.kMax} 为空`);
  const fm = await training(ctx, p, p.kMax);
  const rows = silhouetteRows(fm.matrix.n, p.silhouetteSample, p.seed);
  const ks = Array.from({ length: p.kMax - p.kMin + 1 }, (_, i) => p.kMin + i);
  const fits = await runKmeansJob(
    {
      kind: 'scan',
      matrix: fm.matrix,
      ks,
      seed: p.seed,
      restarts: p.restarts,
      maxIterations: p.maxIterations,
      tolerance: p.tolerance,
      silhouetteRows: rows,
      fullSilhouetteRows: p.fullSilhouetteRows,
      closeCallSe: KMEANS_DEFAULTS.closeCallSe,
    },
    { cancel: ctx.cancel, onProgress: (done, total, label, detail) => ctx.progress(done, total, label, detail) },
  );
  const metrics = fits.map((f) => ({
    k: f.k,
    sse: f.sse,
    silhouette: f.silhouette,
    calinskiHarabasz: f.calinskiHarabasz,
    daviesBouldin: f.daviesBouldin,
    iterations: f.iterations,
    ...(f.silhouetteSe !== undefined ? { silhouetteSe: f.silhouetteSe } : {}),
    ...(f.silhouetteFull !== undefined ? { silhouetteFull: f.silhouetteFull } : {}),
  }));
  const suggestion = suggestK(metrics, rows ? { sampleRows: rows.length, rows: fm.matrix.n, fullLimit: p.fullSilhouetteRows } : undefined);
  return {
    datasetId: fm.datasetId,
    rowsUsed: fm.matrix.n,
    missing: fm.missing,
    silhouetteSampleSize: rows ? rows.length : fm.matrix.n,
    silhouetteExact: rows === null,
    metrics,
    suggestedK: suggestion.k,
    reason: suggestion.reason,
    closeCall: suggestion.closeCall,
  };
}
