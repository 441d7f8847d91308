import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { instantiate, type AssignExports } from './assign-wasm';
import { blockKernels, BLOCKS, type LloydBuffers } from './kernel-memory';
import type { BlockHelper, BlockOp } from './lloyd';

/**
 * The second thread of a k-means fit. The worker that runs the fit (the leader) starts one helper
 * thread over the same shared WebAssembly memory (kernel-memory.ts). Each assignment pass, the leader publishes the pass in a
 * small Int32 control block and both threads take row blocks from a shared counter until none are
 * left, so a helper that the OS schedules late simply takes fewer blocks (the leader never waits
 * for a block nobody started). Each block has its own cluster sums, combined in block order by
 * the leader, so the result does not depend on who ran which block.
 *
 * The counter holds (pass number << 8) | next block, so a helper waking late for an old pass
 * cannot take a block of the next one.
 */
const GEN = 0;
const OP = 1;
const K = 2;
const NEXT = 3;
const FINISHED = 4;
const JOB = 5;
const ARG = 6;
const CHANGED = 7; // BLOCKS slots
const OP_ALL = 1;
const OP_BOUNDED = 2;
const OP_EXIT = 3;
/** A new job: the helper reads its matrix and buffers from the port, synchronously. */
const OP_BIND = 4;
const OP_PP_POTS = 5;
const OP_PP_UPDATE = 6;
const OP_SILHOUETTE = 7;
const OPS: Record<BlockOp, number> = { all: OP_ALL, bounded: OP_BOUNDED, plusPlusPots: OP_PP_POTS, plusPlusUpdate: OP_PP_UPDATE, silhouette: OP_SILHOUETTE };
const GEN_MASK = 0x7fffff;

export interface HelperData {
  role: 'helper';
  control: SharedArrayBuffer;
  port: MessagePort;
}

interface Binding {
  job: number;
  buffers: LloydBuffers;
}

/** Takes the next block of pass `gen`, or −1 when there is none (or the pass is over). */
function claim(control: Int32Array, gen: number): number {
  for (;;) {
    const v = Atomics.load(control, NEXT);
    if (v >>> 8 !== (gen & GEN_MASK)) return -1;
    const block = v & 255;
    if (block >= BLOCKS) return -1;
    if (Atomics.compareExchange(control, NEXT, v, v + 1) === v) return block;
  }
}

function work(control: Int32Array, gen: number, runBlock: (block: number) => number): void {
  for (let b = claim(control, gen); b >= 0; b = claim(control, gen)) {
    control[CHANGED + b] = runBlock(b);
    Atomics.add(control, FINISHED, 1);
    Atomics.notify(control, FINISHED);
  }
}

export interface HelperThread extends BlockHelper {
  /** Points the helper at a job's memory (call before the job's first pass). */
  bind(buffers: LloydBuffers): void;
  stop(): void;
}

/**
 * Starts the helper thread (running `workerUrl` with role 'helper'); returns the leader side.
 * The helper lives as long as the leader's worker, so its compiled kernels stay warm.
 */
export function startHelper(workerUrl: URL | string): HelperThread {
  const control = new Int32Array(new SharedArrayBuffer((CHANGED + BLOCKS) * 4));
  const { port1, port2 } = new MessageChannel();
  const data: HelperData = { role: 'helper', control: control.buffer as SharedArrayBuffer, port: port2 };
  const worker = new Worker(workerUrl, { workerData: data, transferList: [port2] });
  worker.unref();
  port1.unref();
  let gen = 0;
  let job = 0;
  const publish = (op: number, k: number, arg = 0): void => {
    gen = (gen + 1) & GEN_MASK;
    Atomics.store(control, OP, op);
    Atomics.store(control, K, k);
    Atomics.store(control, ARG, arg);
    Atomics.store(control, FINISHED, 0);
    Atomics.store(control, NEXT, gen << 8);
    Atomics.store(control, GEN, gen);
    Atomics.notify(control, GEN);
  };
  return {
    bind(buffers) {
      job = (job + 1) | 0;
      port1.postMessage({ job, buffers } satisfies Binding);
      Atomics.store(control, JOB, job);
      publish(OP_BIND, 0);
    },
    run(op, k, local, arg = 0) {
      publish(OPS[op], k, arg);
      work(control, gen, local);
      for (;;) {
        const done = Atomics.load(control, FINISHED);
        if (done === BLOCKS) break;
        Atomics.wait(control, FINISHED, done, 50);
      }
      let changed = 0;
      for (let b = 0; b < BLOCKS; b++) changed += control[CHANGED + b]!;
      return changed;
    },
    stop() {
      publish(OP_EXIT, 0);
    },
  };
}

/** The helper thread's loop: wait for a pass, take blocks while there are any, until told to exit. */
export function runHelper(h: HelperData): void {
  const control = new Int32Array(h.control);
  let seen = 0;
  let k = -1;
  let binding: Binding | null = null;
  let exports: AssignExports | null = null;
  let runBlock: ((block: number) => number) | null = null;
  for (;;) {
    Atomics.wait(control, GEN, seen);
    seen = Atomics.load(control, GEN);
    const op = Atomics.load(control, OP);
    if (op === OP_EXIT) return;
    // A new job posts its memory before its first pass; the helper may wake only for a later
    // pass, so it checks on every wake and works only with the current job's binding.
    const current = Atomics.load(control, JOB);
    while (binding?.job !== current) {
      const msg = receiveMessageOnPort(h.port);
      if (!msg) break;
      binding = msg.message as Binding;
      exports = null;
      runBlock = null;
    }
    if (op === OP_BIND || binding === null || binding.job !== current) continue;
    const passK = Atomics.load(control, K);
    if (passK !== k || runBlock === null) {
      k = passK;
      exports ??= instantiate(binding.buffers.layout.p, binding.buffers.memory);
      const kernels = blockKernels(binding.buffers, k, exports);
      runBlock = (i) => {
        // OP and ARG are those of the pass this block belongs to: a pass is published only
        // after every block of the one before was taken (claim checks the pass number).
        const passOp = Atomics.load(control, OP);
        if (passOp === OP_ALL) return kernels.all(i);
        if (passOp === OP_BOUNDED) return kernels.bounded(i);
        if (passOp === OP_PP_POTS) return kernels.plusPlusPots(i, Atomics.load(control, ARG));
        if (passOp === OP_SILHOUETTE) return kernels.silhouette(i);
        return kernels.plusPlusUpdate(i, Atomics.load(control, ARG));
      };
    }
    work(control, seen, runBlock);
  }
}
