/**
 * The electron stand-in's `BrowserWindow` and `webContents`. They record what main does (options,
 * the URL loaded, every message sent) and carry messages to and from a page when one is
 * connected: a preload run under Node (node-page.ts).
 */
import { EventEmitter } from 'node:events';

/** The page side of a window, as main's messages reach it. */
export interface RendererEnd {
  receive(channel: string, args: unknown[], ports: unknown[]): void;
}

/** Which frame of the window an invoke comes from (default: the top frame on the loaded URL). */
export interface SenderFrameSpec {
  url?: string;
  subFrame?: boolean;
  gone?: boolean;
}

export type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown> | unknown;

/** What windows share with the rest of the stand-in. */
export interface WindowRegistry {
  windows: BrowserWindowStandIn[];
  ipcHandlers: Map<string, InvokeHandler>;
  /** app.on('web-contents-created') listeners hear of every new webContents. */
  appEvents: EventEmitter;
}

export class WebContentsStandIn extends EventEmitter {
  private static nextId = 1;
  readonly id = WebContentsStandIn.nextId++;
  /** The URL main loaded (the frame's URL for the IPC sender check). */
  url = '';
  /** Every `send` (channel, first argument), whether or not a page was there to get it. */
  readonly sent: [string, unknown][] = [];
  /** Every `postMessage` (channel, message, transferred ports). */
  readonly posted: [string, unknown, unknown[]][] = [];
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  private renderer: RendererEnd | null = null;

  constructor(private readonly registry: WindowRegistry) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
    this.deliver(channel, structuredClone(args), []);
  }

  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push([channel, message, transfer]);
    this.deliver(channel, [message], transfer);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  closeDevTools(): void {}

  /** A page is now showing in this window: what main sends from now on reaches it. */
  connectRenderer(end: RendererEnd | null): void {
    this.renderer = end;
  }

  /**
   * `ipcRenderer.invoke` from this window's page: main's handler gets Electron's event shape
   * (sender, senderFrame with the frame's URL); arguments and result cross as structured clones.
   * `frame` describes another sender: a page at another URL, a sub-frame, a frame already gone.
   */
  async invoke(channel: string, args: unknown[], frame: SenderFrameSpec = {}): Promise<unknown> {
    const handler = this.registry.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = frame.gone ? null : { url: frame.url ?? this.url, parent: frame.subFrame ? {} : null };
    const event = { sender: this, senderFrame };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }

  private deliver(channel: string, args: unknown[], ports: unknown[]): void {
    const end = this.renderer;
    // Before a page is there (or after it went), a message is lost, as in Electron.
    if (!end || this.destroyed) return;
    setImmediate(() => end.receive(channel, args, ports));
  }
}

export interface WindowOptionsSeen {
  webPreferences?: unknown;
  show?: boolean;
  [key: string]: unknown;
}

export class BrowserWindowStandIn extends EventEmitter {
  readonly webContents: WebContentsStandIn;
  loadedUrl = '';
  shown = false;
  maximized = false;
  focused = 0;
  private destroyed = false;

  constructor(
    private readonly registry: WindowRegistry,
    readonly options: WindowOptionsSeen,
  ) {
    super();
    this.webContents = new WebContentsStandIn(registry);
    registry.windows.push(this);
    registry.appEvents.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    // Electron fires this once the page can be shown; main shows the window then.
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {}
  focus(): void {
    this.focused++;
  }

  /** The user closes the window: 'close', then it is gone, then 'closed'. */
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.connectRenderer(null);
    this.emit('closed');
  }
}

/** The `BrowserWindow` class main constructs, with Electron's static lookups. */
export interface BrowserWindowClass {
  new (options: WindowOptionsSeen): BrowserWindowStandIn;
  getAllWindows(): BrowserWindowStandIn[];
  getFocusedWindow(): BrowserWindowStandIn | null;
}

export function browserWindowClass(registry: WindowRegistry): BrowserWindowClass {
  return class BrowserWindow extends BrowserWindowStandIn {
    constructor(options: WindowOptionsSeen) {
      super(registry, options);
    }
    static getAllWindows(): BrowserWindowStandIn[] {
      return registry.windows.filter((w) => !w.isDestroyed());
    }
    static getFocusedWindow(): BrowserWindowStandIn | null {
      return registry.windows.find((w) => !w.isDestroyed()) ?? null;
    }
  };
}
