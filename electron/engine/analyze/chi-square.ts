/**
 * χ² distribution tail and the test of independence on a contingency table. The incomplete
 * gamma function is computed in log space so the tail stays accurate far below 1e-15 (where
 * 1 − P would round to 0): series for x < a + 1, Lentz continued fraction otherwise.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** ln Q(a, x), the log of the regularized upper incomplete gamma function. */
export function lnGammaQ(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPrefix = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    // Series for P; Q = 1 − P is not small here, so the subtraction loses nothing that matters.
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < 10_000; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    const p = Math.exp(lnPrefix) * sum;
    return Math.log1p(-Math.min(p, 1));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return lnPrefix + Math.log(h);
}

/** Upper tail P(X ≥ x) of χ² with df degrees of freedom, with its log10 (exact when p underflows). */
export function chiSquareTail(x: number, df: number): { p: number; log10P: number } {
  if (!(df > 0) || !(x >= 0)) return { p: Number.NaN, log10P: Number.NaN };
  const lnQ = lnGammaQ(df / 2, x / 2);
  return { p: Math.exp(lnQ), log10P: lnQ / Math.LN10 };
}

/** "p = 0.0312", "p = 3.2e-8", and "p < 1e-15" below what a user should read as a number. */
export function formatP(p: number | null): string {
  if (p === null || Number.isNaN(p)) return 'p = —';
  if (p < 1e-15) return 'p < 1e-15';
  if (p >= 0.001) return `p = ${Number(p.toPrecision(3))}`;
  return `p = ${p.toExponential(1)}`;
}

export interface IndependenceTest {
  statistic: number | null;
  df: number;
  p: number | null;
  log10P: number | null;
  /** Adjusted standardised residuals (null for dropped rows/columns). */
  residuals: (number | null)[][];
  keptRows: boolean[];
  keptCols: boolean[];
  lowExpectedShare: number;
  /** Cochran's figures over the tested cells: expected below 5, below 1, and the cells tested. */
  lowExpectedCells: number;
  belowOneCells: number;
  cells: number;
  cramersV: number | null;
}

/**
 * Pearson's χ² test of independence. Rows or columns whose total is 0 carry no information and
 * would divide by zero, so the test runs over the non-empty part (the caller reports them).
 */
export function independenceTest(table: readonly (readonly number[])[]): IndependenceTest {
  const R = table.length;
  const C = table[0]?.length ?? 0;
  const rowTot = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTot = Array.from({ length: C }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const N = rowTot.reduce((s, v) => s + v, 0);
  const keptRows = rowTot.map((t) => t > 0);
  const keptCols = colTot.map((t) => t > 0);
  const r = keptRows.filter(Boolean).length;
  const c = keptCols.filter(Boolean).length;
  // Fewer than two non-empty rows or columns: nothing to test ((0−1)·(0−1) is not a df).
  const df = r < 2 || c < 2 ? 0 : (r - 1) * (c - 1);
  const residuals = table.map((row) => row.map(() => null as number | null));
  if (df === 0 || N === 0) {
    return { statistic: null, df, p: null, log10P: null, residuals, keptRows, keptCols, lowExpectedShare: 0, lowExpectedCells: 0, belowOneCells: 0, cells: 0, cramersV: null };
  }
  let stat = 0;
  let low = 0;
  let belowOne = 0;
  for (let i = 0; i < R; i++) {
    if (!keptRows[i]) continue;
    for (let j = 0; j < C; j++) {
      if (!keptCols[j]) continue;
      const e = (rowTot[i]! * colTot[j]!) / N;
      const o = table[i]![j]!;
      stat += ((o - e) * (o - e)) / e;
      if (e < 5) low++;
      if (e < 1) belowOne++;
      const v = e * (1 - rowTot[i]! / N) * (1 - colTot[j]! / N);
      residuals[i]![j] = v > 0 ? (o - e) / Math.sqrt(v) : null;
    }
  }
  const { p, log10P } = chiSquareTail(stat, df);
  const k = Math.min(r, c) - 1;
  return {
    statistic: stat,
    df,
    p,
    log10P,
    residuals,
    keptRows,
    keptCols,
    lowExpectedShare: low / (r * c),
    lowExpectedCells: low,
    belowOneCells: belowOne,
    cells: r * c,
    cramersV: k > 0 ? Math.sqrt(stat / (N * k)) : null,
  };
}
