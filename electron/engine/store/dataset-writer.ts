import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/contract/json';
import type { ColumnType } from '../../../shared/contract/datasets';
import { columnKey, quoteIdent } from './sql';

export interface NewColumn {
  name: string;
  originalHeader: string | null;
  type: ColumnType;
  format?: string | null;
}

/** Rows per multi-row INSERT, capped so rows × columns stays under SQLite's 32,766 variables. */
const MAX_BATCH_ROWS = 64;
const MAX_VARIABLES = 32_000;

/**
 * Appends rows to a dataset table with prepared multi-row statements. The caller owns the
 * transaction (one per import), so a failed or cancelled import leaves nothing behind.
 * Invalid and missing cells are counted per column as rows go in.
 */
export class DatasetWriter {
  readonly invalid: number[];
  readonly missing: number[];
  rowCount = 0;
  private readonly single: Database.Statement;
  private readonly batch: Database.Statement;
  private readonly buffer: CellValue[] = [];
  private readonly width: number;
  private readonly batchRows: number;

  constructor(
    db: Database.Database,
    tableName: string,
    private readonly types: ColumnType[],
  ) {
    this.width = types.length;
    this.batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_VARIABLES / Math.max(1, this.width))));
    this.invalid = new Array<number>(this.width).fill(0);
    this.missing = new Array<number>(this.width).fill(0);
    const cols = types.map((_, i) => quoteIdent(columnKey(i))).join(', ');
    const one = `(${types.map(() => '?').join(', ')})`;
    const table = quoteIdent(tableName);
    this.single = db.prepare(`INSERT INTO ${table} (${cols}) VALUES ${one}`);
    this.batch = db.prepare(`INSERT INTO ${table} (${cols}) VALUES ${new Array(this.batchRows).fill(one).join(', ')}`);
  }

  /** Adds one row; shorter rows are padded with null, longer rows are cut to the column count. */
  write(row: readonly CellValue[]): void {
    for (let i = 0; i < this.width; i++) {
      let v = row[i];
      if (v === undefined || v === null || v === '') {
        v = null;
        this.missing[i]! += 1;
      } else if (typeof v === 'boolean') {
        v = v ? 1 : 0;
      } else if (typeof v === 'string' && this.types[i] !== 'text') {
        // A text value in a typed column is a cell that failed conversion: kept, counted.
        this.invalid[i]! += 1;
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        v = String(v);
        this.invalid[i]! += 1;
      }
      this.buffer.push(v);
    }
    this.rowCount += 1;
    if (this.buffer.length === this.batchRows * this.width) this.flush();
  }

  flush(): void {
    if (this.buffer.length === this.batchRows * this.width) {
      this.batch.run(this.buffer);
    } else {
      for (let i = 0; i < this.buffer.length; i += this.width) this.single.run(this.buffer.slice(i, i + this.width));
    }
    this.buffer.length = 0;
  }
}
