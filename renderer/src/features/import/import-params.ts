import { z } from 'zod';

/** A file to preview right away (File › Import, a dropped workbook); each file gets its own tab. */
export const importParams = z.object({ path: z.string().min(1).max(4096).optional() }).strict();
export type ImportParams = z.output<typeof importParams>;
