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
  let rowNumber = head.headerRow;
  const writeBatch = (batch: RawCell[][]): void => {
    for (const row of batch) {
      rowNumber++;
      if (isEmptyRow(row)) continue;
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
  return { rows, extraCells };
}
