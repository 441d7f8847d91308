import { z } from 'zod';
import { clusterFeatureSchema, MISSING_POLICIES, type ClusterProfile, type ClusterText, type EncodedFeature } from './cluster';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { SegmentationInfo } from './segmentations';

/**
 * Hierarchical clustering (Ward) to choose k: exact on up to 20,000 rows; above that on a seeded
 * sample of 20,000 rows or on k-means micro-clusters (each weighted by its size). Features are
 * encoded as for k-means (transforms, one-hot text columns).
 */
export const HCLUST_EXACT_LIMIT = 20_000;

const hclustShape = {
  datasetId: datasetIdSchema,
  features: z.array(clusterFeatureSchema).min(1).max(64),
  missing: z.enum(MISSING_POLICIES).default('drop'),
  /** auto = every row up to 20,000, a seeded sample above. */
  mode: z.enum(['auto', 'sample', 'micro']).default('auto'),
  sampleSize: z.number().int().min(100).max(HCLUST_EXACT_LIMIT).default(HCLUST_EXACT_LIMIT),
  /** Number of k-means micro-clusters in micro mode. */
  microClusters: z.number().int().min(50).max(5000).default(1000),
  seed: z.number().int().min(0).max(4294967295).default(42),
};

export const hclustRunParamsSchema = z.object(hclustShape).strict();
export const hclustKeepParamsSchema = z
  .object({ ...hclustShape, k: z.number().int().min(2).max(50), name: z.string().trim().min(1).max(200).optional() })
  .strict();

/** The top of the tree for drawing: `leaves` are the clusters left at the widest cut shown. */
export interface Dendrogram {
  leaves: { id: number; size: number }[];
  /** Merges in height order; ids are leaf ids or ids of earlier merges (as in scipy). */
  merges: { id: number; left: number; right: number; height: number; size: number }[];
}

export interface HclustResult {
  datasetId: string;
  rowsUsed: number;
  /** Points the tree was built on (rows, a sample or micro-clusters). */
  points: number;
  mode: 'exact' | 'sample' | 'micro';
  /** Cophenetic correlation (null in micro mode, where points are cluster centres). */
  cophenetic: number | null;
  /** Heights of the top merges: heights[i] joins i + 2 clusters into i + 1 (up to 30). */
  heights: number[];
  dendrogram: Dendrogram;
  suggestedK: number;
  reason: ClusterText;
  features: EncodedFeature[];
  /** Cluster sizes (among the points) for each k from 2 to 10. */
  sizesByK: Record<string, number[]>;
}

export interface HclustKeepResult {
  segmentation: SegmentationInfo;
  k: number;
  mode: 'exact' | 'sample' | 'micro';
  clusters: ClusterProfile[];
}

export const hclustContract = {
  'hclust.run': method(hclustRunParamsSchema, result<HclustResult>(), { long: true }),
  /** Cuts the tree into k clusters and saves them as a segmentation (rows outside a sample go to the nearest cluster centre). */
  'hclust.keep': method(hclustKeepParamsSchema, result<HclustKeepResult>(), { long: true }),
};
