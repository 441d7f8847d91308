import { CHUNK_ROWS, decodeStringBlock, DICT_BLOCK, PART_DICT, PART_LOCAL_DICT, type StringBlock } from './column-codec';
import type { ColumnSource } from './column-source';

/** A test of one dictionary entry, `text.slice(start, end)`, read in place. */
export type LabelTest = (text: string, start: number, end: number) => boolean;

/**
 * Per row, 1 where the text cell passes `test` (numbers and missing cells are 0). Each
 * dictionary entry is tested once, in its decoded block, so no string is made per value.
 */
export function labelFlags(src: ColumnSource, test: LabelTest, readBlock: (part: number, index: number) => Buffer | null): Uint8Array {
  const out = new Uint8Array(src.rows);
  if (src.info.texts === 0) return out;
  const global = new Uint8Array(src.info.dictSize);
  for (let b = 0; b * DICT_BLOCK < src.info.dictSize; b++) {
    const raw = readBlock(PART_DICT, b);
    if (raw) global.set(testBlock(decodeStringBlock(raw), test), b * DICT_BLOCK);
  }
  for (let c = 0; c < src.chunkCount; c++) {
    const decoded = src.passCodes(c);
    if (!decoded) continue;
    const raw = decoded.local ? readBlock(PART_LOCAL_DICT, c) : null;
    const flags = raw ? testBlock(decodeStringBlock(raw), test) : global;
    const codes = decoded.codes;
    const at = c * CHUNK_ROWS;
    for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) out[at + i] = flags[codes[i]!]!;
  }
  return out;
}

function testBlock(block: StringBlock, test: LabelTest): Uint8Array {
  const n = block.starts.length - 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = test(block.text, block.starts[i]!, block.starts[i + 1]!) ? 1 : 0;
  return out;
}
