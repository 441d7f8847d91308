import type { CleanOperation } from '../../../../shared/contract/clean';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';
import type { BooleanLabels } from '../../../../shared/contract/datasets';
import type { DateOrder } from '../../../../shared/contract/import';
import { labelsFromWords } from '../../../../shared/format/boolean-labels';
import { DateOrderEvidence } from '../../import/date-order';
import { convertCell, type ConvertContext } from '../value-parse';

type ChangeTypeOp = Extract<CleanOperation, { op: 'changeType' }>;

/**
 * Converts a column to another type. Cells that do not convert keep their original text (so they
 * show as invalid and nothing is lost) and are reported with their rows. Dates written day/month
 * first (10/2/2017) are read in one order for the whole column: the one the op names, else the one
 * its cells prove (a number above 12 can only be a day); the report says which and whether no
 * cell told the orders apart. A text column made yes/no keeps its words for display.
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
  const context: ConvertContext = { labels: col.labels ?? null };
  const figures: Record<string, number | string | null> = {};
  if (op.type === 'date' || op.type === 'datetime') {
    const evidence = new DateOrderEvidence();
    for (const v of values) if (typeof v === 'string') evidence.add(v);
    const decision = evidence.decide();
    const order: DateOrder | null = op.dateOrder ?? decision?.order ?? null;
    context.dateOrder = order;
    if (decision && order) {
      figures.dateOrder = order;
      figures.dayMonthCells = evidence.cells;
      // The evidence the order selector shows: cells only one order reads, cells both read.
      figures.mdyOnlyCells = evidence.mdy;
      figures.dmyOnlyCells = evidence.dmy;
      figures.bothOrderCells = evidence.both;
      // Flagged, never guessed silently: no cell told month/day from day/month.
      if (!op.dateOrder && decision.ambiguous) figures.dateOrderAmbiguous = evidence.cells;
    }
  }
  const words: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
  for (let i = 0; i < n; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, n);
    const v = values[i]!;
    const r = convertCell(v, col.type, op.type, context);
    if (r.ok && op.type === 'boolean' && typeof v === 'string' && typeof r.value === 'number') {
      const w = words[r.value ? 0 : 1];
      const word = v.trim();
      w.set(word, (w.get(word) ?? 0) + 1);
    }
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
  if (op.type === 'boolean' && col.type !== 'boolean') plan.labelChanges.set(col.key, wordsOf(words));
  plan.affectedRows = changed.length;
  plan.sampleRowIds = changed.slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  plan.report = { failedCells: failed, failedSamples, ...(Object.keys(figures).length > 0 ? { figures } : {}) };
  return plan;
}

/** The most written word for yes and for no (null when the cells were numbers, not words). */
function wordsOf(words: [Map<string, number>, Map<string, number>]): BooleanLabels | null {
  const top = (m: Map<string, number>): string | null => {
    let best: string | null = null;
    let most = 0;
    for (const [w, c] of m) if (c > most) [best, most] = [w, c];
    return best;
  };
  const t = top(words[0]);
  const f = top(words[1]);
  if (t === null && f === null) return null;
  // "1"/"0" texts are numbers, not words: shown as TRUE/FALSE like real booleans.
  if ((t === null || /^\d+$/.test(t)) && (f === null || /^\d+$/.test(f))) return null;
  return labelsFromWords(t, f);
}
