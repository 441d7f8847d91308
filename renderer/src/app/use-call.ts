import { useCallback, useEffect, useRef, useState } from 'react';
import { KequnError } from '../../../shared/contract/errors';
import type { EventName } from '../../../shared/contract/events';
import type { MethodName, ParamsIn, ResultOf } from '../../../shared/contract/index';
import type { Progress } from '../../../shared/rpc/client';
import { useEngine, useEngineState } from './engine-context';

export interface QueryState<T> {
  data: T | undefined;
  error: KequnError | null;
  loading: boolean;
  reload: () => void;
}

export interface QueryOptions {
  /** Skip the call (e.g. no dataset selected yet). */
  enabled?: boolean;
  /** Engine events that make the data stale; default datasets.changed and project.changed. */
  refreshOn?: readonly EventName[];
}

const DEFAULT_REFRESH: readonly EventName[] = ['datasets.changed', 'project.changed'];
const CONNECTION_LOST = new Set<string>(['ENGINE_UNAVAILABLE', 'ENGINE_RESTARTED']);

export function toKequnError(e: unknown): KequnError {
  if (e instanceof KequnError) return e;
  return new KequnError('INTERNAL', e instanceof Error ? e.message : String(e));
}

/**
 * Reads from the engine: runs on mount and whenever params change, the engine reconnects or a
 * refresh event arrives; the previous call is aborted (cancel frame) when it is superseded or the
 * component unmounts. Params are compared by their JSON text, so inline objects are fine.
 */
export function useQuery<M extends MethodName>(method: M, params: ParamsIn<M>, options: QueryOptions = {}): QueryState<ResultOf<M>> {
  const client = useEngine();
  const { epoch, state } = useEngineState();
  const key = JSON.stringify(params);
  const enabled = options.enabled ?? true;
  const refreshKey = (options.refreshOn ?? DEFAULT_REFRESH).join(',');
  const [data, setData] = useState<ResultOf<M> | undefined>(undefined);
  const [error, setError] = useState<KequnError | null>(null);
  const [tick, setTick] = useState(0);
  // Which request the current data answers: loading is derived, so no render ever shows a stale
  // "not loading" between a change of params and the effect that starts the new call.
  const requestKey = `${method}|${key}|${epoch}|${tick}`;
  const [answered, setAnswered] = useState<string | null>(null);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!refreshKey) return undefined;
    const offs = refreshKey.split(',').map((name) => client.on(name as EventName, reload));
    return () => offs.forEach((off) => off());
  }, [client, refreshKey, reload]);

  useEffect(() => {
    if (!enabled || state !== 'connected') return undefined;
    const controller = new AbortController();
    client
      .call(method, JSON.parse(key) as ParamsIn<M>, { signal: controller.signal })
      .then((result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
        setAnswered(requestKey);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const err = toKequnError(e);
        // A lost connection is the status bar's news, not the view's: keep showing the last data
        // and stay loading; the reconnect (a new epoch) runs the query again.
        if (CONNECTION_LOST.has(err.code)) return;
        setError(err);
        setAnswered(requestKey);
      });
    return () => controller.abort();
  }, [client, method, key, enabled, state, requestKey]);

  return { data, error, loading: enabled && answered !== requestKey, reload };
}

export interface ActionState<P, R> {
  /** Runs the action; resolves with the result, or undefined when it failed or was cancelled. */
  run: (params: P) => Promise<R | undefined>;
  cancel: () => void;
  running: boolean;
  progress: Progress | null;
  error: KequnError | null;
  clearError: () => void;
  /** The controller of the call in flight (for ProgressDialog), else null. */
  controller: AbortController | null;
}

export type CallState<M extends MethodName> = ActionState<ParamsIn<M>, ResultOf<M>>;

type Invoke<P, R> = (params: P, options: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<R>;

/**
 * An action on the engine (open, import, compute): tracks running/progress/error, one call at a
 * time (a new run cancels the one in flight), cancelled on unmount. A user's cancel is not an error.
 */
export function useAction<P, R>(invoke: Invoke<P, R>): ActionState<P, R> {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<KequnError | null>(null);
  const [controller, setController] = useState<AbortController | null>(null);
  const current = useRef<AbortController | null>(null);
  const latest = useRef(invoke);
  latest.current = invoke;

  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(async (params: P): Promise<R | undefined> => {
    current.current?.abort();
    const c = new AbortController();
    current.current = c;
    setController(c);
    setRunning(true);
    setProgress(null);
    setError(null);
    try {
      return await latest.current(params, { signal: c.signal, onProgress: (p) => setProgress(p) });
    } catch (e) {
      const err = toKequnError(e);
      if (err.code !== 'CANCELLED') setError(err);
      return undefined;
    } finally {
      if (current.current === c) {
        current.current = null;
        setController(null);
        setRunning(false);
      }
    }
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  const clearError = useCallback(() => setError(null), []);
  return { run, cancel, running, progress, error, clearError, controller };
}

/** useAction for one contract method. */
export function useCall<M extends MethodName>(method: M): CallState<M> {
  const client = useEngine();
  return useAction<ParamsIn<M>, ResultOf<M>>((params, options) => client.call(method, params, options));
}
