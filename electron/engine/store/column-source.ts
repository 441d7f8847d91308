import type { CellValue } from '../../../shared/contract/json';
import {
  CHUNK_ROWS,
  codeAt,
  codesAreLocal,
  CHUNK_SHIFT,
  decodeCodes,
  decodeNumbers,
  decodeStrings,
  DICT_BLOCK,
  PART_CODE,
  PART_DICT,
  PART_LOCAL_DICT,
  PART_NUM,
  stringReader,
  type DecodedCodes,
} from './column-codec';
import type { ColumnDataInfo, ColumnDataTable } from './column-data';
import { distinctKeys, type DistinctKeys } from './distinct-keys';
import { labelFlags, type LabelTest } from './label-flags';
import type { ProjectCache } from './project-cache';

/** A chunk fewer wanted positions fall in than this is read raw rather than decoded and cached. */
const SPARSE_CELLS = 32;

/** A column's text cells as codes into one label list (-1 = not text). */
export interface TextCodes {
  codes: Int32Array;
  labels: string[];
}

/**
 * Reads one immutable column data object: single chunks for windows of rows (grid pages,
 * exports), whole typed arrays for analysis. Everything decoded goes through the project's
 * cache under the data id, which never changes meaning, so entries never go stale.
 */
export class ColumnSource {
  constructor(
    readonly info: ColumnDataInfo,
    private readonly table: ColumnDataTable,
    private readonly cache: ProjectCache,
  ) {}

  get rows(): number {
    return this.info.rows;
  }

  get chunkCount(): number {
    return Math.ceil(this.info.rows / CHUNK_ROWS);
  }

  chunkLength(chunk: number): number {
    return Math.min(CHUNK_ROWS, this.info.rows - chunk * CHUNK_ROWS);
  }

  numChunk(chunk: number): Float64Array | null {
    if (this.info.numbers === 0) return null;
    return this.cache.get(`k:${this.info.id}:${PART_NUM}:${chunk}`, () => {
      const bytes = this.table.chunk(this.info.id, PART_NUM, chunk);
      const value = bytes ? decodeNumbers(bytes) : null;
      return { value, bytes: value ? value.byteLength : 16 };
    });
  }

  codeChunk(chunk: number): DecodedCodes | null {
    if (this.info.texts === 0) return null;
    return this.cache.get(`k:${this.info.id}:${PART_CODE}:${chunk}`, () => {
      const bytes = this.table.chunk(this.info.id, PART_CODE, chunk);
      const value = bytes ? decodeCodes(bytes) : null;
      return { value, bytes: value ? value.codes.byteLength : 16 };
    });
  }

  /**
   * A chunk's codes for a pass over the whole column that keeps only its own result (order
   * keys, label flags): from the cache when there, else decoded and not kept, so the pass does
   * not fill the cache with 40 MB of chunks per ten million rows that nothing reads again.
   */
  passCodes(chunk: number): DecodedCodes | null {
    if (this.info.texts === 0) return null;
    const cached = this.cache.peek<DecodedCodes | null>(`k:${this.info.id}:${PART_CODE}:${chunk}`);
    if (cached !== undefined) return cached;
    const bytes = this.table.chunk(this.info.id, PART_CODE, chunk);
    return bytes ? decodeCodes(bytes) : null;
  }

  /** The column-wide dictionary (code → text). */
  dict(): string[] {
    if (this.info.dictSize === 0) return [];
    return this.cache.get(`d:${this.info.id}`, () => {
      const out: string[] = [];
      let bytes = 0;
      for (let b = 0; b * DICT_BLOCK < this.info.dictSize; b++) {
        const raw = this.table.chunk(this.info.id, PART_DICT, b);
        if (!raw) break;
        bytes += raw.length * 2;
        for (const s of decodeStrings(raw)) out.push(s);
      }
      return { value: out, bytes: bytes + out.length * 16 };
    });
  }

  localDict(chunk: number): string[] {
    return this.cache.get(`l:${this.info.id}:${chunk}`, () => {
      const raw = this.table.chunk(this.info.id, PART_LOCAL_DICT, chunk);
      const value = raw ? decodeStrings(raw) : [];
      return { value, bytes: (raw?.length ?? 0) * 2 + value.length * 16 };
    });
  }

  /** Text of a code read from `chunk`. */
  textOf(chunk: number, decoded: DecodedCodes, code: number): string {
    return decoded.local ? this.localDict(chunk)[code]! : this.dict()[code]!;
  }

  /** One cell: a number, text, or null. */
  cellAt(pos: number): CellValue {
    const chunk = pos >>> CHUNK_SHIFT;
    const i = pos & (CHUNK_ROWS - 1);
    const num = this.numChunk(chunk);
    if (num) {
      const v = num[i]!;
      if (v === v) return v;
    }
    const codes = this.codeChunk(chunk);
    if (codes) {
      const c = codes.codes[i]!;
      if (c >= 0) return this.textOf(chunk, codes, c);
    }
    return null;
  }

  /** All numbers of the column in row order (NaN where a cell is not a number). */
  numbers(): Float64Array {
    return this.cache.get(`n:${this.info.id}`, () => {
      const out = new Float64Array(this.info.rows);
      if (this.info.numbers === 0) out.fill(NaN);
      else {
        for (let c = 0; c < this.chunkCount; c++) {
          const bytes = this.table.chunk(this.info.id, PART_NUM, c);
          const at = c * CHUNK_ROWS;
          if (bytes) out.set(decodeNumbers(bytes), at);
          else out.fill(NaN, at, at + this.chunkLength(c));
        }
      }
      return { value: out, bytes: out.byteLength };
    });
  }

  /**
   * The cells at the given row positions, in that order (-1 = a missing cell). Whole-column
   * arrays already in memory (a sort or filter decoded them) answer directly. Otherwise a chunk
   * many positions fall in is decoded (and cached) when the walk enters it, so rising positions
   * (pages, copied rows) decode each chunk once; a chunk only a few positions fall in (a sorted
   * view's page is scattered over every chunk) is read raw and just those cells are taken out,
   * nothing decoded whole and nothing cached. Any order is correct.
   */
  *cellsAt(positions: ArrayLike<number>): Generator<number | string | null> {
    const wholeNums = this.cache.peek<Float64Array>(`n:${this.info.id}`) ?? null;
    const wholeTexts = this.cache.peek<TextCodes>(`t:${this.info.id}`) ?? null;
    const inMemory = (this.info.numbers === 0 || wholeNums !== null) && (this.info.texts === 0 || wholeTexts !== null);
    const sparse = inMemory ? null : this.sparseCells(positions, wholeNums, wholeTexts);
    let lastChunk = -1;
    let num: Float64Array | null = null;
    let codes: Int32Array | null = null;
    let dict: string[] | null = null;
    for (let r = 0; r < positions.length; r++) {
      const pos = positions[r]!;
      if (pos < 0) {
        yield null;
        continue;
      }
      if (inMemory) {
        yield this.wholeCell(pos, wholeNums, wholeTexts);
        continue;
      }
      if (sparse!.has(r)) {
        yield sparse!.get(r)!;
        continue;
      }
      const chunk = pos >>> CHUNK_SHIFT;
      if (chunk !== lastChunk) {
        lastChunk = chunk;
        num = this.numChunk(chunk);
        const decoded = this.codeChunk(chunk);
        codes = decoded ? decoded.codes : null;
        dict = decoded ? (decoded.local ? this.localDict(chunk) : this.dict()) : null;
      }
      const i = pos & (CHUNK_ROWS - 1);
      const v = num ? num[i]! : NaN;
      yield v === v ? v : codes && codes[i]! >= 0 ? dict![codes[i]!]! : null;
    }
  }

  private wholeCell(pos: number, nums: Float64Array | null, texts: TextCodes | null): number | string | null {
    const v = nums ? nums[pos]! : NaN;
    if (v === v) return v;
    const c = texts ? texts.codes[pos]! : -1;
    return c >= 0 ? texts!.labels[c]! : null;
  }

  /**
   * The cells of positions in chunks that fewer than SPARSE_CELLS positions fall in (and that are
   * not decoded already), by index into `positions`: one raw read per part of such a chunk.
   */
  private sparseCells(positions: ArrayLike<number>, wholeNums: Float64Array | null, wholeTexts: TextCodes | null): Map<number, number | string | null> {
    const out = new Map<number, number | string | null>();
    const counts = new Uint32Array(this.chunkCount);
    for (let r = 0; r < positions.length; r++) if (positions[r]! >= 0) counts[positions[r]! >>> CHUNK_SHIFT]!++;
    const wanted = new Map<number, number[]>();
    for (let r = 0; r < positions.length; r++) {
      const pos = positions[r]!;
      if (pos < 0) continue;
      const chunk = pos >>> CHUNK_SHIFT;
      if (counts[chunk]! >= SPARSE_CELLS || this.cache.peek(`k:${this.info.id}:${PART_NUM}:${chunk}`) || this.cache.peek(`k:${this.info.id}:${PART_CODE}:${chunk}`)) continue;
      const list = wanted.get(chunk);
      if (list) list.push(r);
      else wanted.set(chunk, [r]);
    }
    for (const [chunk, rs] of wanted) {
      const numBytes = this.info.numbers > 0 && !wholeNums ? this.table.chunk(this.info.id, PART_NUM, chunk) : null;
      let codeBytes: Buffer | null | undefined;
      let local: ((index: number) => string) | null = null;
      for (const r of rs) {
        const pos = positions[r]!;
        const i = pos & (CHUNK_ROWS - 1);
        const v = wholeNums ? wholeNums[pos]! : numBytes ? numBytes.readDoubleLE(i * 8) : NaN;
        if (v === v || this.info.texts === 0) {
          out.set(r, v === v ? v : null);
          continue;
        }
        if (wholeTexts) {
          const c = wholeTexts.codes[pos]!;
          out.set(r, c >= 0 ? wholeTexts.labels[c]! : null);
          continue;
        }
        if (codeBytes === undefined) codeBytes = this.table.chunk(this.info.id, PART_CODE, chunk);
        const c = codeBytes ? codeAt(codeBytes, i) : -1;
        if (c < 0) out.set(r, null);
        else if (!codesAreLocal(codeBytes!)) out.set(r, this.dict()[c]!);
        else {
          local ??= stringReader(this.table.chunk(this.info.id, PART_LOCAL_DICT, chunk)!);
          out.set(r, local(c));
        }
      }
    }
    return out;
  }

  /** Per-row keys for counting distinct values without merging dictionaries (see DistinctKeys). */
  distinctKeys(): DistinctKeys {
    return distinctKeys(this, (part, index) => this.table.chunk(this.info.id, part, index));
  }

  /** Per row, 1 where the text cell passes `test` (see labelFlags). */
  labelFlags(test: LabelTest): Uint8Array {
    return labelFlags(this, test, (part, index) => this.table.chunk(this.info.id, part, index));
  }

  /** All text cells as codes into one label list, chunk dictionaries merged into it. */
  texts(): TextCodes {
    return this.cache.get(`t:${this.info.id}`, () => {
      const codes = new Int32Array(this.info.rows).fill(-1);
      const labels = this.info.texts === 0 ? [] : this.dict().slice();
      let index: Map<string, number> | null = null;
      for (let c = 0; c < this.chunkCount && this.info.texts > 0; c++) {
        const bytes = this.table.chunk(this.info.id, PART_CODE, c);
        if (!bytes) continue;
        const decoded = decodeCodes(bytes);
        const at = c * CHUNK_ROWS;
        if (!decoded.local) {
          codes.set(decoded.codes, at);
          continue;
        }
        // A chunk with its own dictionary: map its codes into the merged label list.
        if (!index) index = new Map(labels.map((l, i) => [l, i]));
        const local = this.localDict(c);
        const remap = new Int32Array(local.length);
        for (let j = 0; j < local.length; j++) {
          let g = index.get(local[j]!);
          if (g === undefined) {
            g = labels.length;
            labels.push(local[j]!);
            index.set(local[j]!, g);
          }
          remap[j] = g;
        }
        const src = decoded.codes;
        for (let i = 0; i < src.length; i++) codes[at + i] = src[i]! < 0 ? -1 : remap[src[i]!]!;
      }
      return { value: { codes, labels }, bytes: codes.byteLength + labels.length * 48 };
    });
  }
}
