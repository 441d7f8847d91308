import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { JsonValue } from './json';

/** Every way of segmenting writes the same record; `method` says which builder made it. */
export const SEGMENTATION_METHODS = ['rfm8', 'rfm-score', 'pareto', 'lifecycle', 'rules', 'template', 'kmeans', 'clv', 'kprototypes', 'hclust'] as const;
export type SegmentationMethod = (typeof SEGMENTATION_METHODS)[number];

export interface SegmentSummary {
  name: string;
  count: number;
  /** Share of customers (0..1). */
  share: number;
  /** Share of revenue (0..1) when a revenue column is known, else null. */
  revenueShare: number | null;
  /** Mean of each metric in this segment, by column name. */
  means: Record<string, number | null>;
  /** Recommended action / description text, editable by the user. */
  action: string | null;
}

export interface SegmentationInfo {
  id: string;
  datasetId: string;
  method: SegmentationMethod;
  name: string;
  /** The dataset column (key) holding each row's segment label. */
  columnKey: string;
  /** Everything needed to re-run it: parameters, thresholds, seed, transforms. */
  definition: JsonValue;
  segments: SegmentSummary[];
  createdAt: string;
}

/** How a stored summary is checked when read back from the project file. */
export const segmentSummarySchema = z.object({
  name: z.string(),
  count: z.number(),
  share: z.number(),
  revenueShare: z.number().nullable(),
  means: z.record(z.string(), z.number().nullable()),
  action: z.string().nullable(),
});

export const segmentationIdSchema = z.string().min(1).max(64);

export const segmentationsContract = {
  'segmentations.list': method(z.object({ datasetId: datasetIdSchema.optional() }).strict(), result<SegmentationInfo[]>()),
  'segmentations.get': method(z.object({ segmentationId: segmentationIdSchema }).strict(), result<SegmentationInfo>()),
  'segmentations.remove': method(z.object({ segmentationId: segmentationIdSchema }).strict(), result<{ removed: boolean }>()),
};
