import type Database from 'better-sqlite3';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { ColumnBuilder } from './column-builder';
import type { ColumnState, DatasetState } from './datasets-table';
import { quoteIdent } from './sql';
import type { StagedColumns } from './staged-columns';

/** Column metadata as projects before the columnar layout kept it with each cleaning step. */
interface LegacyMeta {
  ordinal: number;
  key: string;
  name: string;
  original_header: string | null;
  type: ColumnType;
  format: string | null;
}

interface LegacyStep {
  id: string;
  before_json: string;
  after_json: string;
  legacy_before_table: string | null;
  legacy_after_table: string | null;
}

export interface ConversionHooks {
  progress(done: number, total: number): void;
  checkpoint(): Promise<void>;
}

/** What the store lends the conversion: the handle, staging and its single writer. */
export interface ConversionAccess {
  db: Database.Database;
  stage(): StagedColumns;
  write<T>(fn: () => T): T;
}

const BATCH = 20_000;

interface Converted {
  dataIds: Map<string, number>;
  rowIds: number | null;
  rowCount: number;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function rowCountOf(db: Database.Database, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${quoteIdent(table)}`).pluck().get() as number;
}

/**
 * Converts the row tables of a project written before the columnar layout, one dataset per
 * transaction: its live table and the parked tables of its cleaning steps become column data,
 * the steps get the data ids of both their states, and the old tables are dropped. A crash
 * leaves the dataset unconverted (its staged data is swept); the next open starts it again.
 */
export async function convertLegacyDatasets(access: ConversionAccess, hooks: ConversionHooks): Promise<number> {
  const { db } = access;
  const datasets = db.prepare('SELECT id, legacy_table AS tableName FROM datasets WHERE legacy_table IS NOT NULL ORDER BY seq').all() as { id: string; tableName: string }[];
  const jobs = datasets.map((d) => {
    const steps = db.prepare('SELECT id, before_json, after_json, legacy_before_table, legacy_after_table FROM clean_steps WHERE dataset_id = ? ORDER BY seq').all(d.id) as LegacyStep[];
    const tables = new Set<string>([d.tableName]);
    for (const s of steps) for (const t of [s.legacy_before_table, s.legacy_after_table]) if (t && tableExists(db, t)) tables.add(t);
    return { ...d, steps, tables: [...tables] };
  });
  const total = jobs.reduce((n, j) => n + j.tables.reduce((m, t) => m + (tableExists(db, t) ? rowCountOf(db, t) : 0), 0), 0);
  let done = 0;
  for (const job of jobs) {
    const staged = access.stage();
    try {
      const converted = new Map<string, Converted>();
      for (const table of job.tables) {
        if (!tableExists(db, table)) continue;
        converted.set(table, await convertTable(db, table, staged, async (rows) => {
          done += rows;
          hooks.progress(done, total);
          await hooks.checkpoint();
        }));
      }
      const live = converted.get(job.tableName) ?? { dataIds: new Map<string, number>(), rowIds: null, rowCount: 0 };
      access.write(() => {
        staged.commitInside();
        const cols = db.prepare('SELECT key FROM dataset_columns WHERE dataset_id = ?').pluck().all(job.id) as string[];
        const setData = db.prepare('UPDATE dataset_columns SET data_id = ? WHERE dataset_id = ? AND key = ?');
        for (const key of cols) setData.run(dataIdFor(live, key, access), job.id, key);
        db.prepare('UPDATE datasets SET rowid_data = ?, row_count = ?, legacy_table = NULL, version = version + 1 WHERE id = ?').run(live.rowIds, live.rowCount, job.id);
        for (const s of job.steps) {
          const side = (json: string, table: string | null): DatasetState => {
            const src = (table ? converted.get(table) : undefined) ?? live;
            const meta = (JSON.parse(json) as { columns: LegacyMeta[] }).columns;
            return { columns: meta.map((m) => stateOf(m, dataIdFor(src, m.key, access))), rowIds: src.rowIds, rowCount: src.rowCount };
          };
          const before = side(s.before_json, s.legacy_before_table);
          const after = side(s.after_json, s.legacy_after_table);
          db.prepare('UPDATE clean_steps SET before_json = ?, after_json = ?, legacy_before_table = NULL, legacy_after_table = NULL WHERE id = ?').run(
            JSON.stringify(before),
            JSON.stringify(after),
            s.id,
          );
          const ins = db.prepare('INSERT OR IGNORE INTO clean_step_data (step_id, data_id) VALUES (?, ?)');
          for (const st of [before, after]) {
            for (const c of st.columns) ins.run(s.id, c.dataId);
            if (st.rowIds !== null) ins.run(s.id, st.rowIds);
          }
        }
        for (const table of job.tables) if (tableExists(db, table)) db.exec(`DROP TABLE ${quoteIdent(table)}`);
      });
    } catch (e) {
      staged.discard();
      throw e;
    }
  }
  // Parked tables no step referred to any more.
  const orphans = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name GLOB 'kq_ds[0-9]*_v[0-9]*' OR name GLOB 'ds_[0-9]*')").pluck().all() as string[];
  if (orphans.length > 0) access.write(() => orphans.forEach((t) => db.exec(`DROP TABLE ${quoteIdent(t)}`)));
  return jobs.length;
}

function stateOf(m: LegacyMeta, dataId: number): ColumnState {
  return { ordinal: m.ordinal, key: m.key, name: m.name, originalHeader: m.original_header, type: m.type, format: m.format, dataId };
}

/** A column the old table lacked (added after the state was parked) reads as empty. */
function dataIdFor(src: Converted, key: string, access: ConversionAccess): number {
  const id = src.dataIds.get(key);
  if (id !== undefined) return id;
  const staged = access.stage();
  const { dataId, builder } = staged.column();
  for (let i = 0; i < src.rowCount; i++) builder.appendMissing();
  staged.finish(dataId, builder);
  staged.commitInside();
  src.dataIds.set(key, dataId);
  return dataId;
}

async function convertTable(db: Database.Database, table: string, staged: StagedColumns, tick: (rows: number) => Promise<void>): Promise<Converted> {
  const keys = (db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name).filter((n) => n !== '_row');
  const builders = keys.map(() => staged.column());
  const rowIdCol = staged.column();
  let identity = true;
  let n = 0;
  let after = -Infinity;
  const select = ['_row', ...keys.map(quoteIdent)].join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${quoteIdent(table)} WHERE _row > ? ORDER BY _row LIMIT ?`).raw();
  for (;;) {
    const rows = stmt.all(after, BATCH) as unknown[][];
    for (const r of rows) {
      const id = Number(r[0]);
      if (id !== n + 1) identity = false;
      rowIdCol.builder.appendNumber(id);
      for (let j = 0; j < keys.length; j++) appendLegacy(builders[j]!.builder, r[j + 1]);
      n++;
    }
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]![0]);
    await tick(rows.length);
    if (rows.length < BATCH) break;
  }
  const dataIds = new Map<string, number>();
  keys.forEach((k, j) => {
    staged.finish(builders[j]!.dataId, builders[j]!.builder);
    dataIds.set(k, builders[j]!.dataId);
  });
  staged.finish(rowIdCol.dataId, rowIdCol.builder);
  return { dataIds, rowIds: identity ? null : rowIdCol.dataId, rowCount: n };
}

function appendLegacy(builder: ColumnBuilder, v: unknown): void {
  if (typeof v === 'bigint') builder.appendNumber(Number(v));
  else if (typeof v === 'number' || typeof v === 'string' || v === null) builder.append(v as CellValue);
  else builder.append(String(v));
}
