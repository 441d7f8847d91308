import { z } from 'zod';
import { filterSpecSchema, MAX_FILTERS } from '../../../../shared/contract/rows';

/** The grid opens plain, or with filters (a pivot drill-down hands over a cell's filters). */
export const gridParams = z.object({ filters: z.array(filterSpecSchema).max(MAX_FILTERS).optional() }).strict();
export type GridParams = z.output<typeof gridParams>;
