import Database from 'better-sqlite3';
import type { CellValue } from '../../shared/contract/json';

/**
 * An independent oracle: the rows a test gave the engine, loaded into a private in-memory SQLite
 * table (c0…cN, as the cells were given; empty text stored as missing, as the engine stores it),
 * so SQL GROUP BY can check what the engine computed from its own column store.
 */
export class SqlOracle {
  readonly db: Database.Database = new Database(':memory:');

  load(table: string, width: number, rows: readonly (readonly CellValue[])[]): string {
    const cols = Array.from({ length: width }, (_, i) => `c${i}`);
    this.db.exec(`CREATE TABLE ${table} (_row INTEGER PRIMARY KEY, ${cols.join(', ')})`);
    const insert = this.db.prepare(`INSERT INTO ${table} (_row, ${cols.join(', ')}) VALUES (${['?', ...cols.map(() => '?')].join(', ')})`);
    this.db.transaction(() => {
      rows.forEach((r, i) => insert.run(i + 1, ...cols.map((_, j) => cell(r[j]))));
    })();
    return table;
  }

  close(): void {
    this.db.close();
  }
}

function cell(v: CellValue | undefined): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
