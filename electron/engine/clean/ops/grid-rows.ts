import type { CleanOperation } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import { expandRuns, MAX_EDIT_ROWS, runsLength, type RowRun } from '../../../../shared/contract/grid-edits';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type StepPlan } from '../plan';
import { maxRowId } from '../row-layout';

/**
 * The rows a grid step names, as positions in the snapshot, in the step's order. A row id no
 * longer in the dataset (removed by a step since the grid showed it) fails the whole step.
 */
export function positionsOfRuns(ctx: OpContext, runs: readonly RowRun[]): { ids: Int32Array; positions: Int32Array } {
  const n = runsLength(runs);
  if (n > MAX_EDIT_ROWS) {
    throw new KequnError('CLEAN_FAILED', `A grid step covers at most ${MAX_EDIT_ROWS} rows, not ${n}`, {
      zh: `一次表格编辑最多 ${MAX_EDIT_ROWS} 行，这次有 ${n} 行`,
      details: { rows: n, limit: MAX_EDIT_ROWS },
    });
  }
  const ids = new Int32Array(n);
  const positions = new Int32Array(n);
  let i = 0;
  for (const id of expandRuns(runs)) {
    const pos = ctx.snapshot.positionOf(id);
    if (pos === null) {
      throw new KequnError('CLEAN_FAILED', `Row ${id} is no longer in the dataset; reload the table and try again`, {
        zh: `第 ${id} 行已不在数据集中（可能已被删除），请刷新表格后重试`,
        details: { rowId: id },
      });
    }
    ids[i] = id;
    positions[i++] = pos;
  }
  return { ids, positions };
}

type DeleteRowsOp = Extract<CleanOperation, { op: 'deleteRows' }>;

/** Excel's 删除行: the chosen rows leave the dataset (undo brings them back). */
export function planDeleteRows(op: DeleteRowsOp, ctx: OpContext): Promise<StepPlan> {
  const { ids } = positionsOfRuns(ctx, op.rows);
  const removed = new Set(ids);
  const plan = emptyPlan(ctx.columns.slice(0, 1).map((c) => c.key));
  plan.removed = removed;
  plan.removedRows = removed.size;
  plan.affectedRows = removed.size;
  plan.sampleRowIds = [...removed].slice(0, SAMPLE_LIMIT);
  plan.report = { figures: { rows: removed.size } };
  return Promise.resolve(plan);
}

type InsertRowsOp = Extract<CleanOperation, { op: 'insertRows' }>;

/**
 * Excel's 在上方插入行 / 在下方插入行: empty rows at that place in the dataset's row order, with
 * new row ids after the largest in use (the rows around them keep theirs). Every column is
 * rewritten with the rows in their new order, like any step that changes the rows; undo returns
 * to the state before.
 */
export function planInsertRows(op: InsertRowsOp, ctx: OpContext): Promise<StepPlan> {
  const { positions } = positionsOfRuns(ctx, [op.at]);
  const ids = ctx.snapshot.rowIds();
  const n = ids.length;
  const at = positions[0]! + (op.position === 'below' ? 1 : 0);
  const total = n + op.count;
  const sourcePos = new Int32Array(total);
  const rowIds = new Int32Array(total);
  let next = maxRowId(ids);
  const added: number[] = [];
  for (let o = 0; o < total; o++) {
    if (o < at) {
      sourcePos[o] = o;
      rowIds[o] = ids[o]!;
    } else if (o < at + op.count) {
      // -1: no source row, every cell missing.
      sourcePos[o] = -1;
      rowIds[o] = ++next;
      added.push(next);
    } else {
      sourcePos[o] = o - op.count;
      rowIds[o] = ids[o - op.count]!;
    }
  }
  const plan = emptyPlan([]);
  plan.affectedRows = op.count;
  plan.report = { figures: { rowsBefore: n, rowsAfter: total, inserted: op.count, firstNewRow: added[0]!, besideRow: op.at } };
  plan.layout = { sourcePos, rowIds, replaced: new Map(), added: [] };
  return Promise.resolve(plan);
}
