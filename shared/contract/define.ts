import type { z } from 'zod';

/**
 * A method in the contract: its params schema (validated at the engine's door) and a phantom
 * result type. `result<T>()` carries only the type; nothing is stored at run time.
 */
export interface MethodDef<P extends z.ZodType, R> {
  readonly params: P;
  readonly result: R;
  /** Long-running methods report progress and honour cancellation. */
  readonly long?: boolean;
  /**
   * The handler keeps a write transaction open across awaits (to report progress and honour
   * cancel). The server runs it alone: requests arriving meanwhile wait, so nobody reads its
   * uncommitted rows and no other write joins (and could be rolled back with) its transaction.
   */
  readonly exclusive?: boolean;
}

export function method<P extends z.ZodType, R>(params: P, _result: R, opts?: { long?: boolean; exclusive?: boolean }): MethodDef<P, R> {
  return { params, result: _result, ...(opts?.long ? { long: true } : {}), ...(opts?.exclusive ? { exclusive: true } : {}) };
}

/** Phantom marker for a result type: `method(schema, result<DatasetInfo[]>())`. */
export function result<T>(): T {
  return undefined as unknown as T;
}
