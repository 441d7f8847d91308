import type { EngineEvents, EventName } from '../../../shared/contract/events';
import type { HandlerContext, HandlerMap } from '../../../shared/rpc/server';
import type { UploadStore } from '../import/upload-store';
import type { ProjectStore } from '../store/project-store';
import type { DownloadTickets } from './download-tickets';
import type { FileAccess } from './file-grants';

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
  /**
   * The resolved path if this engine may use it for `access`; else PATH_NOT_GRANTED. Every
   * handler that takes a path calls it first (desktop: only paths main granted; elsewhere any).
   */
  requirePath(path: string, access: FileAccess): string;
  /** Files a browser uploaded for import (private folder, deleted after the import). */
  uploads: UploadStore;
  /** One-time tickets for browser-mode downloads of written files. */
  downloads: DownloadTickets;
}

export type EngineHandlers = HandlerMap<EngineContext>;
/** The handlers one capability contributes; the host checks the union is complete. */
export type AreaHandlers<K extends keyof EngineHandlers> = Pick<EngineHandlers, K>;
