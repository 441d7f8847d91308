import type { CleanOperation } from '../../../../shared/contract/clean';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { KequnError } from '../../../../shared/contract/errors';
import { emptyPlan, NUMERIC_TYPES, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, isBlank, readColumns, tick, TICK_EVERY } from '../table-data';
import { coerceForColumn } from './coerce';

type MissingOp = Extract<CleanOperation, { op: 'missing' }>;

export function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function numbersOf(values: SqlCell[]): Float64Array {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number') out.push(v);
  return Float64Array.from(out);
}

/** The single fill value of constant/mean/median/mode for one column. */
function fillValue(op: MissingOp, col: ColumnInfo, values: SqlCell[]): SqlCell {
  const needNumeric = op.action === 'mean' || op.action === 'median';
  if (needNumeric && (col.type === 'text' || col.type === 'boolean')) {
    throw new KequnError('CLEAN_FAILED', `${op.action} needs a number or date column: ${col.name}`, {
      zh: `${op.action === 'mean' ? '均值' : '中位数'}填充只适用于数值或日期列：${col.name}`,
      details: { column: col.name },
    });
  }
  if (op.action === 'constant') {
    if (op.value === undefined) {
      throw new KequnError('CLEAN_FAILED', 'Fill with a constant needs a value', { zh: '常量填充需要填写一个值' });
    }
    const v = typeof op.value === 'number' ? op.value : coerceForColumn(col.type, op.value);
    if (typeof v === 'string' && NUMERIC_TYPES.has(col.type)) {
      throw new KequnError('CLEAN_FAILED', `"${op.value}" is not a valid value for ${col.type} column ${col.name}`, {
        zh: `"${op.value}" 不是列「${col.name}」的有效值`,
        details: { column: col.name, value: String(op.value) },
      });
    }
    return v;
  }
  if (op.action === 'mean') {
    const nums = numbersOf(values);
    if (nums.length === 0) return null;
    let s = 0;
    for (const x of nums) s += x;
    const mean = s / nums.length;
    return col.type === 'integer' ? Math.round(mean) : mean;
  }
  if (op.action === 'median') {
    const nums = numbersOf(values).sort();
    return nums.length === 0 ? null : median(nums);
  }
  // mode: the most frequent non-empty value; ties go to the one seen first.
  const counts = new Map<SqlCell, number>();
  let best: SqlCell = null;
  let bestCount = 0;
  for (const v of values) {
    if (isBlank(v)) continue;
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Drops rows with an empty cell in the chosen columns, or fills those cells. */
export async function planMissing(op: MissingOp, ctx: OpContext): Promise<StepPlan> {
  const cols = op.columns.map((r) => columnOf(ctx.columns, r));
  const keys = cols.map((c) => c.key);
  const data = readColumns(ctx, keys);
  const plan = emptyPlan(keys);
  const n = data.rowIds.length;
  const affected = new Set<number>();
  for (let j = 0; j < cols.length; j++) {
    const values = data.values[j]!;
    for (let i = 0; i < n; i++) {
      if (i % TICK_EVERY === 0) await tick(ctx, i, n);
      if (isBlank(values[i]!)) affected.add(i);
    }
  }
  const affectedSorted = [...affected].sort((a, b) => a - b);
  plan.affectedRows = affected.size;
  plan.sampleRowIds = affectedSorted.slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  if (op.action === 'drop') {
    plan.removed = new Set(affectedSorted.map((i) => data.rowIds[i]!));
    plan.removedRows = plan.removed.size;
    return plan;
  }
  const figures: Record<string, number | string | null> = {};
  for (let j = 0; j < cols.length; j++) {
    const col = cols[j]!;
    const values = data.values[j]!;
    if (op.action === 'previous') {
      // Carry the last non-empty value down in row order (rows before the first value stay empty).
      const filled = new Map<number, SqlCell>();
      let last: SqlCell = null;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (isBlank(v)) {
          if (last !== null) filled.set(data.rowIds[i]!, last);
        } else last = v;
      }
      plan.rewrites.set(col.key, (v, rowId) => (filled.has(rowId) ? filled.get(rowId)! : v));
    } else {
      const fill = fillValue(op, col, values);
      figures[col.name] = fill;
      plan.rewrites.set(col.key, (v) => (isBlank(v) ? fill : v));
    }
  }
  plan.report.figures = figures;
  return plan;
}
