import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { KMEANS_DEFAULTS } from './cluster-defaults';
import { method, result } from './define';
import { segmentationIdSchema, type SegmentationInfo } from './segmentations';

/**
 * Cluster analysis (k-means). Features are dataset columns; numeric columns go through a chain of
 * transforms fitted on the training rows, category columns are one-hot encoded.
 */
export const CLUSTER_TRANSFORMS = ['none', 'log1p', 'zscore', 'minmax', 'robust'] as const;
export type ClusterTransform = (typeof CLUSTER_TRANSFORMS)[number];
export const clusterTransformSchema = z.enum(CLUSTER_TRANSFORMS);

export const MISSING_POLICIES = ['drop', 'mean', 'median'] as const;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];

export const clusterFeatureSchema = z
  .object({
    /** Column key or display name. */
    column: z.string().min(1).max(200),
    /** Applied left to right (e.g. log1p then zscore); ignored for category columns. */
    transforms: z.array(clusterTransformSchema).max(4).default(['zscore']),
  })
  .strict();
export type ClusterFeatureSpec = z.input<typeof clusterFeatureSchema>;

const kmeansOptionsShape = {
  datasetId: datasetIdSchema,
  features: z.array(clusterFeatureSchema).min(1).max(64),
  /** drop = rows with a missing feature are left out (label null); mean/median = imputed. */
  missing: z.enum(MISSING_POLICIES).default(KMEANS_DEFAULTS.missing),
  seed: z.number().int().min(0).max(4294967295).default(KMEANS_DEFAULTS.seed),
  restarts: z.number().int().min(1).max(100).default(KMEANS_DEFAULTS.restarts),
  maxIterations: z.number().int().min(1).max(10000).default(KMEANS_DEFAULTS.maxIterations),
  /** Relative tolerance as in scikit-learn: stop when Σ centre shift² ≤ tol × mean feature variance. */
  tolerance: z.number().min(0).max(1).default(KMEANS_DEFAULTS.tolerance),
};

export const kmeansRunParamsSchema = z
  .object({
    ...kmeansOptionsShape,
    k: z.number().int().min(2).max(50),
    /** Name of the saved segmentation (default: "K-means (k=5)"). */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const kmeansScanParamsSchema = z
  .object({
    ...kmeansOptionsShape,
    kMin: z.number().int().min(2).max(50).default(KMEANS_DEFAULTS.kMin),
    kMax: z.number().int().min(2).max(50).default(KMEANS_DEFAULTS.kMax),
    /** Silhouette is exact up to this many rows, computed on a seeded sample of this size above. */
    silhouetteSample: z.number().int().min(100).max(50000).default(KMEANS_DEFAULTS.silhouetteSample),
    /** When the best k's lead on a sample is within sampling error, the close candidates' silhouettes are computed on every row up to this many rows (0 = never). */
    fullSilhouetteRows: z.number().int().min(0).max(200000).default(KMEANS_DEFAULTS.exactRowsLimit),
  })
  .strict();

export interface ClusterText {
  zh: string;
  en: string;
}

/** One model input after encoding: a numeric column or one category level (one-hot). */
export interface EncodedFeature {
  /** Display name, e.g. "Fresh" or "Genre=Female". */
  name: string;
  column: string;
  columnKey: string;
  kind: 'numeric' | 'category';
  /** The category level for one-hot inputs. */
  level: string | null;
  transforms: ClusterTransform[];
  /** Fitted parameters per transform, in order (e.g. {mean, sd} for zscore). */
  fitted: Record<string, number>[];
  /** Value used for missing cells when imputing (original units), null when rows are dropped. */
  imputeValue: number | null;
  /** Training range in original units (for drift warnings). */
  min: number;
  max: number;
  /** Mean over all training rows in original units (index base). */
  mean: number;
}

export interface MissingReport {
  policy: MissingPolicy;
  rowsTotal: number;
  rowsUsed: number;
  rowsDropped: number;
  /** Missing or invalid cells per feature column (by column name). */
  perColumn: Record<string, number>;
  imputed: number;
}

export interface ClusterProfile {
  /** 1-based cluster number (stable across renames). */
  id: number;
  name: string;
  nameEn: string;
  size: number;
  share: number;
  withinSse: number;
  /** Centroid in transformed (model) units, one per encoded feature. */
  centroid: number[];
  /** Mean of each encoded feature in original units (one-hot: share of the level). */
  means: number[];
  /** Mean ÷ overall mean × 100 (100 = average); null when the overall mean is not positive. */
  index: (number | null)[];
}

export interface PcaProjection {
  /** Share of variance explained by PC1 and PC2. */
  explained: [number, number];
  /** Sampled points: [pc1, pc2, cluster id]. */
  points: [number, number, number][];
  sampled: boolean;
  centroids: [number, number][];
}

export interface KmeansMetrics {
  k: number;
  sse: number;
  /** On a sample above silhouetteSample rows (see KmeansScanResult.silhouetteExact). */
  silhouette: number | null;
  /** On a sample: paired standard error of this k's silhouette gap to the best k (absent for the best and when exact). */
  silhouetteSe?: number | null;
  /** The exact silhouette on every row, computed for the close calls only. */
  silhouetteFull?: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  iterations: number;
}

/**
 * A cluster under KMEANS_DEFAULTS.tinyClusterRows rows or tinyClusterShare of them: most likely
 * outliers. `suggestion`: 'log' = log-transform `columns` (skewed, not logged yet); 'trim' = cap or
 * remove the outliers first.
 */
export interface ClusterWarning {
  code: 'CLUSTER_TINY';
  clusterId: number;
  size: number;
  share: number;
  suggestion: 'log' | 'trim';
  columns: string[];
  zh: string;
  en: string;
}

export interface KmeansResult {
  segmentation: SegmentationInfo;
  k: number;
  seed: number;
  restarts: number;
  sse: number;
  silhouette: number | null;
  /** Rows the silhouette was computed on (all rows up to 20,000; a seeded sample above). */
  silhouetteSampleSize: number;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  iterations: number;
  features: EncodedFeature[];
  missing: MissingReport;
  clusters: ClusterProfile[];
  pca: PcaProjection;
  /** Tiny clusters (outliers) with what to try; computed from the model, never stored. */
  warnings: ClusterWarning[];
}

export interface KmeansScanResult {
  datasetId: string;
  rowsUsed: number;
  missing: MissingReport;
  silhouetteSampleSize: number;
  silhouetteExact: boolean;
  metrics: KmeansMetrics[];
  suggestedK: number;
  reason: ClusterText;
  /**
   * Set when the sampled silhouette cannot tell the best k from others (within sampling error):
   * the candidates, and whether their exact silhouettes on every row decided the call.
   */
  closeCall: { ks: number[]; resolved: boolean } | null;
}

export interface DriftFeature {
  feature: string;
  below: number;
  above: number;
  share: number;
}

export interface ScoreResult {
  segmentation: SegmentationInfo;
  modelId: string;
  assigned: number;
  unassigned: number;
  distanceColumnKey: string;
  clusters: { id: number; name: string; size: number; meanDistance: number | null }[];
  drift: DriftFeature[];
  /** Set when any feature falls outside the training range. */
  warning: ClusterText | null;
}

export const clusterContract = {
  'cluster.scan': method(kmeansScanParamsSchema, result<KmeansScanResult>(), { long: true }),
  'cluster.run': method(kmeansRunParamsSchema, result<KmeansResult>(), { long: true }),
  'cluster.get': method(z.object({ segmentationId: segmentationIdSchema }).strict(), result<KmeansResult>()),
  'cluster.rename': method(
    z
      .object({
        segmentationId: segmentationIdSchema,
        clusterId: z.number().int().min(1),
        name: z.string().trim().min(1).max(100),
      })
      .strict(),
    result<KmeansResult>(),
  ),
  'cluster.score': method(
    z
      .object({
        segmentationId: segmentationIdSchema,
        datasetId: datasetIdSchema,
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result<ScoreResult>(),
    { long: true },
  ),
};
