import type { ColumnType } from '../../../shared/contract/datasets';
import type { ProjectStore } from '../store/project-store';
import { quoteIdent } from '../store/sql';

/** One row of dataset_columns, kept with each step so undo/redo restore the exact metadata. */
export interface ColumnMeta {
  ordinal: number;
  key: string;
  name: string;
  original_header: string | null;
  type: ColumnType;
  format: string | null;
  invalid_count: number;
  missing_count: number;
}

export function readMeta(store: ProjectStore, datasetId: string): ColumnMeta[] {
  return store.db
    .prepare(
      'SELECT ordinal, key, name, original_header, type, format, invalid_count, missing_count FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal',
    )
    .all(datasetId) as ColumnMeta[];
}

export function writeMeta(store: ProjectStore, datasetId: string, meta: ColumnMeta[]): void {
  store.db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ?').run(datasetId);
  const insert = store.db.prepare(
    `INSERT INTO dataset_columns (dataset_id, ordinal, key, name, original_header, type, format, invalid_count, missing_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of meta) insert.run(datasetId, c.ordinal, c.key, c.name, c.original_header, c.type, c.format, c.invalid_count, c.missing_count);
}

/**
 * Recounts empty and invalid (text in a typed column) cells in one scan: of `only` the given
 * keys (columns a step rewrote), else of every column.
 */
export function recount(store: ProjectStore, table: string, meta: ColumnMeta[], only?: Set<string>): void {
  const targets = only ? meta.filter((c) => only.has(c.key)) : meta;
  if (targets.length === 0) return;
  const parts = targets.map((c) => {
    const k = quoteIdent(c.key);
    const invalid = c.type === 'text' ? '0' : `sum(typeof(${k}) = 'text')`;
    return `sum(${k} IS NULL), ${invalid}`;
  });
  const row = store.db.prepare(`SELECT ${parts.join(', ')} FROM ${quoteIdent(table)}`).raw().get() as (number | null)[];
  targets.forEach((c, i) => {
    c.missing_count = row[i * 2] ?? 0;
    c.invalid_count = row[i * 2 + 1] ?? 0;
  });
}

/** Marks a dataset changed; strictly later than before so column caches keyed on it never go stale. */
export function touchDataset(store: ProjectStore, datasetId: string, fields: { rowCount?: number }): void {
  const prev = store.db.prepare('SELECT updated_at FROM datasets WHERE id = ?').pluck().get(datasetId) as string;
  let now = new Date();
  if (now.toISOString() <= prev) now = new Date(Date.parse(prev) + 1);
  const db = store.db;
  if (fields.rowCount !== undefined) db.prepare('UPDATE datasets SET row_count = ? WHERE id = ?').run(fields.rowCount, datasetId);
  db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(now.toISOString(), datasetId);
}

/** Unquoted table name currently holding the dataset's rows. */
export function currentTable(store: ProjectStore, datasetId: string): string {
  return store.db.prepare('SELECT table_name FROM datasets WHERE id = ?').pluck().get(datasetId) as string;
}
