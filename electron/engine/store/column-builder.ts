import type { CellValue } from '../../../shared/contract/json';
import {
  CHUNK_ROWS,
  DICT_BLOCK,
  encodeCodes,
  encodeStrings,
  GLOBAL_DICT_LIMIT,
  PART_CODE,
  PART_DICT,
  PART_LOCAL_DICT,
  PART_NUM,
} from './column-codec';

/** Receives each encoded part as soon as it is complete (a chunk's numbers, codes, a dictionary block). */
/** Share of new texts among a chunk's texts above which the next chunk skips the dictionary map. */
const UNIQUE_SHARE = 0.9;

export type ChunkSink = (part: number, chunk: number, bytes: Buffer) => void;

/** What a finished column holds, recorded with its data object. */
export interface ColumnDataStats {
  rows: number;
  /** Cells holding a number (dates and booleans included). */
  numbers: number;
  /** Cells holding text. */
  texts: number;
  /** Entries of the column-wide dictionary. */
  dictSize: number;
  /** Chunks whose text uses their own dictionary (the column passed GLOBAL_DICT_LIMIT values). */
  localChunks: number;
}

/**
 * Turns a stream of cells into column chunks with bounded memory: one chunk of numbers and codes
 * plus the dictionary. Empty strings are stored as missing (as the row store did). Non-finite
 * numbers never reach here: callers keep them as text (an invalid cell).
 */
export class ColumnBuilder {
  private readonly num = new Float64Array(CHUNK_ROWS);
  private readonly code = new Int32Array(CHUNK_ROWS);
  private fill = 0;
  private chunk = 0;
  private chunkNumbers = 0;
  private chunkTexts = 0;
  private chunkMaxCode = -1;
  private readonly dict = new Map<string, number>();
  private readonly labels: string[] = [];
  private local: Map<string, number> | null = null;
  private localLabels: string[] = [];
  /** Labels already in `dict` / `local`: appendNewText skips the map, which catches up when needed. */
  private dictSynced = 0;
  private localSynced = 0;
  /**
   * Chunks of a column whose values hardly repeat (order ids) skip the map: each text gets the
   * next code, repeats of the previous cell excepted (an order's lines are usually adjacent).
   * A chunk dictionary may then list a text twice; every reader matches dictionary entries by
   * text (merged dictionaries, predicates per entry, exact compares in distinct counts).
   */
  private uniqueLocal = false;
  private epoch = 0;
  private localChunks = 0;
  private numbers = 0;
  private texts = 0;
  private rows = 0;

  constructor(private readonly sink: ChunkSink) {}

  append(v: CellValue | undefined): void {
    if (typeof v === 'number') this.appendNumber(v);
    else if (typeof v === 'string') this.appendText(v);
    else if (typeof v === 'boolean') this.appendNumber(v ? 1 : 0);
    else this.appendMissing();
  }

  appendNumber(v: number): void {
    const i = this.fill;
    this.num[i] = v;
    this.code[i] = -1;
    this.chunkNumbers++;
    this.advance();
  }

  appendMissing(): void {
    const i = this.fill;
    this.num[i] = NaN;
    this.code[i] = -1;
    this.advance();
  }

  appendText(s: string): void {
    this.appendTextCode(s);
  }

  /**
   * Code space of the texts appended so far: a code `appendTextCode` returned may be given to
   * `appendCode` while this number is unchanged (always, while the column-wide dictionary holds;
   * within one chunk once chunks have their own).
   */
  get codeEpoch(): number {
    return this.epoch;
  }

  /** Appends a text again by the code `appendTextCode` gave it (same `codeEpoch`), with no lookup. */
  appendCode(c: number): void {
    const i = this.fill;
    this.num[i] = NaN;
    this.code[i] = c;
    if (c > this.chunkMaxCode) this.chunkMaxCode = c;
    this.chunkTexts++;
    this.advance();
  }

  /** appendText, returning the text's code (-1 for an empty text, stored as missing). */
  appendTextCode(s: string): number {
    if (s === '') {
      this.appendMissing();
      return -1;
    }
    const i = this.fill;
    this.num[i] = NaN;
    let c: number | undefined;
    if (this.uniqueLocal) {
      const labels = this.localLabels;
      c = labels.length > 0 && labels[labels.length - 1] === s ? labels.length - 1 : labels.push(s) - 1;
    } else if (this.local) {
      if (this.localSynced < this.localLabels.length) this.syncLocal();
      c = this.local.get(s);
      if (c === undefined) {
        c = this.localLabels.length;
        this.localLabels.push(s);
        this.local.set(s, c);
      }
    } else {
      if (this.dictSynced < this.labels.length) this.syncDict();
      c = this.dict.get(s);
      if (c === undefined) {
        c = this.labels.length;
        this.labels.push(s);
        this.dict.set(s, c);
      }
    }
    this.dictSynced = this.labels.length;
    this.localSynced = this.localLabels.length;
    this.code[i] = c;
    if (c > this.chunkMaxCode) this.chunkMaxCode = c;
    this.chunkTexts++;
    this.advance();
    return c;
  }

  /**
   * A text the caller knows this column has not had yet (keys of a group-by, one per row): it
   * gets the next code without a map lookup. A later appendText first adds the skipped labels
   * to the map, so mixing the two stays correct.
   */
  appendNewText(s: string): void {
    if (s === '') {
      this.appendMissing();
      return;
    }
    const i = this.fill;
    this.num[i] = NaN;
    const labels = this.local ? this.localLabels : this.labels;
    const c = labels.length;
    labels.push(s);
    this.code[i] = c;
    if (c > this.chunkMaxCode) this.chunkMaxCode = c;
    this.chunkTexts++;
    this.advance();
  }

  private syncDict(): void {
    for (let c = this.dictSynced; c < this.labels.length; c++) this.dict.set(this.labels[c]!, c);
    this.dictSynced = this.labels.length;
  }

  private syncLocal(): void {
    for (let c = this.localSynced; c < this.localLabels.length; c++) this.local!.set(this.localLabels[c]!, c);
    this.localSynced = this.localLabels.length;
  }

  private advance(): void {
    this.fill++;
    if (this.fill === CHUNK_ROWS) this.flushChunk();
  }

  private flushChunk(): void {
    const n = this.fill;
    if (n === 0) return;
    if (this.chunkNumbers > 0) {
      this.sink(PART_NUM, this.chunk, Buffer.from(this.num.buffer.slice(0, n * 8)));
    }
    if (this.chunkTexts > 0) {
      const local = this.local !== null;
      this.sink(PART_CODE, this.chunk, encodeCodes(this.code.subarray(0, n), this.chunkMaxCode, local));
      if (local) {
        this.sink(PART_LOCAL_DICT, this.chunk, encodeStrings(this.localLabels));
        this.localChunks++;
      }
    }
    const chunkLabels = this.localLabels.length;
    const chunkTexts = this.chunkTexts;
    this.numbers += this.chunkNumbers;
    this.texts += this.chunkTexts;
    this.rows += n;
    this.chunk++;
    this.fill = 0;
    this.chunkNumbers = 0;
    this.chunkTexts = 0;
    this.chunkMaxCode = -1;
    // Past the limit every later chunk gets its own dictionary: memory stays bounded by a chunk.
    if (this.local !== null || this.labels.length >= GLOBAL_DICT_LIMIT) {
      // Hardly a repeat so far (nine texts in ten new): the next chunk skips the map.
      const seen = this.local !== null ? { labels: chunkLabels, texts: chunkTexts } : { labels: this.labels.length, texts: this.texts };
      this.uniqueLocal = seen.labels >= UNIQUE_SHARE * seen.texts;
      this.local = new Map();
      this.localLabels = [];
      this.localSynced = 0;
      this.epoch++;
    }
  }

  finish(): ColumnDataStats {
    this.flushChunk();
    for (let b = 0; b * DICT_BLOCK < this.labels.length; b++) {
      this.sink(PART_DICT, b, encodeStrings(this.labels.slice(b * DICT_BLOCK, (b + 1) * DICT_BLOCK)));
    }
    return { rows: this.rows, numbers: this.numbers, texts: this.texts, dictSize: this.labels.length, localChunks: this.localChunks };
  }
}
