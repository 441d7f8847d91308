import type { EngineContext } from '../host/context';
import type { ProjectStore } from '../store/project-store';

/** What a builder needs from the engine: the project, progress, and cancellation points. */
export interface SegmentWork {
  store: ProjectStore;
  progress: EngineContext['progress'];
  checkpoint: EngineContext['checkpoint'];
}

export function workFrom(ctx: EngineContext): SegmentWork {
  return { store: ctx.store(), progress: (d, t, l) => ctx.progress(d, t, l), checkpoint: () => ctx.checkpoint() };
}

/** A work object for direct (test, bench) use: no progress, never cancelled. */
export function directWork(store: ProjectStore): SegmentWork {
  return { store, progress: () => undefined, checkpoint: async () => undefined };
}
