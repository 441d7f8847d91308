import { CHUNK_ROWS, decodeStringBlock, DICT_BLOCK, GLOBAL_DICT_LIMIT, hashStringBlock, hashText, PART_DICT, PART_LOCAL_DICT, stringReader } from './column-codec';
import type { ColumnSource } from './column-source';

/**
 * Per-row keys for counting distinct values (orders per customer) without a dictionary of
 * every value: an id column of ten million orders would otherwise need a ten-million-entry
 * map of strings, which costs seconds and gigabytes.
 */
export interface DistinctKeys {
  /** Per row: a hash of the cell (NaN = missing); equal cells have equal hashes. */
  readonly hash: Float64Array;
  /** Per row: its dictionary entry (-1 = none); equal identities are equal values. Null when the hash is exact. */
  readonly ident: Int32Array | null;
  /** Whether two rows with equal hashes hold the same value: exact, reading the cells only on rare ties. */
  same(i: number, j: number): boolean;
}

const NO_IDENT = -1;

export function distinctKeys(src: ColumnSource, readBlock: (part: number, index: number) => Buffer | null): DistinctKeys {
  const rows = src.rows;
  // A numbers-only column: the number is its own exact key.
  if (src.info.texts === 0) return { hash: src.numbers(), ident: null, same: () => true };
  const hash = new Float64Array(rows).fill(NaN);
  // Equal identities are the same dictionary entry; -1 (a number in a mixed column) compares cells.
  const ident = new Int32Array(rows).fill(NO_IDENT);
  const globalHashes = new Float64Array(src.info.dictSize);
  for (let b = 0; b * DICT_BLOCK < src.info.dictSize; b++) {
    const raw = readBlock(PART_DICT, b);
    if (raw) globalHashes.set(hashStringBlock(decodeStringBlock(raw)), b * DICT_BLOCK);
  }
  for (let c = 0; c < src.chunkCount; c++) {
    const at = c * CHUNK_ROWS;
    const decoded = src.passCodes(c);
    if (decoded) {
      const codes = decoded.codes;
      const raw = decoded.local ? readBlock(PART_LOCAL_DICT, c) : null;
      const hashes = raw ? hashStringBlock(decodeStringBlock(raw)) : globalHashes;
      const base = decoded.local ? GLOBAL_DICT_LIMIT + c * CHUNK_ROWS : 0;
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!;
        if (code < 0) continue;
        hash[at + i] = hashes[code]!;
        ident[at + i] = base + code;
      }
    }
    const nums = src.info.numbers > 0 ? src.numChunk(c) : null;
    if (nums) {
      for (let i = 0; i < nums.length; i++) {
        const v = nums[i]!;
        if (v !== v) continue;
        // Numbers and texts share one key space (as in category()): 5 and "5" are one value.
        const text = String(v);
        hash[at + i] = hashText(text, 0, text.length);
      }
    }
  }
  // Ties are read from the dictionaries directly, a few chunk dictionaries at a time: reading
  // them through the cache would keep every chunk's dictionary of a ten-million-row id column
  // (hundreds of MB) when the same id sits in many chunks.
  const readers = new Map<number, (index: number) => string>();
  const localText = (chunk: number, code: number): string => {
    let read = readers.get(chunk);
    if (!read) {
      if (readers.size >= 8) readers.delete(readers.keys().next().value!);
      read = stringReader(readBlock(PART_LOCAL_DICT, chunk)!);
      readers.set(chunk, read);
    }
    return read(code);
  };
  const textAt = (pos: number): string => {
    const id = ident[pos]!;
    if (id === NO_IDENT) return String(src.cellAt(pos));
    // Column-wide codes stay below dictSize; a chunk dictionary's start above every one of them.
    if (id < src.info.dictSize) return src.dict()[id]!;
    const chunk = Math.floor(pos / CHUNK_ROWS);
    return localText(chunk, id - (GLOBAL_DICT_LIMIT + chunk * CHUNK_ROWS));
  };
  return {
    hash,
    ident,
    same: (i, j) => (ident[i] !== NO_IDENT && ident[i] === ident[j]) || textAt(i) === textAt(j),
  };
}
