import type { CleanOperation } from '../../../../shared/contract/clean';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';
import { convertCell } from '../value-parse';

type ChangeTypeOp = Extract<CleanOperation, { op: 'changeType' }>;

/**
 * Converts a column to another type. Cells that do not convert keep their original text (so they
 * show as invalid and nothing is lost) and are reported with their rows.
 */
export async function planChangeType(op: ChangeTypeOp, ctx: OpContext): Promise<StepPlan> {
  const col = columnOf(ctx.columns, op.column);
  const data = readColumns(ctx, [col.key]);
  const values = data.values[0]!;
  const plan = emptyPlan([col.key]);
  const n = values.length;
  const results = new Map<number, SqlCell>();
  const changed: number[] = [];
  const failedSamples: { row: number; value: string }[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, n);
    const v = values[i]!;
    const r = convertCell(v, col.type, op.type);
    if (!r.ok) {
      failed++;
      if (failedSamples.length < 100) failedSamples.push({ row: data.rowIds[i]!, value: String(v) });
      continue;
    }
    if (r.value !== v) {
      results.set(data.rowIds[i]!, r.value);
      changed.push(i);
    }
  }
  plan.rewrites.set(col.key, (v, rowId) => (results.has(rowId) ? results.get(rowId)! : v));
  plan.typeChanges.set(col.key, op.type);
  plan.affectedRows = changed.length;
  plan.sampleRowIds = changed.slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  plan.report = { failedCells: failed, failedSamples };
  return plan;
}
