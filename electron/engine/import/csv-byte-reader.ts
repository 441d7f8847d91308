import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { open, type FileHandle } from 'node:fs/promises';
import { unguardCsvText } from '../../../shared/format/formula-guard';
import { EncodingRetry } from './encoding-retry';
import { LIMITS, tooLarge } from './limits';
import { CsvScanner, type ScannedRecords } from './csv-scan';
import type { TextEncodingLabel } from './text-encoding';

/**
 * Bytes per read while the header and type sample are read: the decoded-text reader's chunk
 * size, so the sample holds exactly the rows it held (the type sample ends with a whole read).
 */
const SAMPLE_READ_BYTES = 256 * 1024;
/** Bytes per read once the writer takes the records as bytes. */
const BULK_READ_BYTES = 1 << 20;
const APOSTROPHE = 39;

/** Node's Buffer decoders behind toString (present on every Buffer, absent from the typings). */
interface Slicers {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** A scanned batch of records and the decoder for its fields. */
export interface ScannedBatch extends ScannedRecords {
  buf: Buffer;
  /** The text of field bytes buf[a, b) (`ascii`: every byte is below 0x80, known by the caller). */
  text(a: number, b: number, ascii: boolean): string;
}

/**
 * Reads a delimited text file as scanned byte batches (see `CsvScanner`). A file that was
 * guessed to be UTF-8 is checked as it goes; the first invalid byte throws EncodingRetry (the
 * import starts again as GB18030), as the strict text decoder did. Memory is one read buffer
 * (larger only for a record longer than a buffer).
 */
export class CsvByteReader {
  private buf = Buffer.allocUnsafe(SAMPLE_READ_BYTES);
  private readSize = SAMPLE_READ_BYTES;
  private fill = 0;
  private consumed = 0;
  private checked = 0;
  private position: number;
  private done = false;
  private closed = false;
  private fh: FileHandle | null = null;
  private records = 0;
  private readonly scanner: CsvScanner;
  private readonly decoder: TextDecoder;
  /** Whether the fields can be decoded as UTF-8 by Buffer (valid UTF-8 seen so far). */
  private utf8: boolean;
  /** Bytes read from the file (for progress). */
  bytesRead: number;
  /** Fields whose formula-guard apostrophe was taken off ('=…, '-5). */
  unguarded = 0;

  constructor(
    private readonly path: string,
    start: number,
    private readonly encoding: TextEncodingLabel,
    private readonly strict: boolean,
    private readonly delimiter: string,
  ) {
    this.position = start;
    this.bytesRead = start;
    this.scanner = new CsvScanner(delimiter.charCodeAt(0));
    this.decoder = new TextDecoder(encoding, { ignoreBOM: true });
    this.utf8 = encoding === 'utf-8';
  }

  /** The next batch of complete records, or null at the end of the file. */
  async next(): Promise<ScannedBatch | null> {
    for (;;) {
      if (this.closed) return null;
      if (this.consumed > 0) {
        this.buf.copyWithin(0, this.consumed, this.fill);
        this.fill -= this.consumed;
        this.checked = Math.max(0, this.checked - this.consumed);
        this.consumed = 0;
      }
      if (this.done && this.fill === 0) {
        this.close();
        return null;
      }
      if (!this.done) {
        this.fh ??= await open(this.path, 'r');
        if (this.fill + this.readSize > this.buf.length) {
          const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.fill + this.readSize));
          this.buf.copy(bigger, 0, 0, this.fill);
          this.buf = bigger;
        }
        const { bytesRead } = await this.fh.read(this.buf, this.fill, this.readSize, this.position);
        this.position += bytesRead;
        this.bytesRead += bytesRead;
        this.fill += bytesRead;
        if (bytesRead === 0) this.done = true;
      }
      this.check(this.done);
      const end = this.scanner.scan(this.buf, 0, this.fill, this.done);
      const found = this.scanner.result(this.buf);
      this.consumed = end;
      if (found.records === 0) {
        if (this.done) this.fill = this.consumed = 0;
        continue;
      }
      this.records += found.records;
      if (this.records > LIMITS.maxTextRows) throw tooLarge('The row count', '行数', { rows: this.records });
      const batch: ScannedBatch = { ...found, buf: this.buf, text: (a, b, ascii) => this.text(a, b, ascii) };
      this.countUnguarded(batch);
      return batch;
    }
  }

  /** Reads in larger pieces from now on (the type sample is read). */
  bulk(): void {
    this.readSize = BULK_READ_BYTES;
  }

  /** Where a second reader starts to read the records after those returned so far. */
  resume(): { path: string; offset: number; encoding: TextEncodingLabel; strict: boolean; delimiter: string } {
    return { path: this.path, offset: this.position - this.fill + this.consumed, encoding: this.encoding, strict: this.strict, delimiter: this.delimiter };
  }

  close(): void {
    const fh = this.fh;
    this.fh = null;
    this.closed = true;
    void fh?.close().catch(() => undefined);
  }

  /** The rows of a batch as strings (the header and type sample read these). */
  static rows(batch: ScannedBatch): string[][] {
    const out: string[][] = new Array<string[]>(batch.records);
    for (let r = 0; r < batch.records; r++) {
      const f0 = batch.first[r]!;
      const f1 = batch.first[r + 1]!;
      const row = new Array<string>(f1 - f0);
      for (let f = f0; f < f1; f++) {
        const s = batch.text(batch.starts[f]!, batch.ends[f]!, false);
        row[f - f0] = s.charCodeAt(0) === APOSTROPHE ? unguardCsvText(s) : s;
      }
      out[r] = row;
    }
    return out;
  }

  private text(a: number, b: number, ascii: boolean): string {
    // Buffer's own slicers: toString() checks its arguments first, which costs as much again
    // on ten million short fields.
    const buf = this.buf as Buffer & Slicers;
    if (ascii) return buf.latin1Slice(a, b);
    if (this.utf8) return buf.utf8Slice(a, b);
    return this.decoder.decode(this.buf.subarray(a, b));
  }

  /**
   * Checks new bytes up to the last line break (a break never sits inside a UTF-8 character) or
   * to the end. Invalid UTF-8 either restarts the import as GB18030 (a guess) or, when the user
   * chose UTF-8, is decoded with replacement characters as the text decoder does.
   */
  private check(final: boolean): void {
    if (this.encoding !== 'utf-8' || !this.utf8) return;
    let to = this.fill;
    if (!final) {
      to = this.buf.lastIndexOf(10, this.fill - 1) + 1;
      if (to <= this.checked) return;
    }
    if (isUtf8(this.buf.subarray(this.checked, to))) {
      this.checked = to;
      return;
    }
    if (this.strict) throw new EncodingRetry();
    this.utf8 = false;
  }

  private countUnguarded(batch: ScannedBatch): void {
    const { buf, starts, ends } = batch;
    const fields = batch.first[batch.records]!;
    for (let f = 0; f < fields; f++) {
      const a = starts[f]!;
      if (buf[a] !== APOSTROPHE || ends[f]! - a < 2) continue;
      const s = batch.text(a, ends[f]!, false);
      if (unguardCsvText(s) !== s) this.unguarded++;
    }
  }
}
