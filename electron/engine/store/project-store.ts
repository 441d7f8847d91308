import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { ProjectInfo } from '../../../shared/contract/project';
import { APP_VERSION } from '../../../shared/version';
import { ColumnBuilder } from './column-builder';
import { DICT_BLOCK, encodeStrings, PART_CODE, PART_DICT, PART_NUM } from './column-codec';
import { ColumnDataTable } from './column-data';
import { ColumnSource } from './column-source';
import { removeProjectFiles } from './project-files';
import { assertColumnLimit, columnStates, normaliseCell } from './dataset-columns';
import { DatasetSnapshot } from './dataset-snapshot';
import { DatasetsTable, type DatasetState } from './datasets-table';
import { convertLegacyDatasets, type ConversionHooks } from './legacy-convert';
import { migrate } from './migrate';
import type { NewDataset } from './new-dataset';
import { cacheBudgetBytes, ProjectCache } from './project-cache';
import { inspectProjectFile, KEQUN_APPLICATION_ID } from './project-file-check';
import { ProjectTables } from './project-tables';
import { storageError } from './sqlite-errors';
import { StagedColumns } from './staged-columns';

export type { NewColumn, NewDataset } from './new-dataset';

export interface OpenOptions {
  create?: boolean;
  name?: string;
  demo?: boolean;
  /** Open for reading only (checks, harnesses): nothing is migrated, swept or written. */
  readOnly?: boolean;
}

/**
 * One project = one SQLite file (WAL), and the only owner of it: the database handle never
 * leaves this folder. Datasets are columns of immutable data objects (see migrations/columnar.ts);
 * every other record has one table module (./project-tables.ts). All writes go through `write`,
 * one short synchronous transaction each — nothing may await inside it — so overlapping work can
 * never commit into someone else's transaction.
 */
export class ProjectStore {
  readonly path: string;
  readonly schemaVersion: number;
  readonly readOnly: boolean;
  /** Decoded chunks, columns and views of this project; dropped when it closes. */
  readonly cache = new ProjectCache(cacheBudgetBytes());
  readonly datasets: DatasetsTable;
  readonly tables: ProjectTables;
  private readonly data: ColumnDataTable;
  private readonly db: Database.Database;
  private readonly pins = new Map<number, number>();
  private readonly closeListeners = new Set<() => void>();

  private constructor(path: string, db: Database.Database, schemaVersion: number, readOnly: boolean) {
    this.path = path;
    this.db = db;
    this.schemaVersion = schemaVersion;
    this.readOnly = readOnly;
    this.data = new ColumnDataTable(db);
    this.datasets = new DatasetsTable(db, (id) => this.dataInfo(id));
    this.tables = new ProjectTables(db);
  }

  static open(path: string, options: OpenOptions = {}): ProjectStore {
    const full = resolve(path);
    const exists = existsSync(full);
    if (!exists && !options.create) {
      throw new KequnError('FILE_NOT_FOUND', `Project file not found: ${full}`, {
        zh: `找不到项目文件：${full}`,
        details: { path: full },
      });
    }
    const inspected = exists ? inspectProjectFile(full) : { empty: true, readOnly: false };
    const probe = { ...inspected, readOnly: inspected.readOnly || options.readOnly === true };
    let db: Database.Database;
    try {
      db = new Database(full, probe.readOnly ? { readonly: true, fileMustExist: true } : {});
    } catch (cause) {
      throw (
        storageError(cause, full) ??
        new KequnError('PROJECT_OPEN_FAILED', `The project file could not be opened: ${full}`, {
          zh: `无法打开项目文件：${full}`,
          details: { path: full },
          cause,
        })
      );
    }
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      if (!probe.readOnly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      const version = probe.readOnly ? countApplied(db) : migrate(db);
      if (!probe.readOnly && Number(db.pragma('application_id', { simple: true })) !== KEQUN_APPLICATION_ID) {
        db.pragma(`application_id = ${KEQUN_APPLICATION_ID}`);
      }
      const store = new ProjectStore(full, db, version, probe.readOnly);
      if (!probe.readOnly) {
        // Leftovers of work that was killed before it committed, then data nothing refers to.
        store.write(() => store.data.discardAllStaged());
        store.collectGarbage();
        if (!store.getMeta('created_at')) {
          store.write(() => {
            store.setMeta('created_at', new Date().toISOString());
            store.setMeta('name', options.name ?? basename(full, extname(full)));
            store.setMeta('app_version', APP_VERSION);
            if (options.demo) store.setMeta('is_demo', '1');
          });
        }
      }
      return store;
    } catch (e) {
      db.close();
      if (!exists) removeProjectFiles(full);
      throw storageError(e, full) ?? e;
    }
  }

  get closed(): boolean {
    return !this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    this.db.close();
    this.cache.clear();
    for (const l of this.closeListeners) l();
    this.closeListeners.clear();
  }

  /** Runs when the project closes (running work bound to it is cancelled this way). */
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  assertOpen(): void {
    if (!this.db.open) throw new KequnError('PROJECT_CLOSED');
  }

  /**
   * The single writer: runs `fn` in one transaction (a savepoint when nested). `fn` must be
   * synchronous; SQLite and file-system failures come out as coded errors.
   */
  write<T>(fn: () => T extends Promise<unknown> ? never : T): T {
    this.assertOpen();
    if (this.readOnly) throw new KequnError('PROJECT_READ_ONLY', `The project file is read-only: ${this.path}`, { zh: `项目文件是只读的：${this.path}`, details: { path: this.path } });
    try {
      const result = this.db.transaction(fn)();
      if (result instanceof Promise) throw new Error('store.write was given an async function');
      return result;
    } catch (e) {
      throw storageError(e, this.path) ?? e;
    }
  }

  /** Reads in one consistent transaction (several statements that must agree). */
  read<T>(fn: () => T): T {
    this.assertOpen();
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      throw storageError(e, this.path) ?? e;
    }
  }

  getMeta(key: string): string | null {
    this.assertOpen();
    const v = this.db.prepare('SELECT value FROM project WHERE key = ?').pluck().get(key);
    return typeof v === 'string' ? v : null;
  }

  setMeta(key: string, value: string): void {
    this.write(() => this.db.prepare('INSERT INTO project (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value));
  }

  info(): ProjectInfo {
    this.assertOpen();
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
    this.assertOpen();
    return this.datasets.list();
  }

  /** Looks a dataset up by id, or by exact name (what CLI users type). */
  getDataset(idOrName: string): DatasetInfo {
    this.assertOpen();
    return this.datasets.get(idOrName);
  }

  uniqueName(wanted: string): string {
    return this.datasets.uniqueName(wanted);
  }

  /** The dataset as it is now, for reading; see DatasetSnapshot. */
  snapshot(idOrName: string): DatasetSnapshot {
    return this.read(() => {
      const info = this.datasets.get(idOrName);
      const state = this.datasets.state(info.id);
      return new DatasetSnapshot(info, state, (id) => this.source(id), this.cache);
    });
  }

  source(dataId: number): ColumnSource {
    return new ColumnSource(this.dataInfo(dataId), this.data, this.cache);
  }

  private dataInfo(dataId: number): ReturnType<ColumnDataTable['get']> & object {
    const info = this.data.get(dataId);
    if (!info) {
      throw new KequnError('PROJECT_DAMAGED', `Column data ${dataId} is missing from the project file`, {
        zh: `项目文件中缺少列数据 ${dataId}`,
        details: { data: dataId },
      });
    }
    return info;
  }

  /** Column data for long work to fill before it commits (see StagedColumns). */
  stage(): StagedColumns {
    this.assertOpen();
    return new StagedColumns(this.data, (fn) => this.write(fn as () => never));
  }

  /**
   * Builders whose chunks go straight into committed data objects; must run inside `write`. For
   * results of a few million rows at most (labels, scores): larger data goes through `stage()`.
   */
  columnBuilders(count: number): { builders: ColumnBuilder[]; finish: () => number[] } {
    this.assertOpen();
    const made = Array.from({ length: count }, () => {
      const dataId = this.data.create(false);
      return { dataId, builder: new ColumnBuilder((part, chunk, bytes) => this.data.putChunk(dataId, part, chunk, bytes)) };
    });
    return {
      builders: made.map((m) => m.builder),
      finish: () => {
        for (const m of made) this.data.finish(m.dataId, m.builder.finish());
        return made.map((m) => m.dataId);
      },
    };
  }

  /** A copy of a data object (all parts), committed; must run inside `write`. */
  copyData(dataId: number): number {
    return this.data.copy(dataId, false);
  }

  /**
   * A data object with another's numbers and codes but a new dictionary (renamed labels): the
   * codes keep pointing at the same entries, so a rename costs the dictionary, not the rows.
   */
  relabelData(dataId: number, labels: readonly string[]): number {
    const src = this.dataInfo(dataId);
    if (src.localChunks > 0) throw new Error('relabelData needs a column-wide dictionary');
    const id = this.data.create(false);
    this.data.copyParts(dataId, [PART_NUM, PART_CODE], id);
    for (let b = 0; b * DICT_BLOCK < labels.length; b++) this.data.putChunk(id, PART_DICT, b, encodeStrings(labels.slice(b * DICT_BLOCK, (b + 1) * DICT_BLOCK)));
    this.data.finish(id, { ...src, dictSize: labels.length });
    return id;
  }

  /** Keeps data objects from garbage collection while a reader streams them across awaits. */
  pin(dataIds: readonly number[]): () => void {
    for (const id of dataIds) this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of dataIds) {
        const n = (this.pins.get(id) ?? 1) - 1;
        if (n <= 0) this.pins.delete(id);
        else this.pins.set(id, n);
      }
    };
  }

  /** Deletes column data nothing refers to (after steps are discarded, datasets removed …). */
  collectGarbage(): number {
    if (this.readOnly || !this.db.open) return 0;
    return this.write(() => this.data.collectGarbage([...this.pins.keys()]));
  }

  /** Creates a whole dataset from rows in one transaction (small and derived datasets). */
  createDataset(spec: NewDataset, rows: Iterable<readonly CellValue[]>): DatasetInfo {
    return this.createDatasetFrom(spec, (builders) => {
      let count = 0;
      for (const row of rows) {
        for (let i = 0; i < builders.length; i++) builders[i]!.append(normaliseCell(row[i]));
        count++;
      }
      return count;
    });
  }

  /**
   * Creates a whole dataset in one transaction, column by column: `fill` appends every row to each
   * builder (one per spec column) and returns the row count. Derived tables of a million rows
   * (RFM) skip building a million row arrays.
   */
  createDatasetFrom(spec: NewDataset, fill: (builders: readonly ColumnBuilder[]) => number): DatasetInfo {
    const id = this.write(() => {
      const { builders, finish } = this.columnBuilders(spec.columns.length);
      const count = fill(builders);
      return this.insertDataset(spec, { columns: columnStates(spec.columns, finish()), rowIds: null, rowCount: count });
    });
    return this.getDataset(id);
  }

  /** Inserts a dataset's record pointing at data already written (inside `write`). */
  insertDataset(spec: Omit<NewDataset, 'columns'>, state: DatasetState): string {
    assertColumnLimit(state.columns.length);
    return this.datasets.insert({ name: spec.name, kind: spec.kind, source: spec.source, origin: spec.origin, state });
  }

  renameDataset(id: string, name: string): DatasetInfo {
    const ds = this.getDataset(id);
    this.write(() => this.datasets.rename(ds.id, name));
    return this.getDataset(ds.id);
  }

  removeDataset(id: string): boolean {
    const ds = this.getDataset(id);
    this.write(() => this.datasets.remove(ds.id));
    this.collectGarbage();
    return true;
  }

  /** True when datasets of an earlier version still wait to be converted to columns. */
  needsConversion(): boolean {
    this.assertOpen();
    return this.db.prepare('SELECT 1 FROM datasets WHERE legacy_table IS NOT NULL LIMIT 1').get() !== undefined;
  }

  /** Converts row tables of an earlier version (see legacy-convert.ts); resumable after a crash. */
  async convertLegacy(hooks: ConversionHooks): Promise<number> {
    if (this.readOnly) return 0;
    const n = await convertLegacyDatasets({ db: this.db, stage: () => this.stage(), write: (fn) => this.write(fn as () => never) }, hooks);
    this.collectGarbage();
    return n;
  }

  /** Counts of what the file holds (checks, tests: a failed operation must leave them unchanged). */
  contents(): { datasets: number; columnData: number; stagedData: number; chunks: number; steps: number; segmentations: number } {
    this.assertOpen();
    const count = (sql: string): number => this.db.prepare(sql).pluck().get() as number;
    return {
      datasets: count('SELECT count(*) FROM datasets'),
      columnData: count('SELECT count(*) FROM col_data WHERE staged = 0'),
      stagedData: count('SELECT count(*) FROM col_data WHERE staged = 1'),
      chunks: count('SELECT count(*) FROM col_chunks'),
      steps: count('SELECT count(*) FROM clean_steps'),
      segmentations: count('SELECT count(*) FROM segmentations'),
    };
  }

  /** Runs SQLite's integrity check and the store's own structure checks (read-only). */
  integrityCheck(): string[] {
    this.assertOpen();
    return (this.db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((s) => s !== 'ok');
  }

  /** Writes a compact copy of the project to a new file (save-as). */
  vacuumInto(file: string): void {
    this.assertOpen();
    try {
      this.db.prepare('VACUUM INTO ?').run(file);
    } catch (e) {
      throw storageError(e, file) ?? e;
    }
  }
}

function countApplied(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM _kequn_migrations').pluck().get() as number;
}



export type { CellValue };
