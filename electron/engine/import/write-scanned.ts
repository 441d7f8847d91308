import { unguardCsvText } from '../../../shared/format/formula-guard';
import type { RowsWriter } from '../store/rows-writer';
import type { ByteColumn, KeptRecords } from './byte-column';
import type { ScannedBatch } from './csv-byte-reader';
import { cellTooLong, LIMITS, tooManyColumns } from './limits';
import { isBlankText } from './table-head';

/** What writing rows counts for the import's warnings (shared by the row and the byte paths). */
export interface RowTally {
  rows: number;
  /** Non-empty cells right of the last column (dropped, reported). */
  extraCells: number;
  /** Text tables: rows with fewer cells than the header (their missing cells are empty). */
  shortRows: number;
  /** Source row number (1-based) of the first short row. */
  firstShortRow: number | null;
  /** Cells in the last row when it was short (a file cut off mid-row), else null. */
  lastRowShort: number | null;
  /** Source row number of the last row read. */
  rowNumber: number;
}

/**
 * Writes one batch of scanned records as `writeRows` writes rows of strings: empty records
 * skipped, short and over-wide ones counted, then each target column from its source field.
 */
export function writeScannedBatch(batch: ScannedBatch, columns: readonly ByteColumn[], mapping: readonly number[], sourceWidth: number, writer: RowsWriter, tally: RowTally, kept: KeptRecords): KeptRecords {
  const { first, starts, ends } = batch;
  if (kept.records.length < batch.records) kept = { count: 0, records: new Int32Array(batch.records), rowNumbers: new Int32Array(batch.records) };
  let k = 0;
  for (let r = 0; r < batch.records; r++) {
    const rowNumber = ++tally.rowNumber;
    const f0 = first[r]!;
    const f1 = first[r + 1]!;
    const width = f1 - f0;
    if (width > LIMITS.maxColumns) throw tooManyColumns(width);
    if (isEmptyRecord(batch, f0, f1)) continue;
    if (width < sourceWidth) {
      tally.shortRows++;
      tally.firstShortRow ??= rowNumber;
      tally.lastRowShort = width;
    } else tally.lastRowShort = null;
    for (let f = f0 + sourceWidth; f < f1; f++) {
      const a = starts[f]!;
      const b = ends[f]!;
      if (a === b) continue;
      if (b - a > LIMITS.maxCellChars) {
        const s = batch.text(a, b, false);
        const t = s.charCodeAt(0) === 39 ? unguardCsvText(s) : s;
        if (t.length > LIMITS.maxCellChars) throw cellTooLong(t.length, rowNumber);
      }
      tally.extraCells++;
    }
    kept.records[k] = r;
    kept.rowNumbers[k] = rowNumber;
    k++;
  }
  kept.count = k;
  for (let i = 0; i < columns.length; i++) columns[i]!.write(batch, mapping[i]!, kept);
  writer.addRows(k);
  tally.rows += k;
  return kept;
}

/** Whether every field is blank; ASCII decides from the bytes, other text from its characters. */
function isEmptyRecord(batch: ScannedBatch, f0: number, f1: number): boolean {
  const { buf, starts, ends } = batch;
  for (let f = f0; f < f1; f++) {
    const a = starts[f]!;
    const b = ends[f]!;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      if (c < 0x80) return false;
      if (!isBlankText(batch.text(a, b, false))) return false;
      break;
    }
  }
  return true;
}
