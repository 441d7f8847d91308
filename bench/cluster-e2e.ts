// Shared by the k-means and models benchmarks: the user's path through the engine (a CSV imported
// into a new project file, then a clustering call on it, cold: the first call after the import)
// and scikit-learn on the same CSV in the same run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineClient } from '../shared/rpc/client';
import { Engine } from '../electron/engine/host/engine';

export interface BenchDir {
  dir: string;
  cleanup(): void;
}

export function benchDir(prefix: string): BenchDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes rows to a UTF-8 CSV (numbers with 6 decimals: the engine and pandas parse the same doubles). */
export async function writeCsv(path: string, header: string[], n: number, row: (i: number) => (string | number)[]): Promise<void> {
  const out = createWriteStream(path);
  let buf = header.join(',') + '\n';
  for (let i = 0; i < n; i++) {
    buf += row(i).map((v) => (typeof v === 'number' ? v.toFixed(6) : v)).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export interface Phases {
  /** Call start → the first fit progress: reading the columns, the matrix, the hand-over. */
  readMs: number;
  /** First fit progress → last fit/silhouette progress. */
  fitMs: number;
  /** Last progress → the answer: metrics not reported as progress, profiles, saving the labels. */
  tailMs: number;
  totalMs: number;
}

/** Times one long call and splits it by its progress labels. */
export async function timedCall<T>(run: (onProgress: (p: { label: string }) => void) => Promise<T>): Promise<{ value: T; phases: Phases }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  let firstFit = NaN;
  let last = t0;
  const value = await run((p) => {
    const now = performance.now();
    if (p.label === 'fit' && Number.isNaN(firstFit)) firstFit = now;
    last = now;
  });
  const end = performance.now();
  const fitStart = Number.isNaN(firstFit) ? t0 : firstFit;
  return { value, phases: { readMs: Math.round(fitStart - t0), fitMs: Math.round(last - fitStart), tailMs: Math.round(end - last), totalMs: Math.round(end - t0) } };
}

export interface ImportedProject {
  client: EngineClient;
  datasetId: string;
  importMs: number;
  close(): void;
}

/** A fresh engine and project file with the CSV imported through `import.run`. */
export async function importProject(dir: string, name: string, csv: string): Promise<ImportedProject> {
  const engine = new Engine({ dataDir: join(dir, `home-${name}`), log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path: join(dir, `${name}.kequn`), create: true });
  const t0 = performance.now();
  const imported = await client.call('import.run', { path: csv });
  const importMs = Math.round(performance.now() - t0);
  return {
    client,
    datasetId: imported.datasets[0]!.id,
    importMs,
    close: () => {
      client.close();
      engine.dispose();
    },
  };
}

export interface SklearnKmeans {
  ms: number;
  inertia: number;
  iterations: number;
  version: string;
  threads: number;
}

const PY = `
import json, sys, time, numpy as np, pandas as pd
from threadpoolctl import threadpool_limits
from sklearn.cluster import KMeans
import sklearn
path, cols, k, n_init, threads, rounds = sys.argv[1], sys.argv[2].split(','), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
X = pd.read_csv(path, usecols=cols)[cols].to_numpy(dtype=np.float64)
X = (X - X.mean(axis=0)) / X.std(axis=0)
X = np.ascontiguousarray(X)
best = None
with threadpool_limits(limits=threads):
    for r in range(rounds):
        km = KMeans(n_clusters=k, n_init=n_init, random_state=42)
        t0 = time.perf_counter(); km.fit(X); ms = (time.perf_counter() - t0) * 1000
        if best is None or ms < best[0]: best = (ms, km)
print(json.dumps({"ms": best[0], "inertia": float(best[1].inertia_), "iterations": int(best[1].n_iter_), "version": sklearn.__version__, "threads": threads}))
`;

/**
 * scikit-learn's KMeans(n_clusters=k, n_init) fit time on the z-scored CSV columns (as the engine
 * z-scores them), best of `rounds`, with its thread pools limited to `threads`. Needs python3 with
 * scikit-learn and pandas (Debian: /usr/bin/python3); returns why when it cannot run.
 */
export function sklearnKmeans(csv: string, columns: string[], k: number, nInit: number, threads: number, rounds: number): SklearnKmeans | string {
  const python = [process.env.PYTHON, '/usr/bin/python3', 'python3'].find(
    (py) => py !== undefined && spawnSync(py, ['-c', 'import sklearn, threadpoolctl, pandas'], { encoding: 'utf8' }).status === 0,
  );
  if (python === undefined) return 'scikit-learn/pandas not installed (apt-get install -y python3-sklearn python3-pandas): comparison skipped';
  const script = join(tmpdir(), `kequn-bench-sklearn-${process.pid}.py`);
  writeFileSync(script, PY);
  try {
    const t = String(threads);
    const r = spawnSync(python, [script, csv, columns.join(','), String(k), String(nInit), t, String(rounds)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t, MKL_NUM_THREADS: t },
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) return `scikit-learn failed: ${r.stderr.slice(-800)}`;
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as SklearnKmeans;
  } finally {
    rmSync(script, { force: true });
  }
}

export function normal(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}
