import type { KmeansResult } from '../../../shared/contract/cluster';
import { KequnError } from '../../../shared/contract/errors';
import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo, SegmentSummary } from '../../../shared/contract/segmentations';
import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { getSegmentation } from '../store/segmentation-store';
import { clusterWarnings } from './warnings';

/**
 * A k-means segmentation's `definition` holds the whole model and its explanation (features with
 * fitted transforms, seed, restarts, k, centroids in transformed and original units, profiles,
 * PCA), so it can be re-run, shown and applied to new data without recomputing.
 */
export type ModelRecord = Omit<KmeansResult, 'segmentation' | 'warnings'> & {
  kind: 'kmeans-model';
  version: 1;
  datasetId: string;
  maxIterations: number;
  tolerance: number;
  /** Set on segmentations made by scoring: the model they applied. */
  scoredFrom?: string;
};

export function toDefinition(record: ModelRecord): JsonValue {
  return record as unknown as JsonValue;
}

export function readModel(store: ProjectStore, segmentationId: string): { seg: SegmentationInfo; model: ModelRecord } {
  const seg = getSegmentation(store, segmentationId);
  const def = seg.definition as unknown as Partial<ModelRecord> | null;
  if (seg.method !== 'kmeans' || def === null || typeof def !== 'object' || def.kind !== 'kmeans-model') {
    throw new KequnError('KMEANS_INVALID', `Segmentation ${segmentationId} is not a k-means model`, {
      zh: `细分结果 ${segmentationId} 不是 K-均值聚类模型`,
      details: { segmentation: segmentationId },
    });
  }
  return { seg, model: def as ModelRecord };
}

export function resultOf(seg: SegmentationInfo, model: ModelRecord): KmeansResult {
  const { kind: _kind, version: _version, datasetId: _datasetId, maxIterations: _maxIterations, tolerance: _tolerance, scoredFrom: _scoredFrom, ...rest } = model;
  return { ...rest, segmentation: seg, warnings: clusterWarnings(model.clusters, model.features) };
}

/** Segment summaries for grid, pivot and report: one per cluster, means by column name. */
export function summariesOf(model: Pick<ModelRecord, 'clusters' | 'features'>): SegmentSummary[] {
  return model.clusters.map((c) => ({
    name: c.name,
    count: c.size,
    share: c.share,
    revenueShare: null,
    means: Object.fromEntries(model.features.map((f, j) => [f.name, Number.isFinite(c.means[j]!) ? c.means[j]! : null])),
    action: null,
  }));
}

/** Typed columns of the project (the store caches them under each column's immutable data). */
export function readerFor(store: ProjectStore): ColumnReader {
  return new ColumnReader(store);
}
