import type { CellValue } from '../../../shared/contract/json';
import type { RowsWriter } from '../store/rows-writer';
import type { CellConverter } from './convert-cell';
import { cellTooLong, LIMITS } from './limits';
import type { RawCell } from './raw-cell';
import { checkWidth, isEmptyRow, type TableHead } from './table-head';

export interface ImportTicker {
  /** Called after each batch: yields, reports progress, throws CANCELLED when asked to stop. */
  tick(rows: number, bytesRead: number, bytesTotal: number): Promise<void>;
}

export interface WriteOutcome {
  rows: number;
  /** Non-empty cells right of the last column (dropped, reported). */
  extraCells: number;
  /** Text tables: rows with fewer cells than the header (their missing cells are empty). */
  shortRows: number;
  /** Source row number (1-based) of the first short row. */
  firstShortRow: number | null;
  /** Cells in the last row when it was short (a file cut off mid-row), else null. */
  lastRowShort: number | null;
}

/**
 * Streams a table's rows into a dataset writer: `mapping[i]` is the source column written to
 * target column i (-1 = none). Empty rows are skipped. The writer stages column data; the
 * caller commits it.
 */
export async function writeRows(
  head: TableHead,
  writer: RowsWriter,
  converters: CellConverter[],
  mapping: number[],
  ticker: ImportTicker,
): Promise<WriteOutcome> {
  const width = mapping.length;
  const sourceWidth = head.headers.length;
  const out: CellValue[] = new Array<CellValue>(width);
  let rows = 0;
  let extraCells = 0;
  let shortRows = 0;
  let firstShortRow: number | null = null;
  let lastRowShort: number | null = null;
  // Workbook readers leave trailing empty cells out; only text tables list every cell of a row.
  const countShort = head.source.rowsListAllCells === true;
  let rowNumber = head.headerRow;
  const writeBatch = (batch: RawCell[][]): void => {
    for (const row of batch) {
      rowNumber++;
      if (isEmptyRow(row)) continue;
      if (countShort) {
        if (row.length < sourceWidth) {
          shortRows++;
          firstShortRow ??= rowNumber;
          lastRowShort = row.length;
        } else lastRowShort = null;
      }
      for (let i = 0; i < width; i++) {
        const src = mapping[i]!;
        out[i] = src < 0 ? null : converters[i]!(row[src] ?? null, rowNumber);
      }
      for (let c = sourceWidth; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === '' || v === undefined) continue;
        if (typeof v === 'string' && v.length > LIMITS.maxCellChars) throw cellTooLong(v.length, rowNumber);
        extraCells++;
      }
      writer.write(out);
      rows++;
    }
  };
  try {
    writeBatch(head.sampleRows);
    await ticker.tick(rows, head.source.bytesRead(), head.source.bytesTotal);
    if (head.more) {
      for (;;) {
        const next = await head.rest.next();
        if (next.done) break;
        for (const row of next.value) checkWidth(row);
        writeBatch(next.value);
        await ticker.tick(rows, head.source.bytesRead(), head.source.bytesTotal);
      }
    }
  } catch (e) {
    // Stop the reader now (closes its file) instead of leaving it to the garbage collector.
    await head.rest.return?.().catch(() => undefined);
    throw e;
  }
  return { rows, extraCells, shortRows, firstShortRow, lastRowShort };
}
