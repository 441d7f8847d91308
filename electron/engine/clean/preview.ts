import type { CleanPreview, CleanSampleRow } from '../../../shared/contract/clean';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { OpContext, SqlCell, StepPlan } from './plan';

/** Columns a removal preview shows: the operation's own first, then the others up to this many. */
const REMOVAL_COLUMNS = 10;

/**
 * Removed row ids in row order, from `offset`: a removal previews every row it takes (page by
 * page), not only the first few, so what apply deletes is what the user could see.
 */
function removedPage(plan: StepPlan, ctx: OpContext, offset: number, size: number): number[] {
  const removed = plan.removed!;
  const ids = ctx.snapshot.rowIds();
  const out: number[] = [];
  let skipped = 0;
  for (let p = 0; p < ids.length && out.length < size; p++) {
    if (!removed.has(ids[p]!)) continue;
    if (skipped++ < offset) continue;
    out.push(ids[p]!);
  }
  return out;
}

function shownColumns(plan: StepPlan, ctx: OpContext, removal: boolean): ColumnInfo[] {
  const own = ctx.columns.filter((c) => plan.shownKeys.includes(c.key));
  if (!removal) return own;
  // A removed row is shown whole (its other columns tell a repeat order from a true duplicate).
  return [...own, ...ctx.columns.filter((c) => !plan.shownKeys.includes(c.key))].slice(0, Math.max(REMOVAL_COLUMNS, own.length));
}

/** Turns a plan into what the user sees before applying: counts and before/after of affected rows. */
export function previewOf(plan: StepPlan, ctx: OpContext, sampleSize: number, sampleOffset = 0): CleanPreview {
  const removal = plan.removed !== null && plan.removed.size > 0;
  const shown = shownColumns(plan, ctx, removal);
  const ids = removal ? removedPage(plan, ctx, sampleOffset, sampleSize) : plan.sampleRowIds.slice(sampleOffset, sampleOffset + sampleSize);
  const sample: CleanSampleRow[] = [];
  if (ids.length > 0 && shown.length > 0) {
    for (const id of ids) {
      const pos = ctx.snapshot.positionOf(id);
      if (pos === null) continue;
      const before: Record<string, CellValue> = {};
      const after: Record<string, CellValue> = {};
      for (const c of shown) {
        const v = ctx.snapshot.cellAt(c.key, pos) as SqlCell;
        before[c.name] = v;
        const rewrite = plan.rewrites.get(c.key);
        after[c.name] = rewrite ? rewrite(v, id) : v;
      }
      for (const nc of plan.newColumns) after[nc.name] = nc.valueOf(id);
      const keptRow = plan.duplicateOf?.get(id);
      sample.push({ row: id, ...(keptRow !== undefined ? { duplicateOf: keptRow } : {}), before, after: plan.removed?.has(id) ? null : after });
    }
  }
  return {
    totalRows: ctx.rowCount,
    affectedRows: plan.affectedRows,
    removedRows: plan.removedRows,
    columns: [...shown.map((c) => c.name), ...plan.newColumns.map((c) => c.name)],
    sample,
    sampleOffset,
    report: plan.report,
    datasetVersion: ctx.snapshot.version,
  };
}
