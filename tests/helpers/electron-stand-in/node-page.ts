/**
 * A window's page under Node: the real preload bundle in a VM (its own globals; `require` gives
 * only the stand-in's electron) and a `window` with the browser behaviour the preload and the
 * renderer's desktop code rely on: postMessage with origin, source and transferred ports, and
 * drops of OS files. Renderer modules (engine connection, desktop commands) run against it when
 * it is installed as `globalThis.window`.
 */
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { KequnDesktop } from '../../../shared/desktop-bridge';
import { desktopBundles, ROOT, type BootedMain } from './boot';
import { preloadElectron, type MainEnd, type PreloadElectron } from './preload-electron';
import type { BrowserWindowStandIn } from './windows';

type Listener = (event: Record<string, unknown>) => void;

/** The origin of a URL on a standard scheme (Node gives 'null' for schemes it does not know). */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export class PageWindow {
  readonly location: { origin: string; href: string };
  /** Every postMessage to this window, with the target origin the sender named. */
  readonly posted: { data: unknown; targetOrigin: string; ports: unknown[] }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly files = new WeakMap<object, string>();

  constructor(url: string) {
    this.location = { origin: originOf(url), href: url };
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Delivered later, to listeners of 'message', only when `targetOrigin` matches ours (or is '*'). */
  postMessage(data: unknown, targetOrigin: string, transfer: unknown[] = []): void {
    this.posted.push({ data, targetOrigin, ports: transfer });
    if (targetOrigin !== '*' && targetOrigin !== this.location.origin) return;
    const event = { type: 'message', data: structuredClone(data), origin: this.location.origin, source: this, ports: transfer };
    setImmediate(() => this.dispatch('message', event));
  }

  dispatch(type: string, event: Record<string, unknown>): void {
    for (const l of [...(this.listeners.get(type) ?? [])]) l(event);
  }

  /** The OS path behind a File of a drop ('' for any other File, as Electron's webUtils says). */
  pathOf(file: unknown): string {
    return typeof file === 'object' && file !== null ? (this.files.get(file) ?? '') : '';
  }

  /** The user drags these files from the file manager and drops them on the page. */
  drop(paths: readonly string[]): { defaultPrevented: boolean } {
    const files = paths.map((p) => {
      const file = new File([], basename(p));
      this.files.set(file, p);
      return file;
    });
    const dataTransfer = { files, types: files.length ? ['Files'] : ['text/plain'] };
    const fire = (type: string): { defaultPrevented: boolean } => {
      const state = { defaultPrevented: false };
      this.dispatch(type, { type, dataTransfer, preventDefault: () => (state.defaultPrevented = true) });
      return state;
    };
    fire('dragover');
    return fire('drop');
  }
}

export interface PreloadRun {
  window: PageWindow;
  electron: PreloadElectron;
  /** `window.kequnDesktop` as the preload exposed it. */
  bridge: KequnDesktop;
}

/** Runs the preload bundle for a page at `url`, linked to `main`. */
export function runPreload(options: { url: string; main: MainEnd; platform?: string }): PreloadRun {
  const window = new PageWindow(options.url);
  const electron = preloadElectron({ world: window, main: options.main, pathOf: (f) => window.pathOf(f) });
  const requireStub = (name: string): unknown => {
    if (name !== 'electron') throw new Error(`the preload required ${name}; a sandboxed preload may require only electron`);
    return electron.module;
  };
  const module = { exports: {} };
  runInNewContext(desktopBundles().preload, {
    require: requireStub,
    module,
    exports: module.exports,
    window,
    process: { platform: options.platform ?? process.platform },
    Array,
    Promise,
  });
  return { window, electron, bridge: (window as unknown as { kequnDesktop: KequnDesktop }).kequnDesktop };
}

export interface NodePage extends PreloadRun {
  /**
   * Makes this page's window the global `window` for renderer modules; returns the undo.
   * One page per test file: the renderer's modules keep their state for the file's life.
   */
  installWindow(): () => void;
}

/**
 * The page of `win` (main's first window by default) loads: the preload runs, the window is
 * connected to main's messages, and main hears 'did-finish-load'. Renderer code comes after.
 */
export function openNodePage(main: BootedMain, win: BrowserWindowStandIn | undefined = main.windows[0]): NodePage {
  if (!win?.loadedUrl) throw new Error('main has not opened a window with a page yet');
  const contents = win.webContents;
  const run = runPreload({ url: win.loadedUrl, main: { invoke: (channel, args) => contents.invoke(channel, args) } });
  contents.connectRenderer({ receive: (channel, args, ports) => run.electron.receive(channel, args, ports) });
  contents.emit('did-finish-load');
  return {
    ...run,
    installWindow: () => {
      const g = globalThis as { window?: unknown };
      const before = g.window;
      g.window = run.window;
      return () => {
        g.window = before;
      };
    },
  };
}

/**
 * A renderer module, loaded at run time (vitest transpiles it): the renderer is its own TypeScript
 * project with DOM types, so tests describe the part they use with an interface.
 */
export async function loadRendererModule<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(resolve(ROOT, 'renderer', 'src', rel)).href)) as T;
}
