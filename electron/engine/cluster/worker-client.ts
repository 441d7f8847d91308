import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KequnError } from '../../../shared/contract/errors';
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

let resolvedWorker: string | null = null;

/**
 * Where the worker code is: the bundle's dist/engine/workers/cluster-kmeans.mjs (scripts/build.mjs
 * makes it), or — when running TypeScript sources (vitest, benchmarks) — the source transpiled
 * with esbuild into a temp file named by its content hash, so a stale build is never used.
 */
function workerFile(): string {
  if (resolvedWorker && existsSync(resolvedWorker)) return resolvedWorker;
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'kmeans.worker.ts');
  const fromCwd = join(process.cwd(), 'electron', 'engine', 'cluster', 'kmeans.worker.ts');
  const built = join(dirname(here), 'workers', 'cluster-kmeans.mjs');
  if (here.endsWith('.ts') && existsSync(sibling)) resolvedWorker = transpile(sibling);
  else if (existsSync(built)) resolvedWorker = built;
  else if (existsSync(fromCwd)) resolvedWorker = transpile(fromCwd);
  else throw new KequnError('INTERNAL', `k-means worker not found next to ${here}`, { zh: '找不到聚类计算模块' });
  return resolvedWorker;
}

function transpile(source: string): string {
  const dir = join(tmpdir(), 'kequn-workers');
  mkdirSync(dir, { recursive: true });
  const folder = dirname(source);
  const hash = createHash('sha256');
  for (const f of ['kmeans.worker.ts', 'kmeans-kernel.ts', 'lloyd.ts', 'assign-kernels.ts', 'block-helper.ts', 'metrics.ts', 'prng.ts', 'worker-protocol.ts']) {
    const path = join(folder, f);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  const out = join(dir, `cluster-kmeans-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  // esbuild is a dev dependency: only source runs (tests, benchmarks) get here.
  const script = `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(source)}], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: ${JSON.stringify(tmp)}, logLevel: 'error' })`;
  buildSyncInChild(script, folder);
  renameSync(tmp, out);
  return out;
}

function buildSyncInChild(script: string, cwd: string): void {
  // A child process keeps esbuild's service out of this process (and out of the engine bundle).
  const result = spawnNode(['-e', script], cwd);
  if (result !== 0) throw new KequnError('INTERNAL', 'Could not transpile the k-means worker', { zh: '无法编译聚类计算模块' });
}

function spawnNode(args: string[], cwd: string): number {
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status ?? 1;
}
