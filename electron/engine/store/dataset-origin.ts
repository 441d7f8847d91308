import { z } from 'zod';
import type { ProjectStore } from './project-store';

/**
 * The recipe a derived dataset was made from (`datasets.origin_json`), read back for the
 * capabilities that need it (the SQL export rebuilds RFM from the same rules). Only the RFM
 * recipe is parsed here; any other origin reads as null.
 */
export const rfmOriginSchema = z.object({
  kind: z.literal('rfm'),
  sourceDatasetId: z.string(),
  customer: z.string(),
  date: z.string(),
  amount: z.string(),
  order: z.string().nullable(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  returnsRule: z.enum(['exclude', 'net']).default('exclude'),
  /** What RFM left out or netted (RfmExclusion); absent on datasets made before it was recorded. */
  exclusions: z
    .array(
      z.object({
        code: z.string(),
        effect: z.string(),
        unit: z.string(),
        count: z.number(),
        amount: z.number().nullable(),
        zh: z.string(),
        en: z.string(),
      }),
    )
    .optional(),
});
export type RfmOrigin = z.infer<typeof rfmOriginSchema>;

export function readRfmOrigin(store: ProjectStore, datasetId: string): RfmOrigin | null {
  const parsed = rfmOriginSchema.safeParse(store.datasets.origin(datasetId));
  return parsed.success ? parsed.data : null;
}
