import type { CleanOperation } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';

type OutliersOp = Extract<CleanOperation, { op: 'outliers' }>;

/** Quantile with linear interpolation between closest ranks (Excel QUARTILE.INC / PERCENTILE.INC). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Bounds of "normal" values: IQR rule (Q1 − k·IQR, Q3 + k·IQR) or z-score (mean ± k·sd). */
export function outlierBounds(nums: Float64Array, method: 'iqr' | 'zscore', k: number): { lo: number; hi: number } {
  if (method === 'iqr') {
    const sorted = Float64Array.from(nums).sort();
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    return { lo: q1 - k * (q3 - q1), hi: q3 + k * (q3 - q1) };
  }
  let s = 0;
  for (const x of nums) s += x;
  const mean = s / nums.length;
  let ss = 0;
  for (const x of nums) ss += (x - mean) ** 2;
  const sd = nums.length > 1 ? Math.sqrt(ss / (nums.length - 1)) : 0;
  return { lo: mean - k * sd, hi: mean + k * sd };
}

/** Flags, caps (winsorises) or removes values outside the bounds of one numeric column. */
export async function planOutliers(op: OutliersOp, ctx: OpContext): Promise<StepPlan> {
  const col = columnOf(ctx.columns, op.column);
  if (col.type === 'text' || col.type === 'boolean') {
    throw new KequnError('CLEAN_FAILED', `Outliers need a number column: ${col.name}`, {
      zh: `异常值处理只适用于数值列：${col.name}`,
      details: { column: col.name },
    });
  }
  const data = readColumns(ctx, [col.key]);
  const values = data.values[0]!;
  const nums: number[] = [];
  for (const v of values) if (typeof v === 'number') nums.push(v);
  if (nums.length < 3) {
    throw new KequnError('CLEAN_FAILED', `Too few numbers in ${col.name} to find outliers`, {
      zh: `列「${col.name}」的数值太少，无法判断异常值`,
      details: { column: col.name },
    });
  }
  const k = op.threshold ?? (op.method === 'iqr' ? 1.5 : 3);
  const { lo, hi } = outlierBounds(Float64Array.from(nums), op.method, k);
  const plan = emptyPlan([col.key]);
  const outside = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, values.length);
    const v = values[i];
    if (typeof v === 'number' && (v < lo || v > hi)) outside.add(data.rowIds[i]!);
  }
  plan.affectedRows = outside.size;
  plan.sampleRowIds = data.rowIds.filter((id) => outside.has(id)).slice(0, SAMPLE_LIMIT);
  plan.report.figures = { lower: lo, upper: hi, threshold: k };
  if (op.action === 'remove') {
    plan.removed = outside;
    plan.removedRows = outside.size;
  } else if (op.action === 'cap') {
    plan.rewrites.set(col.key, (v) => (typeof v === 'number' ? Math.min(hi, Math.max(lo, v)) : v));
  } else {
    plan.newColumns.push({
      name: `${col.name}·异常`,
      type: 'boolean',
      valueOf: (rowId) => (outside.has(rowId) ? 1 : 0),
    });
  }
  return plan;
}
