import type { CleanOperation } from '../../../../shared/contract/clean';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';
import { normalizeText } from '../text-normalize';

type TextOp = Extract<CleanOperation, { op: 'text' }>;

/** Trim/collapse spaces, 全角→半角 and case on the text cells of the chosen columns. */
export async function planText(op: TextOp, ctx: OpContext): Promise<StepPlan> {
  const keys = op.columns.map((r) => columnOf(ctx.columns, r).key);
  const data = readColumns(ctx, keys);
  const plan = emptyPlan(keys);
  const changed = new Set<number>();
  const n = data.rowIds.length;
  for (let j = 0; j < keys.length; j++) {
    const col = data.values[j]!;
    // Results are kept by row so apply does not normalise every cell a second time.
    const results = new Map<number, string | null>();
    for (let i = 0; i < n; i++) {
      if (i % TICK_EVERY === 0) await tick(ctx, i, n);
      const v = col[i];
      if (typeof v !== 'string') continue;
      const t = normalizeText(v, op);
      if (t !== v) {
        changed.add(i);
        results.set(data.rowIds[i]!, t === '' ? null : t);
      }
    }
    plan.rewrites.set(keys[j]!, (v, rowId) => {
      const t = results.get(rowId);
      return t === undefined ? v : t;
    });
  }
  plan.affectedRows = changed.size;
  plan.sampleRowIds = [...changed].sort((a, b) => a - b).slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  return plan;
}
