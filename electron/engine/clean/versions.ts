import type { CleanHistory, CleanOperation, CleanStep } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { Work } from '../host/work';
import { newColumnStates } from '../store/column-writer';
import type { ColumnState, DatasetState } from '../store/datasets-table';
import type { ProjectStore } from '../store/project-store';
import type { StepRecord } from '../store/tables/steps-table';
import type { OpContext, StepPlan } from './plan';
import { TICK_EVERY } from './table-data';

/**
 * Cleaning steps never edit data in place. A step writes the columns it changes as new column
 * data (all columns when it removes rows) and points the dataset at them; the step record keeps
 * the dataset state on both sides, so the imported original stays byte for byte, undo and redo
 * only switch pointers (constant time whatever the row count), and columns a step does not touch
 * are shared by every state. Applying a step after an undo drops the states that can no longer
 * be redone (their data is collected when nothing else refers to it).
 */
export async function applyPlan(work: Work, ctx: OpContext, operation: CleanOperation, plan: StepPlan): Promise<CleanStep> {
  const snap = ctx.snapshot;
  const before = snap.state;
  const ids = snap.rowIds();
  const removed = plan.removed && plan.removed.size > 0 ? plan.removed : null;
  const kept: number[] = [];
  for (let p = 0; p < before.rowCount; p++) if (!removed || !removed.has(ids[p]!)) kept.push(p);
  const staged = work.stage();
  let written = 0;
  const total = Math.max(1, kept.length * (before.columns.length + plan.newColumns.length));
  const writeColumn = async (valueAt: (pos: number, rowId: number) => CellValue): Promise<number> => {
    const { dataId, builder } = staged.column();
    for (let i = 0; i < kept.length; i++) {
      const p = kept[i]!;
      builder.append(valueAt(p, ids[p]!));
      if (++written % TICK_EVERY === 0) {
        ctx.progress(written, total, 'write');
        await work.checkpoint();
      }
    }
    staged.finish(dataId, builder);
    return dataId;
  };
  const columns: ColumnState[] = [];
  for (const c of before.columns) {
    const rewrite = plan.rewrites.get(c.key);
    const type = plan.typeChanges.get(c.key) ?? c.type;
    const labels = plan.labelChanges.has(c.key) ? { labels: plan.labelChanges.get(c.key) ?? null } : {};
    if (!rewrite && !removed) {
      columns.push({ ...c, type, ...labels });
      continue;
    }
    const src = snap.source(c.key);
    const dataId = await writeColumn(rewrite ? (p, id) => rewrite(src.cellAt(p) as string | number | null, id) : (p) => src.cellAt(p));
    columns.push({ ...c, type, dataId, ...labels });
  }
  const addedData: number[] = [];
  for (const nc of plan.newColumns) addedData.push(await writeColumn((_p, id) => nc.valueOf(id)));
  const added = newColumnStates(
    columns,
    plan.newColumns.map((nc) => ({ name: nc.name, originalHeader: null, type: nc.type, format: nc.format ?? null })),
    addedData,
  );
  let rowIds = before.rowIds;
  if (removed) {
    const { dataId, builder } = staged.column();
    for (const p of kept) builder.appendNumber(ids[p]!);
    staged.finish(dataId, builder);
    rowIds = dataId;
  }
  const after: DatasetState = { columns: [...columns, ...added], rowIds, rowCount: kept.length };
  ctx.progress(total, total, 'write');
  return recordStep(work, ctx, operation, plan, after);
}

/** Commits a step's new state and its record (both states, for undo and redo) in one transaction. */
export function recordStep(work: Work, ctx: OpContext, operation: CleanOperation, plan: StepPlan, after: DatasetState): CleanStep {
  const before = ctx.snapshot.state;
  const store = work.store;
  work.replacesWhole(ctx.snapshot);
  const stepId = work.commit(() => {
    // Steps that were undone can no longer be redone once a new step is applied.
    store.tables.steps.deleteUndone(ctx.datasetId);
    store.datasets.setState(ctx.datasetId, after);
    return store.tables.steps.insert({
      datasetId: ctx.datasetId,
      seq: store.tables.steps.maxSeq(ctx.datasetId) + 1,
      operation,
      report: plan.report,
      affectedRows: plan.affectedRows,
      rowsBefore: before.rowCount,
      rowsAfter: after.rowCount,
      before,
      after,
    });
  });
  store.collectGarbage();
  return store.tables.steps.get(stepId)!;
}

export function history(store: ProjectStore, datasetId: string): CleanHistory {
  const steps = store.tables.steps.list(datasetId);
  return {
    datasetId,
    steps: steps.map(toStep),
    canUndo: steps.some((r) => r.state === 'applied'),
    canRedo: steps.some((r) => r.state === 'undone'),
  };
}

function toStep(r: StepRecord): CleanStep {
  const { datasetId: _d, before: _b, after: _a, ...step } = r;
  return step;
}

/**
 * The state to switch to, keeping the columns added outside cleaning since `from` was recorded
 * (segment labels, formula columns): by data when the rows are the same, else by row id (rows
 * the other state lacks get no value).
 */
function withExtras(store: ProjectStore, datasetId: string, from: DatasetState, to: DatasetState): DatasetState {
  const current = store.datasets.state(datasetId);
  const recorded = new Set(from.columns.map((c) => c.key));
  const extras = current.columns.filter((c) => !recorded.has(c.key));
  if (extras.length === 0) return to;
  const sameRows = current.rowIds === to.rowIds && current.rowCount === to.rowCount;
  const carried = extras.map((c) => {
    if (sameRows) return c;
    const snap = store.snapshot(datasetId);
    const src = snap.source(c.key);
    const targetIds = to.rowIds === null ? null : store.source(to.rowIds).numbers();
    const { builders, finish } = store.columnBuilders(1);
    for (let i = 0; i < to.rowCount; i++) {
      const id = targetIds ? targetIds[i]! : i + 1;
      const p = snap.positionOf(id);
      builders[0]!.append(p === null ? null : src.cellAt(p));
    }
    return { ...c, dataId: finish()[0]! };
  });
  return { ...to, columns: [...to.columns, ...carried] };
}

/**
 * Number formats are display settings chosen on the dataset, not data a step made: undo and redo
 * keep the formats the columns have now.
 */
function withCurrentFormats(store: ProjectStore, datasetId: string, to: DatasetState): DatasetState {
  const formats = new Map(store.datasets.state(datasetId).columns.map((c) => [c.key, c.format]));
  return { ...to, columns: to.columns.map((c) => (formats.has(c.key) ? { ...c, format: formats.get(c.key)! } : c)) };
}

export function undoLast(store: ProjectStore, datasetId: string): boolean {
  const last = store.tables.steps.list(datasetId).filter((r) => r.state === 'applied').pop();
  if (!last) return false;
  const rows = store.datasets.state(datasetId).rowCount;
  if (rows !== last.rowsAfter) {
    // Rows were appended (import.append) or removed outside cleaning: undo would lose them.
    throw new KequnError('CLEAN_FAILED', `The dataset has ${rows} rows, not the ${last.rowsAfter} this step left; undo would lose rows added since`, {
      zh: `数据集现有 ${rows} 行，与该步骤完成时的 ${last.rowsAfter} 行不同；撤销会丢失之后追加的行`,
      details: { rows, expected: last.rowsAfter },
    });
  }
  store.write(() => {
    store.datasets.setState(datasetId, withCurrentFormats(store, datasetId, withExtras(store, datasetId, last.after, last.before)));
    store.tables.steps.setState(last.id, 'undone');
  });
  return true;
}

export function redoNext(store: ProjectStore, datasetId: string): boolean {
  const next = store.tables.steps.list(datasetId).find((r) => r.state === 'undone');
  if (!next) return false;
  const current = store.datasets.state(datasetId).columns.map((c) => c.key);
  const expected = new Set(next.before.columns.map((c) => c.key));
  if (current.some((k) => !expected.has(k))) {
    // Columns were added after the undo; the redone state would not hold them consistently.
    throw new KequnError('CLEAN_FAILED', 'The dataset changed after the undo; this step can no longer be redone', {
      zh: '撤销后数据集已有改动，无法再重做这一步',
    });
  }
  store.write(() => {
    store.datasets.setState(datasetId, withCurrentFormats(store, datasetId, next.after));
    store.tables.steps.setState(next.id, 'applied');
  });
  return true;
}

/** Undoes every applied step after `toSeq` in one transaction (0 = the imported original). */
export function revertTo(store: ProjectStore, datasetId: string, toSeq: number): void {
  store.write(() => {
    for (;;) {
      const last = store.tables.steps.list(datasetId).filter((r) => r.state === 'applied').pop();
      if (!last || last.seq <= toSeq) break;
      undoLast(store, datasetId);
    }
  });
}
