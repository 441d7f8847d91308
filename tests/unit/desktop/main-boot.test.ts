/**
 * Boots the real main-process bundle (electron/main/main.ts, bundled as for dist/main/main.cjs)
 * against a stand-in for the `electron` module, because no Electron binary exists here. It checks
 * the wiring the pure-function tests cannot: what main calls at start-up, the window it opens,
 * the engine it forks, the menu, IPC, files from a second instance, and engine restarts.
 */
import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, IPC } from '../../../shared/desktop-ipc';
import { appPaths } from '../../../electron/main/app-paths';
import { APP_ENTRY_URL, APP_SCHEME, secureWebPreferences } from '../../../electron/main/security';
import { tempDir } from '../../helpers/temp';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = tempDir('kequn-main-boot-');
afterAll(() => tmp.cleanup());
let code = '';

beforeAll(async () => {
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
  code = out.outputFiles[0]!.text;
});

class FakeContents extends EventEmitter {
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

function fakeElectron(options: { lock: boolean; userData: string }) {
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  let isReady = false;
  const windows: FakeWindow[] = [];
  const children: (EventEmitter & { postMessage: (m: unknown, t?: unknown[]) => void; kill: () => boolean; messages: unknown[]; killed: boolean })[] = [];
  const forks: { path: string; env: Record<string, string | undefined> }[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const menus: { label?: string }[][] = [];

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
            // The engine confirms a file grant that asks for an answer (see utility-link.ts).
            const g = m as { type?: string; id?: number };
            if (g.type === 'grant' && g.id) queueMicrotask(() => child.emit('message', { type: 'granted', id: g.id }));
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
      buildFromTemplate: (t: { label?: string }[]) => t,
      setApplicationMenu: (m: { label?: string }[]) => menus.push(m),
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showMessageBox: async () => ({ response: 1 }) },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
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

function boot(options: { lock: boolean; argv?: string[] }) {
  const userData = join(tmp.dir, `user-data-${Math.random().toString(36).slice(2)}`);
  const fake = fakeElectron({ lock: options.lock, userData });
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

describe('main process boot (against an electron stand-in)', () => {
  it('a second instance only hands over and quits', () => {
    const b = boot({ lock: false });
    expect(b.calls).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock', 'quit']);
    expect(b.windows).toHaveLength(0);
  });

  it('sandbox and scheme before ready; then session policies, protocol, IPC, menu, engine, one secure window', async () => {
    const projectFile = join(tmp.dir, '双击打开.kequn');
    writeFileSync(projectFile, '');
    const b = boot({ lock: true, argv: ['/opt/kequn/kequn', projectFile] });
    expect(b.calls.slice(0, 3)).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock']);
    expect(b.windows).toHaveLength(0);
    await b.becomeReady();

    expect(b.calls).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived', `protocol.handle:${APP_SCHEME}`]),
    );
    expect([...b.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(b.menus.at(-1)?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(b.forks).toEqual([{ path: b.paths.engine, env: expect.objectContaining({ KEQUN_HOME: b.userData }) }]);

    expect(b.windows).toHaveLength(1);
    const win = b.windows[0]!;
    expect(win.options.webPreferences).toEqual(secureWebPreferences(b.paths.preload, true));
    expect(win.loadedUrl).toBe(APP_ENTRY_URL);
    expect(win.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    // The double-clicked project waits for the page, then opens.
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([[IPC.menuCommand, { type: 'openProject', path: projectFile }]]);

    // The page asks for its engine port through the bridge's internal channel. The engine heard of
    // the double-clicked project first (a file grant), then gets the window's port.
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    await b.ipcHandlers.get(IPC.requestEnginePort)!(event);
    expect(b.children[0]!.messages).toEqual([{ type: 'grant', id: 0, path: projectFile, access: 'project' }, { type: 'connect' }]);
    expect(win.webContents.posted).toEqual([[IPC.enginePort, null, [{ name: 'port2' }]]]);

    // A foreign sender is refused.
    await expect(b.ipcHandlers.get(IPC.setLanguage)!({ ...event, senderFrame: { url: 'https://evil.example/', parent: null } }, 'en')).rejects.toThrow(/refused/);
    // The UI switches to English: the native menu follows.
    await b.ipcHandlers.get(IPC.setLanguage)!(event, 'en');
    expect(b.menus.at(-1)?.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);

    // Another start with a workbook: handed to this instance, imported in this window.
    const workbook = join(tmp.dir, '订单.xlsx');
    writeFileSync(workbook, '');
    b.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', workbook], tmp.dir);
    // Main hands the workbook over once the engine confirmed its grant.
    await new Promise((r) => setImmediate(r));
    expect(b.children[0]!.messages.at(-1)).toEqual({ type: 'grant', id: 1, path: workbook, access: 'read' });
    expect(win.webContents.sent.at(-1)).toEqual([IPC.menuCommand, { type: 'importData', paths: [workbook] }]);

    // The engine crashes: the window hears "restarting", and after the backoff gets a new port.
    b.children[0]!.emit('exit', 1);
    expect(win.webContents.sent.at(-1)).toEqual([IPC.menuCommand, { type: 'engineState', state: 'restarting' }]);
    await new Promise((r) => setTimeout(r, 400));
    expect(b.forks).toHaveLength(2);
    expect(win.webContents.posted).toHaveLength(2);
    // The new engine gets every grant again before the window's new port.
    expect(b.children[1]!.messages).toEqual([
      { type: 'grant', id: 0, path: projectFile, access: 'project' },
      { type: 'grant', id: 0, path: workbook, access: 'read' },
      { type: 'connect' },
    ]);

    // Quitting stops the engine for good.
    b.appEvents.emit('before-quit');
    expect(b.children[1]!.killed).toBe(true);
    b.children[1]!.emit('exit', 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.forks).toHaveLength(2);
  });
});
