import type { CellValue } from '../../../shared/contract/json';
import type { NewColumn } from './dataset-writer';
import { assertColumnLimit, type ProjectStore } from './project-store';
import { columnKey, quoteIdent } from './sql';

/**
 * Adds computed columns (segment labels, scores, formulas) to an existing dataset. `valueAt(i)`
 * gives row i's values in _row order. Runs in one transaction: either every column is added
 * with all its values, or nothing changes. Returns the new column keys.
 */
export function addColumns(
  store: ProjectStore,
  datasetId: string,
  columns: NewColumn[],
  valueAt: (rowIndex: number) => readonly CellValue[],
): string[] {
  const db = store.db;
  const table = store.tableOf(datasetId);
  return db.transaction(() => {
    const maxOrdinal = (db.prepare('SELECT max(ordinal) FROM dataset_columns WHERE dataset_id = ?').pluck().get(datasetId) as number | null) ?? -1;
    const usedKeys = new Set(db.prepare('SELECT key FROM dataset_columns WHERE dataset_id = ?').pluck().all(datasetId) as string[]);
    const usedNames = new Set(db.prepare('SELECT name FROM dataset_columns WHERE dataset_id = ?').pluck().all(datasetId) as string[]);
    assertColumnLimit(usedKeys.size + columns.length);
    let next = maxOrdinal + 1;
    const keys: string[] = [];
    const insertCol = db.prepare(
      'INSERT INTO dataset_columns (dataset_id, ordinal, key, name, original_header, type, format, invalid_count, missing_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
    );
    for (const c of columns) {
      let k = next;
      while (usedKeys.has(columnKey(k))) k++;
      const key = columnKey(k);
      usedKeys.add(key);
      next = k + 1;
      let name = c.name;
      for (let n = 2; usedNames.has(name); n++) name = `${c.name} (${n})`;
      usedNames.add(name);
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(key)}`);
      insertCol.run(datasetId, k, key, name, c.originalHeader, c.type, c.format ?? null, 0);
      keys.push(key);
    }
    const missing = writeColumnValues(store, table, keys, valueAt);
    const setMissing = db.prepare('UPDATE dataset_columns SET missing_count = ? WHERE dataset_id = ? AND key = ?');
    keys.forEach((k, j) => setMissing.run(missing[j] ?? 0, datasetId, k));
    db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), datasetId);
    return keys;
  })();
}

/** Rows per multi-row INSERT into the staging table (× columns + 1 stays under 32,766 variables). */
const STAGE_BATCH_ROWS = 256;

/**
 * Fills the new columns: values go into a temporary staging table keyed by _row with multi-row
 * INSERTs, then one UPDATE … FROM joins it into the dataset table. One statement per row from
 * JavaScript cost about 3 s per million rows; the staged join does the per-row work inside SQLite.
 * The caller's transaction covers both, and the temp table dies with the connection on a crash.
 */
function writeColumnValues(store: ProjectStore, table: string, keys: string[], valueAt: (rowIndex: number) => readonly CellValue[]): number[] {
  const db = store.db;
  const width = keys.length;
  const missing = new Array<number>(width).fill(0);
  const stage = quoteIdent('kequn_stage_columns');
  const stageCols = keys.map((_, j) => `v${j}`);
  db.exec(`DROP TABLE IF EXISTS temp.${stage}`);
  db.exec(`CREATE TEMP TABLE ${stage} (_row INTEGER PRIMARY KEY, ${stageCols.join(', ')})`);
  try {
    const batchRows = Math.max(1, Math.min(STAGE_BATCH_ROWS, Math.floor(32_000 / (width + 1))));
    const one = `(${new Array(width + 1).fill('?').join(', ')})`;
    const insertBatch = db.prepare(`INSERT INTO temp.${stage} VALUES ${new Array(batchRows).fill(one).join(', ')}`);
    const insertOne = db.prepare(`INSERT INTO temp.${stage} VALUES ${one}`);
    const buffer: (string | number | null)[] = [];
    let rowIndex = 0;
    // All row ids first: better-sqlite3 cannot write while a read statement is being iterated.
    const rowIds = db.prepare(`SELECT _row FROM ${table} ORDER BY _row`).pluck().all() as number[];
    for (const rowId of rowIds) {
      const vals = valueAt(rowIndex++);
      buffer.push(rowId);
      for (let j = 0; j < width; j++) {
        const v = vals[j];
        if (v === null || v === undefined || v === '') {
          missing[j]! += 1;
          buffer.push(null);
        } else buffer.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      }
      if (buffer.length === batchRows * (width + 1)) {
        insertBatch.run(buffer);
        buffer.length = 0;
      }
    }
    for (let i = 0; i < buffer.length; i += width + 1) insertOne.run(buffer.slice(i, i + width + 1));
    const sets = keys.map((k, j) => `${quoteIdent(k)} = s.v${j}`).join(', ');
    db.exec(`UPDATE ${table} SET ${sets} FROM temp.${stage} AS s WHERE s._row = ${table}._row`);
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${stage}`);
  }
  return missing;
}
