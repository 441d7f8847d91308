import { unguardCsvText } from '../../../shared/format/formula-guard';
import type { CellValue } from '../../../shared/contract/json';
import type { RowsWriter } from '../store/rows-writer';
import { ByteMemo, MEMO_MAX_KEY, hashBytes, isAsciiBytes } from './byte-memo';
import { DayCache, dateFromBytes, numberFromBytes } from './byte-parse';
import type { ColumnConversion } from './convert-cell';
import type { ScannedBatch } from './csv-byte-reader';

const enum Fast {
  None,
  Number,
  Date,
}

/** Which records of a batch are written, and their source row numbers (for errors). */
export interface KeptRecords {
  count: number;
  records: Int32Array;
  rowNumbers: Int32Array;
}

/**
 * Writes one target column from scanned byte fields. Every cell ends as the column's converter
 * would leave it, with the same notes and counts: plain numbers and dates are read from the
 * bytes; any other field is converted from its text once per distinct value while a memo of
 * converted values pays, and each time otherwise.
 */
export class ByteColumn {
  private readonly fast: Fast;
  private readonly days = new DayCache();
  private memo: ByteMemo | null = new ByteMemo();

  constructor(
    private readonly index: number,
    private readonly conversion: ColumnConversion,
    private readonly writer: RowsWriter,
  ) {
    const t = conversion.type;
    this.fast = t === 'integer' || t === 'decimal' || t === 'percent' || t === 'currency' ? Fast.Number : t === 'date' || t === 'datetime' ? Fast.Date : Fast.None;
  }

  /** Writes field `src` of each kept record (a record without that field is an empty cell). */
  write(batch: ScannedBatch, src: number, kept: KeptRecords): void {
    const { buf, first, starts, ends } = batch;
    const { writer, index, fast } = this;
    for (let j = 0; j < kept.count; j++) {
      const r = kept.records[j]!;
      const f = first[r]! + src;
      if (src < 0 || f >= first[r + 1]!) {
        // A missing cell: every converter makes null of it.
        writer.cell(index, null);
        continue;
      }
      const a = starts[f]!;
      const b = ends[f]!;
      if (a === b) {
        // What guard('') does for every type: a blank, counted among the emptied cells.
        this.conversion.notes.empty('');
        writer.cell(index, null);
        continue;
      }
      if (fast !== Fast.None) {
        const v = fast === Fast.Number ? numberFromBytes(buf, a, b) : dateFromBytes(buf, a, b, this.days);
        if (v === v) {
          writer.cell(index, v);
          continue;
        }
      }
      writer.cell(index, this.convert(batch, a, b, kept.rowNumbers[j]!));
    }
    if (this.memo !== null && !this.memo.worthKeeping()) this.memo = null;
  }

  private convert(batch: ScannedBatch, a: number, b: number, row: number): CellValue {
    const memo = this.memo;
    const buf = batch.buf;
    if (memo === null || b - a > MEMO_MAX_KEY) return this.fromText(batch, a, b, isAsciiBytes(buf, a, b), row);
    const h = hashBytes(buf, a, b);
    const e = memo.find(buf, a, b, h);
    if (e >= 0) return memo.values[e] ?? null;
    const notes = this.conversion.notes;
    const before = notes.changes;
    const v = this.fromText(batch, a, b, isAsciiBytes(buf, a, b), row);
    // A conversion that left a note (a blank, a missing marker, a NUL) must leave it every time.
    if (notes.changes === before) memo.add(buf, a, b, h, v);
    return v;
  }

  private fromText(batch: ScannedBatch, a: number, b: number, ascii: boolean, row: number): CellValue {
    const s = batch.text(a, b, ascii);
    return this.conversion.convert(s.charCodeAt(0) === 39 ? unguardCsvText(s) : s, row);
  }
}
