import type { CleanPreview, CleanSampleRow } from '../../../shared/contract/clean';
import type { CellValue } from '../../../shared/contract/json';
import type { OpContext, SqlCell, StepPlan } from './plan';

/** Turns a plan into what the user sees before applying: counts and before/after of sample rows. */
export function previewOf(plan: StepPlan, ctx: OpContext, sampleSize: number): CleanPreview {
  const shown = ctx.columns.filter((c) => plan.shownKeys.includes(c.key));
  const ids = plan.sampleRowIds.slice(0, sampleSize);
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
      sample.push({ row: id, before, after: plan.removed?.has(id) ? null : after });
    }
  }
  return {
    totalRows: ctx.rowCount,
    affectedRows: plan.affectedRows,
    removedRows: plan.removedRows,
    columns: [...shown.map((c) => c.name), ...plan.newColumns.map((c) => c.name)],
    sample,
    report: plan.report,
  };
}
