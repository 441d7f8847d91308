import type Database from 'better-sqlite3';
import { z } from 'zod';
import { booleanLabelsSchema, COLUMN_TYPES, type BooleanLabels, type ColumnInfo, type ColumnType, type DatasetInfo, type DatasetKind } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import { jsonValueSchema, type JsonValue } from '../../../shared/contract/json';
import type { ColumnDataInfo } from './column-data';

/** One column of a dataset state: its metadata and the data object holding its cells. */
export interface ColumnState {
  ordinal: number;
  key: string;
  name: string;
  originalHeader: string | null;
  type: ColumnType;
  format: string | null;
  dataId: number;
  /** Boolean columns: the source's yes/no words (null or absent: TRUE/FALSE). */
  labels?: BooleanLabels | null;
}

/** Everything that defines a dataset's content: what a cleaning step saves on both sides. */
export interface DatasetState {
  columns: ColumnState[];
  /** Data object of stable row ids, or null when they are 1…rowCount. */
  rowIds: number | null;
  rowCount: number;
}

export const columnStateSchema = z.object({
  ordinal: z.number().int(),
  key: z.string(),
  name: z.string(),
  originalHeader: z.string().nullable(),
  type: z.enum(COLUMN_TYPES),
  format: z.string().nullable(),
  dataId: z.number().int(),
  labels: booleanLabelsSchema.nullable().optional(),
});
export const datasetStateSchema = z.object({
  columns: z.array(columnStateSchema),
  rowIds: z.number().int().nullable(),
  rowCount: z.number().int().min(0),
});

interface DatasetRow {
  id: string;
  seq: number;
  name: string;
  kind: string;
  row_count: number;
  rowid_data: number | null;
  version: number;
  source: string | null;
  origin_json: string | null;
  created_at: string;
  updated_at: string;
}

interface ColumnRow {
  dataset_id: string;
  ordinal: number;
  key: string;
  name: string;
  original_header: string | null;
  type: string;
  format: string | null;
  invalid_count: number;
  missing_count: number;
  data_id: number;
  labels_json: string | null;
}

export interface NewDatasetRecord {
  name: string;
  kind: DatasetKind;
  source: string | null;
  origin?: unknown;
  state: DatasetState;
}

/** Missing and invalid cells follow from the data object and the column's type. */
export function cellCounts(type: ColumnType, data: ColumnDataInfo): { invalid: number; missing: number } {
  return { invalid: type === 'text' ? 0 : data.texts, missing: data.rows - data.numbers - data.texts };
}

/**
 * The `datasets` and `dataset_columns` tables. Every write raises the dataset's version, which
 * is what caches and running work compare against.
 */
export class DatasetsTable {
  constructor(
    private readonly db: Database.Database,
    private readonly dataInfo: (id: number) => ColumnDataInfo,
  ) {}

  list(): DatasetInfo[] {
    const rows = this.db.prepare('SELECT * FROM datasets ORDER BY seq').all() as DatasetRow[];
    const cols = this.db.prepare('SELECT * FROM dataset_columns ORDER BY dataset_id, ordinal').all() as ColumnRow[];
    const byDataset = new Map<string, ColumnInfo[]>();
    for (const c of cols) {
      const list = byDataset.get(c.dataset_id) ?? [];
      list.push(toColumnInfo(c));
      byDataset.set(c.dataset_id, list);
    }
    return rows.map((r) => toDatasetInfo(r, byDataset.get(r.id) ?? []));
  }

  /** Looks a dataset up by id, or by exact name (what CLI users type). */
  get(idOrName: string): DatasetInfo {
    const row = this.row(idOrName);
    const cols = this.db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal').all(row.id) as ColumnRow[];
    return toDatasetInfo(row, cols.map(toColumnInfo));
  }

  has(idOrName: string): boolean {
    return this.find(idOrName) !== undefined;
  }

  /** How a derived dataset was made (its recipe), as stored; null for imports without one. */
  origin(idOrName: string): JsonValue | null {
    const raw = this.row(idOrName).origin_json;
    return raw === null ? null : jsonValueSchema.parse(JSON.parse(raw));
  }

  version(id: string): number {
    return this.row(id).version;
  }

  state(idOrName: string): DatasetState {
    const row = this.row(idOrName);
    const cols = this.db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal').all(row.id) as ColumnRow[];
    return {
      columns: cols.map((c) => ({
        ordinal: c.ordinal,
        key: c.key,
        name: c.name,
        originalHeader: c.original_header,
        type: c.type as ColumnType,
        format: c.format,
        dataId: c.data_id,
        labels: parseLabels(c.labels_json),
      })),
      rowIds: row.rowid_data,
      rowCount: row.row_count,
    };
  }

  /** Returns a dataset name not yet used: "订单", "订单 (2)", … */
  uniqueName(wanted: string, exceptId?: string): string {
    const taken = new Set(
      (this.db.prepare('SELECT name FROM datasets WHERE id <> ?').pluck().all(exceptId ?? '') as string[]),
    );
    if (!taken.has(wanted)) return wanted;
    for (let i = 2; ; i++) {
      const candidate = `${wanted} (${i})`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  insert(spec: NewDatasetRecord): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM datasets').pluck().get() as number | null) ?? 0) + 1;
    const id = `d${seq}`;
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO datasets (id, seq, name, kind, row_count, rowid_data, version, source, origin_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(id, seq, this.uniqueName(spec.name), spec.kind, spec.state.rowCount, spec.state.rowIds, spec.source, spec.origin === undefined ? null : JSON.stringify(spec.origin), now, now);
    this.writeColumns(id, spec.state.columns);
    return id;
  }

  /** Replaces a dataset's whole state (a cleaning step, its undo or redo, an append). */
  setState(id: string, state: DatasetState): void {
    this.db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ?').run(id);
    this.writeColumns(id, state.columns);
    this.db.prepare('UPDATE datasets SET row_count = ?, rowid_data = ? WHERE id = ?').run(state.rowCount, state.rowIds, id);
    this.touch(id);
  }

  addColumns(id: string, columns: readonly ColumnState[]): void {
    this.writeColumns(id, columns);
    this.touch(id);
  }

  removeColumn(id: string, key: string): void {
    this.db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ? AND key = ?').run(id, key);
    this.touch(id);
  }

  /** Points one column at another data object (relabelled segment names, a rename of values). */
  replaceColumnData(id: string, key: string, dataId: number): void {
    const data = this.dataInfo(dataId);
    const type = this.db.prepare('SELECT type FROM dataset_columns WHERE dataset_id = ? AND key = ?').pluck().get(id, key) as ColumnType;
    const counts = cellCounts(type, data);
    this.db
      .prepare('UPDATE dataset_columns SET data_id = ?, invalid_count = ?, missing_count = ? WHERE dataset_id = ? AND key = ?')
      .run(dataId, counts.invalid, counts.missing, id, key);
    this.touch(id);
  }

  setColumnFormat(id: string, key: string, format: string | null): void {
    this.db.prepare('UPDATE dataset_columns SET format = ? WHERE dataset_id = ? AND key = ?').run(format, id, key);
    this.touch(id);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(this.uniqueName(name, id), id);
    this.touch(id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
  }

  /** Raises the version; updated_at stays a display value only. */
  touch(id: string): void {
    this.db.prepare('UPDATE datasets SET version = version + 1, updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  private writeColumns(id: string, columns: readonly ColumnState[]): void {
    const insert = this.db.prepare(
      `INSERT INTO dataset_columns (dataset_id, ordinal, key, name, original_header, type, format, invalid_count, missing_count, data_id, labels_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of columns) {
      const counts = cellCounts(c.type, this.dataInfo(c.dataId));
      // Words belong to yes/no columns only: a column changed to another type drops them.
      const labels = c.type === 'boolean' && c.labels ? JSON.stringify(c.labels) : null;
      insert.run(id, c.ordinal, c.key, c.name, c.originalHeader, c.type, c.format, counts.invalid, counts.missing, c.dataId, labels);
    }
  }

  private find(idOrName: string): DatasetRow | undefined {
    return (this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(idOrName) ??
      this.db.prepare('SELECT * FROM datasets WHERE name = ? ORDER BY seq LIMIT 1').get(idOrName)) as DatasetRow | undefined;
  }

  private row(idOrName: string): DatasetRow {
    const row = this.find(idOrName);
    if (!row) {
      throw new KequnError('DATASET_NOT_FOUND', `Dataset not found: ${idOrName}`, {
        zh: `未找到数据集：${idOrName}`,
        details: { dataset: idOrName },
      });
    }
    return row;
  }
}

function toColumnInfo(c: ColumnRow): ColumnInfo {
  const labels = parseLabels(c.labels_json);
  return {
    key: c.key,
    name: c.name,
    originalHeader: c.original_header,
    type: c.type as ColumnType,
    format: c.format,
    invalidCount: c.invalid_count,
    missingCount: c.missing_count,
    ...(labels ? { labels } : {}),
  };
}

/** Stored yes/no words; anything unreadable counts as none (TRUE/FALSE is shown then). */
function parseLabels(raw: string | null): BooleanLabels | null {
  if (raw === null) return null;
  try {
    const r = booleanLabelsSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function toDatasetInfo(r: DatasetRow, columns: ColumnInfo[]): DatasetInfo {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as DatasetKind,
    rowCount: r.row_count,
    columns,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
