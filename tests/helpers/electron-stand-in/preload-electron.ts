/**
 * The half of the electron stand-in a preload sees: `contextBridge`, `ipcRenderer`, `webUtils`.
 * No Node imports: the same code runs under Node (the preload in a VM, tests/unit) and inside
 * Chromium (an init script, tests/e2e), linked to main's half by whatever carries messages there.
 */

/** How this window reaches main: `ipcRenderer.invoke` ends at main's `ipcMain.handle`. */
export interface MainEnd {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
}

export interface IpcRendererEventStandIn {
  /** MessagePorts main transferred with the message (webContents.postMessage). */
  ports: unknown[];
  sender: unknown;
}

type IpcListener = (event: IpcRendererEventStandIn, ...args: unknown[]) => void;

export interface PreloadElectronModule {
  contextBridge: { exposeInMainWorld(key: string, api: Record<string, unknown>): void };
  ipcRenderer: {
    on(channel: string, listener: IpcListener): unknown;
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  };
  webUtils: { getPathForFile(file: unknown): string };
}

export interface PreloadElectron {
  /** What `require('electron')` returns to the preload. */
  module: PreloadElectronModule;
  /** Keys the preload exposed on the page's window, in order. */
  exposed: string[];
  /** main → this window (webContents.send / postMessage). */
  receive(channel: string, args: unknown[], ports: unknown[]): void;
}

export interface PreloadElectronOptions {
  /** The page's window, where `contextBridge` puts what the preload exposes. */
  world: object;
  main: MainEnd;
  /** The OS path behind a File the page got from a drop ('' when it has none, as in Electron). */
  pathOf(file: unknown): string;
}

/** Electron prefixes the error of a rejected invoke like this. */
function invokeError(channel: string, e: unknown): Error {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new Error(`Error invoking remote method '${channel}': ${message}`);
}

export function preloadElectron(options: PreloadElectronOptions): PreloadElectron {
  const listeners = new Map<string, IpcListener[]>();
  const exposed: string[] = [];
  const ipcRenderer: PreloadElectronModule['ipcRenderer'] = {
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    invoke: (channel, ...args) =>
      options.main.invoke(channel, args).catch((e: unknown) => {
        throw invokeError(channel, e);
      }),
  };
  return {
    module: {
      contextBridge: {
        exposeInMainWorld(key, api) {
          if (key in options.world) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
          // The page gets a frozen copy; it cannot swap the preload's functions.
          Object.defineProperty(options.world, key, { value: Object.freeze({ ...api }), enumerable: true });
          exposed.push(key);
        },
      },
      ipcRenderer,
      webUtils: { getPathForFile: (file) => options.pathOf(file) },
    },
    exposed,
    receive(channel, args, ports) {
      const event: IpcRendererEventStandIn = { ports, sender: ipcRenderer };
      for (const l of listeners.get(channel) ?? []) l(event, ...args);
    },
  };
}
