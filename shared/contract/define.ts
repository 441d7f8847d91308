import type { z } from 'zod';

/**
 * A method in the contract: its params schema (validated at the engine's door) and a phantom
 * result type. `result<T>()` carries only the type; nothing is stored at run time.
 */
export interface MethodDef<P extends z.ZodType, R> {
  readonly params: P;
  readonly result: R;
  /**
   * Long-running methods report progress and honour cancellation; only they stream progress
   * frames, and clients show a progress bar with a cancel button for them.
   */
  readonly long?: boolean;
}

export function method<P extends z.ZodType, R>(params: P, _result: R, opts?: { long?: boolean }): MethodDef<P, R> {
  return { params, result: _result, ...(opts?.long ? { long: true } : {}) };
}

/** Phantom marker for a result type: `method(schema, result<DatasetInfo[]>())`. */
export function result<T>(): T {
  return undefined as unknown as T;
}
