/**
 * Load (issue 11): while k-means runs on 1,000,000 × 8 in the engine's worker threads, the grid
 * keeps paging. Measures rows.page latency (random deep pages, half of them sorted) during the
 * run; target p95 < 100 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/host/engine';
import type { CellValue } from '../shared/contract/json';
import { report } from './bench-util';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-load-'));
const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
const store = await engine.openProject(join(dir, 'load.kequn'), { create: true });
const client = engine.createClient();

let seed = 7;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
function* rows(): Generator<CellValue[]> {
  for (let i = 0; i < ROWS; i++) {
    const g = i % 8;
    yield Array.from({ length: 8 }, (_, j) => g * 3 + j * 0.5 + rnd() * 4);
  }
}
const columns = Array.from({ length: 8 }, (_, j) => ({ name: `x${j}`, originalHeader: `x${j}`, type: 'decimal' as const }));
const t0 = performance.now();
const ds = store.createDataset({ name: 'load', kind: 'derived', source: 'bench', columns }, rows());
const createMs = performance.now() - t0;
// Warm the sort index once, as a user who sorted before running the model would have.
await client.call('rows.page', { datasetId: ds.id, offset: 0, limit: 100, sort: [{ column: 'c1', dir: 'desc' }] });

const latencies: number[] = [];
let running = true;
const kmeans = client
  .call('cluster.run', { datasetId: ds.id, features: columns.map((_, j) => ({ column: `x${j}`, transforms: ['zscore'] })), k: 8, restarts: 3, seed: 1 })
  .finally(() => {
    running = false;
  });
const tk = performance.now();
while (running) {
  const offset = Math.floor(rnd() * (ROWS - 200));
  const sorted = rnd() < 0.5;
  const s = performance.now();
  await client.call('rows.page', { datasetId: ds.id, offset, limit: 100, ...(sorted ? { sort: [{ column: 'c1', dir: 'desc' as const }] } : {}) });
  latencies.push(performance.now() - s);
  await new Promise((r) => setTimeout(r, 16));
}
const result = await kmeans;
const kmeansMs = performance.now() - tk;
latencies.sort((a, b) => a - b);
const q = (p: number): number => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN) * 10) / 10;
report('load', {
  rows: ROWS,
  createDatasetMs: Math.round(createMs),
  kmeansMs: Math.round(kmeansMs),
  kmeansIterations: result.iterations,
  pageRequestsDuringRun: latencies.length,
  pageLatencyMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
  targetP95Ms: 100,
});
engine.dispose();
rmSync(dir, { recursive: true, force: true });
