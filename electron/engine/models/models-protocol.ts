import type { ProgressDetail, ProgressLabel } from '../../../shared/contract/progress';
import type { WireError } from '../../../shared/contract/errors';
import type { MixedMatrix } from './kprototypes';

/** Jobs of the models worker (structured clone: the typed arrays are copied once). */
export interface KprotoJob {
  kind: 'kproto';
  matrix: MixedMatrix;
  ks: number[];
  gamma: number;
  seed: number;
  restarts: number;
  /**
   * Restarts drawn from this shared counter (one slot per k; Atomics.add) by every worker on the
   * job, so two threads stay busy until the last restart; absent = this worker runs all.
   */
  counter?: Int32Array;
  maxIterations: number;
  tolerance: number;
  /** Rows for the Gower silhouette; null = none. */
  silhouetteRows: Int32Array | null;
}

export interface WardJob {
  kind: 'ward';
  data: Float64Array;
  n: number;
  p: number;
  weights: Float64Array | null;
  cophenetic: boolean;
}

/** The Gower silhouette of finished labelings (after restarts ran on two threads). */
export interface GowerJob {
  kind: 'gower';
  matrix: MixedMatrix;
  rows: Int32Array;
  labelings: Int32Array[];
  ks: number[];
}

export type ModelsJob = KprotoJob | WardJob | GowerJob;

export interface KprotoOutcome {
  k: number;
  labels: Int32Array;
  centroids: Float64Array;
  modes: Int32Array;
  cost: number;
  iterations: number;
  silhouette: number | null;
  bestRestart: number;
}

export interface WardOutcome {
  merges: Float64Array;
  cophenetic: number | null;
}

export type ModelsOutcome = { kind: 'kproto'; fits: KprotoOutcome[] } | { kind: 'ward'; ward: WardOutcome } | { kind: 'gower'; silhouettes: number[] };

export type ModelsMessage =
  | { type: 'progress'; done: number; total: number; label: ProgressLabel; detail?: ProgressDetail }
  | { type: 'done'; outcome: ModelsOutcome }
  | { type: 'error'; message: string; error?: WireError };
