import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { ColumnStats, DistinctValue, FilterSpec, HistogramBin } from '../../../shared/contract/rows';
import type { EngineContext } from '../host/context';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import { filterMask } from './filter-eval';
import { toCell } from './page-reader';
import { compareCells } from './sort-order';

const STEPS = 3;

/**
 * Column statistics over the rows a set of filters leaves. Numeric figures use the valid
 * numeric cells only (dates as epoch ms, booleans as 0/1); text columns get counts and top
 * values. The median is exact (selection, not a sort).
 */
export async function columnStats(ctx: EngineContext, snapshot: DatasetSnapshot, key: string, filters: readonly FilterSpec[], bins: number, top: number): Promise<ColumnStats> {
  const col = snapshot.column(key);
  const src = snapshot.source(col.key);
  ctx.progress(0, STEPS, 'stats');
  const mask = filterMask(snapshot, filters);
  await ctx.checkpoint();
  const nums = src.info.numbers > 0 ? src.numbers() : null;
  const texts = src.info.texts > 0 ? src.texts() : null;
  const numeric = col.type !== 'text';
  let rows = 0;
  let missing = 0;
  let textCells = 0;
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const values: number[] = [];
  const byNumber = new Map<number, number>();
  const textCounts = texts ? new Uint32Array(texts.labels.length) : null;
  for (let p = 0; p < snapshot.rowCount; p++) {
    if (mask && mask[p] === 0) continue;
    rows++;
    const v = nums ? nums[p]! : NaN;
    if (v === v) {
      byNumber.set(v, (byNumber.get(v) ?? 0) + 1);
      if (numeric) {
        values.push(v);
        sum += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    } else if (texts && texts.codes[p]! >= 0) {
      textCells++;
      textCounts![texts.codes[p]!]!++;
    } else missing++;
  }
  ctx.progress(1, STEPS, 'stats');
  await ctx.checkpoint();
  const n = values.length;
  const hasNumbers = numeric && n > 0;
  const median = hasNumbers ? medianOf(Float64Array.from(values)) : null;
  let distinct = byNumber.size;
  const counted: DistinctValue[] = [...byNumber].map(([v, c]) => ({ value: toCell(v, col), count: c }));
  if (textCounts) {
    for (let c = 0; c < textCounts.length; c++) {
      if (textCounts[c] === 0) continue;
      distinct++;
      counted.push({ value: texts!.labels[c]!, count: textCounts[c]! });
    }
  }
  const topValues = top === 0 ? [] : counted.sort((a, b) => b.count - a.count || compareCells(a.value, b.value)).slice(0, top);
  ctx.progress(2, STEPS, 'stats');
  await ctx.checkpoint();
  const histogram = hasNumbers ? histogramOf(col, values, lo, hi, bins) : [];
  ctx.progress(STEPS, STEPS, 'stats');
  return {
    column: col.key,
    rows,
    count: rows - missing,
    missing,
    empty: 0,
    invalid: col.type === 'text' ? 0 : textCells,
    distinct,
    min: hasNumbers ? lo : null,
    max: hasNumbers ? hi : null,
    mean: hasNumbers ? sum / n : null,
    median,
    sum: hasNumbers ? sum : null,
    topValues,
    histogram,
  };
}

/** The k-th smallest value (Hoare's selection), in place. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >>> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** The middle value (mean of the two middle values for an even count). */
export function medianOf(values: Float64Array): number {
  const n = values.length;
  const upper = select(values, n >>> 1);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < n >>> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/**
 * Equal-width bins over [lo, hi]; integer columns with a narrow range get one bin per value so
 * bars sit on whole numbers. The top bin includes hi.
 */
function histogramOf(col: ColumnInfo, values: readonly number[], lo: number, hi: number, bins: number): HistogramBin[] {
  let k = bins;
  let width: number;
  if (hi === lo) {
    k = 1;
    width = 1;
  } else if ((col.type === 'integer' || col.type === 'boolean') && Number.isInteger(lo) && Number.isInteger(hi) && hi - lo + 1 <= bins) {
    k = hi - lo + 1;
    width = 1;
  } else {
    width = (hi - lo) / k;
  }
  const counts = new Array<number>(k).fill(0);
  for (const v of values) counts[Math.max(0, Math.min(k - 1, Math.floor((v - lo) / width)))]! += 1;
  return counts.map((count, i) => ({ from: lo + i * width, to: i === k - 1 && width !== 1 ? hi : lo + (i + 1) * width, count }));
}
