import { z } from 'zod';
import { CHART_KINDS } from './chart-kinds';

/** Which chart the view starts on. */
export const chartsParams = z.object({ chart: z.enum(CHART_KINDS).optional() }).strict();
export type ChartsParams = z.output<typeof chartsParams>;
