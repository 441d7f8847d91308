import { availableParallelism } from 'node:os';
import { isKequnError } from '../../../shared/contract/errors';
import { parentPort, workerData } from 'node:worker_threads';
import { runHelper, startHelper, type HelperData, type HelperThread } from './block-helper';
import { fitKmeans, type Matrix } from './kmeans-kernel';
import { allocBuffers, type LloydBuffers } from './kernel-memory';
import { silhouetteGaps } from './close-call';
import { calinskiHarabasz, daviesBouldin, qualityInputs, silhouetteScores, silhouetteValues, type SilhouetteThreads } from './metrics';
import type { FitOutcome, ThreadChoice, WarmMessage, WorkerJob, WorkerMessage } from './worker-protocol';

/**
 * Runs one k-means job off the engine's main thread (so the grid keeps paging) and posts progress
 * per iteration. Cancel = the engine terminates this worker (and with it its helper thread).
 * From PARALLEL_MIN_ROWS rows on (with 2+ cores), a helper thread (this same file, role 'helper')
 * takes the second row block of every assignment pass; results are identical either way.
 */
const PARALLEL_MIN_ROWS = 50_000;
function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function run(job: WorkerJob): FitOutcome[] {
  const m: Matrix = { data: new Float64Array(job.memory.buffer, 0, job.n * job.p), n: job.n, p: job.p, memory: job.memory };
  const ks = job.kind === 'fit' ? [job.k] : job.ks;
  // Results are identical with or without the helper; it pays from about 50,000 rows (measured:
  // 1M × 8 in 0.65 s with it vs 1.0 s without, even on a busy 2-core machine).
  const parallel = usesHelper(job.threads ?? 'auto', m.n);
  // One memory for the whole job (every k and restart): the matrix's own, grown for the arrays.
  const buffers = allocBuffers(m, Math.max(...ks));
  let helper: HelperThread | undefined;
  if (parallel) {
    helperThread ??= startHelper(new URL(import.meta.url));
    helper = helperThread;
    helper.bind(buffers);
  }
  return fitAll(job, m, ks, buffers, helper);
}

function usesHelper(threads: ThreadChoice, rows: number): boolean {
  return threads === 2 || (threads === 'auto' && rows >= PARALLEL_MIN_ROWS && availableParallelism() >= 2);
}

/** Started on the first large job (or its warm-up) and kept with this worker (its kernels stay compiled). */
let helperThread: HelperThread | undefined;

function fitAll(job: WorkerJob, m: Matrix, ks: number[], buffers: LloydBuffers, helper: HelperThread | undefined): FitOutcome[] {
  const total = ks.length * job.restarts;
  const withMetrics = job.kind === 'scan' || job.metrics !== false;
  const outcomes: FitOutcome[] = [];
  ks.forEach((k, ki) => {
    const fit = fitKmeans(m, {
      k,
      seed: job.seed,
      restarts: job.restarts,
      maxIterations: job.maxIterations,
      tolerance: job.tolerance,
      ...(job.kind === 'fit' && job.init ? { init: job.init } : {}),
      buffers,
      ...(helper ? { helper } : {}),
      onIteration: (restart, iteration) =>
        post({ type: 'progress', done: ki * job.restarts + restart, total, label: 'fit', detail: { k, restart: restart + 1, restarts: job.restarts, iteration } }),
    });
    outcomes.push({
      k,
      labels: fit.labels,
      centroids: fit.centroids,
      sse: fit.sse,
      iterations: fit.iterations,
      bestRestart: fit.bestRestart,
      sseByRestart: fit.sseByRestart,
      repairs: fit.repairs,
      silhouette: null,
      calinskiHarabasz: null,
      daviesBouldin: null,
    });
  });
  // The fit is final: the engine explains it (profiles, projection, label column) while the
  // quality measures run here.
  if (job.kind === 'fit') post({ type: 'fitted', results: outcomes });
  if (withMetrics) {
    for (const o of outcomes) {
      const q = qualityInputs(m, o.labels, o.k);
      o.calinskiHarabasz = o.k < m.n ? calinskiHarabasz(m, o.labels, o.k, q) : null;
      o.daviesBouldin = daviesBouldin(m, o.labels, o.k, q);
    }
  }
  const rows = job.silhouetteRows;
  if (rows !== undefined) {
    post({ type: 'progress', done: total, total: total + 1, label: 'silhouette' });
    const threads = { buffers, ...(helper ? { helper } : {}) };
    const values = silhouetteValues(m, outcomes.map((o) => o.labels), ks, rows, undefined, threads);
    const scores = values.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    outcomes.forEach((o, i) => (o.silhouette = Number.isFinite(scores[i]) ? scores[i]! : null));
    if (job.kind === 'scan' && rows !== null) settleCloseCalls(job, m, outcomes, values, threads);
  }
  return outcomes;
}

/**
 * A scan on a sample: each k's paired standard error against the best, and when the best's lead
 * is within sampling error, the exact silhouettes of the close candidates on every row.
 */
function settleCloseCalls(job: Extract<WorkerJob, { kind: 'scan' }>, m: Matrix, outcomes: FitOutcome[], values: Float64Array[], threads: SilhouetteThreads): void {
  const result = silhouetteGaps(outcomes.map((o) => o.k), values, job.closeCallSe);
  if (!result) return;
  for (const g of result.gaps) outcomes.find((o) => o.k === g.k)!.silhouetteSe = g.se;
  const close = result.gaps.filter((g) => g.close).map((g) => g.k);
  if (close.length === 0 || m.n > job.fullSilhouetteRows) return;
  const settle = outcomes.filter((o) => o.k === result.best || close.includes(o.k));
  post({ type: 'progress', done: 0, total: m.n, label: 'silhouette' });
  const exact = silhouetteScores(m, settle.map((o) => o.labels), settle.map((o) => o.k), null, (done, all) => post({ type: 'progress', done, total: all, label: 'silhouette' }), threads);
  settle.forEach((o, i) => (o.silhouetteFull = Number.isFinite(exact[i]) ? exact[i]! : null));
}

// The engine keeps this worker between jobs (compiled kernels stay warm); each message is a job.
if ((workerData as { role?: string } | null)?.role === 'helper') {
  runHelper(workerData as HelperData);
} else {
  parentPort?.on('message', (job: WorkerJob | WarmMessage) => {
    if (job.kind === 'warm') {
      if (usesHelper('auto', job.rows)) helperThread ??= startHelper(new URL(import.meta.url));
      return;
    }
    try {
      const results = run(job);
      parentPort?.postMessage({ type: 'done', results } satisfies WorkerMessage, results.map((r) => r.labels.buffer as ArrayBuffer));
    } catch (e) {
      // A coded error (e.g. TOO_LARGE) keeps its code and texts across the thread boundary.
      post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(isKequnError(e) ? { error: e.toWire() } : {}) });
    }
  });
}
