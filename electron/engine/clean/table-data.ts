import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { ProgressLabel } from '../../../shared/contract/progress';
import { resolveColumn } from '../store/dataset-snapshot';
import type { OpContext, SqlCell } from './plan';

/** Rows of a few columns in row order: row ids and one value array per requested key. */
export interface ColumnData {
  rowIds: number[];
  values: SqlCell[][];
}

/** Reads the given columns of the operation's snapshot as plain values, in row order. */
export function readColumns(ctx: OpContext, keys: string[]): ColumnData {
  const rowIds = Array.from(ctx.snapshot.rowIds());
  const values = keys.map((k) => ctx.snapshot.cells(k) as SqlCell[]);
  return { rowIds, values };
}

/** Finds a column by key or display name inside an operation, with a coded error. */
export function columnOf(columns: ColumnInfo[], ref: string): ColumnInfo {
  return resolveColumn(columns, ref);
}

/** An empty cell: null or text that is only blanks. */
export function isBlank(v: SqlCell): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Hot loops check in (progress, cancel) every this many rows. */
export const TICK_EVERY = 50_000;

/**
 * Yields to the event loop (and honours cancel). Callers test `i % TICK_EVERY === 0` inline so
 * the million-row loops do not pay for an async call per row.
 */
export async function tick(ctx: OpContext, i: number, total: number, label: ProgressLabel = 'clean'): Promise<void> {
  if (i === 0) return;
  ctx.progress(i, total, label);
  await ctx.checkpoint();
}
