import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import type { ColumnInfo, ColumnType, DatasetInfo, DatasetKind } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { ProjectInfo } from '../../../shared/contract/project';
import { APP_VERSION } from '../../../shared/version';
import { DatasetWriter, type NewColumn } from './dataset-writer';
import { migrate } from './migrate';
import { columnKey, quoteIdent } from './sql';

interface DatasetRow {
  id: string;
  name: string;
  kind: string;
  table_name: string;
  row_count: number;
  source: string | null;
  created_at: string;
  updated_at: string;
}

interface ColumnRow {
  dataset_id: string;
  key: string;
  name: string;
  original_header: string | null;
  type: string;
  format: string | null;
  invalid_count: number;
  missing_count: number;
}

export interface NewDataset {
  name: string;
  kind: DatasetKind;
  source: string | null;
  columns: NewColumn[];
  /** JSON-safe description of how a derived dataset was made (recipe), stored as is. */
  origin?: unknown;
}

/**
 * One project = one SQLite file (WAL). Each dataset is a table `ds_<seq>` whose columns are
 * c0…cN with no declared type, so a cell keeps its storage class: numbers and dates as numbers,
 * and a cell that failed conversion as its original text (that is how invalid cells are marked).
 */
export class ProjectStore {
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;

  private constructor(path: string, db: Database.Database, schemaVersion: number) {
    this.path = path;
    this.db = db;
    this.schemaVersion = schemaVersion;
  }

  static open(path: string, options: { create?: boolean; name?: string; demo?: boolean } = {}): ProjectStore {
    const full = resolve(path);
    const exists = existsSync(full);
    if (!exists && !options.create) {
      throw new KequnError('FILE_NOT_FOUND', `Project file not found: ${full}`, {
        zh: `找不到项目文件：${full}`,
        details: { path: full },
      });
    }
    let db: Database.Database;
    try {
      db = new Database(full);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // Reading the header here turns "not a database" into a coded error before any write.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (cause) {
      throw new KequnError('PROJECT_OPEN_FAILED', `Not a Kequn project (or damaged): ${full}`, {
        zh: `不是客群项目文件，或文件已损坏：${full}`,
        details: { path: full },
        cause,
      });
    }
    try {
      const version = migrate(db);
      const store = new ProjectStore(full, db, version);
      if (!store.getMeta('created_at')) {
        store.setMeta('created_at', new Date().toISOString());
        store.setMeta('name', options.name ?? basename(full, extname(full)));
        store.setMeta('app_version', APP_VERSION);
        if (options.demo) store.setMeta('is_demo', '1');
      }
      return store;
    } catch (e) {
      db.close();
      throw e;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  getMeta(key: string): string | null {
    const v = this.db.prepare('SELECT value FROM project WHERE key = ?').pluck().get(key);
    return typeof v === 'string' ? v : null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO project (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  info(): ProjectInfo {
    const count = this.db.prepare('SELECT count(*) FROM datasets').pluck().get() as number;
    return {
      path: this.path,
      name: this.getMeta('name') ?? basename(this.path),
      schemaVersion: this.schemaVersion,
      createdAt: this.getMeta('created_at') ?? '',
      appVersion: this.getMeta('app_version') ?? APP_VERSION,
      datasetCount: count,
      isDemo: this.getMeta('is_demo') === '1',
    };
  }

  listDatasets(): DatasetInfo[] {
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
  getDataset(idOrName: string): DatasetInfo {
    const row = (this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(idOrName) ??
      this.db.prepare('SELECT * FROM datasets WHERE name = ? ORDER BY seq LIMIT 1').get(idOrName)) as DatasetRow | undefined;
    if (!row) {
      throw new KequnError('DATASET_NOT_FOUND', `Dataset not found: ${idOrName}`, {
        zh: `未找到数据集：${idOrName}`,
        details: { dataset: idOrName },
      });
    }
    const cols = this.db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal').all(row.id) as ColumnRow[];
    return toDatasetInfo(row, cols.map(toColumnInfo));
  }

  /** The SQL table holding a dataset's rows (quoted, safe to splice into SQL). */
  tableOf(datasetId: string): string {
    const t = this.db.prepare('SELECT table_name FROM datasets WHERE id = ?').pluck().get(datasetId);
    if (typeof t !== 'string') throw new KequnError('DATASET_NOT_FOUND', `Dataset not found: ${datasetId}`, { details: { dataset: datasetId } });
    return quoteIdent(t);
  }

  /** Returns a dataset name not yet used: "订单", "订单 (2)", … */
  uniqueName(wanted: string): string {
    const taken = new Set(this.db.prepare('SELECT name FROM datasets').pluck().all() as string[]);
    if (!taken.has(wanted)) return wanted;
    for (let i = 2; ; i++) {
      const candidate = `${wanted} (${i})`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  /**
   * Creates the dataset's metadata and empty table and returns a writer for its rows. Must run
   * inside the caller's transaction; call `finishDataset` after the last row, in the same one.
   */
  beginDataset(spec: NewDataset): { id: string; writer: DatasetWriter } {
    assertColumnLimit(spec.columns.length);
    const seq = ((this.db.prepare('SELECT max(seq) FROM datasets').pluck().get() as number | null) ?? 0) + 1;
    const id = `d${seq}`;
    const table = `ds_${seq}`;
    const now = new Date().toISOString();
    const columnsSql = spec.columns.map((_, i) => `${quoteIdent(columnKey(i))}`).join(', ');
    this.db.exec(`CREATE TABLE ${quoteIdent(table)} (_row INTEGER PRIMARY KEY${columnsSql ? ', ' + columnsSql : ''})`);
    this.db
      .prepare(
        `INSERT INTO datasets (id, seq, name, kind, table_name, row_count, source, origin_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
      )
      .run(id, seq, this.uniqueName(spec.name), spec.kind, table, spec.source, spec.origin === undefined ? null : JSON.stringify(spec.origin), now, now);
    const insertCol = this.db.prepare(
      `INSERT INTO dataset_columns (dataset_id, ordinal, key, name, original_header, type, format) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    spec.columns.forEach((c, i) => insertCol.run(id, i, columnKey(i), c.name, c.originalHeader, c.type, c.format ?? null));
    return { id, writer: new DatasetWriter(this.db, table, spec.columns.map((c) => c.type)) };
  }

  /** Flushes the writer and records row and cell counts (same transaction as beginDataset). */
  finishDataset(id: string, writer: DatasetWriter): void {
    writer.flush();
    const update = this.db.prepare('UPDATE dataset_columns SET invalid_count = ?, missing_count = ? WHERE dataset_id = ? AND key = ?');
    writer.invalid.forEach((n, i) => update.run(n, writer.missing[i] ?? 0, id, columnKey(i)));
    this.db.prepare('UPDATE datasets SET row_count = ?, updated_at = ? WHERE id = ?').run(writer.rowCount, new Date().toISOString(), id);
  }

  /** Creates a whole dataset from rows in one transaction (small and derived datasets). */
  createDataset(spec: NewDataset, rows: Iterable<readonly CellValue[]>): DatasetInfo {
    const id = this.db.transaction(() => {
      const { id: newId, writer } = this.beginDataset(spec);
      for (const row of rows) writer.write(row);
      this.finishDataset(newId, writer);
      return newId;
    })();
    return this.getDataset(id);
  }

  renameDataset(id: string, name: string): DatasetInfo {
    this.getDataset(id);
    this.db.prepare('UPDATE datasets SET name = ?, updated_at = ? WHERE id = ?').run(name, new Date().toISOString(), id);
    return this.getDataset(id);
  }

  removeDataset(id: string): boolean {
    const table = this.tableOf(id);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
      this.db.exec(`DROP TABLE IF EXISTS ${table}`);
    })();
    return true;
  }
}

/**
 * SQLite (as built into better-sqlite3) allows 2,000 columns per table and one is our row id.
 * Wider sheets are refused with a coded error before anything is written.
 */
export const MAX_DATASET_COLUMNS = 1999;

export function assertColumnLimit(count: number): void {
  if (count > MAX_DATASET_COLUMNS) {
    throw new KequnError('IMPORT_TOO_MANY_COLUMNS', `A dataset can hold at most ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} columns (this one would have ${count.toLocaleString('en-US')})`, {
      zh: `数据集最多支持 ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} 列（当前为 ${count.toLocaleString('en-US')} 列）`,
      details: { columns: count, limit: MAX_DATASET_COLUMNS },
    });
  }
}

function toColumnInfo(c: ColumnRow): ColumnInfo {
  return {
    key: c.key,
    name: c.name,
    originalHeader: c.original_header,
    type: c.type as ColumnType,
    format: c.format,
    invalidCount: c.invalid_count,
    missingCount: c.missing_count,
  };
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
  };
}

export type { CellValue };
