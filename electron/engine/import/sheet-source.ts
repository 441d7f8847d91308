import type { ImportFormat, ImportWarning } from '../../../shared/contract/import';
import type { CsvByteReader } from './csv-byte-reader';
import type { RawCell } from './raw-cell';

export interface MergeRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * One table to import (a sheet or a text file), read as batches of raw rows. Readers stream
 * when they can, so a million-row file never sits in memory whole.
 */
export interface SheetSource {
  sheet: string | null;
  date1904: boolean;
  /** Merged ranges near the top (for two-row headers); empty for text files. */
  merges: MergeRange[];
  /**
   * For readers that learn merges only at the end of the sheet (streaming xlsx): reads them in a
   * separate pass. Called only when the header looks like it may be merged.
   */
  loadMerges?: () => Promise<MergeRange[]>;
  /** Row count the file itself declares (xlsx dimension), to catch silently lost rows. */
  declaredRows: number | null;
  /** Last sheet row number the reader reached (1-based), when the reader knows it. */
  lastRow?: () => number;
  /** Text tables list every cell of a row, so a row with fewer cells than the header is really short. */
  rowsListAllCells?: boolean;
  /** Text tables: fields whose formula-guard apostrophe ('=…, '-5) was taken off. */
  unguardedCells?: () => number;
  bytesTotal: number;
  bytesRead(): number;
  batches(): AsyncIterable<RawCell[][]>;
  /**
   * Delimited text read as bytes: the reader, positioned after the batches already yielded, so
   * the writer takes the rest as scanned records instead of rows of strings.
   */
  scannedRest?: () => CsvByteReader;
  /** Frees file handles when reading stops early. */
  close(): void;
}

/** What the opened file offers before a sheet is chosen. */
export interface OpenedFile {
  format: ImportFormat;
  sheets: string[];
  encoding: string | null;
  delimiter: string | null;
  warnings: ImportWarning[];
  sheet(name: string | null): Promise<SheetSource>;
}
