import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { RowsPage } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { RowView } from './view-cache';

/** Reads view rows [offset, offset + limit) for the given columns. */
export function readPage(snapshot: DatasetSnapshot, view: RowView, offset: number, limit: number, keys: readonly string[]): RowsPage {
  const cols = keys.map((k) => snapshot.column(k));
  const start = Math.min(offset, view.length);
  const end = Math.min(view.length, start + limit);
  const positions = view.slice(start, end);
  const raw = snapshot.rows(positions, cols.map((c) => c.key));
  const invalid: [number, number][] = [];
  const rows = raw.map((r, i) =>
    r.map((v, c) => {
      const cell = toCell(v, cols[c]!);
      if (isInvalidCell(cell, cols[c]!)) invalid.push([i, c]);
      return cell;
    }),
  );
  const rowIds = Array.from(positions, (p) => snapshot.rowIdAt(p));
  return { offset: start, columns: cols.map((c) => c.key), rows, rowIds, invalid, totalRows: snapshot.rowCount, filteredRows: view.length };
}

/** Stored values to wire cells: booleans come back as true/false. */
export function toCell(v: CellValue, col: ColumnInfo): CellValue {
  if (col.type === 'boolean' && typeof v === 'number') return v !== 0;
  return v;
}

export function isInvalidCell(v: CellValue, col: ColumnInfo): boolean {
  return col.type !== 'text' && typeof v === 'string' && v !== '';
}
