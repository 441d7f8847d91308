import { z } from 'zod';

/** The tree view opens on a saved model and can start on "why is this row in this segment". */
export const treeParams = z.object({ segmentationId: z.string().min(1).max(64).optional(), row: z.number().int().min(0).optional() }).strict();
export type TreeParams = z.output<typeof treeParams>;

/** The k-prototypes view can open on a saved model. */
export const kprotoParams = z.object({ segmentationId: z.string().min(1).max(64).optional() }).strict();
export type KprotoParams = z.output<typeof kprotoParams>;

/** The Ward and factor views take no params. */
export const noParams = z.object({}).strict();
