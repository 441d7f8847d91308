import Database from 'better-sqlite3';
import type { CellValue } from '../shared/contract/json';

/** A plain SQLite table holding the same rows as a benchmark's dataset, for baselines. */
export interface ReferenceTable {
  db: Database.Database;
  table: string;
  loadMs: number;
  close(): void;
}

/**
 * Baselines compare the engine with "what plain SQLite does on the same data". Datasets are no
 * longer SQLite tables (they are column data owned by the store, whose handle is private), so the
 * reference engine gets its own database file loaded with the rows the benchmark gave the engine,
 * in the layout datasets had as tables: `_row INTEGER PRIMARY KEY` and untyped c0…cN, WAL and
 * synchronous NORMAL like a project file. A file rather than :memory: so it is read through the
 * page cache as the project table was, and does not add its rows to the process's RSS figures.
 * Cells are stored as the engine stores them: empty text as missing, booleans as 1/0, non-finite
 * numbers as their text (the same rules as tests/helpers/sql-oracle.ts).
 */
export function referenceTable(path: string, width: number, rows: Iterable<readonly CellValue[]>, table = 't'): ReferenceTable {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const cols = Array.from({ length: width }, (_, i) => `c${i}`);
  db.exec(`CREATE TABLE ${table} (_row INTEGER PRIMARY KEY, ${cols.join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const args = new Array<string | number | null>(width);
  const t0 = performance.now();
  db.transaction(() => {
    for (const r of rows) {
      for (let i = 0; i < width; i++) args[i] = sqlCell(r[i]);
      insert.run(args);
    }
  })();
  const loadMs = performance.now() - t0;
  return { db, table, loadMs, close: () => db.close() };
}

/** A cell as plain SQLite holds it (see referenceTable). */
export function sqlCell(v: CellValue | undefined): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
