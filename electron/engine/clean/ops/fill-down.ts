import type { CleanOperation } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type StepPlan } from '../plan';
import { columnOf, tick, TICK_EVERY } from '../table-data';
import { positionsOfRuns } from './grid-rows';

type FillDownOp = Extract<CleanOperation, { op: 'fillDown' }>;

/**
 * Excel's fill down (Ctrl+D): the first row's value in each chosen column is copied into every
 * following row of the list, whatever it held (missing and invalid cells included).
 */
export async function planFillDown(op: FillDownOp, ctx: OpContext): Promise<StepPlan> {
  const cols = op.columns.map((r) => columnOf(ctx.columns, r));
  const { ids, positions } = positionsOfRuns(ctx, op.rows);
  if (ids.length < 2) {
    throw new KequnError('CLEAN_FAILED', 'Fill down needs the source row and at least one row below it', {
      zh: '向下填充需要来源行和其下至少一行',
    });
  }
  const keys = cols.map((c) => c.key);
  const source = ctx.snapshot.rows([positions[0]!], keys)[0]!;
  const targets = new Set<number>();
  const changedRows: number[] = [];
  const perColumn = cols.map(() => new Set<number>());
  const BATCH = TICK_EVERY;
  for (let start = 1; start < ids.length; start += BATCH) {
    await tick(ctx, start - 1, ids.length);
    const end = Math.min(ids.length, start + BATCH);
    const cells = ctx.snapshot.rows(positions.subarray(start, end), keys);
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      let changed = false;
      for (let j = 0; j < keys.length; j++) {
        if (cells[i - start]![j] !== source[j]) {
          perColumn[j]!.add(id);
          changed = true;
        }
      }
      if (changed && !targets.has(id)) {
        targets.add(id);
        changedRows.push(id);
      }
    }
  }
  const plan = emptyPlan(keys);
  keys.forEach((k, j) => {
    const rows = perColumn[j]!;
    const value = source[j] as string | number | null;
    if (rows.size > 0) plan.rewrites.set(k, (v, rowId) => (rows.has(rowId) ? value : v));
  });
  plan.affectedRows = targets.size;
  plan.sampleRowIds = changedRows.slice(0, SAMPLE_LIMIT);
  plan.report = { figures: { sourceRow: ids[0]!, rows: ids.length - 1 } };
  return plan;
}
