import { z } from 'zod';
import { OPS } from './op-draft';

/**
 * The cleaning view opens on the operation the user chose (a ribbon button, a column's menu)
 * and, for that operation, the column it was chosen on.
 */
export const cleanParams = z.object({ op: z.enum(OPS).optional(), column: z.string().min(1).max(200).optional() }).strict();
export type CleanParams = z.output<typeof cleanParams>;
