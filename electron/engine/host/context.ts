import type { EngineEvents, EventName } from '../../../shared/contract/events';
import type { HandlerContext, HandlerMap } from '../../../shared/rpc/server';
import type { ProjectStore } from '../store/project-store';

/** Services every engine handler can use, on top of cancellation and progress. */
export interface EngineContext extends HandlerContext {
  /** The open project; throws NO_PROJECT when none is open. */
  store(): ProjectStore;
  /** The open project or null. */
  maybeStore(): ProjectStore | null;
  /** Opens (or creates) a project and makes it current, closing the previous one. */
  openProject(path: string, options?: { create?: boolean; demo?: boolean }): ProjectStore;
  closeProject(): void;
  /** Folder for app data (the demo project, settings); KEQUN_HOME or ~/.kequn. */
  dataDir: string;
  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void;
  /**
   * Yields to the event loop so cancel frames and other requests get through, then throws
   * CANCELLED if the call was cancelled. Long loops call it every few thousand rows.
   */
  checkpoint(): Promise<void>;
}

export type EngineHandlers = HandlerMap<EngineContext>;
