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
      if (msg.type === 'progress') control.onProgress?.(msg.done, msg.total, msg.label);
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

export async function runKprotoJob(job: Omit<KprotoJob, 'kind'>, control: JobControl = {}): Promise<KprotoOutcome[]> {
  const out = await runJob({ kind: 'kproto', ...job }, control);
  if (out.kind !== 'kproto') throw new KequnError('INTERNAL', 'Unexpected worker answer');
  return out.fits;
}

export async function runWardJob(job: Omit<WardJob, 'kind'>, control: JobControl = {}): Promise<WardOutcome> {
  const out = await runJob({ kind: 'ward', ...job }, control);
  if (out.kind !== 'ward') throw new KequnError('INTERNAL', 'Unexpected worker answer');
  return out.ward;
}
