import { KequnError, type WireError } from '../contract/errors';
import { contract, isMethodName, type MethodName, type ParamsOut, type ResultOf } from '../contract/index';
import type { EngineEvents, EventName } from '../contract/events';
import type { ProgressDetail, ProgressLabel } from '../contract/progress';
import { CancelToken } from './cancel';
import type { ClientToEngineFrame, EngineToClientFrame, ReqFrame } from './frames';
import type { Transport } from './transport';

/** What every handler gets besides its params. */
export interface HandlerContext {
  readonly cancel: CancelToken;
  /** Reports progress; frames are throttled, so call it as often as convenient. */
  progress(done: number, total: number | null, label: ProgressLabel, detail?: ProgressDetail): void;
}

/**
 * One handler per contract method. `handlers satisfies HandlerMap<Ctx>` makes a missing or an
 * extra handler a compile error.
 */
export type HandlerMap<Ctx> = {
  [M in MethodName]: (params: ParamsOut<M>, ctx: Ctx) => Promise<ResultOf<M>> | ResultOf<M>;
};

export interface RpcServerOptions<Ctx extends HandlerContext> {
  handlers: HandlerMap<Ctx>;
  /** Adds engine-side services to the base context. */
  makeContext: (base: HandlerContext) => Ctx;
  /** Runs after the handler settled, whatever the outcome (e.g. discards uncommitted work). */
  releaseContext?: (ctx: Ctx, failed: boolean) => void;
  /** Turns known low-level failures (full disk, locked file) into coded errors. */
  mapError?: (error: unknown) => KequnError | null;
  /** Called with unexpected (non-coded) errors, for logging. */
  onInternalError?: (method: string, error: unknown) => void;
  /** Minimum interval between progress frames of one call. */
  progressIntervalMs?: number;
  now?: () => number;
}

type EngineSide = Transport<ClientToEngineFrame, EngineToClientFrame>;

/**
 * Validates every request against the contract, runs its handler, maps errors to stable codes,
 * relays progress and cancellation, and broadcasts events to every connection. Calls overlap
 * freely: no handler holds a transaction across an await (the store's single writer sees to
 * that), so nothing needs to run alone. Only methods the contract marks `long` stream progress.
 */
export class RpcServer<Ctx extends HandlerContext> {
  private readonly connections = new Set<EngineSide>();

  constructor(private readonly options: RpcServerOptions<Ctx>) {}

  connect(transport: EngineSide): () => void {
    this.connections.add(transport);
    const running = new Map<number, CancelToken>();
    const offFrame = transport.onFrame((frame) => {
      if (frame.t === 'cancel') {
        running.get(frame.id)?.cancel();
        return;
      }
      void this.handle(transport, frame, running);
    });
    const drop = (): void => {
      this.connections.delete(transport);
      for (const token of running.values()) token.cancel();
      running.clear();
      offFrame();
    };
    const offClose = transport.onClose(drop);
    return () => {
      offClose();
      drop();
    };
  }

  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void {
    for (const c of this.connections) c.send({ t: 'event', name, payload });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private async handle(transport: EngineSide, frame: ReqFrame, running: Map<number, CancelToken>): Promise<void> {
    const { id } = frame;
    const token = new CancelToken();
    running.set(id, token);
    try {
      // A handler that returned has done its work (and committed it): that is the answer, even
      // when a cancel arrived too late to stop it.
      const value = await this.invoke(frame, token, transport);
      transport.send({ t: 'res', id, ok: true, result: value });
    } catch (error) {
      transport.send({ t: 'res', id, ok: false, error: this.toWireError(frame.method, error, token) });
    } finally {
      running.delete(id);
    }
  }

  private async invoke(frame: ReqFrame, token: CancelToken, transport: EngineSide): Promise<unknown> {
    const name = frame.method;
    if (!isMethodName(name)) {
      throw new KequnError('UNKNOWN_METHOD', `Unknown method: ${name}`, {
        zh: `未知的操作：${name}`,
        details: { method: name },
      });
    }
    const schema = contract[name].params;
    const parsed = schema.safeParse(frame.params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`);
      throw new KequnError('VALIDATION', `Invalid parameters for ${name}: ${issues.join('; ')}`, {
        zh: `参数无效（${name}）：${issues.join('；')}`,
        details: { method: name, issues },
      });
    }
    const long = (contract[name] as { long?: boolean }).long === true;
    const interval = this.options.progressIntervalMs ?? 50;
    const now = this.options.now ?? (() => Date.now());
    let last = -Infinity;
    const base: HandlerContext = {
      cancel: token,
      progress: (done, total, label, detail) => {
        if (!long) return;
        const t = now();
        const final = total !== null && done >= total;
        if (!final && t - last < interval) return;
        last = t;
        if (!token.cancelled) transport.send({ t: 'progress', id: frame.id, done, total, label, ...(detail ? { detail } : {}) });
      },
    };
    const handler = this.options.handlers[name] as (p: unknown, ctx: Ctx) => unknown;
    const ctx = this.options.makeContext(base);
    let failed = true;
    try {
      const out = await handler(parsed.data as ParamsOut<typeof name>, ctx);
      failed = token.cancelled;
      return out;
    } finally {
      this.options.releaseContext?.(ctx, failed);
    }
  }

  private toWireError(method: string, error: unknown, token: CancelToken): WireError {
    if (token.cancelled) return (token.reason ?? new KequnError('CANCELLED')).toWire();
    if (error instanceof KequnError) return error.toWire();
    const mapped = this.options.mapError?.(error);
    if (mapped) return mapped.toWire();
    this.options.onInternalError?.(method, error);
    const message = error instanceof Error ? error.message : String(error);
    return new KequnError('INTERNAL', message, { zh: `内部错误：${message}` }).toWire();
  }
}

export type { ResultOf };
