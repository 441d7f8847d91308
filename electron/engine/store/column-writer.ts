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
    const sets = keys.map((k) => `${quoteIdent(k)} = ?`).join(', ');
    const update = db.prepare(`UPDATE ${table} SET ${sets} WHERE _row = ?`);
    const missing = new Array<number>(keys.length).fill(0);
    const rows = db.prepare(`SELECT _row FROM ${table} ORDER BY _row`).pluck().all() as number[];
    rows.forEach((rowId, i) => {
      const vals = valueAt(i).slice(0, keys.length).map((v, j) => {
        if (v === null || v === undefined || v === '') {
          missing[j]! += 1;
          return null;
        }
        return typeof v === 'boolean' ? (v ? 1 : 0) : v;
      });
      while (vals.length < keys.length) {
        missing[vals.length]! += 1;
        vals.push(null);
      }
      update.run(...vals, rowId);
    });
    const setMissing = db.prepare('UPDATE dataset_columns SET missing_count = ? WHERE dataset_id = ? AND key = ?');
    keys.forEach((k, j) => setMissing.run(missing[j] ?? 0, datasetId, k));
    db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), datasetId);
    return keys;
  })();
}
