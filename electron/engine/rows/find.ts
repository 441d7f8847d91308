import type { FilterSpec, FindResult } from '../../../shared/contract/rows';
import type { ProjectStore } from '../store/project-store';
import { cellTextSql, escapeLike } from './cell-sql';
import { columnSql, type DatasetRef } from './dataset-ref';
import { buildWhere } from './filter-sql';
import type { RowView } from './view-cache';

export interface FindRequest {
  text: string;
  from: { row: number; column: string } | undefined;
  direction: 'next' | 'prev';
  columns: readonly string[];
  caseSensitive: boolean;
  wrap: boolean;
}

/**
 * Finds the next (previous) cell whose shown text contains the search text, in reading order
 * of the view: along the row through the searched columns, then the following rows. The
 * matching itself is SQL over the filtered rows; the view maps row ids to positions.
 */
export function findCell(store: ProjectStore, ref: DatasetRef, view: RowView, filters: readonly FilterSpec[], req: FindRequest): FindResult {
  const keys = [...req.columns];
  const cols = keys.map((k) => ref.column(k));
  const pattern = req.caseSensitive ? req.text : `%${escapeLike(req.text)}%`;
  const matchers = cols.map((c, i) => {
    const text = cellTextSql(c, columnSql(ref, keys[i]!));
    return req.caseSensitive ? `coalesce(instr(${text}, @pat) > 0, 0)` : `coalesce(${text} LIKE @pat ESCAPE '\\', 0)`;
  });
  const anyMatch = matchers.map((m) => `(${m})`).join(' OR ');
  const where = buildWhere(ref, filters);
  const db = store.db;
  const t = ref.sqlTable;
  const flagsStmt = db.prepare(`SELECT ${matchers.join(', ')} FROM ${t} WHERE _row = @id`).raw();
  const flagsOf = (rowId: number): boolean[] => ((flagsStmt.get({ id: rowId, pat: pattern }) as number[] | undefined) ?? []).map((f) => f === 1);
  const next = req.direction === 'next';
  if (view.length === 0) return { found: null, wrapped: false };

  // 1. The rest of the starting row.
  const fromRow = req.from ? Math.min(req.from.row, view.length - 1) : next ? -1 : view.length;
  if (req.from && fromRow === req.from.row) {
    const at = keys.indexOf(req.from.column);
    const flags = flagsOf(view.rowIdAt(fromRow));
    const col = next ? flags.findIndex((f, i) => f && i > at) : lastIndex(flags, (f, i) => f && (at < 0 || i < at));
    if (col >= 0) return { found: { row: fromRow, column: keys[col]! }, wrapped: false };
  }

  // 2. The nearest matching row after (before) it; then, if allowed, from the other end.
  const positionsStmt = db.prepare(`SELECT _row FROM ${t} WHERE (${where.sql}) AND (${anyMatch})`).pluck();
  const bind = (): unknown[] => [...where.params, { pat: pattern }];
  let best: number | null = null;
  let wrapped = false;
  let extreme: number | null = null;
  for (const id of positionsStmt.iterate(...bind()) as IterableIterator<number>) {
    const pos = view.positionOf(id);
    if (pos === null) continue;
    if (next ? pos > fromRow : pos < fromRow) {
      if (best === null || (next ? pos < best : pos > best)) best = pos;
    }
    if (extreme === null || (next ? pos < extreme : pos > extreme)) extreme = pos;
  }
  if (best === null && req.wrap && extreme !== null) {
    best = extreme;
    wrapped = true;
  }
  if (best === null) return { found: null, wrapped: false };
  const flags = flagsOf(view.rowIdAt(best));
  const col = next ? flags.findIndex((f) => f) : lastIndex(flags, (f) => f);
  return { found: { row: best, column: keys[Math.max(0, col)]! }, wrapped };
}

function lastIndex<T>(list: readonly T[], pred: (v: T, i: number) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!, i)) return i;
  return -1;
}
