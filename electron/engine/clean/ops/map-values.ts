import type { CleanOperation } from '../../../../shared/contract/clean';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';
import { looseKey } from '../text-normalize';
import { coerceForColumn } from './coerce';

type MapOp = Extract<CleanOperation, { op: 'mapValues' }>;

/** Replaces category labels by a user mapping table (北京市 / Beijing → 北京); unmapped cells stay. */
export async function planMapValues(op: MapOp, ctx: OpContext): Promise<StepPlan> {
  const col = columnOf(ctx.columns, op.column);
  const table = new Map<string, string>();
  for (const { from, to } of op.mapping) table.set(op.loose ? looseKey(from) : from, to);
  const lookup = (v: SqlCell): SqlCell => {
    if (v === null) return v;
    const text = String(v);
    const to = table.get(op.loose ? looseKey(text) : text);
    if (to === undefined) return v;
    return coerceForColumn(col.type, to);
  };
  const data = readColumns(ctx, [col.key]);
  const values = data.values[0]!;
  const plan = emptyPlan([col.key]);
  const changed: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, values.length);
    if (lookup(values[i]!) !== values[i]) changed.push(i);
  }
  plan.rewrites.set(col.key, lookup);
  plan.affectedRows = changed.length;
  plan.sampleRowIds = changed.slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  return plan;
}
