import type { PcaProjection } from '../../../shared/contract/cluster';
import type { Matrix } from './kernel-memory';
import { sampleIndices } from './prng';

/** Points drawn in the scatter at most (a seeded sample above). */
export const PCA_SAMPLE = 3000;

/**
 * The first two principal components of the model's (transformed) feature space: covariance of
 * all rows, eigenvectors by cyclic Jacobi rotations (p is small), sign fixed so the largest
 * loading is positive (stable pictures across runs).
 */
export function pcaProjection(m: Matrix, labels: Int32Array, centroids: Float64Array, k: number, seed: number): PcaProjection {
  const { data, n, p } = m;
  const { mean, cov } = (p <= UNROLLED_MAX ? unrolledMoments(p) : moments)(data, n, p);
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) cov[b * p + a] = cov[a * p + b]! /= Math.max(1, n - 1);
  const { values, vectors } = jacobiEigen(cov, p);
  const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  const axes = [order[0] ?? 0, order[1] ?? order[0] ?? 0].map((c) => {
    const v = Array.from({ length: p }, (_, j) => vectors[j * p + c]!);
    const biggest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
    return biggest < 0 ? v.map((x) => -x) : v;
  });
  const project = (src: Float64Array, offset: number): [number, number] => {
    let x = 0;
    let y = 0;
    for (let j = 0; j < p; j++) {
      const d = src[offset + j]! - mean[j]!;
      x += d * axes[0]![j]!;
      y += d * (p > 1 ? axes[1]![j]! : 0);
    }
    return [round(x), round(y)];
  };
  const sample = sampleIndices(n, PCA_SAMPLE, seed);
  const points: [number, number, number][] = Array.from(sample, (i) => [...project(data, i * p), labels[i]! + 1] as [number, number, number]);
  const centres = Array.from({ length: k }, (_, c) => project(centroids, c * p));
  const explained: [number, number] =
    total > 0 ? [round(Math.max(0, values[order[0]!]!) / total), p > 1 ? round(Math.max(0, values[order[1]!]!) / total) : 0] : [0, 0];
  return { explained, points, sampled: n > PCA_SAMPLE, centroids: centres };
}

/** Column means and the upper triangle of Σ (x − mean)(x − mean)ᵀ over the rows (not yet divided). */
type Moments = (data: Float64Array, n: number, p: number) => { mean: Float64Array; cov: Float64Array };

/** Rows in order, each sum its own running total: the reference the unrolled loops must equal. */
function moments(data: Float64Array, n: number, p: number): { mean: Float64Array; cov: Float64Array } {
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += data[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j]! /= n;
  const cov = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = data[i * p + j]! - mean[j]!;
    for (let a = 0; a < p; a++) {
      const ra = row[a]!;
      for (let b = a; b < p; b++) cov[a * p + b]! += ra * row[b]!;
    }
  }
  return { mean, cov };
}

const UNROLLED_MAX = 16;
const unrolled = new Map<number, Moments>();

/**
 * `moments` with the feature loops unrolled for one p and every sum in a local (generated from
 * the integer p only): the same additions in the same order, about three times faster in V8,
 * which keeps typed-array sums in memory but locals in registers.
 */
function unrolledMoments(p: number): Moments {
  let fn = unrolled.get(p);
  if (fn) return fn;
  const js = Array.from({ length: p }, (_, j) => j);
  const pairs = js.flatMap((a) => js.filter((b) => b >= a).map((b) => [a, b] as const));
  const body = [
    `const mean = new Float64Array(${p}); const cov = new Float64Array(${p * p}); const end = n * ${p};`,
    `let ${js.map((j) => `t${j} = 0`).join(', ')};`,
    `for (let o = 0; o < end; o += ${p}) { ${js.map((j) => `t${j} += data[o + ${j}];`).join(' ')} }`,
    `const ${js.map((j) => `m${j} = t${j} / n`).join(', ')};`,
    js.map((j) => `mean[${j}] = m${j};`).join(' '),
    `let ${pairs.map(([a, b]) => `s${a}_${b} = 0`).join(', ')};`,
    `for (let o = 0; o < end; o += ${p}) { ${js.map((j) => `const r${j} = data[o + ${j}] - m${j};`).join(' ')} ${pairs.map(([a, b]) => `s${a}_${b} += r${a} * r${b};`).join(' ')} }`,
    pairs.map(([a, b]) => `cov[${a * p + b}] = s${a}_${b};`).join(' '),
    'return { mean, cov };',
  ].join('\n');
  // Function() over generated text: built from the integer p only (see above).
  fn = new Function('data', 'n', 'p', body) as Moments;
  unrolled.set(p, fn);
  return fn;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** Eigen-decomposition of a symmetric p × p matrix; vectors are columns of `vectors`. */
export function jacobiEigen(input: Float64Array, p: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j]! ** 2;
    if (off < 1e-22) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j]!;
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j]! - a[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < p; r++) {
          const ari = a[r * p + i]!;
          const arj = a[r * p + j]!;
          a[r * p + i] = c * ari - s * arj;
          a[r * p + j] = s * ari + c * arj;
        }
        for (let r = 0; r < p; r++) {
          const air = a[i * p + r]!;
          const ajr = a[j * p + r]!;
          a[i * p + r] = c * air - s * ajr;
          a[j * p + r] = s * air + c * ajr;
        }
        for (let r = 0; r < p; r++) {
          const vri = v[r * p + i]!;
          const vrj = v[r * p + j]!;
          v[r * p + i] = c * vri - s * vrj;
          v[r * p + j] = s * vri + c * vrj;
        }
      }
    }
  }
  return { values: Array.from({ length: p }, (_, i) => a[i * p + i]!), vectors: v };
}
