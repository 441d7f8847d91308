/**
 * The real main-process bundle (electron/main/main.ts, bundled as for dist/main/main.cjs) booted
 * against a stand-in for the `electron` module, because no Electron binary exists here. Used by
 * the boot test (start-up order, window, engine, IPC) and the menu-command coverage test.
 */
import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appPaths } from '../../electron/main/app-paths';

type AppPaths = ReturnType<typeof appPaths>;

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The main bundle's code (CommonJS), built in memory with `electron` left external. */
export async function buildMainBundle(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const out = await build({
    absWorkingDir: root,
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

export class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly sent: [string, unknown][] = [];
  readonly posted: [string, unknown, unknown[]][] = [];
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  postMessage(channel: string, message: unknown, transfer: unknown[]): void {
    this.posted.push([channel, message, transfer]);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  isDestroyed(): boolean {
    return false;
  }
  closeDevTools(): void {}
}

/** A native menu item as the template gives it (only what the tests use). */
export interface FakeMenuItem {
  id?: string;
  label?: string;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export interface StandInOptions {
  lock: boolean;
  userData: string;
  /** What the native open dialog answers (cancelled when empty). */
  openPaths?: string[];
  /** What the native save dialog answers (cancelled when absent). */
  savePath?: string;
}

export interface FakeWindowLike extends EventEmitter {
  readonly webContents: FakeContents;
  readonly options: { webPreferences: unknown };
  loadedUrl: string;
}

export interface FakeChild extends EventEmitter {
  messages: unknown[];
  killed: boolean;
  postMessage(m: unknown, t?: unknown[]): void;
  kill(): boolean;
}

export interface StandIn {
  /** What `require('electron')` returns to main. */
  electron: Record<string, unknown>;
  calls: string[];
  appEvents: EventEmitter;
  windows: FakeWindowLike[];
  children: FakeChild[];
  forks: { path: string; env: Record<string, string | undefined> }[];
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  /** Every application menu main set, the latest last. */
  menus: FakeMenuItem[][];
  becomeReady(): Promise<void>;
}

export interface BootedMain extends StandIn {
  userData: string;
  paths: AppPaths;
}

export function fakeElectron(options: StandInOptions): StandIn {
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  let isReady = false;
  const windows: FakeWindow[] = [];
  const children: FakeChild[] = [];
  const forks: { path: string; env: Record<string, string | undefined> }[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const menus: FakeMenuItem[][] = [];

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    loadedUrl = '';
    constructor(readonly options: { webPreferences: unknown }) {
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
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
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

  const openPaths = options.openPaths ?? [];
  const electron = {
    app: {
      setPath: (name: string, p: string) => calls.push(`setPath:${name}:${p}`),
      getPath: () => options.userData,
      enableSandbox: () => calls.push('enableSandbox'),
      requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), options.lock),
      quit: () => calls.push('quit'),
      on: (e: string, l: (...a: unknown[]) => void) => appEvents.on(e, l),
      whenReady: () => ready,
      isReady: () => isReady,
      isPackaged: true,
      getVersion: () => '0.1.0',
    },
    protocol: {
      registerSchemesAsPrivileged: (s: { scheme: string; privileges: Record<string, boolean> }[]) =>
        calls.push(`registerSchemes:${s.map((x) => `${x.scheme}:${x.privileges.secure}:${x.privileges.standard}`).join(',')}`),
      handle: (scheme: string) => calls.push(`protocol.handle:${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        webRequest: { onHeadersReceived: () => calls.push('onHeadersReceived') },
      },
    },
    ipcMain: {
      handle: (c: string, h: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipcHandlers.set(c, h),
      removeHandler: (c: string) => ipcHandlers.delete(c),
    },
    MessageChannelMain: class {
      port1 = { name: 'port1' };
      port2 = { name: 'port2' };
    },
    net: { fetch: () => Promise.resolve(new Response('')) },
    utilityProcess: {
      fork: (path: string, _args: string[], opts: { env: Record<string, string | undefined> }) => {
        forks.push({ path, env: opts.env });
        const child = Object.assign(new EventEmitter(), {
          pid: 4242,
          messages: [] as unknown[],
          killed: false,
          postMessage(m: unknown) {
            child.messages.push(m);
          },
          kill() {
            child.killed = true;
            return true;
          },
        });
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
      buildFromTemplate: (t: FakeMenuItem[]) => t,
      setApplicationMenu: (m: FakeMenuItem[]) => menus.push(m),
    },
    dialog: {
      showOpenDialog: async () => (openPaths.length ? { canceled: false, filePaths: openPaths } : { canceled: true, filePaths: [] }),
      showSaveDialog: async () => (options.savePath ? { canceled: false, filePath: options.savePath } : { canceled: true }),
      showMessageBox: async () => ({ response: 1 }),
    },
    shell: { openExternal: async () => undefined, openPath: async () => '', showItemInFolder: () => undefined },
  };
  return {
    electron,
    calls,
    appEvents,
    windows,
    children,
    forks,
    ipcHandlers,
    menus,
    becomeReady: async () => {
      isReady = true;
      markReady();
      await ready;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** Runs the main bundle once with the stand-in as `electron` and the given argv. */
export function bootMain(code: string, options: Omit<StandInOptions, 'userData'> & { userDataRoot: string; argv?: string[] }): BootedMain {
  const userData = join(options.userDataRoot, `user-data-${Math.random().toString(36).slice(2)}`);
  const fake = fakeElectron({ ...options, userData });
  const mainDir = join(root, 'dist', 'main');
  const nodeRequire = createRequire(join(root, 'package.json'));
  const requireStub = (name: string): unknown => (name === 'electron' ? fake.electron : nodeRequire(name));
  const fakeProcess = Object.create(process, {
    argv: { value: options.argv ?? ['/opt/kequn/kequn'] },
    env: { value: { ...process.env, KEQUN_USER_DATA: '' } },
  }) as NodeJS.Process;
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', 'process', code)(
    requireStub,
    module,
    module.exports,
    mainDir,
    join(mainDir, 'main.cjs'),
    fakeProcess,
  );
  return { ...fake, userData, paths: appPaths(mainDir) };
}
