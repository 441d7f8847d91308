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
      this.convert(batch, a, b, kept.rowNumbers[j]!);
    }
    if (this.memo !== null && !this.memo.worthKeeping()) this.memo = null;
  }

  /** Any other field: from the memo (a text by its builder code), else converted from its text. */
  private convert(batch: ScannedBatch, a: number, b: number, row: number): void {
    const { memo, writer, index } = this;
    const buf = batch.buf;
    if (memo === null || b - a > MEMO_MAX_KEY) {
      writer.cell(index, this.fromText(batch, a, b, isAsciiBytes(buf, a, b), row));
      return;
    }
    const h = hashBytes(buf, a, b);
    let e = memo.find(buf, a, b, h);
    let v: CellValue;
    if (e >= 0) {
      // The commonest case first: a text already stored under a code still valid.
      if (memo.codes[2 * e + 1] === writer.codeEpoch(index)) {
        writer.repeatText(index, memo.codes[2 * e]!);
        return;
      }
      v = memo.values[e] ?? null;
    } else {
      const notes = this.conversion.notes;
      const before = notes.changes;
      v = this.fromText(batch, a, b, isAsciiBytes(buf, a, b), row);
      // A conversion that left a note (a blank, a missing marker, a NUL) must leave it every time.
      if (notes.changes !== before || (typeof v === 'string' && v === '')) {
        writer.cell(index, v);
        return;
      }
      e = memo.add(buf, a, b, h, v);
    }
    if (typeof v !== 'string') {
      writer.cell(index, v);
      return;
    }
    memo.codes[2 * e + 1] = writer.codeEpoch(index);
    memo.codes[2 * e] = writer.textCode(index, v);
  }

  private fromText(batch: ScannedBatch, a: number, b: number, ascii: boolean, row: number): CellValue {
    const s = batch.text(a, b, ascii);
    return this.conversion.convert(s.charCodeAt(0) === 39 ? unguardCsvText(s) : s, row);
  }
}
