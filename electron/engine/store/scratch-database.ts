import Database from 'better-sqlite3';

/**
 * A private in-memory SQLite database, never the project file: `kequn sql --check` loads the
 * datasets a model reads into it and runs the generated SQL there. Identifiers are quoted by
 * the caller's dialect; values always go in as bound parameters.
 */
export class ScratchDatabase {
  private readonly db = new Database(':memory:');

  /** Creates a table whose columns have no declared type (cells keep their storage class). */
  createTable(quotedTable: string, quotedColumns: readonly string[]): void {
    this.db.exec(`CREATE TABLE ${quotedTable} (${quotedColumns.join(', ')})`);
  }

  /** Inserts rows [start, end) given by `row(i)`, in one transaction. */
  insertRows(quotedTable: string, width: number, start: number, end: number, row: (i: number) => readonly (number | string | null)[]): void {
    const insert = this.db.prepare(`INSERT INTO ${quotedTable} VALUES (${new Array(width).fill('?').join(', ')})`);
    this.db.transaction(() => {
      for (let i = start; i < end; i++) insert.run(...row(i));
    })();
  }

  /** Runs one query and returns its rows as objects. */
  all(sql: string): Record<string, unknown>[] {
    return this.db.prepare(sql).all() as Record<string, unknown>[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
