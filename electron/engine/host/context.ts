import type { EngineEvents, EventName } from '../../../shared/contract/events';
import type { HandlerContext, HandlerMap } from '../../../shared/rpc/server';
import type { UploadStore } from '../import/upload-store';
import type { ProjectStore } from '../store/project-store';
import type { Work } from './work';
import type { DownloadTickets } from './download-tickets';
import type { FileAccess } from './file-grants';

/** Services every engine handler can use, on top of cancellation and progress. */
export interface EngineContext extends HandlerContext {
  /**
   * The project this call is bound to: the one open when the call started. Throws NO_PROJECT
   * when none was open, PROJECT_CLOSED once it has been closed or switched.
   */
  store(): ProjectStore;
  /** The bound project, or null when none was open at the start. */
  maybeStore(): ProjectStore | null;
  /** The call's Work: snapshots, staging and the one commit (see work.ts). */
  work(): Work;
  /**
   * Opens (or creates) a project and makes it current. Work bound to the previous project is
   * cancelled with PROJECT_CLOSED (nothing of it is saved) and the previous project is closed.
   */
  openProject(path: string, options?: { create?: boolean; demo?: boolean }): Promise<ProjectStore>;
  closeProject(): void;
  /** Folder for app data (the demo project, settings); KEQUN_HOME or ~/.kequn. */
  dataDir: string;
  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void;
  /**
   * Yields to the event loop so cancel frames and other requests get through, then throws
   * CANCELLED if the call was cancelled (PROJECT_CLOSED if its project closed).
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
