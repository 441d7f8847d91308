// Helpers of the k-means benchmark: the user's path (a CSV imported into a new project file, then
// `kequn` on it in a fresh process, cold) and scikit-learn on the same CSV in the same run.
import { spawn, spawnSync } from 'node:child_process';
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

/** The repository (npm run bench runs benchmarks from it). */
const ROOT = process.cwd();

/** Builds the engine bundle the `kequn` command runs (dist/engine), as a user's checkout would have it. */
export function buildEngine(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--engine'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) throw new Error('engine build failed');
}

export interface CliRun {
  /** Process start → exit. */
  totalMs: number;
  /** When each progress label was first shown (ms from the start). */
  labels: Record<string, number>;
  stdout: string;
}

/**
 * Runs `kequn <args>` in a new process (the built CLI under this Node, app data in `home`) and
 * times it from spawn to exit; progress (stderr, English) is timestamped by label.
 */
export async function runKequn(args: string[], home: string): Promise<CliRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'engine', 'cli.mjs'), ...args, '--lang', 'en'], { cwd: ROOT, env: { ...process.env, KEQUN_HOME: home } });
  const labels: Record<string, number> = {};
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    const now = Math.round(performance.now() - t0);
    stderr += d.toString();
    for (const part of d.toString().split('\r')) {
      const label = part.trim().replace(/\s+\d+%?$/, '');
      if (label && !(label in labels)) labels[label] = now;
    }
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const totalMs = Math.round(performance.now() - t0);
  if (code !== 0) throw new Error(`kequn ${args[0]} exited with ${code}: ${stderr.slice(-500)}`);
  return { totalMs, labels, stdout };
}

export interface ImportedProject {
  client: EngineClient;
  path: string;
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
    path: join(dir, `${name}.kequn`),
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
