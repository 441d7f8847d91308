import { z } from 'zod';

/** Params of the views that show one segmentation (summary, overview, report, k-means result). */
export const segmentationParams = z.object({ segmentationId: z.string().min(1).max(64).optional() }).strict();
export type SegmentationParams = z.output<typeof segmentationParams>;
