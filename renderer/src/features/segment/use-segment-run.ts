import { useEffect, useState } from 'react';
import type { KequnError } from '../../../../shared/contract/errors';
import type { SegmentRunResult } from '../../../../shared/contract/segment';
import type { Progress } from '../../../../shared/rpc/client';
import { useEngine } from '../../app/engine-context';
import { toKequnError, useAction, type ActionState } from '../../app/use-call';
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
export function useSave(): ActionState<BuilderCall, SegmentRunResult> {
  const client = useEngine();
  return useAction<BuilderCall, SegmentRunResult>((call, options) => send(client, call, options));
}
