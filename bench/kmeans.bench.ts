// k-means as a user runs it (issue 17): 1,000,000 rows × 8 numeric columns in a CSV, imported
// into a new project file through the engine, then `cluster.run` (k = 8, 10 restarts, z-scores,
// the defaults otherwise) cold — the first call after the import: read the columns, fit in the
// worker, profile, save the label column — timed end to end through the engine client.
// In the same run: scikit-learn's KMeans(n_clusters=8, n_init=10) fit on the same CSV columns
// (z-scored the same way; reading and scaling not timed) with its thread pools limited to the
// threads the engine uses (2: the k-means worker and its helper thread). Rounds interleave the
// two and keep each one's best, so other work on a shared machine weighs on both alike.
// KMEANS_N (rows), KMEANS_ROUNDS, KMEANS_THREADS (sklearn's limit; default 2) change the run.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../electron/engine/cluster/prng';
import { peakRss, report } from './bench-util';
import { benchDir, importProject, normal, sklearnKmeans, timedCall, writeCsv, type Phases, type SklearnKmeans } from './cluster-e2e';

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
  importMs: number;
  phases: Phases;
  peakRssMb: number;
  sse: number;
  iterations: number;
  silhouette: number | null;
}

async function oursOnce(dir: string, csv: string, round: number): Promise<Round> {
  const project = await importProject(dir, `r${round}`, csv);
  try {
    const features = COLUMNS.map((column) => ({ column, transforms: ['zscore' as const] }));
    const run = await peakRss(() =>
      timedCall((onProgress) => project.client.call('cluster.run', { datasetId: project.datasetId, features, k: K, restarts: RESTARTS, seed: 42 }, { onProgress })),
    );
    const r = run.value.value;
    return { importMs: project.importMs, phases: run.value.phases, peakRssMb: Math.round(run.peakMb), sse: r.sse, iterations: r.iterations, silhouette: r.silhouette };
  } finally {
    project.close();
  }
}

async function main(): Promise<void> {
  const tmp = benchDir('kequn-bench-kmeans-');
  try {
    const csv = join(tmp.dir, 'customers.csv');
    const make = rowMaker();
    await writeCsv(csv, COLUMNS, N, make);
    let ours: Round | null = null;
    let sk: SklearnKmeans | string | null = null;
    const all: number[] = [];
    const skAll: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const o = await oursOnce(tmp.dir, csv, round);
      all.push(o.phases.totalMs);
      if (ours === null || o.phases.totalMs < ours.phases.totalMs) ours = o;
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
      importMs: ours!.importMs,
      kequnEndToEndMs: ours!.phases.totalMs,
      kequnEndToEndAllMs: all,
      kequnPhasesMs: ours!.phases,
      kequnPeakRssMb: ours!.peakRssMb,
      kequnSse: ours!.sse,
      kequnIterations: ours!.iterations,
      kequnSilhouette: ours!.silhouette,
    };
    if (typeof sk === 'string' || sk === null) {
      console.warn(sk);
      figures.sklearn = sk;
    } else {
      const ratio = ours!.phases.totalMs / sk.ms;
      Object.assign(figures, {
        sklearnVersion: sk.version,
        sklearnThreads: sk.threads,
        sklearnFitMs: Math.round(sk.ms),
        sklearnFitAllMs: skAll,
        sklearnInertia: sk.inertia,
        sklearnIterations: sk.iterations,
        sseOverSklearnInertia: Number((ours!.sse / sk.inertia).toFixed(6)),
        ratioEndToEndVsSklearnFit: Number(ratio.toFixed(3)),
        bar: ratio <= 0.7 ? 'met (≤ 0.7×)' : 'NOT met (> 0.7×)',
      });
    }
    report('kmeans', figures);
  } finally {
    tmp.cleanup();
  }
}

await main();
