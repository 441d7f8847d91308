import { CancelToken } from '../../../shared/rpc/cancel';
import type { EngineContext } from '../host/context';
import { Work } from '../host/work';
import type { ProjectStore } from '../store/project-store';

/** What a builder needs from the engine: the engine's Work (bound project, progress, cancel, commit). */
export type SegmentWork = Work;

export function workFrom(ctx: EngineContext): SegmentWork {
  return ctx.work();
}

/** A work object for direct (test, bench) use: no progress, never cancelled. */
export function directWork(store: ProjectStore): SegmentWork {
  return new Work(store, new CancelToken(), () => undefined);
}
