import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../../../electron/engine/cluster/kernel-memory';
import { SeededRandom } from '../../../electron/engine/cluster/prng';

/** n rows of p features around `centres` random centres (seeded, reproducible). */
export function blobs(n: number, p: number, centres: number, seed: number): Matrix {
  const rng = new SeededRandom(seed, 99);
  const cs = Array.from({ length: centres }, () => Array.from({ length: p }, () => rng.nextDouble() * 20));
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const c = cs[i % centres]!;
    for (let j = 0; j < p; j++) data[i * p + j] = c[j]! + (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 3;
  }
  return { data, n, p };
}

/** Adjusted Rand index of two labelings (Hubert & Arabie). */
export function adjustedRand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}:${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(a[i]!, (ra.get(a[i]!) ?? 0) + 1);
    rb.set(b[i]!, (rb.get(b[i]!) ?? 0) + 1);
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += c2(v);
  let sa = 0;
  for (const v of ra.values()) sa += c2(v);
  let sb = 0;
  for (const v of rb.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export interface SklearnCase {
  name: string;
  k: number;
  transform: ('log1p' | 'zscore')[];
  rows: number;
  init: number[][];
  fixed: { sse: number; iterations: number; labels: number[] };
  restarts10: { sse: number; labels: number[] };
  sklearnRuns: { sse: number; ari: number }[];
}

export interface SklearnFixture {
  sklearn: string;
  columns: string[];
  cases: SklearnCase[];
}

export function sklearnFixture(name: string): SklearnFixture {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'cluster', name), 'utf8')) as SklearnFixture;
}

/** Parses the plain ASCII CSVs of the shared data (no quoting needed there). */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}
