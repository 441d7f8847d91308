import { homedir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { KequnError } from '../../../shared/contract/errors';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import { EngineClient } from '../../../shared/rpc/client';
import { createInProcessPair, type EngineTransport } from '../../../shared/rpc/in-process';
import { RpcServer, type HandlerContext } from '../../../shared/rpc/server';
import { UploadStore, type UploadLimits } from '../import/upload-store';
import { ProjectStore } from '../store/project-store';
import type { EngineContext } from './context';
import { DownloadTickets } from './download-tickets';
import { FileGrants, type FileAccessMode } from './file-grants';
import { handlers } from './handlers';

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

/**
 * The engine: owns the open project and serves the contract to any number of connections
 * (one per window, socket or CLI). Runs under plain Node; never imports electron.
 */
export class Engine {
  readonly dataDir: string;
  readonly grants: FileGrants;
  readonly uploads: UploadStore;
  readonly downloads = new DownloadTickets();
  private project: ProjectStore | null = null;
  private readonly server: RpcServer<EngineContext>;
  private readonly log: (message: string) => void;

  constructor(options: EngineOptions = {}) {
    this.dataDir = options.dataDir ?? defaultDataDir();
    this.log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
    this.grants = new FileGrants(options.fileAccess ?? 'any');
    this.uploads = new UploadStore(this.dataDir, this.grants, options.uploadLimits);
    this.server = new RpcServer<EngineContext>({
      handlers,
      makeContext: (base) => this.makeContext(base),
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

  openProject(path: string, options: { create?: boolean; demo?: boolean } = {}): ProjectStore {
    const next = ProjectStore.open(path, options);
    this.project?.close();
    this.project = next;
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
    return {
      ...base,
      dataDir: this.dataDir,
      store: () => {
        if (!this.project) throw new KequnError('NO_PROJECT');
        return this.project;
      },
      maybeStore: () => this.project,
      openProject: (path, options) => this.openProject(path, options),
      closeProject: () => this.closeProject(),
      emit: (name, payload) => this.emit(name, payload),
      checkpoint: async () => {
        await yieldToLoop();
        base.cancel.throwIfCancelled();
      },
      requirePath: (path, access) => this.grants.require(path, access),
      uploads: this.uploads,
      downloads: this.downloads,
    };
  }
}
