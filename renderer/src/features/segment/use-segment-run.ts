import { useCallback, useEffect, useRef, useState } from 'react';
import type { KequnError } from '../../../../shared/contract/errors';
import type { SegmentRunResult } from '../../../../shared/contract/segment';
import type { Progress } from '../../../../shared/rpc/client';
import { useEngine } from '../../app/engine-context';
import { toKequnError } from '../../app/use-call';
import type { BuilderCall } from './builder-form';

const PREVIEW_DELAY_MS = 250;

function send(client: ReturnType<typeof useEngine>, call: BuilderCall, opts: { signal: AbortSignal; onProgress?: (p: Progress) => void }): Promise<SegmentRunResult> {
  // Each branch keeps its own params type; the union cannot be passed to call() in one go.
  switch (call.method) {
    case 'segment.rfm8':
      return client.call(call.method, call.params, opts);
    case 'segment.pareto':
      return client.call(call.method, call.params, opts);
    case 'segment.lifecycle':
      return client.call(call.method, call.params, opts);
    case 'segment.rules':
      return client.call(call.method, call.params, opts);
    case 'segment.templates.apply':
      return client.call(call.method, call.params, opts);
  }
}

/** Live preview: re-runs (debounced, previous call cancelled) whenever the form's call changes. */
export function usePreview(call: BuilderCall | null): { data: SegmentRunResult | null; error: KequnError | null; loading: boolean } {
  const client = useEngine();
  const key = call ? JSON.stringify(call) : '';
  const [state, setState] = useState<{ key: string; data: SegmentRunResult | null; error: KequnError | null }>({ key: '', data: null, error: null });
  useEffect(() => {
    if (!key) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      send(client, JSON.parse(key) as BuilderCall, { signal: controller.signal })
        .then((data) => {
          if (!controller.signal.aborted) setState({ key, data, error: null });
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setState({ key, data: null, error: toKequnError(e) });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, key]);
  return { data: state.key === key ? state.data : null, error: state.key === key ? state.error : null, loading: key !== '' && state.key !== key };
}

/** Saving: one call at a time with progress and cancel; a user's cancel is not an error. */
export function useSave(): {
  save: (call: BuilderCall) => Promise<SegmentRunResult | undefined>;
  running: boolean;
  progress: Progress | null;
  error: KequnError | null;
  controller: AbortController | null;
} {
  const client = useEngine();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<KequnError | null>(null);
  const [controller, setController] = useState<AbortController | null>(null);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);
  const save = useCallback(
    async (call: BuilderCall) => {
      const c = new AbortController();
      current.current = c;
      setController(c);
      setRunning(true);
      setError(null);
      setProgress(null);
      try {
        return await send(client, call, { signal: c.signal, onProgress: setProgress });
      } catch (e) {
        const err = toKequnError(e);
        if (err.code !== 'CANCELLED') setError(err);
        return undefined;
      } finally {
        current.current = null;
        setController(null);
        setRunning(false);
      }
    },
    [client],
  );
  return { save, running, progress, error, controller };
}
