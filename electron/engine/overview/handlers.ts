import type { EngineHandlers } from '../host/context';
import { projectOverview } from './project-overview';

export const overviewHandlers = {
  'project.overview': (_p, ctx) => projectOverview(ctx.store()),
} satisfies Pick<EngineHandlers, 'project.overview'>;
