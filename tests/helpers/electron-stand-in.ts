/**
 * Runs the real main-process bundle (electron/main/main.ts, bundled as for dist/main/main.cjs)
 * against a stand-in for the `electron` module whose utility process is a real engine: the
 * engine's own link code (utility-link.ts) behind worker_threads MessagePorts, exactly as
 * utility-entry.ts runs it in the desktop app. No Electron binary exists on our build machine.
 */
import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../shared/rpc/frames';
import { EngineClient } from '../../shared/rpc/client';
import { createPortTransport, type PortLike } from '../../shared/rpc/port-transport';
import { Engine } from '../../electron/engine/host/engine';
import { linkParentPort, type ParentPort, type UtilityPort } from '../../electron/engine/host/utility-link';

const ROOT = join(__dirname, '..', '..');

export async function bundleMain(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const out = await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/main/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: [...Object.keys(pkg.dependencies), 'electron'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** A worker_threads port as the page side of the engine connection. */
export function pagePort(port: MessagePort): PortLike {
  return {
    postMessage: (d) => port.postMessage(d),
    subscribe: (l) => {
      const fn = (d: unknown): void => l(d);
      port.on('message', fn);
      return () => port.off('message', fn);
    },
    onClose: (l) => port.on('close', l),
    close: () => port.close(),
  };
}

/** Electron's MessagePortMain shape (events carry `{ data }`), over a worker_threads port. */
function utilityPort(port: MessagePort): UtilityPort {
  return {
    postMessage: (d) => port.postMessage(d),
    on: ((event: 'message' | 'close', listener: (e?: { data: unknown }) => void) => {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => listener());
    }) as UtilityPort['on'],
    start: () => port.start(),
    close: () => port.close(),
  };
}

/**
 * The utility process: a real Engine in desktop mode ('granted'), linked to "main" through the
 * same code as dist/engine/utility.mjs. Messages cross asynchronously, as between processes.
 */
export class UtilityStandIn extends EventEmitter {
  readonly pid = 5000 + Math.floor(Math.random() * 1000);
  readonly engine: Engine;
  readonly received: unknown[] = [];
  killed = false;
  private toEngine: ((e: { data: unknown; ports: UtilityPort[] }) => void) | null = null;

  constructor(readonly env: Record<string, string | undefined>) {
    super();
    this.engine = new Engine({ dataDir: env.KEQUN_HOME ?? '', fileAccess: 'granted', log: () => undefined });
    const parent: ParentPort = {
      on: (_event, listener) => {
        this.toEngine = listener;
      },
      postMessage: (data) => setImmediate(() => this.emit('message', data)),
    };
    linkParentPort(parent, this.engine);
  }

  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.received.push(message);
    const ports = (transfer as MessagePort[]).map(utilityPort);
    setImmediate(() => this.toEngine?.({ data: message, ports }));
  }

  /** An unexpected exit (the engine crashed). */
  crash(code = 1): void {
    this.engine.dispose();
    this.emit('exit', code);
  }

  kill(): boolean {
    this.killed = true;
    this.engine.dispose();
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

class FakeContents extends EventEmitter {
  static nextId = 100;
  readonly id = FakeContents.nextId++;
  readonly sent: [string, unknown][] = [];
  readonly ports: MessagePort[] = [];
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  postMessage(_channel: string, _message: unknown, transfer: MessagePort[]): void {
    this.ports.push(...transfer);
  }
  setWindowOpenHandler(): void {}
  isDestroyed(): boolean {
    return false;
  }
  closeDevTools(): void {}
}

export interface DialogAnswers {
  open: string[];
  save: string | null;
}

export interface BootedMain {
  appEvents: EventEmitter;
  windows: { webContents: FakeContents }[];
  children: UtilityStandIn[];
  ipc: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  menus: MenuItem[][];
  dialogs: DialogAnswers;
  becomeReady(): Promise<void>;
  /** Invokes an IPC channel as the window's own page would. */
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  /** The window's page client, attached to the newest engine port main posted. */
  pageClient(): EngineClient;
}

export interface MenuItem {
  id?: string;
  label?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

/** Boots the main bundle with `argv`, `userData` and a real engine as its utility process. */
export function bootMain(code: string, options: { userData: string; argv: string[]; appEntryUrl: string }): BootedMain {
  const appEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  let isReady = false;
  const windows: FakeWindow[] = [];
  const children: UtilityStandIn[] = [];
  const ipc = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const menus: MenuItem[][] = [];
  const dialogs: DialogAnswers = { open: [], save: null };

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    constructor() {
      super();
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows(): FakeWindow[] {
      return windows;
    }
    static getFocusedWindow(): FakeWindow | null {
      return windows[0] ?? null;
    }
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    isMaximized = (): boolean => false;
    isFullScreen = (): boolean => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
    show(): void {}
    maximize(): void {}
    restore(): void {}
    focus(): void {}
  }

  const electron = {
    app: {
      setPath: () => undefined,
      getPath: () => options.userData,
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      on: (e: string, l: (...a: unknown[]) => void) => appEvents.on(e, l),
      whenReady: () => ready,
      isReady: () => isReady,
      isPackaged: true,
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    ipcMain: {
      handle: (c: string, h: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipc.set(c, h),
      removeHandler: (c: string) => ipc.delete(c),
    },
    MessageChannelMain: MessageChannel,
    net: { fetch: () => Promise.resolve(new Response('')) },
    utilityProcess: {
      fork: (_path: string, _args: string[], opts: { env: Record<string, string | undefined> }) => {
        const child = new UtilityStandIn(opts.env);
        children.push(child);
        return child;
      },
    },
    BrowserWindow: FakeWindow,
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    Menu: {
      buildFromTemplate: (t: MenuItem[]) => t,
      setApplicationMenu: (m: MenuItem[]) => menus.push(m),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: dialogs.open.length === 0, filePaths: dialogs.open }),
      showSaveDialog: async () => (dialogs.save === null ? { canceled: true } : { canceled: false, filePath: dialogs.save }),
      showMessageBox: async () => ({ response: 1 }),
    },
    shell: { openExternal: async () => undefined, openPath: async () => '', showItemInFolder: () => undefined },
  };

  const mainDir = join(ROOT, 'dist', 'main');
  const nodeRequire = createRequire(join(ROOT, 'package.json'));
  const requireStub = (name: string): unknown => (name === 'electron' ? electron : nodeRequire(name));
  const fakeProcess = Object.create(process, {
    argv: { value: options.argv },
    env: { value: { ...process.env, KEQUN_USER_DATA: '' } },
  }) as NodeJS.Process;
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', 'process', code)(requireStub, module, module.exports, mainDir, join(mainDir, 'main.cjs'), fakeProcess);

  const client = new EngineClient();
  let attachedPorts = 0;
  return {
    appEvents,
    windows,
    children,
    ipc,
    menus,
    dialogs,
    becomeReady: async () => {
      isReady = true;
      markReady();
      await ready;
      await new Promise((r) => setImmediate(r));
    },
    invoke: (channel, ...args) => {
      const win = windows[0]!;
      const event = { sender: { id: win.webContents.id }, senderFrame: { url: options.appEntryUrl, parent: null } };
      return ipc.get(channel)!(event, ...args);
    },
    pageClient: () => {
      const ports = windows[0]!.webContents.ports;
      if (ports.length > attachedPorts) {
        attachedPorts = ports.length;
        client.attach(createPortTransport<EngineToClientFrame, ClientToEngineFrame>(pagePort(ports.at(-1)!), isEngineFrame));
      }
      return client;
    },
  };
}
