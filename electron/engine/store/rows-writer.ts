import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { ColumnBuilder } from './column-builder';

/**
 * Feeds rows into one column builder per column, counting what the import reports: cells that
 * failed conversion (text in a typed column, kept as text) and missing cells. Shorter rows are
 * padded with missing cells, longer rows are cut to the column count.
 */
export class RowsWriter {
  readonly invalid: number[];
  readonly missing: number[];
  rowCount = 0;

  constructor(
    private readonly builders: readonly ColumnBuilder[],
    private readonly types: readonly ColumnType[],
  ) {
    this.invalid = new Array<number>(types.length).fill(0);
    this.missing = new Array<number>(types.length).fill(0);
  }

  write(row: readonly CellValue[]): void {
    const n = this.builders.length;
    for (let i = 0; i < n; i++) this.cell(i, row[i]);
    this.rowCount += 1;
  }

  /** One cell of column i (columns can be written apart); a caller doing so counts rows with `addRows`. */
  cell(i: number, v: CellValue | undefined): void {
    const b = this.builders[i]!;
    if (v === undefined || v === null || v === '') {
      this.missing[i]! += 1;
      b.appendMissing();
    } else if (typeof v === 'number') {
      if (Number.isFinite(v)) b.appendNumber(v);
      else {
        this.invalid[i]! += 1;
        b.appendText(String(v));
      }
    } else if (typeof v === 'string') {
      // A text value in a typed column is a cell that failed conversion: kept, counted.
      if (this.types[i] !== 'text') this.invalid[i]! += 1;
      b.appendText(v);
    } else b.appendNumber(v ? 1 : 0);
  }

  /** A text cell of column i (as `cell`), returning the builder's code for it (see `repeatText`). */
  textCode(i: number, v: string): number {
    if (v === '') {
      this.cell(i, v);
      return -1;
    }
    if (this.types[i] !== 'text') this.invalid[i]! += 1;
    return this.builders[i]!.appendTextCode(v);
  }

  /** The same text again, by the code `textCode` gave while the builder's `codeEpoch` holds. */
  repeatText(i: number, code: number): void {
    if (this.types[i] !== 'text') this.invalid[i]! += 1;
    this.builders[i]!.appendCode(code);
  }

  codeEpoch(i: number): number {
    return this.builders[i]!.codeEpoch;
  }

  addRows(n: number): void {
    this.rowCount += n;
  }
}
