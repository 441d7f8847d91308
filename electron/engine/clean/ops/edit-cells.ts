import type { CleanOperation } from '../../../../shared/contract/clean';
import { MAX_EDIT_CELLS } from '../../../../shared/contract/grid-edits';
import { KequnError } from '../../../../shared/contract/errors';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, tick, TICK_EVERY } from '../table-data';
import { coerceForColumn } from './coerce';
import { positionsOfRuns } from './grid-rows';

type EditCellsOp = Extract<CleanOperation, { op: 'editCells' }>;

/**
 * A typed value as the column stores it: text converted to the column's type as on import
 * ("1,234" → 1234 in an amount column, "2024/3/5" → a date); text that does not convert stays
 * text (an invalid cell, nothing lost); empty → missing.
 */
function storedValue(col: ColumnInfo, input: string | number | null): { value: SqlCell; failed: boolean } {
  if (input === null) return { value: null, failed: false };
  if (typeof input === 'number') return col.type === 'text' ? { value: String(input), failed: false } : { value: input, failed: false };
  const value = coerceForColumn(col.type, input);
  return { value, failed: col.type !== 'text' && typeof value === 'string' };
}

/**
 * Cells typed or pasted in the grid: a block of rows (by row id) × columns. Only cells whose
 * value changes count as affected; cells that do not fit the column's type are reported.
 */
export async function planEditCells(op: EditCellsOp, ctx: OpContext): Promise<StepPlan> {
  const cols = op.columns.map((r) => columnOf(ctx.columns, r));
  const { ids, positions } = positionsOfRuns(ctx, op.rows);
  const width = cols.length;
  if (op.values.length !== ids.length || op.values.some((row) => row.length !== width)) {
    throw new KequnError('CLEAN_FAILED', `The pasted block is not ${ids.length} rows × ${width} columns`, {
      zh: `粘贴的数据块不是 ${ids.length} 行 × ${width} 列`,
      details: { rows: ids.length, columns: width },
    });
  }
  if (ids.length * width > MAX_EDIT_CELLS) {
    throw new KequnError('CLEAN_FAILED', `One paste writes at most ${MAX_EDIT_CELLS} cells; import larger blocks as a dataset`, {
      zh: `一次粘贴最多写入 ${MAX_EDIT_CELLS} 个单元格；更大的数据请作为数据集导入`,
      details: { cells: ids.length * width, limit: MAX_EDIT_CELLS },
    });
  }
  const before = ctx.snapshot.rows(positions, cols.map((c) => c.key));
  const results = cols.map(() => new Map<number, SqlCell>());
  const changed: number[] = [];
  const failedSamples: { row: number; value: string }[] = [];
  let failed = 0;
  let cells = 0;
  for (let i = 0; i < ids.length; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, ids.length);
    let rowChanged = false;
    for (let j = 0; j < width; j++) {
      const input = op.values[i]![j]!;
      const { value, failed: bad } = storedValue(cols[j]!, input);
      if (bad) {
        failed++;
        if (failedSamples.length < 100) failedSamples.push({ row: ids[i]!, value: String(input) });
      }
      if (value !== before[i]![j]) {
        results[j]!.set(ids[i]!, value);
        cells++;
        rowChanged = true;
      }
    }
    if (rowChanged) changed.push(ids[i]!);
  }
  const plan = emptyPlan(cols.map((c) => c.key));
  cols.forEach((c, j) => {
    const map = results[j]!;
    if (map.size > 0) plan.rewrites.set(c.key, (v, rowId) => (map.has(rowId) ? map.get(rowId)! : v));
  });
  plan.affectedRows = new Set(changed).size;
  plan.sampleRowIds = changed.slice(0, SAMPLE_LIMIT);
  plan.report = { failedCells: failed, failedSamples, figures: { cells } };
  return plan;
}
