import type { CleanOperation } from '../../../../shared/contract/clean';
import type { MergeReport } from '../../../../shared/contract/clean-shaping';
import type { ColumnInfo, ColumnType } from '../../../../shared/contract/datasets';
import { KequnError } from '../../../../shared/contract/errors';
import type { CellValue } from '../../../../shared/contract/json';
import { findColumnIn, type DatasetSnapshot } from '../../store/dataset-snapshot';
import { emptyPlan, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { layoutFromCounts } from '../row-layout';
import { tick, TICK_EVERY } from '../table-data';
import { BLANK, indexKeys, joinKeys, type KeyIndex } from './merge-keys';
import { rowPosition } from './row-position';

type MergeOp = Extract<CleanOperation, { op: 'merge' }>;

/** Examples of unmatched keys and of keys with several matches kept for the preview. */
const EXAMPLES = 5;

/** The brought columns with the names they get here: a name this dataset has gets the suffix. */
function broughtColumns(op: MergeOp, left: ColumnInfo[], right: DatasetSnapshot, rightKeys: ColumnInfo[]): { col: ColumnInfo; name: string }[] {
  const keys = new Set(rightKeys.map((c) => c.key));
  const cols = op.columns ? op.columns.map((ref) => keyColumn(right.info.columns, ref, right.info.name, 'brought')) : right.info.columns.filter((c) => !keys.has(c.key));
  const suffix = op.suffix ?? `·${right.info.name}`;
  const used = new Set(left.map((c) => c.name));
  const seen = new Set<string>();
  return cols
    .filter((c) => !seen.has(c.key) && seen.add(c.key))
    .map((col) => {
      let name = used.has(col.name) ? `${col.name}${suffix}` : col.name;
      for (let n = 2; used.has(name); n++) name = `${col.name}${suffix} (${n})`;
      used.add(name);
      return { col, name };
    });
}

/** A key column by name, or an error naming the dataset that lacks it (either side of the merge). */
function keyColumn(columns: readonly ColumnInfo[], ref: string, dataset: string, role: 'key' | 'brought' = 'key'): ColumnInfo {
  const col = findColumnIn(columns, ref);
  if (col) return col;
  throw new KequnError('COLUMN_NOT_FOUND', `${role === 'key' ? 'Key column' : 'Column'} "${ref}" is not in dataset "${dataset}"`, {
    zh: `${role === 'key' ? '合并键列' : '要带入的列'}“${ref}”不在数据集“${dataset}”中`,
    details: { column: ref, dataset, available: columns.map((c) => c.name) },
  });
}

const TYPE_ZH: Record<ColumnType, string> = { integer: '整数', decimal: '小数', percent: '百分比', currency: '金额', boolean: '是/否', date: '日期', datetime: '日期时间', text: '文本' };

/** What a key compares as: text reads as the other side's type, but a date never equals an amount. */
function keyKind(type: ColumnType): 'text' | 'number' | 'date' | 'boolean' {
  if (type === 'text') return 'text';
  if (type === 'date' || type === 'datetime') return 'date';
  if (type === 'boolean') return 'boolean';
  return 'number';
}

/** Refuses key pairs that could only match by accident (a date against an amount: both stored as numbers). */
function checkKeyTypes(left: ColumnInfo, right: ColumnInfo, rightName: string): void {
  const a = keyKind(left.type);
  const b = keyKind(right.type);
  if (a === 'text' || b === 'text' || a === b) return;
  throw new KequnError('CLEAN_FAILED', `Key types differ: "${left.name}" is ${left.type}, "${right.name}" in "${rightName}" is ${right.type}; change one column's type first`, {
    zh: `合并键类型不一致：“${left.name}”是${TYPE_ZH[left.type]}，“${rightName}”中的“${right.name}”是${TYPE_ZH[right.type]}；请先转换其中一列的类型`,
    details: { left: left.name, leftType: left.type, right: right.name, rightType: right.type },
  });
}

/** A row's key as the user reads it: the key cells joined by " · ". */
function keyText(snap: DatasetSnapshot, keys: ColumnInfo[], pos: number): string {
  return keys.map((c) => String(snap.cellAt(c.key, pos) ?? '')).join(' · ');
}

/**
 * Merge (Power Query's Merge): brings columns of another dataset into this one by key, a hash
 * join over the columnar snapshots — key ids per row (merge-keys), an index of the other side's
 * rows by key, then one pass over this side. No row objects are built: brought cells are read
 * by position when the step is written. Left join keeps every row (unmatched rows get empty
 * cells), inner join removes unmatched rows. A key found on several rows of the other dataset
 * multiplies this row (one row per match, stated in the preview) unless `matches` is 'first'.
 */
export async function planMerge(op: MergeOp, ctx: OpContext): Promise<StepPlan> {
  const right = ctx.other(op.with);
  const here = ctx.snapshot.info.name;
  const leftKeys = op.on.map((k) => keyColumn(ctx.columns, k.left, here));
  const rightKeys = op.on.map((k, j) => keyColumn(right.info.columns, k.right ?? leftKeys[j]!.name, right.info.name));
  leftKeys.forEach((c, j) => checkKeyTypes(c, rightKeys[j]!, right.info.name));
  const brought = broughtColumns(op, ctx.columns, right, rightKeys);
  if (brought.length === 0) {
    throw new KequnError('VALIDATION', `"${right.info.name}" has no columns to bring over besides its keys`, {
      zh: `数据集“${right.info.name}”除了键列之外没有可合并的列`,
    });
  }
  const snap = ctx.snapshot;
  const keys = await joinKeys(
    leftKeys.map((c, j) => ({ left: snap.source(c.key), right: right.source(rightKeys[j]!.key), leftType: c.type, rightType: rightKeys[j]!.type })),
    { trim: op.trim, ignoreCase: op.ignoreCase },
    ctx,
  );
  const index = indexKeys(keys.right, keys.count);
  const n = snap.rowCount;
  const all = op.matches === 'all';
  const counts = new Int32Array(n);
  const firstMatch = new Int32Array(n).fill(-1);
  const used = new Uint8Array(keys.count);
  let matched = 0;
  let blank = 0;
  let multipleKeys = 0;
  let total = 0;
  let extra = 0;
  const matchedSample: number[] = [];
  const unmatchedSample: number[] = [];
  const unmatchedExamples: string[] = [];
  const multipleExamples: { key: string; matches: number }[] = [];
  for (let p = 0; p < n; p++) {
    if (p % TICK_EVERY === 0) await tick(ctx, p, n);
    const k = keys.left[p]!;
    if (k < 0) {
      if (k === BLANK) blank++;
      else if (unmatchedExamples.length < EXAMPLES) {
        const text = keyText(snap, leftKeys, p);
        if (!unmatchedExamples.includes(text)) unmatchedExamples.push(text);
      }
      if (unmatchedSample.length < 5) unmatchedSample.push(p);
      counts[p] = op.join === 'left' ? 1 : 0;
      total += counts[p]!;
      continue;
    }
    matched++;
    firstMatch[p] = index.first[k]!;
    const m = index.matches[k]!;
    if (!used[k]) {
      used[k] = 1;
      if (m > 1) {
        multipleKeys++;
        if (multipleExamples.length < EXAMPLES) multipleExamples.push({ key: keyText(snap, leftKeys, p), matches: m });
      }
    }
    counts[p] = all ? m : 1;
    total += counts[p]!;
    extra += counts[p]! - 1;
    if (matchedSample.length < 15) matchedSample.push(p);
  }
  let unusedRows = 0;
  for (let r = 0; r < keys.right.length; r++) if (keys.right[r]! < 0 || !used[keys.right[r]!]) unusedRows++;

  const ids = snap.rowIds();
  const plan = emptyPlan(leftKeys.map((c) => c.key));
  const rightCells = brought.map((b) => right.cells(b.col.key));
  const position = rowPosition(Array.from(ids));
  for (const [j, b] of brought.entries()) {
    const cells = rightCells[j]!;
    plan.newColumns.push({
      name: b.name,
      type: b.col.type,
      format: b.col.format,
      // The first match: what each row gets unless rows multiply (then the layout writes every match).
      valueOf: (rowId) => {
        const p = position(rowId);
        const r = p === undefined ? -1 : firstMatch[p]!;
        // Stored cells are numbers, text or null (booleans are stored as 0/1).
        return r < 0 ? null : ((cells[r] ?? null) as SqlCell);
      },
    });
  }
  if (extra > 0) plan.layout = mergeLayout(ids, counts, total, firstMatch, index, rightCells);
  else if (op.join === 'inner' && matched < n) {
    plan.removed = new Set();
    for (let p = 0; p < n; p++) if (counts[p] === 0) plan.removed.add(ids[p]!);
  }
  if (op.join === 'inner') plan.removedRows = n - matched;
  plan.affectedRows = matched;
  plan.sampleRowIds = [...matchedSample.slice(0, 15), ...unmatchedSample].sort((a, b) => a - b).map((p) => ids[p]!);
  const report: MergeReport = {
    with: { id: right.id, name: right.info.name, version: right.version, rows: right.rowCount },
    join: op.join,
    matches: op.matches,
    matchedRows: matched,
    unmatchedRows: n - matched,
    blankKeyRows: blank,
    multipleKeys,
    addedRows: extra,
    rowsBefore: n,
    rowsAfter: total,
    unusedRows,
    columns: brought.map((b) => ({ from: b.col.name, to: b.name })),
    keyTypes: leftKeys.map((c, j) => ({ left: c.type, right: rightKeys[j]!.type })),
    multipleExamples,
    unmatchedExamples,
  };
  plan.report.merge = report;
  plan.report.figures = { matched, unmatched: n - matched, rowsAfter: total, version: right.version };
  return plan;
}

/** Rows when keys match several rows: each row once per match, the brought cells of each match. */
function mergeLayout(ids: Int32Array, counts: Int32Array, total: number, firstMatch: Int32Array, index: KeyIndex, rightCells: CellValue[][]): StepPlan['layout'] {
  const { sourcePos, rowIds } = layoutFromCounts(ids, counts, total);
  const rightPos = new Int32Array(total).fill(-1);
  let o = 0;
  for (let p = 0; p < counts.length; p++) {
    let r = firstMatch[p]!;
    for (let j = 0; j < counts[p]!; j++) {
      rightPos[o++] = r;
      if (r >= 0) r = index.next[r]!;
    }
  }
  return {
    sourcePos,
    rowIds,
    replaced: new Map(),
    added: rightCells.map((cells) => (i: number) => {
      const r = rightPos[i]!;
      return r < 0 ? null : (cells[r] ?? null);
    }),
  };
}
