import type { ColumnType } from '../../../shared/contract/datasets';
import type { WireError } from '../../../shared/contract/errors';
import type { DateOrder } from '../../../shared/contract/import';
import type { ColumnDataStats } from '../store/column-builder';
import type { ConversionKind } from './convert-cell';
import type { RawCell } from './raw-cell';
import type { TextEncodingLabel } from './text-encoding';

/** One column the second thread writes: target position, source field, how cells convert. */
export interface SplitColumn {
  target: number;
  src: number;
  type: ColumnType;
  dateOrder: DateOrder | null;
}

/** What the second thread of a text import is given (see column-split.ts). */
export interface SplitJob {
  path: string;
  /** File offset of the first record after those the header and type sample read. */
  offset: number;
  encoding: TextEncodingLabel;
  strict: boolean;
  delimiter: string;
  sourceWidth: number;
  columns: SplitColumn[];
  /** The type sample's rows (non-empty, as written), cells of `columns` in order, and their row numbers. */
  sample: RawCell[][];
  sampleRowNumbers: number[];
  /** Source row number of the last sample row. */
  rowNumber: number;
  /**
   * One Int32: kilobytes of chunks sent and not yet stored. The second thread waits while it is
   * over its limit, so its chunks never pile up in the engine's message queue.
   */
  inFlight: SharedArrayBuffer;
}

export interface SplitPart {
  column: number;
  part: number;
  chunk: number;
  bytes: Uint8Array;
}

/** A remote column's notes, as plain data. */
export interface SplitNotes {
  emptied: [string, number][];
  nul: number;
  converted: [ConversionKind, number][];
}

export interface SplitColumnResult {
  stats: ColumnDataStats;
  invalid: number;
  missing: number;
  notes: SplitNotes;
}

export type SplitMessage =
  | { type: 'parts'; parts: SplitPart[]; bytesRead: number }
  | { type: 'done'; columns: SplitColumnResult[] }
  | { type: 'error'; error: WireError | null; message: string; encodingRetry: boolean };
