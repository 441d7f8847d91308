/**
 * The half of the electron stand-in main sees: `app`, `BrowserWindow`, `ipcMain`, `dialog`,
 * `Menu`, `shell`, `utilityProcess`, `MessageChannelMain`, `protocol`, `session`, `net`, `screen`.
 * It records what main does and lets a test drive what Electron would (app events, menu clicks,
 * dialog answers); the behaviour under test is always main's own.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { UtilityProcessStandIn, type ForkOptions } from './utility-process';
import { browserWindowClass, type BrowserWindowStandIn, type InvokeHandler, type WindowRegistry } from './windows';

/** A native menu item as main's template gives it (Menu.buildFromTemplate keeps the template). */
export interface MenuItemStandIn {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemStandIn[];
}

export interface DialogAsked {
  kind: 'open' | 'save' | 'message';
  options: Record<string, unknown>;
}

/** What the native dialogs answer; a test sets these before the action that opens one. */
export interface DialogAnswers {
  /** Open dialogs return these paths (cancelled when empty). */
  open: string[];
  /** Save dialogs return this path (cancelled when null). */
  save: string | null;
  /** Message boxes return this button index. */
  messageResponse: number;
  /** Every dialog main showed, in order. */
  asked: DialogAsked[];
}

export type ProtocolHandler = (request: Request) => Promise<Response> | Response;

/** The default session's handlers, as main set them (Electron's signatures, loosely typed). */
export interface SessionHandlers {
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheck?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
  headersReceived?: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
}

export interface ElectronStandInOptions {
  userData: string;
  /** What requestSingleInstanceLock answers (false: another instance runs). */
  lock?: boolean;
  isPackaged?: boolean;
  version?: string;
}

export interface ElectronStandIn {
  /** What `require('electron')` returns to main. */
  electron: Record<string, unknown>;
  /** App-level calls in order: enableSandbox, registerSchemes:…, requestSingleInstanceLock, quit, … */
  calls: string[];
  /** `app.on` listeners: emit 'second-instance', 'open-file', 'before-quit', 'activate' here. */
  appEvents: EventEmitter;
  windows: BrowserWindowStandIn[];
  /** Every utility process main forked, the current engine last. */
  engines: UtilityProcessStandIn[];
  ipcHandlers: Map<string, InvokeHandler>;
  /** Every application menu main set, the latest last. */
  menus: MenuItemStandIn[][];
  dialogs: DialogAnswers;
  protocolHandlers: Map<string, ProtocolHandler>;
  /** shell: files shown in their folder, paths opened, external URLs. */
  shell: { revealed: string[]; opened: string[]; external: string[] };
  /** What main gave the default session: call these as Chromium would. */
  sessionHandlers: SessionHandlers;
  /** Electron's 'ready': `whenReady()` resolves. */
  becomeReady(): Promise<void>;
}

/** Serves file:// URLs as Electron's net.fetch does for the app protocol handler. */
async function fetchFile(url: string): Promise<Response> {
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function createElectronStandIn(options: ElectronStandInOptions): ElectronStandIn {
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  let isReady = false;
  const paths = new Map<string, string>([['userData', options.userData]]);
  const registry: WindowRegistry = { windows: [], ipcHandlers: new Map(), appEvents };
  const engines: UtilityProcessStandIn[] = [];
  const menus: MenuItemStandIn[][] = [];
  const dialogs: DialogAnswers = { open: [], save: null, messageResponse: 1, asked: [] };
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const shell = { revealed: [] as string[], opened: [] as string[], external: [] as string[] };
  const sessionHandlers: SessionHandlers = {};
  // Dialogs take (window, options) or (options).
  const optionsOf = (a: unknown, b: unknown): Record<string, unknown> => (b ?? a) as Record<string, unknown>;

  const electron = {
    app: {
      setPath: (name: string, p: string) => (calls.push(`setPath:${name}:${p}`), paths.set(name, p)),
      getPath: (name: string) => paths.get(name) ?? options.userData,
      enableSandbox: () => calls.push('enableSandbox'),
      requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), options.lock ?? true),
      quit: () => calls.push('quit'),
      on: (e: string, l: (...a: unknown[]) => void) => appEvents.on(e, l),
      whenReady: () => ready,
      isReady: () => isReady,
      isPackaged: options.isPackaged ?? true,
      getVersion: () => options.version ?? '0.1.0',
    },
    protocol: {
      registerSchemesAsPrivileged: (s: { scheme: string; privileges: Record<string, boolean> }[]) =>
        calls.push(`registerSchemes:${s.map((x) => `${x.scheme}:${x.privileges.secure}:${x.privileges.standard}`).join(',')}`),
      handle: (scheme: string, handler: ProtocolHandler) => (calls.push(`protocol.handle:${scheme}`), protocolHandlers.set(scheme, handler)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: SessionHandlers['permissionRequest']) => (calls.push('setPermissionRequestHandler'), (sessionHandlers.permissionRequest = h)),
        setPermissionCheckHandler: (h: SessionHandlers['permissionCheck']) => (calls.push('setPermissionCheckHandler'), (sessionHandlers.permissionCheck = h)),
        webRequest: {
          onHeadersReceived: (h: SessionHandlers['headersReceived']) => (calls.push('onHeadersReceived'), (sessionHandlers.headersReceived = h)),
        },
      },
    },
    net: { fetch: fetchFile },
    ipcMain: {
      handle: (channel: string, handler: InvokeHandler) => {
        if (registry.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        registry.ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => registry.ipcHandlers.delete(channel),
    },
    // Main only moves the ports (one end to the engine, one to a window): worker_threads ports carry.
    MessageChannelMain: MessageChannel,
    utilityProcess: {
      fork: (modulePath: string, _args: string[], forkOptions: ForkOptions) => {
        const child = new UtilityProcessStandIn(modulePath, forkOptions);
        engines.push(child);
        return child;
      },
    },
    BrowserWindow: browserWindowClass(registry),
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    Menu: {
      buildFromTemplate: (template: MenuItemStandIn[]) => template,
      setApplicationMenu: (menu: MenuItemStandIn[]) => menus.push(menu),
    },
    dialog: {
      showOpenDialog: async (a: unknown, b?: unknown) => {
        dialogs.asked.push({ kind: 'open', options: optionsOf(a, b) });
        return dialogs.open.length ? { canceled: false, filePaths: [...dialogs.open] } : { canceled: true, filePaths: [] };
      },
      showSaveDialog: async (a: unknown, b?: unknown) => {
        dialogs.asked.push({ kind: 'save', options: optionsOf(a, b) });
        return dialogs.save === null ? { canceled: true } : { canceled: false, filePath: dialogs.save };
      },
      showMessageBox: async (a: unknown, b?: unknown) => {
        dialogs.asked.push({ kind: 'message', options: optionsOf(a, b) });
        return { response: dialogs.messageResponse, checkboxChecked: false };
      },
    },
    shell: {
      openExternal: async (url: string) => void shell.external.push(url),
      openPath: async (p: string) => (shell.opened.push(p), ''),
      showItemInFolder: (p: string) => void shell.revealed.push(p),
    },
  };

  return {
    electron,
    calls,
    appEvents,
    windows: registry.windows,
    engines,
    ipcHandlers: registry.ipcHandlers,
    menus,
    dialogs,
    protocolHandlers,
    shell,
    sessionHandlers,
    becomeReady: async () => {
      isReady = true;
      markReady();
      await ready;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** Menu items that do something when clicked (roles are Electron's own), depth first. */
export function clickableItems(items: readonly MenuItemStandIn[]): MenuItemStandIn[] {
  return items.flatMap((i) => [...(i.click ? [i] : []), ...clickableItems(i.submenu ?? [])]);
}

/** The item with this id anywhere in the menu. */
export function findMenuItem(items: readonly MenuItemStandIn[], id: string): MenuItemStandIn | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = findMenuItem(item.submenu ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}
