import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { ProjectStore } from '../store/project-store';
import { quoteIdent } from '../store/sql';
import { segmentInvalid } from './segment-error';

/** Finds a column by key or display name; an unknown column makes the scheme invalid. */
export function findColumn(ds: DatasetInfo, keyOrName: string): ColumnInfo {
  const col =
    ds.columns.find((c) => c.key === keyOrName) ?? ds.columns.find((c) => c.name === keyOrName) ?? ds.columns.find((c) => c.name.trim() === keyOrName.trim());
  if (!col) {
    throw segmentInvalid(`Column not found in ${ds.name}: ${keyOrName}`, `数据集“${ds.name}”中没有列“${keyOrName}”`, {
      column: keyOrName,
      available: ds.columns.map((c) => c.name),
    });
  }
  return col;
}

export function hasColumn(ds: DatasetInfo, keyOrName: string): boolean {
  return ds.columns.some((c) => c.key === keyOrName || c.name === keyOrName || c.name.trim() === keyOrName.trim());
}

/** Raw cells of one column in _row order (numbers, text; null when missing). */
export function readCells(store: ProjectStore, datasetId: string, key: string): CellValue[] {
  const rows = store.db.prepare(`SELECT ${quoteIdent(key)} FROM ${store.tableOf(datasetId)} ORDER BY _row`).pluck().all() as unknown[];
  return rows.map((v) => (typeof v === 'bigint' ? Number(v) : v === undefined ? null : (v as CellValue)));
}

/** A numeric column: missing or non-numeric cells are NaN (text holding a number counts as that number). */
export function readNumbers(store: ProjectStore, datasetId: string, key: string): Float64Array {
  const raw = store.db.prepare(`SELECT ${quoteIdent(key)} FROM ${store.tableOf(datasetId)} ORDER BY _row`).pluck().all() as unknown[];
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'bigint') out[i] = Number(v);
    else if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) out[i] = Number(v);
    else out[i] = NaN;
  }
  return out;
}

export function readRowIds(store: ProjectStore, datasetId: string): number[] {
  return store.db.prepare(`SELECT _row FROM ${store.tableOf(datasetId)} ORDER BY _row`).pluck().all() as number[];
}

/** Whole rows by _row id, cells keyed by column display name (lists of customers). */
export function rowsById(store: ProjectStore, ds: DatasetInfo, rowIds: readonly number[]): { row: number; cells: Record<string, CellValue> }[] {
  if (rowIds.length === 0) return [];
  const cols = ds.columns.map((c) => quoteIdent(c.key)).join(', ');
  const stmt = store.db.prepare(`SELECT _row${cols ? ', ' + cols : ''} FROM ${store.tableOf(ds.id)} WHERE _row = ?`);
  return rowIds.map((id) => {
    const r = stmt.get(id) as Record<string, unknown> | undefined;
    const cells: Record<string, CellValue> = {};
    for (const c of ds.columns) {
      const v = r?.[c.key];
      cells[c.name] = typeof v === 'bigint' ? Number(v) : v === undefined ? null : (v as CellValue);
    }
    return { row: id, cells };
  });
}
