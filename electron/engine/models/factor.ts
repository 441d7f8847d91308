import { jacobiEigen } from '../cluster/pca';

/**
 * Standardised PCA and maximum-likelihood factor analysis with varimax rotation, on a small
 * number of columns (p ≤ 50), from the p × p correlation matrix, so any row count costs one pass.
 *
 * - Standardising uses the population standard deviation (ddof = 0), as scikit-learn's
 *   StandardScaler. PCA's explained variance is then the eigenvalue of the correlation matrix ×
 *   n / (n − 1), as scikit-learn's PCA reports it on standardised data.
 * - Factor analysis is scikit-learn's FactorAnalysis algorithm (Barber, "Bayesian Reasoning and
 *   Machine Learning", 21.2.2): iterate an SVD of the data scaled by the noise variances until the
 *   log-likelihood gains less than `tol` (0.01); the SVD of the scaled data is taken here as the
 *   eigen-decomposition of the scaled correlation matrix, which has the same singular values and
 *   right vectors.
 * - Varimax (Kaiser 1958) as scikit-learn's `_ortho_rotation`: up to 100 iterations, stop when the
 *   criterion grows by less than 1e-6 relatively; the SVD step U·Vᵀ is the polar factor
 *   B·(BᵀB)^(-1/2), computed from an eigen-decomposition of BᵀB.
 */
export interface Standardised {
  n: number;
  p: number;
  mean: Float64Array;
  sd: Float64Array;
  /** p × p correlation matrix (row-major). */
  corr: Float64Array;
}

/** Means, population SDs and the correlation matrix of n rows × p columns (column arrays). */
export function standardise(columns: Float64Array[], rows: Int32Array): Standardised {
  const p = columns.length;
  const n = rows.length;
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (const r of rows) s += columns[j]![r]!;
    mean[j] = s / n;
  }
  const cov = new Float64Array(p * p);
  const dev = new Float64Array(p);
  for (const r of rows) {
    for (let j = 0; j < p; j++) dev[j] = columns[j]![r]! - mean[j]!;
    for (let a = 0; a < p; a++) {
      const da = dev[a]!;
      for (let b = a; b < p; b++) cov[a * p + b]! += da * dev[b]!;
    }
  }
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(cov[j * p + j]! / n);
  const corr = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = cov[a * p + b]! / n / (sd[a]! * sd[b]!);
      corr[a * p + b] = a === b ? 1 : v;
      corr[b * p + a] = a === b ? 1 : v;
    }
  }
  return { n, p, mean, sd, corr };
}

function sortedEigen(m: Float64Array, p: number): { values: number[]; vectors: number[][] } {
  const { values, vectors } = jacobiEigen(m, p);
  const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  return { values: order.map((i) => values[i]!), vectors: order.map((i) => Array.from({ length: p }, (_, j) => vectors[j * p + i]!)) };
}

export interface PcaFit {
  /** Eigenvalues of the correlation matrix, largest first (the scree plot). */
  eigenvalues: number[];
  /** As scikit-learn's explained_variance_ on standardised data (eigenvalue × n/(n−1)). */
  explainedVariance: number[];
  explainedRatio: number[];
  /** Components as rows (unit vectors over the columns); the largest |entry| made positive. */
  components: number[][];
}

export function pcaFit(s: Standardised): PcaFit {
  const { values, vectors } = sortedEigen(s.corr, s.p);
  const total = values.reduce((a, v) => a + v, 0);
  const components = vectors.map((v) => {
    const big = v.reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
    return big < 0 ? v.map((x) => -x) : v;
  });
  return {
    eigenvalues: values,
    explainedVariance: values.map((v) => (v * s.n) / Math.max(1, s.n - 1)),
    explainedRatio: values.map((v) => v / total),
    components,
  };
}

export interface FactorFit {
  /** Loadings, one row per factor (scikit-learn's components_ after rotation). */
  loadings: number[][];
  /** Unique (noise) variance per column. */
  uniqueness: number[];
  iterations: number;
  converged: boolean;
}

const SMALL = 1e-12;

/** Maximum-likelihood factor analysis of standardised data (see the module note), varimax-rotated. */
export function factorFit(s: Standardised, factors: number, options: { tol?: number; maxIterations?: number; rotate?: boolean } = {}): FactorFit {
  const { p, n, corr } = s;
  const tol = options.tol ?? 1e-2;
  const maxIterations = options.maxIterations ?? 1000;
  const llconst = p * Math.log(2 * Math.PI) + factors;
  // The variance of standardised columns is 1.
  let psi = new Array<number>(p).fill(1);
  let oldLl = -Infinity;
  let W: number[][] = [];
  let iterations = 0;
  let converged = false;
  const scaled = new Float64Array(p * p);
  for (let it = 0; it < maxIterations; it++) {
    iterations = it + 1;
    const sq = psi.map((v) => Math.sqrt(v) + SMALL);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) scaled[a * p + b] = corr[a * p + b]! / (sq[a]! * sq[b]!);
    const { values, vectors } = sortedEigen(scaled, p);
    const s2 = values.slice(0, factors);
    const unexplained = values.slice(factors).reduce((a, v) => a + v, 0);
    W = s2.map((v, f) => vectors[f]!.map((x, j) => Math.sqrt(Math.max(v - 1, 0)) * x * sq[j]!));
    let ll = llconst + s2.reduce((a, v) => a + Math.log(v), 0);
    ll += unexplained + psi.reduce((a, v) => a + Math.log(v), 0);
    ll *= -n / 2;
    if (ll - oldLl < tol) {
      converged = true;
      break;
    }
    oldLl = ll;
    psi = psi.map((_, j) => Math.max(1 - W.reduce((a, w) => a + w[j]! ** 2, 0), SMALL));
  }
  const loadings = options.rotate === false ? W : varimax(W);
  return { loadings, uniqueness: psi, iterations, converged };
}

/** Varimax rotation of loadings given as factor rows (see the module note). */
export function varimax(loadings: number[][], tol = 1e-6, maxIterations = 100): number[][] {
  const k = loadings.length;
  if (k < 2) return loadings.map((r) => [...r]);
  const p = loadings[0]!.length;
  // A = p × k (columns = factors), R = k × k.
  const A = Array.from({ length: p }, (_, j) => loadings.map((row) => row[j]!));
  let R: number[][] = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a === b ? 1 : 0)));
  let crit = 0;
  for (let it = 0; it < maxIterations; it++) {
    const rot = matMul(A, R);
    const colSq = Array.from({ length: k }, (_, c) => rot.reduce((s, row) => s + row[c]! ** 2, 0) / p);
    // B = Aᵀ (rot³ − rot · diag(colSq)), k × k.
    const T = rot.map((row) => row.map((x, c) => x ** 3 - x * colSq[c]!));
    const B = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => A.reduce((s, row, j) => s + row[a]! * T[j]![b]!, 0)));
    const { polar, singularSum } = polarFactor(B);
    R = polar;
    if (crit !== 0 && singularSum < crit * (1 + tol)) break;
    crit = singularSum;
  }
  const rotated = matMul(A, R);
  return Array.from({ length: k }, (_, c) => rotated.map((row) => row[c]!));
}

function matMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, c) => row.reduce((s, x, i) => s + x * b[i]![c]!, 0)));
}

/** U·Vᵀ of B's SVD as B·(BᵀB)^(-1/2), and the sum of B's singular values. */
function polarFactor(B: number[][]): { polar: number[][]; singularSum: number } {
  const k = B.length;
  const BtB = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) BtB[a * k + b] = B.reduce((s, row) => s + row[a]! * row[b]!, 0);
  const { values, vectors } = jacobiEigen(BtB, k);
  const invSqrt = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => values.reduce((s, v, e) => s + (vectors[a * k + e]! * vectors[b * k + e]!) / Math.sqrt(Math.max(v, 1e-300)), 0)),
  );
  return { polar: matMul(B, invSqrt), singularSum: values.reduce((s, v) => s + Math.sqrt(Math.max(v, 0)), 0) };
}

/**
 * Factor scores as scikit-learn's FactorAnalysis.transform: z = x·Wψ⁻¹ᵀ·(I + Wψ⁻¹Wᵀ)⁻¹ on
 * standardised x. Returns one Float64Array per factor (NaN where a column is missing).
 */
export function factorScores(s: Standardised, fit: Pick<FactorFit, 'loadings' | 'uniqueness'>, columns: Float64Array[], length: number): Float64Array[] {
  const k = fit.loadings.length;
  const { p } = s;
  const Wpsi = fit.loadings.map((row) => row.map((w, j) => w / fit.uniqueness[j]!));
  const M = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a === b ? 1 : 0) + Wpsi[a]!.reduce((acc, w, j) => acc + w * fit.loadings[b]![j]!, 0)));
  const inv = invert(M);
  const out = Array.from({ length: k }, () => new Float64Array(length));
  const z = new Float64Array(p);
  const t = new Float64Array(k);
  for (let r = 0; r < length; r++) {
    let missing = false;
    for (let j = 0; j < p; j++) {
      const v = columns[j]![r]!;
      if (!Number.isFinite(v)) missing = true;
      z[j] = (v - s.mean[j]!) / s.sd[j]!;
    }
    if (missing) {
      for (let f = 0; f < k; f++) out[f]![r] = NaN;
      continue;
    }
    for (let f = 0; f < k; f++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += z[j]! * Wpsi[f]![j]!;
      t[f] = acc;
    }
    for (let f = 0; f < k; f++) {
      let acc = 0;
      for (let g = 0; g < k; g++) acc += t[g]! * inv[g]![f]!;
      out[f]![r] = acc;
    }
  }
  return out;
}

/** Gauss–Jordan inverse of a small well-conditioned matrix (partial pivoting). */
export function invert(m: number[][]): number[][] {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    const d = a[c]![c]!;
    for (let j = 0; j < 2 * k; j++) a[c]![j]! /= d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(k));
}

/** log-determinant of a symmetric positive definite matrix from its eigenvalues. */
export function logDet(m: Float64Array, p: number): number {
  return jacobiEigen(m, p).values.reduce((s, v) => s + Math.log(v), 0);
}
