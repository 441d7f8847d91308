import type { ColumnInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from './project-store';
import { quoteIdent } from './sql';

/** A measure column as a typed array: missing and invalid (non-numeric) cells are NaN. */
export interface NumericColumn {
  key: string;
  values: Float64Array;
  /** How many cells were missing (null) or invalid (text in a numeric column). */
  missing: number;
  invalid: number;
}

/** A category column, dictionary-encoded: codes index into `labels`; -1 = missing. */
export interface CategoryColumn {
  key: string;
  codes: Int32Array;
  labels: string[];
}

/** Finds a column by key or by display name (CLI users type names). */
export function resolveColumn(columns: ColumnInfo[], keyOrName: string): ColumnInfo {
  const col = columns.find((c) => c.key === keyOrName) ?? columns.find((c) => c.name === keyOrName) ?? columns.find((c) => c.name.trim() === keyOrName.trim());
  if (!col) {
    throw new KequnError('COLUMN_NOT_FOUND', `Column not found: ${keyOrName}`, {
      zh: `未找到列：${keyOrName}`,
      details: { column: keyOrName, available: columns.map((c) => c.name) },
    });
  }
  return col;
}

/**
 * Reads columns into typed arrays once (row order = the table's _row order) and caches them per
 * dataset version, so repeated analyses (k scans, cross-tabs) do not re-query SQLite. SQLite
 * stays the source of truth: any write bumps `updated_at` and invalidates the cache.
 */
export class ColumnReader {
  private readonly cache = new Map<string, { version: string; value: NumericColumn | CategoryColumn }>();

  constructor(private readonly store: ProjectStore) {}

  numeric(datasetId: string, keyOrName: string): NumericColumn {
    const ds = this.store.getDataset(datasetId);
    const col = resolveColumn(ds.columns, keyOrName);
    const cacheKey = `n:${ds.id}:${col.key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.version === ds.updatedAt) return hit.value as NumericColumn;
    const values = new Float64Array(ds.rowCount);
    let missing = 0;
    let invalid = 0;
    let i = 0;
    const stmt = this.store.db.prepare(`SELECT ${quoteIdent(col.key)} FROM ${this.store.tableOf(ds.id)} ORDER BY _row`).pluck();
    for (const v of stmt.iterate()) {
      if (typeof v === 'number') values[i] = v;
      else if (typeof v === 'bigint') values[i] = Number(v);
      else {
        values[i] = NaN;
        if (v === null) missing++;
        else invalid++;
      }
      i++;
    }
    const value: NumericColumn = { key: col.key, values: i === values.length ? values : values.subarray(0, i), missing, invalid };
    this.cache.set(cacheKey, { version: ds.updatedAt, value });
    return value;
  }

  category(datasetId: string, keyOrName: string): CategoryColumn {
    const ds = this.store.getDataset(datasetId);
    const col = resolveColumn(ds.columns, keyOrName);
    const cacheKey = `c:${ds.id}:${col.key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.version === ds.updatedAt) return hit.value as CategoryColumn;
    const codes = new Int32Array(ds.rowCount);
    const labels: string[] = [];
    const index = new Map<string, number>();
    let i = 0;
    const stmt = this.store.db.prepare(`SELECT ${quoteIdent(col.key)} FROM ${this.store.tableOf(ds.id)} ORDER BY _row`).pluck();
    for (const v of stmt.iterate()) {
      if (v === null || v === '') codes[i] = -1;
      else {
        const label = String(v);
        let code = index.get(label);
        if (code === undefined) {
          code = labels.length;
          labels.push(label);
          index.set(label, code);
        }
        codes[i] = code;
      }
      i++;
    }
    const value: CategoryColumn = { key: col.key, codes: i === codes.length ? codes : codes.subarray(0, i), labels };
    this.cache.set(cacheKey, { version: ds.updatedAt, value });
    return value;
  }

  clear(): void {
    this.cache.clear();
  }
}
