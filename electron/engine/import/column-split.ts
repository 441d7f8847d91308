import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KequnError } from '../../../shared/contract/errors';
import { workerScript } from '../host/worker-script';
import type { SplitColumn, SplitColumnResult, SplitJob, SplitMessage } from './column-split-protocol';
import { EncodingRetry } from './encoding-retry';
import type { RawCell } from './raw-cell';

/** Below this much text left after the type sample, one thread does it all (a thread costs a start). */
const MIN_SPLIT_BYTES = 16 * 1024 * 1024;
/**
 * The second thread's heap. Without a bound V8 lets its garbage (a string per order number)
 * grow to half a gigabyte before collecting; with it the import stays far below 1 GB. A column
 * set that truly needs more (long distinct texts) makes the import start again on one thread.
 * KEQUN_IMPORT_THREAD_HEAP_MB sets it (tests).
 */
const WORKER_HEAP_MB = 320;

/** The second thread ran out of its heap: the import starts again on one thread. */
export class SplitRetry extends Error {
  constructor() {
    super('import again on one thread');
  }
}

/**
 * The columns a second thread writes during a large text import. Both threads read the file and
 * split it into the same records (cheap beside converting cells); each converts and encodes
 * only its own columns, so the two cores share the work that dominates an import. The engine
 * thread alone writes to the project: the other sends its encoded chunks over.
 *
 * Columns are shared out by an estimate of their cost from the type sample (text with many
 * distinct values costs most); the engine thread keeps a head start for storing the chunks.
 */
export function planSplit(types: readonly string[], mapping: readonly number[], sample: readonly RawCell[][], bytesLeft: number): number[] {
  if (bytesLeft < MIN_SPLIT_BYTES || mapping.filter((s) => s >= 0).length < 2) return [];
  const weights = mapping.map((src, i) => (src < 0 ? 0 : weightOf(types[i]!, src, sample)));
  const order = weights.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  let here = 2;
  let there = 0;
  const remote: number[] = [];
  for (const i of order) {
    if (weights[i] === 0) continue;
    if (there < here) {
      remote.push(i);
      there += weights[i]!;
    } else here += weights[i]!;
  }
  return remote.sort((a, b) => a - b);
}

function weightOf(type: string, src: number, sample: readonly RawCell[][]): number {
  if (type === 'date' || type === 'datetime') return 1.5;
  if (type !== 'text' && type !== 'boolean') return 1;
  const seen = new Set<RawCell>();
  for (const row of sample) seen.add(row[src] ?? null);
  return seen.size * 2 > sample.length ? 3 : 1;
}

export interface ColumnSplit {
  /** Throws what made the second thread fail, if it did (checked between batches). */
  check(): void;
  /** Bytes of the file the second thread has written out (progress goes at the slower thread's pace). */
  bytesRead(): number;
  /**
   * Waits for the second thread's next message: its columns' counts (in `columns` order) once
   * it sent its last chunks, else null (call again after reporting progress).
   */
  next(): Promise<SplitColumnResult[] | null>;
  stop(): void;
}

/**
 * Starts the second thread on `job`; `put` stores each chunk it sends for target column
 * `target` (messages arrive whenever the engine thread awaits).
 */
export function startSplit(spec: Omit<SplitJob, 'inFlight'>, put: (target: number, part: number, chunk: number, bytes: Buffer) => void): ColumnSplit {
  const job: SplitJob = { ...spec, inFlight: new SharedArrayBuffer(4) };
  const inFlight = new Int32Array(job.inFlight);
  const worker = new Worker(workerScript(fileURLToPath(import.meta.url), 'import', 'csv-columns'), { workerData: job, resourceLimits: { maxOldGenerationSizeMb: Number(process.env['KEQUN_IMPORT_THREAD_HEAP_MB'] ?? WORKER_HEAP_MB) } });
  let failure: Error | null = null;
  let result: SplitColumnResult[] | null = null;
  let settle: (() => void) | null = null;
  let read = job.offset;
  const columns: SplitColumn[] = job.columns;
  worker.on('message', (m: SplitMessage) => {
    if (m.type === 'parts') {
      read = m.bytesRead;
      let kb = 0;
      for (const p of m.parts) {
        put(columns[p.column]!.target, p.part, p.chunk, Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength));
        kb += Math.ceil(p.bytes.byteLength / 1024);
      }
      Atomics.sub(inFlight, 0, kb);
      Atomics.notify(inFlight, 0);
      settle?.();
      return;
    }
    if (m.type === 'done') result = m.columns;
    else failure = m.encodingRetry ? new EncodingRetry() : m.error ? KequnError.fromWire(m.error) : internal(m.message);
    settle?.();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    failure ??= e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SplitRetry() : internal(e.message);
    settle?.();
  });
  worker.on('exit', () => {
    if (result === null) failure ??= internal('the thread stopped');
    settle?.();
  });
  return {
    check: () => {
      if (failure) throw failure;
    },
    bytesRead: () => read,
    next: async () => {
      if (result === null && failure === null) await new Promise<void>((resolve) => (settle = resolve));
      settle = null;
      if (failure) throw failure;
      return result;
    },
    stop: () => void worker.terminate(),
  };
}

function internal(message: string): KequnError {
  return new KequnError('INTERNAL', `The second import thread failed: ${message}`, { zh: `导入的第二个线程出错：${message}` });
}
