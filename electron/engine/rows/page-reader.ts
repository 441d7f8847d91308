import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { RowsPage } from '../../../shared/contract/rows';
import type { ProjectStore } from '../store/project-store';
import { columnSql, type DatasetRef } from './dataset-ref';
import type { RowView } from './view-cache';

/**
 * Reads view rows [offset, offset + limit) for the given columns: a slice of the view's row
 * ids, fetched by primary key (a range scan for natural order) and put back in view order.
 */
export function readPage(store: ProjectStore, ref: DatasetRef, view: RowView, offset: number, limit: number, keys: readonly string[]): RowsPage {
  const cols = keys.map((k) => ref.column(k));
  const start = Math.min(offset, view.length);
  const end = Math.min(view.length, start + limit);
  const ids = view.slice(start, end);
  const select = ['_row', ...keys.map((k) => columnSql(ref, k))].join(', ');
  const byId = new Map<number, unknown[]>();
  if (ids.length > 0) {
    const stmt = view.identity
      ? store.db.prepare(`SELECT ${select} FROM ${ref.sqlTable} WHERE _row BETWEEN ? AND ?`).raw()
      : store.db.prepare(`SELECT ${select} FROM ${ref.sqlTable} WHERE _row IN (SELECT value FROM json_each(?))`).raw();
    const rows = (view.identity ? stmt.all(ids[0], ids[ids.length - 1]) : stmt.all(JSON.stringify(Array.from(ids)))) as unknown[][];
    for (const r of rows) byId.set(r[0] as number, r);
  }
  const out: CellValue[][] = [];
  const rowIds: number[] = [];
  const invalid: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const raw = byId.get(id);
    const row: CellValue[] = new Array<CellValue>(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const v = toCell(raw?.[c + 1], col);
      row[c] = v;
      if (isInvalidCell(v, col)) invalid.push([i, c]);
    }
    out.push(row);
    rowIds.push(id);
  }
  return { offset: start, columns: [...keys], rows: out, rowIds, invalid, totalRows: ref.info.rowCount, filteredRows: view.length };
}

/** SQLite values to wire cells: booleans come back as true/false, blobs never occur. */
export function toCell(v: unknown, col: ColumnInfo): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (col.type === 'boolean' && typeof v === 'number') return v !== 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

export function isInvalidCell(v: CellValue, col: ColumnInfo): boolean {
  return col.type !== 'text' && typeof v === 'string' && v !== '';
}
