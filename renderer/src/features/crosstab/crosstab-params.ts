import { z } from 'zod';
import { crosstabSpecSchema } from '../../../../shared/contract/analyze';

/** A cross-tab opens with the dataset's defaults or with (part of) a spec, e.g. a saved cross-tab. */
export const crosstabParams = z.object({ spec: crosstabSpecSchema.partial().optional() }).strict();
export type CrosstabParams = z.output<typeof crosstabParams>;
