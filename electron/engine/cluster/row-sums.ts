/**
 * Passes over the row-major matrix that sum per feature (and per cluster): the quality measures'
 * centroids and dispersions and the tolerance's mean variance. Each sum runs over the rows in
 * order with the features' terms added in order, as plain loops would; for p ≤ UNROLLED_MAX the
 * loops are generated per p with the feature loop unrolled and the per-feature sums in locals
 * (built from the integer p only), which V8 keeps in registers where it keeps typed-array sums
 * in memory: the same additions, a few times faster on a million rows.
 */
const UNROLLED_MAX = 16;

export interface LabelSums {
  /** Per cluster and feature (k × p), Σ of the feature over the cluster's rows. */
  sums: Float64Array;
  sizes: Float64Array;
  /** Per feature, Σ over every row. */
  total: Float64Array;
}

export interface Spread {
  /** Σ over rows of the squared distance to its cluster's centroid. */
  within: number;
  /** Per cluster, Σ over its rows of the squared distance to its centroid. */
  withinBy: Float64Array;
  /** Per cluster, Σ over its rows of the distance to its centroid. */
  scatter: Float64Array;
}

type LabelSumsPass = (data: Float64Array, n: number, labels: Int32Array, out: LabelSums) => void;
type SpreadPass = (data: Float64Array, n: number, labels: Int32Array, centroids: Float64Array, withinBy: Float64Array, scatter: Float64Array) => number;
type GatherPass = (columns: Float64Array[], rows: Int32Array, labels: Int32Array, impute: Float64Array, sums: Float64Array) => void;
type MeanVariancePass = (data: Float64Array, n: number) => number;

const generated = new Map<string, unknown>();

function features(p: number): number[] {
  return Array.from({ length: p }, (_, j) => j);
}

/** One generated pass per (kind, p); the text is built from the integer p only. */
function compiled<T>(kind: string, p: number, params: string[], body: (js: number[]) => string): T {
  const key = `${kind}:${p}`;
  let fn = generated.get(key) as T | undefined;
  if (!fn) {
    // Function() over generated text: built from the integer p only (see above).
    fn = new Function(...params, body(features(p))) as T;
    generated.set(key, fn);
  }
  return fn;
}

/** Per-cluster sums and sizes and the overall sums, in one pass. */
export function labelSums(data: Float64Array, n: number, p: number, labels: Int32Array, k: number): LabelSums {
  const out: LabelSums = { sums: new Float64Array(k * p), sizes: new Float64Array(k), total: new Float64Array(p) };
  if (p > UNROLLED_MAX) {
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      out.sizes[c]! += 1;
      for (let j = 0; j < p; j++) {
        out.sums[c * p + j]! += data[i * p + j]!;
        out.total[j]! += data[i * p + j]!;
      }
    }
    return out;
  }
  const pass = compiled<LabelSumsPass>('labelSums', p, ['data', 'n', 'labels', 'out'], (js) =>
    [
      'const sums = out.sums; const sizes = out.sizes; const total = out.total;',
      `let ${js.map((j) => `t${j} = 0`).join(', ')};`,
      `for (let i = 0, o = 0; i < n; i++, o += ${p}) {`,
      `  const c = labels[i]; const s = c * ${p}; sizes[c] += 1;`,
      `  ${js.map((j) => `const x${j} = data[o + ${j}]; sums[s + ${j}] += x${j}; t${j} += x${j};`).join(' ')}`,
      '}',
      js.map((j) => `total[${j}] = t${j};`).join(' '),
    ].join('\n'),
  );
  pass(data, n, labels, out);
  return out;
}

/** Within-cluster squared distances and per-cluster distance sums to the centroids, in one pass. */
export function spread(data: Float64Array, n: number, p: number, labels: Int32Array, centroids: Float64Array, k: number): Spread {
  const scatter = new Float64Array(k);
  const withinBy = new Float64Array(k);
  if (p > UNROLLED_MAX) {
    let within = 0;
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      let s = 0;
      for (let j = 0; j < p; j++) {
        const d = data[i * p + j]! - centroids[c * p + j]!;
        s += d * d;
      }
      within += s;
      withinBy[c]! += s;
      scatter[c]! += Math.sqrt(s);
    }
    return { within, withinBy, scatter };
  }
  const pass = compiled<SpreadPass>('spread', p, ['data', 'n', 'labels', 'centroids', 'withinBy', 'scatter'], (js) =>
    [
      'let within = 0;',
      `for (let i = 0, o = 0; i < n; i++, o += ${p}) {`,
      `  const c = labels[i]; const q = c * ${p}; let d = data[o] - centroids[q]; let s = d * d;`,
      `  ${js
        .slice(1)
        .map((j) => `d = data[o + ${j}] - centroids[q + ${j}]; s += d * d;`)
        .join(' ')}`,
      '  within += s; withinBy[c] += s; scatter[c] += Math.sqrt(s);',
      '}',
      'return within;',
    ].join('\n'),
  );
  return { within: pass(data, n, labels, centroids, withinBy, scatter), withinBy, scatter };
}

/**
 * Per cluster and column (k × p), Σ over the rows r in order of column f at rows[r], `impute[f]`
 * where that value is missing (not finite): the clusters' sums in original units.
 */
export function gatheredSums(columns: Float64Array[], rows: Int32Array, labels: Int32Array, impute: Float64Array, k: number): Float64Array {
  const p = columns.length;
  const n = rows.length;
  const sums = new Float64Array(k * p);
  if (p > UNROLLED_MAX) {
    columns.forEach((values, f) => {
      for (let r = 0; r < n; r++) {
        const v = values[rows[r]!]!;
        sums[labels[r]! * p + f]! += v - v === 0 ? v : impute[f]!;
      }
    });
    return sums;
  }
  const pass = compiled<GatherPass>('gather', p, ['columns', 'rows', 'labels', 'impute', 'sums'], (js) =>
    [
      js.map((j) => `const c${j} = columns[${j}]; const i${j} = impute[${j}];`).join(' '),
      `const n = rows.length;`,
      `for (let r = 0; r < n; r++) {`,
      `  const i = rows[r]; const s = labels[r] * ${p}; let v;`,
      `  ${js.map((j) => `v = c${j}[i]; sums[s + ${j}] += v - v === 0 ? v : i${j};`).join(' ')}`,
      '}',
    ].join('\n'),
  );
  pass(columns, rows, labels, impute, sums);
  return sums;
}

/** Mean of the per-feature (population) variances: per feature, mean then Σ (x − mean)², each over the rows in order. */
export function meanVarianceOf(data: Float64Array, n: number, p: number): number {
  if (p > UNROLLED_MAX) {
    const mean = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += data[i * p + j]!;
    for (let j = 0; j < p; j++) mean[j]! /= n;
    const v = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const d = data[i * p + j]! - mean[j]!;
        v[j]! += d * d;
      }
    }
    let total = 0;
    for (let j = 0; j < p; j++) total += v[j]! / n;
    return total / p;
  }
  const pass = compiled<MeanVariancePass>('meanVariance', p, ['data', 'n'], (js) =>
    [
      `let ${js.map((j) => `m${j} = 0`).join(', ')};`,
      `const end = n * ${p};`,
      `for (let o = 0; o < end; o += ${p}) { ${js.map((j) => `m${j} += data[o + ${j}];`).join(' ')} }`,
      js.map((j) => `m${j} /= n;`).join(' '),
      `let ${js.map((j) => `v${j} = 0`).join(', ')};`,
      `for (let o = 0; o < end; o += ${p}) { let d; ${js.map((j) => `d = data[o + ${j}] - m${j}; v${j} += d * d;`).join(' ')} }`,
      'let total = 0;',
      js.map((j) => `total += v${j} / n;`).join(' '),
      `return total / ${p};`,
    ].join('\n'),
  );
  return pass(data, n);
}
