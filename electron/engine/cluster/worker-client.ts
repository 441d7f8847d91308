import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KequnError } from '../../../shared/contract/errors';
import { workerScript } from '../host/worker-script';
import type { Matrix } from './kmeans-kernel';
import type { FitJob, FitOutcome, ScanJob, WorkerJob, WorkerMessage } from './worker-protocol';

type WithMatrix<J> = Omit<J, 'buffer' | 'n' | 'p'> & { matrix: Matrix };
export type JobInput = WithMatrix<FitJob> | WithMatrix<ScanJob>;

export interface JobControl {
  /** Cancellation source (the engine's CancelToken fits). */
  cancel?: { onCancel(fn: () => void): () => void };
  onProgress?: (done: number, total: number, label: string) => void;
}

/** A matrix whose storage can be shared with a worker without copying. */
export function sharedMatrix(n: number, p: number): Matrix {
  return { data: new Float64Array(new SharedArrayBuffer(Math.max(1, n * p) * 8), 0, n * p), n, p };
}

function toShared(m: Matrix): SharedArrayBuffer {
  if (m.data.buffer instanceof SharedArrayBuffer && m.data.byteOffset === 0) return m.data.buffer;
  const copy = sharedMatrix(m.n, m.p);
  copy.data.set(m.data.subarray(0, m.n * m.p));
  return copy.data.buffer as SharedArrayBuffer;
}

/** One idle worker is kept (unref'd, so it never holds the process open) for the next job. */
let idle: Worker | null = null;

function takeWorker(): Worker {
  const w = idle ?? new Worker(workerFile(), { workerData: { role: 'leader' } });
  idle = null;
  w.ref();
  w.removeAllListeners();
  return w;
}

function release(w: Worker): void {
  w.removeAllListeners();
  w.unref();
  if (idle === null) {
    idle = w;
    // A worker that dies while idle is simply forgotten.
    w.once('exit', () => {
      if (idle === w) idle = null;
    });
  } else void w.terminate();
}

/**
 * Runs a k-means job in a worker thread. Cancel terminates the worker at once (mid-iteration)
 * and rejects with CANCELLED; a finished worker is kept for the next job.
 */
export function runKmeansJob(input: JobInput, control: JobControl = {}): Promise<FitOutcome[]> {
  const { matrix, ...rest } = input;
  const job = { ...rest, buffer: toShared(matrix), n: matrix.n, p: matrix.p } as WorkerJob;
  return new Promise<FitOutcome[]>((resolve, reject) => {
    let settled = false;
    const worker = takeWorker();
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      off();
      fn();
    };
    const off = control.cancel?.onCancel(() => {
      finish(() => reject(new KequnError('CANCELLED')));
      void worker.terminate();
    }) ?? ((): void => undefined);
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') control.onProgress?.(msg.done, msg.total, msg.label);
      else if (msg.type === 'done') {
        finish(() => resolve(msg.results));
        release(worker);
      }
      else {
        finish(() => reject(new KequnError('INTERNAL', `k-means worker failed: ${msg.message}`, { zh: `聚类计算失败：${msg.message}` })));
        release(worker);
      }
    });
    worker.on('error', (e) => finish(() => reject(new KequnError('INTERNAL', `k-means worker failed: ${e.message}`, { zh: `聚类计算失败：${e.message}` }))));
    worker.on('exit', (code) => finish(() => reject(new KequnError('INTERNAL', `k-means worker exited (${code})`, { zh: `聚类计算进程意外退出（${code}）` }))));
    worker.postMessage(job);
  });
}

/** The k-means worker's code: the built bundle, or the TypeScript source built on the fly (tests). */
function workerFile(): string {
  return workerScript(fileURLToPath(import.meta.url), 'cluster', 'kmeans');
}
