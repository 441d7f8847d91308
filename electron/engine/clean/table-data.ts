import { KequnError } from '../../../shared/contract/errors';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import { quoteIdent } from '../store/sql';
import type { OpContext, SqlCell } from './plan';

/** Rows of a few columns in _row order: row ids and one value array per requested key. */
export interface ColumnData {
  rowIds: number[];
  values: SqlCell[][];
}

/**
 * Reads the given columns of the current table, one query per column: a million one-value
 * results cost far less (allocation and GC) than a million row arrays.
 */
export function readColumns(ctx: OpContext, keys: string[]): ColumnData {
  const db = ctx.store.db;
  // Row ids are usually 1…n (nothing removed yet): then they need no query of their own.
  const span = db.prepare(`SELECT min(_row), max(_row), count(*) FROM ${ctx.table}`).raw().get() as [number | null, number | null, number];
  const [lo, hi, count] = span;
  const rowIds =
    lo !== null && hi !== null && hi - lo + 1 === count
      ? Array.from({ length: count }, (_, i) => lo + i)
      : (db.prepare(`SELECT _row FROM ${ctx.table} ORDER BY _row`).pluck().all() as number[]);
  const values = keys.map((k) => {
    const col = db.prepare(`SELECT ${quoteIdent(k)} FROM ${ctx.table} ORDER BY _row`).pluck().all() as unknown[];
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v !== null && typeof v !== 'number' && typeof v !== 'string') col[i] = normalizeCell(v);
    }
    return col as SqlCell[];
  });
  return { rowIds, values };
}

function normalizeCell(v: unknown): SqlCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Finds a column by key or display name inside an operation, with a coded error. */
export function columnOf(columns: ColumnInfo[], ref: string): ColumnInfo {
  const col = columns.find((c) => c.key === ref) ?? columns.find((c) => c.name === ref) ?? columns.find((c) => c.name.trim() === ref.trim());
  if (!col) {
    throw new KequnError('COLUMN_NOT_FOUND', `Column not found: ${ref}`, {
      zh: `未找到列：${ref}`,
      details: { column: ref, available: columns.map((c) => c.name) },
    });
  }
  return col;
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
export async function tick(ctx: OpContext, i: number, total: number, label: string): Promise<void> {
  if (i === 0) return;
  ctx.progress(i, total, label);
  await ctx.checkpoint();
}
