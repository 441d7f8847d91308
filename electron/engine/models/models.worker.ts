import { parentPort } from 'node:worker_threads';
import { isKequnError } from '../../../shared/contract/errors';
import { gowerSilhouettes } from './gower';
import { fitKprototypes } from './kprototypes';
import type { KprotoJob, KprotoOutcome, ModelsJob, ModelsMessage, ModelsOutcome, WardJob } from './models-protocol';
import { copheneticCorrelation, wardLinkage } from './ward';

/**
 * Runs k-prototypes and Ward jobs off the engine's main thread (the grid keeps paging) and posts
 * progress. Cancel = the engine terminates this worker.
 */
function post(message: ModelsMessage): void {
  parentPort?.postMessage(message);
}

/** Restart indices for one k, taken one at a time from the counter shared with the other worker. */
function* draw(counter: Int32Array, slot: number, restarts: number): Generator<number> {
  for (;;) {
    const r = Atomics.add(counter, slot, 1);
    if (r >= restarts) return;
    yield r;
  }
}

function kproto(job: KprotoJob): KprotoOutcome[] {
  const total = job.ks.length * job.restarts;
  let finished = 0;
  const fits = job.ks.map((k, ki): KprotoOutcome => {
    const fit = fitKprototypes(job.matrix, {
      k,
      gamma: job.gamma,
      seed: job.seed,
      restarts: job.restarts,
      ...(job.counter ? { restartIds: draw(job.counter, ki, job.restarts) } : {}),
      maxIterations: job.maxIterations,
      tolerance: job.tolerance,
      onIteration: (restart, iteration) => {
        if (iteration === 1 && restart >= 0) finished++;
        post({ type: 'progress', done: finished - 1, total, label: 'fit', detail: { k, restart: restart + 1, restarts: job.restarts, iteration } });
      },
    });
    return { k, labels: fit.labels, centroids: fit.centroids, modes: fit.modes, cost: fit.cost, iterations: fit.iterations, silhouette: null, bestRestart: fit.bestRestart };
  });
  if (job.silhouetteRows) {
    post({ type: 'progress', done: total, total: total + 1, label: 'silhouette' });
    const s = gowerSilhouettes(job.matrix, job.silhouetteRows, fits.map((f) => f.labels), job.ks);
    fits.forEach((f, i) => (f.silhouette = Number.isFinite(s[i]) ? s[i]! : null));
  }
  return fits;
}

function ward(job: WardJob): ModelsOutcome {
  const input = { data: job.data, n: job.n, p: job.p, ...(job.weights ? { weights: job.weights } : {}) };
  const tree = wardLinkage(input, (done, total) => post({ type: 'progress', done, total: job.cophenetic ? total * 2 : total, label: 'model', detail: { name: 'Ward' } }));
  const cophenetic = job.cophenetic
    ? copheneticCorrelation(input, tree, (done, total) => post({ type: 'progress', done: total + done, total: total * 2, label: 'model', detail: { name: 'cophenetic' } }))
    : null;
  return { kind: 'ward', ward: { merges: tree.merges, cophenetic: cophenetic !== null && Number.isFinite(cophenetic) ? cophenetic : null } };
}

parentPort?.on('message', (job: ModelsJob) => {
  try {
    const outcome: ModelsOutcome =
      job.kind === 'kproto'
        ? { kind: 'kproto', fits: kproto(job) }
        : job.kind === 'gower'
          ? { kind: 'gower', silhouettes: gowerSilhouettes(job.matrix, job.rows, job.labelings, job.ks) }
          : ward(job);
    post({ type: 'done', outcome });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), ...(isKequnError(e) ? { error: e.toWire() } : {}) });
  }
});
