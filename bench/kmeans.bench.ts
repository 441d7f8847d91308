// k-means as a user runs it (issue 17): 1,000,000 rows × 8 numeric columns in a CSV, imported
// into a project file through the engine, then `kequn kmeans` (k = 8, 10 restarts, z-scores, the
// defaults otherwise) in a fresh process, cold: start Node, open the project, read the columns,
// fit in the worker, profile, silhouette, save the label column — timed from spawn to exit.
// In the same run: scikit-learn's KMeans(n_clusters=8, n_init=10) fit on the same CSV columns
// (z-scored the same way; reading and scaling not timed) with its thread pools limited to the
// threads the engine uses (2: the k-means worker and its helper thread). Rounds interleave the
// two and keep each one's best, so other work on a shared machine weighs on both alike.
// KMEANS_N (rows), KMEANS_ROUNDS, KMEANS_THREADS (sklearn's limit; default 2) change the run.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../electron/engine/cluster/prng';
import { report } from './bench-util';
import { benchDir, buildEngine, importProject, normal, runKequn, sklearnKmeans, writeCsv, type SklearnKmeans } from './cluster-e2e';

const N = Number(process.env.KMEANS_N ?? 1_000_000);
const P = 8;
const K = 8;
const RESTARTS = 10;
const ROUNDS = Number(process.env.KMEANS_ROUNDS ?? 3);
const THREADS = Number(process.env.KMEANS_THREADS ?? 2);
const COLUMNS = Array.from({ length: P }, (_, j) => `指标${j + 1}`);

/** Eight overlapping Gaussian blobs with different scales per column (customer-like: not trivially separated). */
function rowMaker(): (i: number) => number[] {
  const rng = new SeededRandom(20261123, 7);
  const next = (): number => rng.nextDouble();
  const centres = Array.from({ length: K }, () => Array.from({ length: P }, () => next() * 10));
  const scale = Array.from({ length: P }, (_, j) => 10 ** (j % 4));
  return () => {
    const c = centres[rng.nextInt(K)]!;
    return c.map((m, j) => (m + 2.4 * normal(next)) * scale[j]!);
  };
}

interface Round {
  totalMs: number;
  /** ms from spawn to the first progress of each phase. */
  progressAtMs: Record<string, number>;
  sse: number | null;
  silhouette: number | null;
}

async function oursOnce(project: string, datasetId: string, home: string): Promise<Round> {
  const run = await runKequn(['kmeans', '--project', project, '--dataset', datasetId, '--columns', COLUMNS.join(','), '--k', String(K), '--restarts', String(RESTARTS), '--seed', '42'], home);
  // The human summary: "Segmentation s1  SSE=…  silhouette=…".
  const sse = run.stdout.match(/SSE=([\d.]+)/);
  const sil = run.stdout.match(/silhouette=(-?[\d.]+)/);
  return { totalMs: run.totalMs, progressAtMs: run.labels, sse: sse ? Number(sse[1]) : null, silhouette: sil ? Number(sil[1]) : null };
}

async function main(): Promise<void> {
  const tmp = benchDir('kequn-bench-kmeans-');
  try {
    const csv = join(tmp.dir, 'customers.csv');
    const make = rowMaker();
    await writeCsv(csv, COLUMNS, N, make);
    buildEngine();
    const project = await importProject(tmp.dir, 'customers', csv);
    const { importMs, datasetId, path } = project;
    project.close();
    const home = join(tmp.dir, 'home');
    let ours: Round | null = null;
    let sk: SklearnKmeans | string | null = null;
    const all: number[] = [];
    const skAll: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const o = await oursOnce(path, datasetId, home);
      all.push(o.totalMs);
      if (ours === null || o.totalMs < ours.totalMs) ours = o;
      const s = sklearnKmeans(csv, COLUMNS, K, RESTARTS, THREADS, 1);
      if (typeof s === 'string') sk = s;
      else {
        skAll.push(Math.round(s.ms));
        if (sk === null || typeof sk === 'string' || s.ms < sk.ms) sk = s;
      }
    }
    const figures: Record<string, unknown> = {
      rows: N,
      features: P,
      k: K,
      restarts: RESTARTS,
      rounds: ROUNDS,
      cores: availableParallelism(),
      engineThreads: availableParallelism() >= 2 ? 2 : 1,
      loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
      importMs,
      kequnCliMs: ours!.totalMs,
      kequnCliAllMs: all,
      kequnProgressAtMs: ours!.progressAtMs,
      kequnSse: ours!.sse,
      kequnSilhouette: ours!.silhouette,
    };
    if (typeof sk === 'string' || sk === null) {
      console.warn(sk);
      figures.sklearn = sk;
    } else {
      const ratio = ours!.totalMs / sk.ms;
      Object.assign(figures, {
        sklearnVersion: sk.version,
        sklearnThreads: sk.threads,
        sklearnFitMs: Math.round(sk.ms),
        sklearnFitAllMs: skAll,
        sklearnInertia: sk.inertia,
        sklearnIterations: sk.iterations,
        sseOverSklearnInertia: ours!.sse === null ? null : Number((ours!.sse / sk.inertia).toFixed(6)),
        ratioCliVsSklearnFit: Number(ratio.toFixed(3)),
        bar: ratio <= 0.7 ? 'met (≤ 0.7×)' : 'NOT met (> 0.7×)',
      });
    }
    report('kmeans', figures);
  } finally {
    tmp.cleanup();
  }
}

await main();
