import type { CleanOperation } from '../../../../shared/contract/clean';
import type { SplitSample } from '../../../../shared/contract/clean-shaping';
import { KequnError } from '../../../../shared/contract/errors';
import type { CellValue } from '../../../../shared/contract/json';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { layoutFromCounts } from '../row-layout';
import { columnOf, tick, TICK_EVERY } from '../table-data';

type SplitOp = Extract<CleanOperation, { op: 'splitRows' }>;

/** Split cells shown in the preview. */
const SAMPLES = 20;

/** A literal text as a pattern (delimiters are never patterns: "|" is a bar, not "or"). */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The items of one cell: split at any delimiter, trimmed and without empties when asked. */
function itemSplitter(op: SplitOp): (text: string) => string[] {
  const delimiters = [...new Set(op.delimiters)].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(delimiters.map(literal).join('|'));
  return (text) => {
    let items = text.split(pattern);
    if (op.trim) items = items.map((s) => s.trim());
    if (op.dropEmpty) items = items.filter((s) => s !== '');
    return items;
  };
}

/**
 * Split a cell into rows: a Taobao order's 宝贝标题 listing several items becomes one row per
 * item, every other column repeated (so an order amount repeats on each of its items — the
 * preview says so, and the optional item number lets an analysis count each order once). A cell
 * without a delimiter stays one row (its one item, trimmed when asked); an empty or number cell
 * stays as it is; a cell of delimiters only keeps its row, empty. Each distinct text is split once.
 */
export async function planSplitRows(op: SplitOp, ctx: OpContext): Promise<StepPlan> {
  const col = columnOf(ctx.columns, op.column);
  if (col.type !== 'text') {
    throw new KequnError('CLEAN_FAILED', `Split into rows needs a text column; "${col.name}" is ${col.type}`, {
      zh: `拆分为行只适用于文本列，“${col.name}”不是文本列`,
      details: { column: col.name, type: col.type },
    });
  }
  const snap = ctx.snapshot;
  const src = snap.source(col.key);
  const n = snap.rowCount;
  const text = src.info.texts > 0 ? src.texts() : { codes: new Int32Array(n).fill(-1), labels: [] as string[] };
  const split = itemSplitter(op);
  // Items of each distinct text, as ids into one item list.
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const itemsOf: Int32Array[] = text.labels.map((label) =>
    Int32Array.from(split(label), (s) => {
      let id = itemIndex.get(s);
      if (id === undefined) {
        id = items.length;
        items.push(s);
        itemIndex.set(s, id);
      }
      return id;
    }),
  );
  const changed = text.labels.map((label, c) => itemsOf[c]!.length !== 1 || items[itemsOf[c]![0]!] !== label);
  const counts = new Int32Array(n);
  let total = 0;
  let splitCells = 0;
  let affected = 0;
  let maxItems = 1;
  const samples: SplitSample[] = [];
  const ids = snap.rowIds();
  const changedRows: number[] = [];
  for (let p = 0; p < n; p++) {
    if (p % TICK_EVERY === 0) await tick(ctx, p, n);
    const c = text.codes[p]!;
    const k = c < 0 ? 1 : Math.max(1, itemsOf[c]!.length);
    counts[p] = k;
    total += k;
    if (c < 0 || !changed[c]) continue;
    affected++;
    if (changedRows.length < SAMPLE_LIMIT) changedRows.push(p);
    if (k > 1) {
      splitCells++;
      if (k > maxItems) maxItems = k;
      if (samples.length < SAMPLES) samples.push({ row: ids[p]!, before: text.labels[c]!, items: Array.from(itemsOf[c]!, (id) => items[id]!) });
    }
  }
  const plan = emptyPlan([col.key]);
  plan.affectedRows = affected;
  plan.report.split = samples;
  plan.report.figures = { rowsBefore: n, rowsAfter: total, splitCells, maxItems };
  const one = (): SqlCell => 1;
  if (total === n) {
    // Nothing to split (only trimmed items): the column's cells change, the rows stay.
    if (affected > 0) {
      plan.rewrites.set(col.key, (v) => {
        if (typeof v !== 'string') return v;
        const parts = split(v);
        return parts.length === 0 ? null : parts[0]!;
      });
    }
    plan.sampleRowIds = changedRows.map((p) => ids[p]!);
    if (op.itemNumber) plan.newColumns.push({ name: op.itemNumber, type: 'integer', valueOf: one });
    return plan;
  }
  const { sourcePos, rowIds } = layoutFromCounts(ids, counts, total);
  // Per output row: the item it holds (-1: the source cell as it is, -2: empty) and its number.
  const itemAt = new Int32Array(total);
  const numberAt = op.itemNumber ? new Int32Array(total) : null;
  let o = 0;
  for (let p = 0; p < n; p++) {
    const c = text.codes[p]!;
    const list = c < 0 ? null : itemsOf[c]!;
    if (list === null) itemAt[o] = -1;
    else if (list.length === 0) itemAt[o] = -2;
    for (let j = 0; j < counts[p]!; j++) {
      if (list && list.length > 0) itemAt[o + j] = list[j]!;
      if (numberAt) numberAt[o + j] = j + 1;
    }
    o += counts[p]!;
  }
  plan.layout = {
    sourcePos,
    rowIds,
    replaced: new Map([[col.key, (i: number): CellValue => (itemAt[i]! >= 0 ? items[itemAt[i]!]! : itemAt[i] === -2 ? null : src.cellAt(sourcePos[i]!))]]),
    added: numberAt ? [(i: number): CellValue => numberAt[i]!] : [],
  };
  if (op.itemNumber) plan.newColumns.push({ name: op.itemNumber, type: 'integer', valueOf: one });
  return plan;
}
