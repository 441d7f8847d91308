import { KequnError, type WireError } from '../contract/errors';
import type { MethodName, ParamsIn, ResultOf } from '../contract/index';
import type { EngineEvents, EventName } from '../contract/events';
import type { ProgressDetail } from '../contract/progress';
import type { AbortSignalLike } from './cancel';
import type { ClientToEngineFrame, EngineToClientFrame } from './frames';
import { Listeners, type Transport } from './transport';

export interface Progress {
  done: number;
  total: number | null;
  /** A ProgressLabel code; `progressText(label, detail, lang)` renders it. */
  label: string;
  detail?: ProgressDetail;
}

export interface CallOptions {
  signal?: AbortSignalLike;
  onProgress?: (p: Progress) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: KequnError) => void;
  onProgress: ((p: Progress) => void) | undefined;
  cleanup: () => void;
}

export type ClientState = 'connected' | 'disconnected';

/**
 * The typed client: the same object whichever transport carries the frames. A call resolves with
 * the typed result or rejects with a KequnError; aborting the signal sends a cancel frame, and the
 * call then settles with what the engine answers (CANCELLED, or the result if it was done).
 */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events = new Map<string, Listeners<unknown>>();
  private readonly stateListeners = new Listeners<ClientState>();
  private transport: Transport<EngineToClientFrame, ClientToEngineFrame> | null = null;
  private detach: (() => void)[] = [];

  constructor(transport?: Transport<EngineToClientFrame, ClientToEngineFrame>) {
    if (transport) this.attach(transport);
  }

  get connected(): boolean {
    return this.transport !== null;
  }

  /**
   * Connects to a (new) transport. Used by the desktop shell when the engine restarts: calls that
   * were in flight on the old transport fail with ENGINE_RESTARTED.
   */
  attach(transport: Transport<EngineToClientFrame, ClientToEngineFrame>): void {
    this.dropTransport('ENGINE_RESTARTED');
    this.transport = transport;
    this.detach = [
      transport.onFrame((f) => this.receive(f)),
      transport.onClose(() => {
        if (this.transport === transport) this.dropTransport('ENGINE_UNAVAILABLE');
      }),
    ];
    this.stateListeners.emit('connected');
  }

  call<M extends MethodName>(method: M, params: ParamsIn<M>, options: CallOptions = {}): Promise<ResultOf<M>> {
    const transport = this.transport;
    if (!transport) return Promise.reject(new KequnError('ENGINE_UNAVAILABLE'));
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(new KequnError('CANCELLED'));
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      // Cancel is a request: the call settles with the engine's answer — CANCELLED when it
      // stopped in time, the result when it had already committed — so the caller never
      // believes in a rollback that did not happen.
      const onAbort = (): void => {
        if (!this.pending.has(id)) return;
        this.transport?.send({ t: 'cancel', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      transport.send({ t: 'req', id, method, params: params ?? {} });
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EngineEvents[E]) => void): () => void {
    let set = this.events.get(name);
    if (!set) {
      set = new Listeners<unknown>();
      this.events.set(name, set);
    }
    return set.add(listener as (v: unknown) => void);
  }

  onState(listener: (state: ClientState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  close(): void {
    const t = this.transport;
    this.dropTransport('ENGINE_UNAVAILABLE');
    t?.close();
  }

  private dropTransport(code: 'ENGINE_UNAVAILABLE' | 'ENGINE_RESTARTED'): void {
    if (!this.transport) return;
    for (const off of this.detach) off();
    this.detach = [];
    this.transport = null;
    for (const id of [...this.pending.keys()]) this.settle(id, (p) => p.reject(new KequnError(code)));
    this.stateListeners.emit('disconnected');
  }

  private settle(id: number, fn: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.cleanup();
    fn(p);
  }

  private receive(frame: EngineToClientFrame): void {
    switch (frame.t) {
      case 'res':
        this.settle(frame.id, (p) => {
          if (frame.ok) p.resolve(frame.result);
          else p.reject(KequnError.fromWire(frame.error ?? fallbackError()));
        });
        return;
      case 'progress': {
        const p = this.pending.get(frame.id);
        p?.onProgress?.({ done: frame.done, total: frame.total, label: frame.label, ...(frame.detail ? { detail: frame.detail } : {}) });
        return;
      }
      case 'event':
        this.events.get(frame.name)?.emit(frame.payload);
        return;
    }
  }
}

function fallbackError(): WireError {
  const e = new KequnError('INTERNAL', 'Malformed response');
  return e.toWire();
}
