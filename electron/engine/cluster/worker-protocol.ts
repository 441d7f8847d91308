import type { WireError } from '../../../shared/contract/errors';
import type { ProgressDetail } from '../../../shared/contract/progress';
/** Messages between the engine and the k-means worker (structured clone; the matrix is shared). */

/** Threads for the assignment passes: 'auto' adds a helper from 50,000 rows on 2+ cores. */
export type ThreadChoice = 'auto' | 1 | 2;

export interface FitJob {
  kind: 'fit';
  threads?: ThreadChoice;
  /** Holds the row-major n × p matrix at byte 0; the worker appends its arrays (no copy). */
  memory: WebAssembly.Memory;
  n: number;
  p: number;
  k: number;
  seed: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  init?: Float64Array;
  /** Rows for the silhouette (null = every row); omitted = no silhouette. */
  silhouetteRows?: Int32Array | null;
  /** Calinski–Harabasz and Davies–Bouldin (default true; benchmarks time the fit alone). */
  metrics?: boolean;
}

export interface ScanJob {
  kind: 'scan';
  threads?: ThreadChoice;
  memory: WebAssembly.Memory;
  n: number;
  p: number;
  ks: number[];
  seed: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  silhouetteRows: Int32Array | null;
  /** Close calls on a sample are settled on every row up to this many rows (0 = never). */
  fullSilhouetteRows: number;
  /** A gap within this many paired standard errors is a close call. */
  closeCallSe: number;
}

export type WorkerJob = FitJob | ScanJob;

/** Sent ahead of a job on `rows` rows: start the helper thread now if the job will use it. */
export interface WarmMessage {
  kind: 'warm';
  rows: number;
}

export interface FitOutcome {
  k: number;
  labels: Int32Array;
  centroids: Float64Array;
  sse: number;
  iterations: number;
  bestRestart: number;
  sseByRestart: number[];
  repairs: number;
  silhouette: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  /** Scan on a sample: paired standard error of the gap to the best k (null for the best). */
  silhouetteSe?: number | null;
  /** Scan on a sample: the exact silhouette on every row, for the best k and the close calls. */
  silhouetteFull?: number | null;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; label: 'fit' | 'silhouette'; detail?: ProgressDetail }
  /** A fit job's models, before their quality measures (which are still null). */
  | { type: 'fitted'; results: FitOutcome[] }
  | { type: 'done'; results: FitOutcome[] }
  | { type: 'error'; message: string; error?: WireError };
