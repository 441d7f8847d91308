import type { CleanOperation, CleanStep } from '../../../shared/contract/clean';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { Work } from '../host/work';
import type { ColumnBuilder } from '../store/column-builder';
import type { ColumnSource } from '../store/column-source';
import { newColumnStates } from '../store/column-writer';
import type { ColumnState, DatasetState } from '../store/datasets-table';
import type { OpContext, StepPlan } from './plan';
import { TICK_EVERY } from './table-data';
import { recordStep } from './versions';

/**
 * The rows of a step that makes rows (split into rows, a merge where a key matches several rows):
 * output row i copies the source row at `sourcePos[i]`, except for the columns the step replaces
 * and the ones it adds. Row ids: the first row made from a source row keeps that row's id and the
 * further ones get new ids after the largest in use, so undo can carry columns added later back
 * to the original rows by id (the first item's value), as it does for any step.
 */
export interface RowLayout {
  sourcePos: Int32Array;
  rowIds: Int32Array;
  /** Source columns whose cells the step gives per output row (the split column). */
  replaced: Map<string, (i: number) => CellValue>;
  /** Cells of the plan's new columns per output row, in the order of `plan.newColumns`. */
  added: ((i: number) => CellValue)[];
}

/** The largest row id in use, so new rows can be numbered after it. */
export function maxRowId(ids: Int32Array): number {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  return max;
}

/**
 * Builds a layout's positions and ids from how many rows each source row becomes (0 drops it).
 * Rows stay in source order, the copies of a row next to each other.
 */
export function layoutFromCounts(ids: Int32Array, counts: Int32Array | Uint32Array, total: number): { sourcePos: Int32Array; rowIds: Int32Array } {
  const sourcePos = new Int32Array(total);
  const rowIds = new Int32Array(total);
  let next = maxRowId(ids);
  let o = 0;
  for (let p = 0; p < counts.length; p++) {
    const k = counts[p]!;
    for (let j = 0; j < k; j++) {
      sourcePos[o] = p;
      rowIds[o] = j === 0 ? ids[p]! : ++next;
      o++;
    }
  }
  return { sourcePos, rowIds };
}

/**
 * Copies a column's cells at the given positions into a builder. Positions mostly rise (copies of
 * a row sit together), so each chunk is decoded once; any order is correct, only slower.
 */
export async function gatherInto(builder: ColumnBuilder, src: ColumnSource, positions: Int32Array, tick: (i: number) => Promise<void>): Promise<void> {
  let r = 0;
  for (const v of src.cellsAt(positions)) {
    if (r % TICK_EVERY === 0) await tick(r);
    r++;
    if (v === null) builder.appendMissing();
    else if (typeof v === 'number') builder.appendNumber(v);
    else builder.appendText(v);
  }
}

/**
 * Writes a layout step: every column anew (the rows changed), the row ids, then the step record.
 * Like every step it writes new column data and keeps the state before, so undo is a switch.
 */
export async function applyLayout(work: Work, ctx: OpContext, operation: CleanOperation, plan: StepPlan, layout: RowLayout): Promise<CleanStep> {
  const snap = ctx.snapshot;
  const before = snap.state;
  const n = layout.sourcePos.length;
  const staged = work.stage();
  const total = Math.max(1, n * (before.columns.length + plan.newColumns.length + 1));
  let base = 0;
  const tick = async (i: number): Promise<void> => {
    if (i === 0) return;
    ctx.progress(base + i, total, 'write');
    await work.checkpoint();
  };
  const writeWith = async (fill: (b: ColumnBuilder) => Promise<void>): Promise<number> => {
    const { dataId, builder } = staged.column();
    await fill(builder);
    staged.finish(dataId, builder);
    base += n;
    return dataId;
  };
  const fromValues = (valueAt: (i: number) => CellValue) => async (b: ColumnBuilder) => {
    for (let i = 0; i < n; i++) {
      if (i % TICK_EVERY === 0) await tick(i);
      b.append(valueAt(i));
    }
  };
  const columns: ColumnState[] = [];
  for (const c of before.columns) {
    const replaced = layout.replaced.get(c.key);
    const type: ColumnType = plan.typeChanges.get(c.key) ?? c.type;
    const dataId = await writeWith(replaced ? fromValues(replaced) : (b) => gatherInto(b, snap.source(c.key), layout.sourcePos, tick));
    columns.push({ ...c, type, dataId });
  }
  const addedData: number[] = [];
  for (const valueAt of layout.added) addedData.push(await writeWith(fromValues(valueAt)));
  const added = newColumnStates(
    columns,
    plan.newColumns.map((nc) => ({ name: nc.name, originalHeader: null, type: nc.type, format: nc.format ?? null })),
    addedData,
  );
  const rowIds = await writeWith(async (b) => {
    for (let i = 0; i < n; i++) b.appendNumber(layout.rowIds[i]!);
  });
  ctx.progress(total, total, 'write');
  const after: DatasetState = { columns: [...columns, ...added], rowIds, rowCount: n };
  return recordStep(work, ctx, operation, plan, after);
}
