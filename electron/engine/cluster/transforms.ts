import type { ClusterTransform } from '../../../shared/contract/cluster';
import { KequnError } from '../../../shared/contract/errors';

/**
 * Per-feature transforms, fitted on the training rows and stored with the model so that scoring
 * applies exactly the same numbers:
 * - log1p: ln(1 + x), for skewed money amounts; needs every value > −1.
 * - zscore: (x − mean) / sd, population sd (ddof 0, as scikit-learn's StandardScaler).
 * - minmax: (x − min) / (max − min).
 * - robust: (x − median) / IQR, quartiles by linear interpolation (numpy's default, as RobustScaler).
 * A chain (e.g. log1p then zscore) fits each step on the output of the previous one.
 */
export type FittedParams = Record<string, number>;

export function fitChain(column: string, transforms: ClusterTransform[], values: Float64Array): FittedParams[] {
  let current = values;
  const fitted: FittedParams[] = [];
  for (const t of transforms) {
    const params = fitOne(column, t, current);
    fitted.push(params);
    current = current.map((v) => applyOne(t, params, v));
  }
  return fitted;
}

/**
 * Fits the chain on `values` and transforms them in place (what fitChain computes on the way,
 * without a second pass; the caller's own copy): each step runs over the whole column with the
 * same arithmetic as applyChain, so the result equals applyChain cell by cell.
 */
export function fitAndApplyInPlace(column: string, transforms: ClusterTransform[], values: Float64Array): FittedParams[] {
  const fitted: FittedParams[] = [];
  for (const t of transforms) {
    const params = fitOne(column, t, values);
    fitted.push(params);
    applyInPlace(t, params, values);
  }
  return fitted;
}

/** applyChain over a whole column, in place. */
export function applyChainInPlace(transforms: ClusterTransform[], fitted: FittedParams[], column: Float64Array): void {
  transforms.forEach((t, i) => applyInPlace(t, fitted[i] ?? {}, column));
}

/** One step over a column: the loop per transform, so the per-cell work is a single expression. */
function applyInPlace(t: ClusterTransform, p: FittedParams, x: Float64Array): void {
  const n = x.length;
  switch (t) {
    case 'none':
      return;
    case 'log1p':
      for (let i = 0; i < n; i++) x[i] = Math.log1p(x[i]!);
      return;
    case 'zscore': {
      const mean = p.mean!;
      const sd = p.sd!;
      for (let i = 0; i < n; i++) x[i] = (x[i]! - mean) / sd;
      return;
    }
    case 'minmax': {
      const min = p.min!;
      const range = p.max! - min;
      for (let i = 0; i < n; i++) x[i] = (x[i]! - min) / range;
      return;
    }
    case 'robust': {
      const median = p.median!;
      const iqr = p.iqr!;
      for (let i = 0; i < n; i++) x[i] = (x[i]! - median) / iqr;
      return;
    }
  }
}

export function applyChain(transforms: ClusterTransform[], fitted: FittedParams[], v: number): number {
  let x = v;
  transforms.forEach((t, i) => (x = applyOne(t, fitted[i] ?? {}, x)));
  return x;
}

function applyOne(t: ClusterTransform, p: FittedParams, v: number): number {
  switch (t) {
    case 'none':
      return v;
    case 'log1p':
      return Math.log1p(v);
    case 'zscore':
      return (v - p.mean!) / p.sd!;
    case 'minmax':
      return (v - p.min!) / (p.max! - p.min!);
    case 'robust':
      return (v - p.median!) / p.iqr!;
  }
}

function fitOne(column: string, t: ClusterTransform, values: Float64Array): FittedParams {
  switch (t) {
    case 'none':
      return {};
    case 'log1p': {
      let min = Infinity;
      for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!;
      if (min <= -1) {
        throw invalid(column, `log1p needs values greater than −1, but "${column}" has ${min}`, `log1p 变换要求数值大于 −1，但列“${column}”含有 ${min}`);
      }
      return {};
    }
    case 'zscore': {
      // Indexed loops: this code runs once per column (cold), where for…of over a typed array is slow.
      const n = values.length;
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[i]!;
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (values[i]! - mean) * (values[i]! - mean);
      const sd = Math.sqrt(ss / n);
      if (!(sd > 0)) throw constant(column);
      return { mean, sd };
    }
    case 'minmax': {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (!(max > min)) throw constant(column);
      return { min, max };
    }
    case 'robust': {
      const sorted = Float64Array.from(values).sort();
      const median = quantile(sorted, 0.5);
      const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
      if (!(iqr > 0)) {
        throw invalid(
          column,
          `The robust transform divides by the interquartile range, which is 0 for "${column}": choose z-score or min-max`,
          `稳健缩放需要除以四分位距，而列“${column}”的四分位距为 0：请改用 Z 分数或最小-最大缩放`,
        );
      }
      return { median, iqr };
    }
  }
}

/** Quantile of sorted values with linear interpolation between order statistics. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function constant(column: string): KequnError {
  return invalid(column, `Column "${column}" has the same value in every row and cannot separate clusters: remove it`, `列“${column}”在所有行中取值相同，无法区分客群：请移除该列`);
}

export function invalid(column: string, en: string, zh: string): KequnError {
  return new KequnError('KMEANS_INVALID', en, { zh, details: { column } });
}
