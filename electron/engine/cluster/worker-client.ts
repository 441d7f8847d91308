import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KequnError } from '../../../shared/contract/errors';
import type { ProgressDetail, ProgressLabel } from '../../../shared/contract/progress';
import { workerScript } from '../host/worker-script';
import { matrixInMemory, type Matrix } from './kernel-memory';
import type { FitJob, FitOutcome, ScanJob, WarmMessage, WorkerJob, WorkerMessage } from './worker-protocol';

type WithMatrix<J> = Omit<J, 'memory' | 'n' | 'p'> & { matrix: Matrix };
export type JobInput = WithMatrix<FitJob> | WithMatrix<ScanJob>;

export interface JobControl {
  /** Cancellation source (the engine's CancelToken fits). */
  cancel?: { onCancel(fn: () => void): () => void };
  onProgress?: (done: number, total: number, label: ProgressLabel, detail?: ProgressDetail) => void;
  /** A fit job's models as soon as they are final, while the worker computes their quality measures. */
  onFitted?: (results: FitOutcome[]) => void;
}

/** Memories a running job works in: a second job on the same matrix gets a copy. */
const busy = new WeakSet<WebAssembly.Memory>();

function memoryFor(m: Matrix): WebAssembly.Memory {
  if (m.memory && !busy.has(m.memory)) return m.memory;
  const copy = matrixInMemory(m.n, m.p);
  copy.data.set(m.data.subarray(0, m.n * m.p));
  return copy.memory!;
}

/** One idle worker is kept (unref'd, so it never holds the process open) for the next job. */
let idle: Worker | null = null;

function newWorker(): Worker {
  return new Worker(workerFile(), { workerData: { role: 'leader' } });
}

function takeWorker(): Worker {
  const w = idle ?? newWorker();
  idle = null;
  w.ref();
  w.removeAllListeners();
  return w;
}

function release(w: Worker): void {
  w.removeAllListeners();
  w.unref();
  if (idle === null) keepIdle(w);
  else void w.terminate();
}

function keepIdle(w: Worker): void {
  idle = w;
  // A worker that dies while idle is simply forgotten.
  w.once('exit', () => {
    if (idle === w) idle = null;
  });
}

/**
 * Starts the worker ahead of a job on `rows` rows (and its helper thread, when the job will use
 * one), so that their start-up overlaps the reading of the columns instead of following it.
 */
export function prewarmKmeansWorker(rows: number): void {
  if (idle !== null) {
    idle.postMessage({ kind: 'warm', rows } satisfies WarmMessage);
    return;
  }
  const w = newWorker();
  w.unref();
  keepIdle(w);
  w.postMessage({ kind: 'warm', rows } satisfies WarmMessage);
}

/**
 * Runs a k-means job in a worker thread. Cancel terminates the worker at once (mid-iteration)
 * and rejects with CANCELLED; a finished worker is kept for the next job.
 */
export function runKmeansJob(input: JobInput, control: JobControl = {}): Promise<FitOutcome[]> {
  const { matrix, ...rest } = input;
  const memory = memoryFor(matrix);
  const job = { ...rest, memory, n: matrix.n, p: matrix.p } as WorkerJob;
  busy.add(memory);
  return new Promise<FitOutcome[]>((resolve, reject) => {
    let settled = false;
    const worker = takeWorker();
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      off();
      fn();
    };
    // The memory is free again once the worker is done with it: finished, failed or gone.
    const free = (): void => void busy.delete(memory);
    const off = control.cancel?.onCancel(() => {
      finish(() => reject(new KequnError('CANCELLED')));
      void worker.terminate().then(free, free);
    }) ?? ((): void => undefined);
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') control.onProgress?.(msg.done, msg.total, msg.label, msg.detail);
      else if (msg.type === 'fitted') control.onFitted?.(msg.results);
      else if (msg.type === 'done') {
        free();
        finish(() => resolve(msg.results));
        release(worker);
      } else {
        free();
        const error = msg.error ? KequnError.fromWire(msg.error) : new KequnError('INTERNAL', `k-means worker failed: ${msg.message}`, { zh: `聚类计算失败：${msg.message}` });
        finish(() => reject(error));
        release(worker);
      }
    });
    worker.on('error', (e) => finish(() => reject(new KequnError('INTERNAL', `k-means worker failed: ${e.message}`, { zh: `聚类计算失败：${e.message}` }))));
    worker.on('exit', (code) => {
      free();
      finish(() => reject(new KequnError('INTERNAL', `k-means worker exited (${code})`, { zh: `聚类计算进程意外退出（${code}）` })));
    });
    worker.postMessage(job);
  });
}

/** The k-means worker's code: the built bundle, or the TypeScript source built on the fly (tests). */
function workerFile(): string {
  return workerScript(fileURLToPath(import.meta.url), 'cluster', 'kmeans');
}
