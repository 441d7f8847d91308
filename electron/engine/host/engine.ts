import { homedir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { KequnError } from '../../../shared/contract/errors';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import { EngineClient } from '../../../shared/rpc/client';
import { createInProcessPair, type EngineTransport } from '../../../shared/rpc/in-process';
import { RpcServer, type HandlerContext } from '../../../shared/rpc/server';
import { sweepTempFiles } from '../files/output-file';
import { UploadStore, type UploadLimits } from '../import/upload-store';
import { ProjectStore } from '../store/project-store';
import { storageError } from '../store/sqlite-errors';
import type { EngineContext } from './context';
import { DownloadTickets } from './download-tickets';
import { FileGrants, type FileAccessMode } from './file-grants';
import { handlers } from './handlers';
import { Work } from './work';

export interface EngineOptions {
  /** App data folder (demo project, settings). Default: KEQUN_HOME or ~/.kequn. */
  dataDir?: string;
  /** Logs unexpected errors; default writes to stderr. */
  log?: (message: string) => void;
  /** 'granted' in the desktop app: only paths the Electron main process granted. Default 'any'. */
  fileAccess?: FileAccessMode;
  /** Upload size, quota and idle limits (tests use small ones). */
  uploadLimits?: Partial<UploadLimits>;
}

export function defaultDataDir(): string {
  return process.env.KEQUN_HOME ?? join(homedir(), '.kequn');
}

/** Progress and yielding for opening a project (conversion of older files can take a while). */
export interface OpenHooks {
  progress?: (done: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}

/**
 * The engine: owns the open project and serves the contract to any number of connections
 * (one per window, socket or CLI). Runs under plain Node; never imports electron. Each call is
 * bound to the project that was open when it started (see EngineContext.store).
 */
export class Engine {
  readonly dataDir: string;
  readonly grants: FileGrants;
  readonly uploads: UploadStore;
  readonly downloads = new DownloadTickets();
  private project: ProjectStore | null = null;
  private readonly server: RpcServer<EngineContext>;
  private readonly log: (message: string) => void;
  private readonly works = new WeakMap<EngineContext, Work>();
  private readonly releases = new WeakMap<EngineContext, () => void>();

  constructor(options: EngineOptions = {}) {
    this.dataDir = options.dataDir ?? defaultDataDir();
    this.log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
    // Temp files of exports that a killed engine never finished.
    sweepTempFiles(this.dataDir);
    this.grants = new FileGrants(options.fileAccess ?? 'any');
    this.uploads = new UploadStore(this.dataDir, this.grants, options.uploadLimits);
    this.server = new RpcServer<EngineContext>({
      handlers,
      makeContext: (base) => this.makeContext(base),
      releaseContext: (ctx, failed) => {
        if (failed) this.works.get(ctx)?.discard();
        this.releases.get(ctx)?.();
      },
      mapError: (e) => storageError(e),
      onInternalError: (method, error) =>
        this.log(`[engine] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
  }

  connect(transport: EngineTransport): () => void {
    return this.server.connect(transport);
  }

  /** An in-process client (tests, CLI): the same contract, no socket. */
  createClient(): EngineClient {
    const { client, engine } = createInProcessPair();
    this.connect(engine);
    return new EngineClient(client);
  }

  get currentProject(): ProjectStore | null {
    return this.project;
  }

  /**
   * Opens a project (converting an older file first) and makes it current; the previous one is
   * closed, which stops work still bound to it with PROJECT_CLOSED.
   */
  async openProject(path: string, options: { create?: boolean; demo?: boolean } = {}, hooks: OpenHooks = {}): Promise<ProjectStore> {
    const next = ProjectStore.open(path, options);
    try {
      if (next.needsConversion()) {
        await next.convertLegacy({
          progress: (d, t) => hooks.progress?.(d, t),
          checkpoint: async () => {
            await (hooks.checkpoint ?? (() => yieldToLoop()))();
          },
        });
      }
    } catch (e) {
      next.close();
      throw e;
    }
    return this.useProject(next);
  }

  /**
   * Makes an open store the current project (no conversion: it must not need one). The previous
   * project is closed, which stops work still bound to it with PROJECT_CLOSED.
   */
  useProject(next: ProjectStore): ProjectStore {
    const previous = this.project;
    this.project = next;
    // A project opened twice (reopen of the same file) is replaced cleanly: the old handle goes.
    if (previous !== next) previous?.close();
    this.emit('project.changed', { project: next.info() });
    return next;
  }

  closeProject(): void {
    if (!this.project) return;
    this.project.close();
    this.project = null;
    this.emit('project.changed', { project: null });
  }

  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void {
    this.server.emit(name, payload);
  }

  dispose(): void {
    this.closeProject();
    this.uploads.dispose();
  }

  private makeContext(base: HandlerContext): EngineContext {
    // Bound now: a project opened while this call runs is not this call's project. Once the call
    // uses it, closing or switching it (by another call) stops this one with PROJECT_CLOSED.
    const bound = this.project;
    let offClose: (() => void) | null = null;
    const store = (): ProjectStore => {
      if (!bound) throw new KequnError('NO_PROJECT');
      bound.assertOpen();
      if (!offClose) {
        offClose = bound.onClose(() => base.cancel.cancel(new KequnError('PROJECT_CLOSED')));
        this.releases.set(ctx, offClose);
      }
      return bound;
    };
    const ctx: EngineContext = {
      ...base,
      dataDir: this.dataDir,
      store,
      maybeStore: () => (bound && !bound.closed ? bound : null),
      work: () => {
        let w = this.works.get(ctx);
        if (!w) {
          w = new Work(store(), base.cancel, (d, t, l, detail) => base.progress(d, t, l, detail));
          this.works.set(ctx, w);
        }
        return w;
      },
      openProject: (path, options) => {
        // The call that switches projects is not stopped by its own switch.
        offClose?.();
        offClose = () => undefined;
        return this.openProject(path, options, {
          progress: (d, t) => base.progress(d, t, 'convert'),
          checkpoint: async () => {
            await yieldToLoop();
            base.cancel.throwIfCancelled();
          },
        });
      },
      closeProject: () => {
        offClose?.();
        offClose = () => undefined;
        this.closeProject();
      },
      emit: (name, payload) => this.emit(name, payload),
      checkpoint: async () => {
        await yieldToLoop();
        base.cancel.throwIfCancelled();
        bound?.assertOpen();
      },
      requirePath: (path, access) => this.grants.require(path, access),
      uploads: this.uploads,
      downloads: this.downloads,
    };
    return ctx;
  }
}
