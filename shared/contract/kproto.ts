import { z } from 'zod';
import { clusterTransformSchema, type ClusterText, type EncodedFeature } from './cluster';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { segmentationIdSchema, type SegmentationInfo } from './segmentations';

/**
 * k-prototypes: numeric and text columns clustered together (Huang's cost: squared distance on
 * the transformed numeric columns + γ × the number of text columns that differ from the
 * cluster's mode). Rows with a missing value in a selected column are left out (label empty).
 */
const kprotoOptionsShape = {
  datasetId: datasetIdSchema,
  numeric: z.array(z.string().min(1).max(200)).max(32).default([]),
  categorical: z.array(z.string().min(1).max(200)).max(32).default([]),
  /** Applied to every numeric column, left to right. */
  transforms: z.array(clusterTransformSchema).max(4).default(['zscore']),
  /** Weight of one categorical mismatch; default: half the mean SD of the transformed numeric columns (1 without numeric columns). */
  gamma: z.number().min(0).max(1e6).optional(),
  seed: z.number().int().min(0).max(4294967295).default(42),
  restarts: z.number().int().min(1).max(100).default(10),
  maxIterations: z.number().int().min(1).max(10000).default(300),
  tolerance: z.number().min(0).max(1).default(1e-4),
};

export const kprotoRunParamsSchema = z
  .object({ ...kprotoOptionsShape, k: z.number().int().min(2).max(50), name: z.string().trim().min(1).max(200).optional() })
  .strict();

export const kprotoScanParamsSchema = z
  .object({
    ...kprotoOptionsShape,
    kMin: z.number().int().min(2).max(50).default(2),
    kMax: z.number().int().min(2).max(50).default(8),
    /** The Gower silhouette is computed on a seeded sample of this many rows (all rows below it). */
    silhouetteSample: z.number().int().min(100).max(10000).default(3000),
  })
  .strict();

export interface KprotoCategory {
  name: string;
  columnKey: string;
  levels: string[];
  /** Share of each level over all rows used. */
  shares: number[];
}

export interface KprotoModalLevel {
  column: string;
  level: string;
  /** Share of the cluster's rows with this level. */
  share: number;
  /** share ÷ the level's share over all rows × 100. */
  index: number | null;
}

export interface KprotoCluster {
  id: number;
  name: string;
  nameEn: string;
  size: number;
  share: number;
  cost: number;
  /** Numeric prototype in transformed units, and the mean of each numeric column in original units. */
  centroid: number[];
  means: number[];
  index: (number | null)[];
  /** The prototype's mode in each text column with its share and index. */
  modes: KprotoModalLevel[];
}

export interface KprotoMetrics {
  k: number;
  cost: number;
  silhouette: number | null;
  iterations: number;
}

export interface KprotoResult {
  segmentation: SegmentationInfo;
  k: number;
  seed: number;
  restarts: number;
  gamma: number;
  gammaDefault: number;
  cost: number;
  silhouette: number | null;
  silhouetteSampleSize: number;
  iterations: number;
  rowsUsed: number;
  rowsDropped: number;
  numeric: EncodedFeature[];
  categorical: KprotoCategory[];
  clusters: KprotoCluster[];
}

export interface KprotoScanResult {
  datasetId: string;
  rowsUsed: number;
  rowsDropped: number;
  gamma: number;
  gammaDefault: number;
  silhouetteSampleSize: number;
  metrics: KprotoMetrics[];
  suggestedK: number;
  reason: ClusterText;
}

export interface KprotoScoreResult {
  segmentation: SegmentationInfo;
  modelId: string;
  assigned: number;
  unassigned: number;
  /** Text values never seen in training (they count as a mismatch in every cluster). */
  unseenLevels: { column: string; values: string[]; rows: number }[];
  clusters: { id: number; name: string; size: number }[];
}

export const kprotoContract = {
  'kproto.scan': method(kprotoScanParamsSchema, result<KprotoScanResult>(), { long: true }),
  'kproto.run': method(kprotoRunParamsSchema, result<KprotoResult>(), { long: true }),
  'kproto.get': method(z.object({ segmentationId: segmentationIdSchema }).strict(), result<KprotoResult>()),
  'kproto.score': method(
    z.object({ segmentationId: segmentationIdSchema, datasetId: datasetIdSchema, name: z.string().trim().min(1).max(200).optional() }).strict(),
    result<KprotoScoreResult>(),
    { long: true },
  ),
};
