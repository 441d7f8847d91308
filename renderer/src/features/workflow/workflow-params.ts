import { z } from 'zod';
import { WORKFLOW_STEPS } from './workflow-model';

/** The workflow panel can open scrolled to one step (from the step list in the left panel). */
export const workflowParams = z.object({ step: z.enum(WORKFLOW_STEPS).optional() }).strict();
export type WorkflowParams = z.output<typeof workflowParams>;
