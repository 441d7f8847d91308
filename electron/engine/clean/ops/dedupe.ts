import type { CleanOperation } from '../../../../shared/contract/clean';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';

type DedupeOp = Extract<CleanOperation, { op: 'dedupe' }>;

/**
 * Row keys as integers: each column is dictionary-coded (1 and "1" stay apart, empty cells are
 * equal to each other) and the codes are combined column by column, re-coding whenever the
 * combined number could outgrow exact integers. Two rows have equal codes iff their keys match.
 */
export function rowCodes(values: SqlCell[][], n: number): Float64Array {
  const combined = new Float64Array(n);
  let cardinality = 1;
  for (const col of values) {
    const numbers = new Map<number, number>();
    const texts = new Map<string, number>();
    const codes = new Float64Array(n);
    let next = 1; // 0 = empty
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null || v === undefined) continue;
      const dict = typeof v === 'number' ? numbers : texts;
      let c = (dict as Map<SqlCell, number>).get(v);
      if (c === undefined) {
        c = next++;
        (dict as Map<SqlCell, number>).set(v, c);
      }
      codes[i] = c;
    }
    if (cardinality * next > Number.MAX_SAFE_INTEGER) {
      // Re-code the combined keys densely before adding this column.
      const dense = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        let d = dense.get(combined[i]!);
        if (d === undefined) dense.set(combined[i]!, (d = dense.size));
        combined[i] = d;
      }
      cardinality = dense.size;
    }
    for (let i = 0; i < n; i++) combined[i] = combined[i]! * next + codes[i]!;
    cardinality *= next;
  }
  return combined;
}

/** Removes rows whose key columns repeat another row, keeping the first or the last one. */
export async function planDedupe(op: DedupeOp, ctx: OpContext): Promise<StepPlan> {
  const keys = op.keys.map((r) => columnOf(ctx.columns, r).key);
  const data = readColumns(ctx, keys);
  const plan = emptyPlan(keys);
  const n = data.rowIds.length;
  const codes = rowCodes(data.values, n);
  // Key → the row kept for it, so the preview can show which row each removed one repeats.
  const kept = new Map<number, number>();
  const removed = new Set<number>();
  const duplicateOf = new Map<number, number>();
  const order = op.keep === 'first' ? (i: number) => i : (i: number) => n - 1 - i;
  for (let step = 0; step < n; step++) {
    if (step % TICK_EVERY === 0) await tick(ctx, step, n);
    const i = order(step);
    const k = codes[i]!;
    const keeper = kept.get(k);
    if (keeper !== undefined) {
      removed.add(data.rowIds[i]!);
      duplicateOf.set(data.rowIds[i]!, keeper);
    } else kept.set(k, data.rowIds[i]!);
  }
  plan.removed = removed;
  plan.duplicateOf = duplicateOf;
  plan.removedRows = removed.size;
  plan.affectedRows = removed.size;
  plan.sampleRowIds = data.rowIds.filter((id) => removed.has(id)).slice(0, SAMPLE_LIMIT);
  plan.report.figures = { distinctKeys: kept.size };
  return plan;
}
