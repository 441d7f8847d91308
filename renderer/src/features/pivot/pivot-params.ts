import { z } from 'zod';
import { pivotSpecSchema } from '../../../../shared/contract/analyze';

/** A pivot opens empty or with a spec (a saved pivot reopened from the workflow panel). */
export const pivotParams = z.object({ spec: pivotSpecSchema.optional() }).strict();
export type PivotParams = z.output<typeof pivotParams>;
