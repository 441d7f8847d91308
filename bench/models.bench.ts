// Models benchmark (issue 22), each figure from one run on this machine:
// - decision tree (CART) on 1,000,000 rows × 10 columns (8 numeric, 2 text), 5 segments, depth 6;
// - k-prototypes on 1,000,000 × (4 numeric + 3 text), k = 6, 10 restarts, in the models worker,
//   against k-means (the production worker) on the same 4 numeric columns, k = 6, 10 restarts;
// - Ward (exact, NN-chain) on 20,000 rows × 6 with the cophenetic correlation, in the worker.
import { SeededRandom } from '../electron/engine/cluster/prng';
import { matrixInMemory } from '../electron/engine/cluster/kernel-memory';
import { runKmeansJob } from '../electron/engine/cluster/worker-client';
import { fitTree, predictRow, type TreeFeature } from '../electron/engine/models/cart';
import type { MixedMatrix } from '../electron/engine/models/kprototypes';
import { runKprotoJob, runWardJob } from '../electron/engine/models/models-client';
import { peakRss, report, timeIt } from './bench-util';

const N = Number(process.env.MODELS_N ?? 1_000_000);

function normal(rng: SeededRandom): number {
  const u = 1 - rng.nextDouble();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
}

/** 10 columns; the segment follows rules on three of them, with 10 % of labels flipped. */
function treeData(n: number): { features: TreeFeature[]; target: Int32Array } {
  const rng = new SeededRandom(22, 1);
  const numeric = Array.from({ length: 8 }, () => new Float64Array(n));
  const cats = Array.from({ length: 2 }, () => new Int32Array(n));
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 8; j++) numeric[j]![i] = Math.round((normal(rng) * 50 + 100) * 100) / 100;
    for (let j = 0; j < 2; j++) cats[j]![i] = rng.nextInt(6);
    let y = numeric[0]![i]! > 120 ? (numeric[1]![i]! > 90 ? 0 : 1) : cats[0]![i]! < 2 ? 2 : numeric[2]![i]! > 140 ? 3 : 4;
    if (rng.nextDouble() < 0.1) y = rng.nextInt(5);
    target[i] = y;
  }
  const levels = ['A', 'B', 'C', 'D', 'E', 'F'];
  return {
    features: [
      ...numeric.map((values, j): TreeFeature => ({ name: `x${j}`, kind: 'numeric', values })),
      ...cats.map((codes, j): TreeFeature => ({ name: `c${j}`, kind: 'category', codes, levels })),
    ],
    target,
  };
}

/** Six planted groups: numeric centres and a likely level per text column (z-scored numbers). */
function mixedData(n: number): MixedMatrix {
  const rng = new SeededRandom(22, 2);
  const pn = 4;
  const pc = 3;
  const levels = [5, 8, 4];
  const centres = Array.from({ length: 6 }, () => Array.from({ length: pn }, () => normal(rng) * 1.5));
  const num = new Float64Array(n * pn);
  const cat = new Int32Array(n * pc);
  for (let i = 0; i < n; i++) {
    const g = rng.nextInt(6);
    for (let j = 0; j < pn; j++) num[i * pn + j] = centres[g]![j]! + normal(rng);
    for (let j = 0; j < pc; j++) cat[i * pc + j] = rng.nextDouble() < 0.6 ? (g + j) % levels[j]! : rng.nextInt(levels[j]!);
  }
  return { n, num, pn, cat, pc, levels };
}

async function main(): Promise<void> {
  const { features, target } = treeData(N);
  const rows = Int32Array.from({ length: N }, (_, i) => i);
  const tree = await peakRss(() => timeIt(() => fitTree(features, target, 5, rows, { maxDepth: 6, minLeaf: 50 })));
  let ok = 0;
  for (let i = 0; i < N; i++) if (predictRow(tree.value.value, features, i) === target[i]) ok++;

  const mixed = mixedData(N);
  const job = { matrix: mixed, ks: [6], gamma: 0.5, seed: 42, restarts: 10, maxIterations: 300, tolerance: 1e-4, silhouetteRows: null };
  const kproto = await timeIt(() => runKprotoJob(job));
  const numeric = matrixInMemory(N, 4);
  numeric.data.set(mixed.num);
  const kmeans = await timeIt(() => runKmeansJob({ kind: 'fit', matrix: numeric, k: 6, seed: 42, restarts: 10, maxIterations: 300, tolerance: 1e-4, metrics: false }));

  const W = 20_000;
  const rng = new SeededRandom(22, 3);
  const wardData = Float64Array.from({ length: W * 6 }, () => normal(rng));
  const ward = await timeIt(() => runWardJob({ data: wardData, n: W, p: 6, weights: null, cophenetic: true }));

  report('models', {
    machine: 'shared 2-core machine (other developers were running jobs); one run each',
    tree: { rows: N, columns: 10, classes: 5, maxDepth: 6, minLeaf: 50, ms: Math.round(tree.value.ms), peakRssMb: Math.round(tree.peakMb), leaves: tree.value.value.nodes.filter((x) => !x.split).length, trainAccuracy: ok / N },
    kprototypes: { rows: N, numeric: 4, categorical: 3, k: 6, restarts: 10, ms: Math.round(kproto.ms), cost: kproto.value[0]!.cost, iterations: kproto.value[0]!.iterations },
    kmeansSameNumeric: { rows: N, p: 4, k: 6, restarts: 10, ms: Math.round(kmeans.ms), sse: kmeans.value[0]!.sse },
    kprotoOverKmeans: Math.round((kproto.ms / kmeans.ms) * 100) / 100,
    ward: { rows: W, p: 6, ms: Math.round(ward.ms), cophenetic: ward.value.cophenetic },
  });
}

void main();
