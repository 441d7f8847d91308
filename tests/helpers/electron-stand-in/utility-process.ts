/**
 * The electron stand-in's `utilityProcess`: runs the module main asks for (dist/engine/utility.mjs,
 * the real engine entry) in a worker thread, with Electron's `process.parentPort` and
 * MessagePortMain shapes built over worker_threads ports. Nothing of the engine is reimplemented:
 * the worker imports the same bundle the desktop app forks.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';

/**
 * Runs inside the worker before the entry: `process.parentPort` as Electron gives it to a utility
 * process (events carry `{ data, ports }`, ports have `on('message', e => e.data)`), and a control
 * message for an unexpected exit with a given code.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const portMain = (port) => ({
  postMessage: (data) => port.postMessage(data),
  on(event, listener) {
    if (event === 'message') port.on('message', (data) => listener({ data }));
    else if (event === 'close') port.on('close', () => listener());
    return this;
  },
  start: () => port.start(),
  close: () => port.close(),
});
const listeners = [];
process.parentPort = {
  on(event, listener) {
    if (event === 'message') listeners.push(listener);
    return this;
  },
  postMessage: (data) => parentPort.postMessage({ kind: 'message', data }),
};
parentPort.on('message', (m) => {
  if (m.kind === 'exit') process.exit(m.code);
  const e = { data: m.data, ports: (m.ports || []).map(portMain) };
  for (const l of listeners) l(e);
});
import(workerData.entry).catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\\n');
  process.exit(70);
});
`;

export interface ForkOptions {
  serviceName?: string;
  env?: Record<string, string | undefined>;
  stdio?: unknown;
}

/** One forked utility process: what main holds (`postMessage`, `kill`, 'message' and 'exit' events). */
export class UtilityProcessStandIn extends EventEmitter {
  private static nextPid = 7000;
  readonly pid = UtilityProcessStandIn.nextPid++;
  /** Every message main posted, in order (ports left out). */
  readonly received: unknown[] = [];
  killed = false;
  private exited = false;
  private isReady = false;
  private readonly worker: Worker;
  private stderr = '';

  constructor(
    readonly modulePath: string,
    readonly options: ForkOptions,
  ) {
    super();
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: pathToFileURL(modulePath).href },
      env: Object.fromEntries(Object.entries(options.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
      stderr: true,
      stdout: true,
    });
    // A test that forgets to quit main must not keep the run alive.
    this.worker.unref();
    this.worker.stderr.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.worker.stdout.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.worker.on('message', (m: { kind: string; data: unknown }) => {
      if (this.exited || m.kind !== 'message') return;
      if ((m.data as { type?: unknown } | null)?.type === 'ready') this.isReady = true;
      this.emit('message', m.data);
    });
    this.worker.on('error', (e) => (this.stderr += `${e.stack ?? e}\n`));
    this.worker.on('exit', (code) => this.exit(code));
  }

  get hasExited(): boolean {
    return this.exited;
  }

  /** What the engine wrote to stdout/stderr (for a failing test's message). */
  log(): string {
    return this.stderr;
  }

  /** `transfer` holds worker_threads ports (the stand-in's MessageChannelMain makes them). */
  postMessage(message: unknown, transfer: readonly unknown[] = []): void {
    if (this.exited) throw new Error('utility process has exited');
    this.received.push(message);
    const ports = transfer as MessagePort[];
    this.worker.postMessage({ kind: 'main', data: message, ports }, ports);
  }

  kill(): boolean {
    if (this.exited) return false;
    this.killed = true;
    void this.worker.terminate();
    return true;
  }

  /**
   * The engine dies unexpectedly with `code`. Main hears of it at once (its 'exit' event), so a
   * test can step through restarts without waiting for the thread to wind down.
   */
  crash(code = 1): void {
    if (this.exited) return;
    this.exit(code);
    void this.worker.terminate();
  }

  /** Resolves once the engine said it is ready (its first message to main). */
  ready(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onMessage = (m: unknown): void => {
        if ((m as { type?: unknown } | null)?.type !== 'ready') return;
        this.off('message', onMessage);
        resolve();
      };
      this.on('message', onMessage);
      this.once('exit', (code: number) => reject(new Error(`engine exited with ${code} before it was ready\n${this.stderr}`)));
    });
  }

  private exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
  }
}
