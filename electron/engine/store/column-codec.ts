/**
 * The byte layout of column chunks as stored in `col_chunks.bytes`. A column is cut into chunks
 * of CHUNK_ROWS rows; each chunk has up to two parts:
 * - PART_NUM: the numbers (dates as epoch ms, booleans as 0/1) as little-endian Float64, NaN
 *   where the cell is not a number;
 * - PART_CODE: the text cells as dictionary codes, -1 where the cell is not text.
 * A missing cell is NaN in one and -1 in the other; a part that would hold no value at all is
 * not stored. Text goes through a dictionary: one for the whole column (PART_DICT, in blocks of
 * DICT_BLOCK entries) while it stays below GLOBAL_DICT_LIMIT distinct values, and per chunk
 * (PART_LOCAL_DICT) for the chunks after that, so ids and free text cannot blow up memory.
 */
export const CHUNK_ROWS = 65_536;
export const CHUNK_SHIFT = 16;
export const DICT_BLOCK = 65_536;
export const GLOBAL_DICT_LIMIT = 1 << 20;

export const PART_NUM = 0;
export const PART_CODE = 1;
export const PART_DICT = 2;
export const PART_LOCAL_DICT = 3;

/** Codes are stored as code + 1 (0 = not text) in the narrowest unsigned width that holds them. */
const CODE_HEADER = 8;

export interface DecodedCodes {
  /** True when codes index this chunk's own dictionary rather than the column's. */
  local: boolean;
  codes: Int32Array;
}

export function decodeNumbers(bytes: Buffer): Float64Array {
  // A buffer from SQLite may sit at any offset of a pooled allocation; Float64Array needs 8.
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const copy = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

export function encodeCodes(codes: Int32Array, maxCode: number, local: boolean): Buffer {
  const width = maxCode + 1 < 0xff ? 1 : maxCode + 1 < 0xffff ? 2 : 4;
  const out = Buffer.alloc(CODE_HEADER + codes.length * width);
  out[0] = local ? 1 : 0;
  out[1] = width;
  const body = out.subarray(CODE_HEADER);
  if (width === 1) {
    for (let i = 0; i < codes.length; i++) body[i] = codes[i]! + 1;
  } else if (width === 2) {
    for (let i = 0; i < codes.length; i++) body.writeUInt16LE(codes[i]! + 1, i * 2);
  } else {
    for (let i = 0; i < codes.length; i++) body.writeUInt32LE(codes[i]! + 1, i * 4);
  }
  return out;
}

export function decodeCodes(bytes: Buffer): DecodedCodes {
  const local = bytes[0] === 1;
  const width = bytes[1]!;
  const body = bytes.subarray(CODE_HEADER);
  const n = body.length / width;
  const codes = new Int32Array(n);
  if (width === 1) {
    for (let i = 0; i < n; i++) codes[i] = body[i]! - 1;
  } else if (width === 2) {
    const view = body.byteOffset % 2 === 0 ? new Uint16Array(body.buffer, body.byteOffset, n) : null;
    for (let i = 0; i < n; i++) codes[i] = (view ? view[i]! : body.readUInt16LE(i * 2)) - 1;
  } else {
    const view = body.byteOffset % 4 === 0 ? new Uint32Array(body.buffer, body.byteOffset, n) : null;
    for (let i = 0; i < n; i++) codes[i] = (view ? view[i]! : body.readUInt32LE(i * 4)) - 1;
  }
  return { local, codes };
}

/** One code of an encoded chunk (-1 = not text) without decoding the others (see encodeCodes). */
export function codeAt(bytes: Buffer, index: number): number {
  const width = bytes[1]!;
  const at = CODE_HEADER + index * width;
  return (width === 1 ? bytes[at]! : width === 2 ? bytes.readUInt16LE(at) : bytes.readUInt32LE(at)) - 1;
}

/** True when an encoded chunk's codes index its own dictionary. */
export function codesAreLocal(bytes: Buffer): boolean {
  return bytes[0] === 1;
}

/**
 * A block of dictionary strings: [count u32][UTF-16 length u32 × count][UTF-8 of all strings].
 * Storing UTF-16 lengths lets the reader decode the block with one native call and slice it.
 */
export function encodeStrings(input: readonly string[]): Buffer {
  // A lone surrogate would turn into U+FFFD in UTF-8 and shift every later slice.
  const strings = input.map((s) => (s.isWellFormed() ? s : s.toWellFormed()));
  const text = strings.join('');
  const utf8 = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(4 + strings.length * 4 + utf8.length);
  out.writeUInt32LE(strings.length, 0);
  for (let i = 0; i < strings.length; i++) out.writeUInt32LE(strings[i]!.length, 4 + i * 4);
  utf8.copy(out, 4 + strings.length * 4);
  return out;
}

const decoder = new TextDecoder('utf-8');

/** A decoded dictionary block: string i is `text.slice(starts[i], starts[i + 1])`. */
export interface StringBlock {
  text: string;
  starts: Int32Array;
}

/** Decodes a block with one native call and no per-string allocation (see encodeStrings). */
export function decodeStringBlock(bytes: Buffer): StringBlock {
  const n = bytes.readUInt32LE(0);
  const text = decoder.decode(bytes.subarray(4 + n * 4));
  const starts = new Int32Array(n + 1);
  const lengths = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + 4, n) : null;
  let at = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    at += lengths ? lengths[i]! : bytes.readUInt32LE(4 + i * 4);
  }
  starts[n] = at;
  return { text, starts };
}

/**
 * Single strings of a block without decoding the block: when the UTF-8 is as long as the UTF-16
 * (every character ASCII, as ids are) a string's bytes sit at its UTF-16 offset; otherwise the
 * block is decoded once, on the first string asked for.
 */
export function stringReader(bytes: Buffer): (index: number) => string {
  const n = bytes.readUInt32LE(0);
  const body = 4 + n * 4;
  // The lengths as one typed array (copied when the buffer sits at an odd offset).
  const lengths = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + 4, n) : new Uint32Array(Uint8Array.from(bytes.subarray(4, body)).buffer);
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + lengths[i]!;
  if (starts[n] === bytes.length - body) return (i) => decoder.decode(bytes.subarray(body + starts[i]!, body + starts[i + 1]!));
  let text: string | null = null;
  return (i) => (text ??= decoder.decode(bytes.subarray(body))).slice(starts[i], starts[i + 1]);
}

export function decodeStrings(bytes: Buffer): string[] {
  const { text, starts } = decodeStringBlock(bytes);
  const n = starts.length - 1;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = text.slice(starts[i], starts[i + 1]);
  return out;
}

/**
 * A 53-bit hash of each string of a block (two 32-bit lanes over the UTF-16 code units), so
 * equal strings get equal hashes without making a JavaScript string of each.
 */
export function hashStringBlock(block: StringBlock): Float64Array {
  const { text, starts } = block;
  const n = starts.length - 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = hashText(text, starts[i]!, starts[i + 1]!);
  return out;
}

export function hashText(text: string, start: number, end: number): number {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x9747b28c;
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0) * 2_097_152 + (b >>> 11);
}
