/**
 * The one CSV reader: finds the records and fields of CSV/TSV bytes without making strings.
 * Each field is a byte range, so a ten-million-row file is split at memory speed and only the
 * cells that need a string get one. Lines without a quote split on the delimiter, with a CR
 * before the LF dropped; a line with a quote anywhere is read field by field, with "" inside
 * quotes as one quote, delimiters and line breaks inside quotes kept, and text after a closing
 * quote kept (as Excel does). Splitting bytes is sound only when the delimiter, quote, CR and LF
 * never occur inside a multi-byte character: true of UTF-8, and of GB18030 and Big5 for comma,
 * tab and semicolon (see `byteScanSafe`); other text is split as UTF-8 by `CsvParser`.
 *
 * Quoted fields are unescaped in place (the content only ever gets shorter), so every field is a
 * plain range of the same buffer.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** The records found in one buffer: record r's fields are `first[r]` up to `first[r + 1]`. */
export interface ScannedRecords {
  buf: Uint8Array;
  records: number;
  first: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

export class CsvScanner {
  private starts = new Int32Array(1 << 16);
  private ends = new Int32Array(1 << 16);
  private first = new Int32Array(1 << 13);
  private fields = 0;
  private records = 0;

  constructor(private readonly delimiter: number) {}

  /**
   * Scans complete records in `buf[pos, n)`; `final` reads a last record without its newline.
   * Returns the offset of the first byte not consumed (the start of an incomplete record).
   */
  scan(buf: Uint8Array, pos: number, n: number, final: boolean): number {
    this.fields = 0;
    this.records = 0;
    this.first[0] = 0;
    const d = this.delimiter;
    let recStart = pos;
    let fieldStart = pos;
    for (let i = pos; i < n; i++) {
      const c = buf[i]!;
      if (c === d) {
        this.push(fieldStart, i);
        fieldStart = i + 1;
      } else if (c === LF) {
        this.push(fieldStart, i > fieldStart && buf[i - 1] === CR ? i - 1 : i);
        this.endRecord();
        recStart = fieldStart = i + 1;
      } else if (c === QUOTE) {
        // The line holds a quote: read the whole record again, field by field.
        this.fields = this.first[this.records]!;
        if (this.quoted(buf, recStart, n, final, false) === -1) return recStart;
        const next = this.quoted(buf, recStart, n, final, true);
        this.endRecord();
        recStart = fieldStart = next;
        i = next - 1;
      }
    }
    if (final && recStart < n) {
      this.push(fieldStart, n > fieldStart && buf[n - 1] === CR ? n - 1 : n);
      this.endRecord();
      recStart = n;
    }
    return recStart;
  }

  /** The records of the last scan (views valid until the next scan). */
  result(buf: Uint8Array): ScannedRecords {
    return { buf, records: this.records, first: this.first, starts: this.starts, ends: this.ends };
  }

  /**
   * One record that has a quote, from `start`: returns where the next record starts, or -1 when
   * the record does not end in the buffer. With `write`, pushes its fields, unescaping in place.
   */
  private quoted(buf: Uint8Array, start: number, n: number, final: boolean, write: boolean): number {
    const d = this.delimiter;
    let pos = start;
    for (;;) {
      let fieldEnd: number;
      const fieldStart = pos;
      if (pos < n && buf[pos] === QUOTE) {
        let w = pos;
        let i = pos + 1;
        for (;;) {
          let q = i;
          while (q < n && buf[q] !== QUOTE) q++;
          if (q === n) {
            if (!final) return -1;
            w = this.move(buf, i, n, w, write);
            i = n;
            break;
          }
          w = this.move(buf, i, q, w, write);
          if (q + 1 < n && buf[q + 1] === QUOTE) {
            if (write) buf[w] = QUOTE;
            w++;
            i = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1;
          i = q + 1;
          break;
        }
        let j = i;
        while (j < n && buf[j] !== d && buf[j] !== LF && buf[j] !== CR) j++;
        fieldEnd = this.move(buf, i, j, w, write);
        pos = j;
      } else {
        let j = pos;
        while (j < n && buf[j] !== d && buf[j] !== LF) j++;
        if (j < n && buf[j] === LF && j > pos && buf[j - 1] === CR) j--;
        if (j >= n && !final) return -1;
        fieldEnd = j;
        pos = j;
      }
      if (write) this.push(fieldStart, fieldEnd);
      if (pos >= n) return final ? n : -1;
      const c = buf[pos];
      if (c === d) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= n && !final) return -1;
        pos++;
      }
      if (pos < n && buf[pos] === LF) pos++;
      return pos;
    }
  }

  /** Copies buf[from, to) down to `w` (when writing); returns the new write position. */
  private move(buf: Uint8Array, from: number, to: number, w: number, write: boolean): number {
    if (write && w !== from && to > from) buf.copyWithin(w, from, to);
    return w + (to - from);
  }

  private push(start: number, end: number): void {
    const f = this.fields;
    if (f === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[f] = start;
    this.ends[f] = end;
    this.fields = f + 1;
  }

  private endRecord(): void {
    const r = ++this.records;
    if (r === this.first.length) this.first = grow(this.first);
    this.first[r] = this.fields;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Whether bytes of `encoding` can be split on `delimiter` before decoding: no byte of a
 * multi-byte character may equal the delimiter, a quote, CR or LF. GB18030 and Big5 trail
 * bytes reach 0x40–0x7E, which holds '|', so only UTF-8 splits on '|'.
 */
export function byteScanSafe(encoding: string, delimiter: string): boolean {
  if (encoding === 'utf-8') return delimiter === ',' || delimiter === '\t' || delimiter === ';' || delimiter === '|';
  if (encoding === 'gb18030' || encoding === 'big5') return delimiter === ',' || delimiter === '\t' || delimiter === ';';
  return false;
}
