import type { FindResult } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import { numberText } from './cell-text';
import { chunksOf, dictPredicate } from './column-scan';
import { textTest } from './filter-eval';
import type { RowView } from './view-cache';

export interface FindRequest {
  text: string;
  from: { row: number; column: string } | undefined;
  direction: 'next' | 'prev';
  columns: readonly string[];
  caseSensitive: boolean;
  wrap: boolean;
}

/** Per searched column, which row positions show the text: one pass per column. */
function matchMasks(snapshot: DatasetSnapshot, keys: readonly string[], test: (s: string) => boolean): Uint8Array[] {
  return keys.map((k) => {
    const col = snapshot.column(k);
    const hits = new Uint8Array(snapshot.rowCount);
    const textHits = dictPredicate(test);
    for (const view of chunksOf(snapshot.source(col.key))) {
      const t = view.codes ? textHits(view) : null;
      for (let i = 0; i < view.length; i++) {
        const v = view.num ? view.num[i]! : NaN;
        if (v === v) hits[view.start + i] = test(numberText(col.type, v, col.labels)) ? 1 : 0;
        else if (view.codes && view.codes[i]! >= 0) hits[view.start + i] = t![view.codes[i]!]!;
      }
    }
    return hits;
  });
}

/**
 * Finds the next (previous) cell whose shown text contains the search text, in reading order of
 * the view: along the row through the searched columns, then the following rows; wraps around
 * at the end when asked.
 */
export function findCell(snapshot: DatasetSnapshot, view: RowView, req: FindRequest): FindResult {
  const keys = [...req.columns];
  if (view.length === 0 || keys.length === 0) return { found: null, wrapped: false };
  const masks = matchMasks(snapshot, keys, textTest('contains', req.text, req.caseSensitive));
  const next = req.direction === 'next';
  const flagsAt = (index: number): number[] => {
    const pos = view.positionAt(index);
    return masks.map((m) => m[pos]!);
  };
  const firstCol = (flags: number[], after: number): number => (next ? flags.findIndex((f, i) => f === 1 && i > after) : lastIndex(flags, (f, i) => f === 1 && (after < 0 || i < after)));
  const fromRow = req.from ? Math.min(req.from.row, view.length - 1) : next ? -1 : view.length;
  // 1. The rest of the starting row.
  if (req.from && fromRow === req.from.row) {
    const col = firstCol(flagsAt(fromRow), keys.indexOf(req.from.column));
    if (col >= 0) return { found: { row: fromRow, column: keys[col]! }, wrapped: false };
  }
  // 2. The nearest matching row after (before) it; then, if allowed, from the other end.
  const anyAt = (index: number): boolean => {
    const pos = view.positionAt(index);
    for (const m of masks) if (m[pos] === 1) return true;
    return false;
  };
  const scan = (from: number, to: number): number | null => {
    if (next) {
      for (let i = from; i < to; i++) if (anyAt(i)) return i;
    } else {
      for (let i = from; i > to; i--) if (anyAt(i)) return i;
    }
    return null;
  };
  let wrapped = false;
  let best = next ? scan(fromRow + 1, view.length) : scan(fromRow - 1, -1);
  if (best === null && req.wrap) {
    best = next ? scan(0, Math.min(view.length, fromRow + 1)) : scan(view.length - 1, Math.max(-1, fromRow - 1));
    wrapped = best !== null;
  }
  if (best === null) return { found: null, wrapped: false };
  const col = firstCol(flagsAt(best), -1);
  return { found: { row: best, column: keys[Math.max(0, col)]! }, wrapped };
}

function lastIndex<T>(list: readonly T[], pred: (v: T, i: number) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!, i)) return i;
  return -1;
}
