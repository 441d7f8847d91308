import { CHUNK_ROWS } from '../store/column-codec';
import type { ColumnSource } from '../store/column-source';

/**
 * Visits a column chunk by chunk with the parts decoded once per chunk: `num` (NaN where not a
 * number) and `codes` (-1 where not text) with the dictionary they index. Callers test cells
 * inline, so million-row loops pay no call per cell.
 */
export interface ChunkView {
  /** Position of the chunk's first row. */
  start: number;
  length: number;
  num: Float64Array | null;
  codes: Int32Array | null;
  dict: string[] | null;
  /** Identifies `dict` (per-dictionary caches of predicates). */
  dictKey: string;
}

export function* chunksOf(src: ColumnSource): Generator<ChunkView> {
  for (let c = 0; c < src.chunkCount; c++) {
    const decoded = src.codeChunk(c);
    yield {
      start: c * CHUNK_ROWS,
      length: src.chunkLength(c),
      num: src.numChunk(c),
      codes: decoded ? decoded.codes : null,
      dict: decoded ? (decoded.local ? src.localDict(c) : src.dict()) : null,
      dictKey: decoded?.local ? `l${c}` : 'g',
    };
  }
}

/** A per-dictionary-entry predicate, evaluated once per entry and then looked up by code. */
export function dictPredicate(test: (text: string) => boolean): (view: ChunkView) => Uint8Array | null {
  const memo = new Map<string, Uint8Array>();
  return (view) => {
    if (!view.dict) return null;
    let hit = memo.get(view.dictKey);
    if (!hit) {
      hit = new Uint8Array(view.dict.length);
      for (let i = 0; i < view.dict.length; i++) hit[i] = test(view.dict[i]!) ? 1 : 0;
      memo.set(view.dictKey, hit);
    }
    return hit;
  };
}
