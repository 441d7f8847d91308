/**
 * Runs the engine (dist/engine/utility.mjs) as an Electron utility process and connects windows
 * to it: one MessageChannelMain per window, one end to the engine, the other to the window. When
 * the engine exits unexpectedly it is restarted (bounded retries with backoff) and every window
 * gets a fresh port; the renderer's client then fails the calls that were in flight with
 * ENGINE_RESTARTED. Electron objects are injected, so this runs under test with fakes.
 */
import type { MessagePortMain } from 'electron';
import { isGrantedMessage, type FileAccess, type GrantMessage } from '../../shared/file-grants';

/** The surface of a utility process this module uses. */
export interface EngineChild {
  readonly pid: number | undefined;
  postMessage(message: unknown, transfer?: MessagePortMain[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  kill(): boolean;
}

/** One window as the engine sees it: where to post its port. */
export interface EngineWindow {
  readonly id: number;
  isDestroyed(): boolean;
  postEnginePort(port: MessagePortMain): void;
}

export type EngineState = 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';

export interface EngineProcessOptions {
  /** Absolute path of dist/engine/utility.mjs. */
  modulePath: string;
  /** App data folder, given to the engine as KEQUN_HOME (demo project, settings). */
  userData: string;
  fork(modulePath: string, args: string[], options: { serviceName: string; env: Record<string, string | undefined>; stdio: 'inherit' | 'pipe' }): EngineChild;
  createChannel(): { port1: MessagePortMain; port2: MessagePortMain };
  env?: Record<string, string | undefined>;
  onState?(state: EngineState, detail: { exitCode?: number; attempt?: number }): void;
  log?(message: string): void;
  /** Timers, injectable for tests. */
  schedule?(fn: () => void, ms: number): unknown;
  now?(): number;
}

/** Restarts allowed before giving up, counted since the engine last ran for STABLE_AFTER_MS. */
export const MAX_RESTARTS = 5;
export const STABLE_AFTER_MS = 60_000;
/** A grant the engine has not confirmed by then is given up on: the call using it fails with PATH_NOT_GRANTED. */
export const GRANT_ACK_TIMEOUT_MS = 5_000;
const MAX_KEPT_GRANTS = 10_000;

/** Backoff before restart number `attempt` (1-based): 250 ms, 500 ms, 1 s, 2 s, 4 s, capped at 8 s. */
export function restartDelay(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 8_000);
}

export class EngineProcess {
  private child: EngineChild | null = null;
  private readonly windows = new Map<number, EngineWindow>();
  private attempts = 0;
  private startedAt = 0;
  private stopping = false;
  private stateValue: EngineState = 'stopped';
  /** Every path granted this session, replayed to each engine started (restarts included). */
  private readonly grants: { path: string; access: FileAccess }[] = [];
  private readonly waitingAcks = new Map<number, () => void>();
  private nextGrantId = 1;
  /** A window's port went to the current engine: a page may be calling it right now. */
  private pagesConnected = false;
  private readonly schedule: (fn: () => void, ms: number) => unknown;
  private readonly now: () => number;

  constructor(private readonly options: EngineProcessOptions) {
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
    this.now = options.now ?? (() => Date.now());
  }

  get state(): EngineState {
    return this.stateValue;
  }

  get restartAttempts(): number {
    return this.attempts;
  }

  start(): void {
    this.stopping = false;
    this.spawn('starting');
  }

  /**
   * Registers a window. Its first port is sent when its page asks (`reconnect`), because a port
   * posted before the page has loaded would be lost; after every restart all windows get one.
   */
  attach(window: EngineWindow): void {
    this.windows.set(window.id, window);
  }

  detach(windowId: number): void {
    this.windows.delete(windowId);
  }

  /** A fresh port for one window (the page asked again, e.g. after a reload). */
  reconnect(windowId: number): boolean {
    const window = this.windows.get(windowId);
    if (!window || !this.child) return false;
    this.connect(window);
    return true;
  }

  /**
   * Lets the engine use `path` for `access` (the user chose it). Resolves once the engine has it:
   * while no page is connected to the engine, ordering is enough (grants and ports travel on one
   * channel, in order); once pages are, the engine confirms, because a page's calls travel on
   * its own port. With no engine the grant is replayed at the next start.
   */
  grant(path: string, access: FileAccess): Promise<void> {
    if (!this.grants.some((g) => g.path === path && g.access === access)) {
      if (this.grants.length >= MAX_KEPT_GRANTS) this.grants.shift();
      this.grants.push({ path, access });
    }
    const child = this.child;
    if (!child) return Promise.resolve();
    if (!this.pagesConnected) {
      child.postMessage({ type: 'grant', id: 0, path, access } satisfies GrantMessage);
      return Promise.resolve();
    }
    const id = this.nextGrantId++;
    return new Promise<void>((resolve) => {
      this.waitingAcks.set(id, resolve);
      this.schedule(() => this.settleAck(id), GRANT_ACK_TIMEOUT_MS);
      child.postMessage({ type: 'grant', id, path, access } satisfies GrantMessage);
    });
  }

  /** Manual restart after the engine gave up (the user pressed "retry"). */
  retry(): void {
    if (this.child) return;
    this.attempts = 0;
    this.stopping = false;
    this.spawn('restarting');
  }

  stop(): void {
    this.stopping = true;
    const child = this.child;
    this.child = null;
    this.pagesConnected = false;
    for (const id of [...this.waitingAcks.keys()]) this.settleAck(id);
    child?.kill();
    this.setState('stopped', {});
  }

  private spawn(state: 'starting' | 'restarting'): void {
    const child = this.options.fork(this.options.modulePath, [], {
      serviceName: 'Kequn Engine',
      env: { ...(this.options.env ?? process.env), KEQUN_HOME: this.options.userData },
      stdio: 'inherit',
    });
    this.child = child;
    this.pagesConnected = false;
    this.startedAt = this.now();
    // Before any window's port: the engine knows every granted path before a page can reach it.
    for (const g of this.grants) child.postMessage({ type: 'grant', id: 0, path: g.path, access: g.access } satisfies GrantMessage);
    this.setState(state, state === 'restarting' ? { attempt: this.attempts } : {});
    child.on('message', (message) => {
      if (child !== this.child) return;
      if (isGrantedMessage(message)) this.settleAck(message.id);
      else if (isReady(message)) this.setState('running', {});
    });
    child.on('exit', (code) => this.onExit(child, code));
    // After a restart every page gets a fresh port unasked; at first start pages ask for theirs.
    if (state === 'restarting') for (const window of this.windows.values()) this.connect(window);
  }

  private connect(window: EngineWindow): void {
    if (window.isDestroyed()) {
      this.windows.delete(window.id);
      return;
    }
    const { port1, port2 } = this.options.createChannel();
    this.pagesConnected = true;
    this.child?.postMessage({ type: 'connect' }, [port1]);
    window.postEnginePort(port2);
  }

  private settleAck(id: number): void {
    const resolve = this.waitingAcks.get(id);
    this.waitingAcks.delete(id);
    resolve?.();
  }

  private onExit(child: EngineChild, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.pagesConnected = false;
    // The next engine gets every grant at its start; nobody waits for this one's answers.
    for (const id of [...this.waitingAcks.keys()]) this.settleAck(id);
    if (this.stopping) return;
    if (this.now() - this.startedAt >= STABLE_AFTER_MS) this.attempts = 0;
    this.options.log?.(`[main] engine exited with code ${code}`);
    if (this.attempts >= MAX_RESTARTS) {
      this.setState('failed', { exitCode: code, attempt: this.attempts });
      return;
    }
    this.attempts += 1;
    const attempt = this.attempts;
    this.setState('restarting', { exitCode: code, attempt });
    this.schedule(() => {
      if (!this.stopping && !this.child) this.spawn('restarting');
    }, restartDelay(attempt));
  }

  private setState(state: EngineState, detail: { exitCode?: number; attempt?: number }): void {
    this.stateValue = state;
    this.options.onState?.(state, detail);
  }
}

function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}
