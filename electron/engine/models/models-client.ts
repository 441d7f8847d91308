import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KequnError } from '../../../shared/contract/errors';
import { workerScript } from '../host/worker-script';
import type { JobControl } from '../cluster/worker-client';
import type { KprotoJob, KprotoOutcome, ModelsJob, ModelsMessage, ModelsOutcome, WardJob, WardOutcome } from './models-protocol';

/**
 * Runs one models job in a fresh worker thread. Cancel terminates the worker at once and rejects
 * with CANCELLED; the worker ends after its job.
 */
function runJob(job: ModelsJob, control: JobControl): Promise<ModelsOutcome> {
  return new Promise<ModelsOutcome>((resolve, reject) => {
    const worker = new Worker(workerScript(fileURLToPath(import.meta.url), 'models', 'models'));
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      off();
      fn();
      void worker.terminate();
    };
    const off = control.cancel?.onCancel(() => finish(() => reject(new KequnError('CANCELLED')))) ?? ((): void => undefined);
    worker.on('message', (msg: ModelsMessage) => {
      if (msg.type === 'progress') control.onProgress?.(msg.done, msg.total, msg.label, msg.detail);
      else if (msg.type === 'done') finish(() => resolve(msg.outcome));
      else {
        const error = msg.error ? KequnError.fromWire(msg.error) : new KequnError('INTERNAL', `Model worker failed: ${msg.message}`, { zh: `模型计算失败：${msg.message}` });
        finish(() => reject(error));
      }
    });
    worker.on('error', (e) => finish(() => reject(new KequnError('INTERNAL', `Model worker failed: ${e.message}`, { zh: `模型计算失败：${e.message}` }))));
    worker.on('exit', (code) => finish(() => reject(new KequnError('INTERNAL', `Model worker exited (${code})`, { zh: `模型计算进程意外退出（${code}）` }))));
    worker.postMessage(job);
  });
}

/** Rows from which restarts are split over two threads (on 2+ cores); results are identical either way. */
const PARALLEL_MIN_ROWS = 50_000;

/**
 * k-prototypes in worker threads: from 50,000 rows on (2+ cores) two workers draw restarts from
 * a shared counter (restarts differ in length, so neither waits for the other) and the lowest cost
 * wins (ties: the lower restart), then the Gower silhouette runs on the winners. Every restart has its own seeded stream, so the answer does not depend on threads.
 */
export async function runKprotoJob(job: Omit<KprotoJob, 'kind'>, control: JobControl = {}): Promise<KprotoOutcome[]> {
  const parallel = job.restarts >= 2 && job.matrix.n >= PARALLEL_MIN_ROWS && availableParallelism() >= 2;
  if (!parallel) {
    const out = await runJob({ kind: 'kproto', ...job }, control);
    if (out.kind !== 'kproto') throw new KequnError('INTERNAL', 'Unexpected worker answer');
    return out.fits;
  }
  const counter = new Int32Array(new SharedArrayBuffer(4 * job.ks.length));
  const done = [0, 0];
  const totals = [0, 0];
  // One cancel for both workers: the caller's, or the first failure (the other stops at once).
  const listeners = new Set<() => void>();
  const both = { onCancel: (fn: () => void) => (listeners.add(fn), () => void listeners.delete(fn)) };
  const stopAll = (): void => [...listeners].forEach((fn) => fn());
  const offOuter = control.cancel?.onCancel(stopAll);
  let parts: KprotoOutcome[][];
  try {
    parts = await Promise.all(
      [0, 1].map(async (h) => {
        const out = await runJob(
          { kind: 'kproto', ...job, counter, silhouetteRows: null },
          {
            cancel: both,
            onProgress: (d, t, label, detail) => {
              done[h] = d;
              totals[h] = t;
              control.onProgress?.(done[0]! + done[1]!, Math.max(totals[0]!, totals[1]!), label, detail);
            },
          },
        );
        if (out.kind !== 'kproto') throw new KequnError('INTERNAL', 'Unexpected worker answer');
        return out.fits;
      }),
    );
  } catch (e) {
    stopAll();
    throw e;
  } finally {
    offOuter?.();
  }
  const fits = parts[0]!.map((a, i) => {
    const b = parts[1]![i]!;
    return b.cost < a.cost || (b.cost === a.cost && b.bestRestart < a.bestRestart) ? b : a;
  });
  if (job.silhouetteRows) {
    const out = await runJob({ kind: 'gower', matrix: job.matrix, rows: job.silhouetteRows, labelings: fits.map((f) => f.labels), ks: job.ks }, control);
    if (out.kind !== 'gower') throw new KequnError('INTERNAL', 'Unexpected worker answer');
    fits.forEach((f, i) => (f.silhouette = Number.isFinite(out.silhouettes[i]) ? out.silhouettes[i]! : null));
  }
  return fits;
}

export async function runWardJob(job: Omit<WardJob, 'kind'>, control: JobControl = {}): Promise<WardOutcome> {
  const out = await runJob({ kind: 'ward', ...job }, control);
  if (out.kind !== 'ward') throw new KequnError('INTERNAL', 'Unexpected worker answer');
  return out.ward;
}
