import type { SortSpec } from '../../../shared/contract/rows';
import type { ColumnSource } from '../store/column-source';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectCache } from '../store/project-cache';
import { codeUnitOrder } from './code-unit-order';
import { sortByNumber, sortByRank } from './radix-sort';
import { textCollator } from './text-collator';

/**
 * Above this many distinct texts a column sorts in code-point order: collating a million ids
 * would stall the grid, and ids have no pinyin to respect.
 */
export const MAX_COLLATED_VALUES = 50_000;

/** Numbers before text (as in Excel), text by collation, then code point for a stable tie order. */
export function compareCells(a: unknown, b: unknown): number {
  const ta = typeof a === 'string';
  const tb = typeof b === 'string';
  if (ta && tb) return textCollator().compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  if (ta !== tb) return ta ? 1 : -1;
  return (a as number) - (b as number);
}

/** Rank of each label of a column's merged text codes, in sort order; cached per data object. */
export function textRanks(src: ColumnSource, cache: ProjectCache): Uint32Array {
  return cache.get(`rank:${src.info.id}`, () => {
    const { labels } = src.texts();
    const ranks = new Uint32Array(labels.length);
    if (labels.length <= MAX_COLLATED_VALUES) {
      const order = labels.map((_, i) => i);
      order.sort((a, b) => compareCells(labels[a], labels[b]) || a - b);
      order.forEach((label, rank) => (ranks[label] = rank));
    } else {
      const order = codeUnitOrder(labels);
      for (let rank = 0; rank < order.length; rank++) ranks[order[rank]!] = rank;
    }
    return { value: ranks, bytes: ranks.byteLength };
  });
}

/** A column's text labels in sort order (the inverse of textRanks); cached per data object. */
export function textOrder(src: ColumnSource, cache: ProjectCache): Uint32Array {
  return cache.get(`order:${src.info.id}`, () => {
    const ranks = textRanks(src, cache);
    const order = new Uint32Array(ranks.length);
    for (let label = 0; label < ranks.length; label++) order[ranks[label]!] = label;
    return { value: order, bytes: order.byteLength };
  });
}

/**
 * Stable sort of row positions by one column. Numbers come first, then text (failed conversions
 * in a typed column, or a text column's values) in collation order, missing cells last in both
 * directions; a descending sort reverses numbers and text (text first, as Excel does) and ties
 * keep their order.
 */
function sortByColumn(positions: Int32Array, src: ColumnSource, dir: 'asc' | 'desc', cache: ProjectCache): Int32Array {
  const n = positions.length;
  const nums = src.info.numbers > 0 ? src.numbers() : null;
  const texts = src.info.texts > 0 ? src.texts() : null;
  const ranks = texts ? textRanks(src, cache) : null;
  let nn = 0;
  let nt = 0;
  for (let i = 0; i < n; i++) {
    const p = positions[i]!;
    if (nums && nums[p] === nums[p]) nn++;
    else if (texts && texts.codes[p]! >= 0) nt++;
  }
  const desc = dir === 'desc';
  if (nums && nn === n && n === nums.length) {
    // Every row, every one a number (a whole numeric column, its order cached after): the
    // column itself is the key array, no copy of ten million keys.
    let natural = true;
    for (let i = 0; i < n && natural; i++) natural = positions[i] === i;
    if (natural) {
      const out = Int32Array.from(positions);
      sortByNumber(out, nums, desc);
      return out;
    }
  }
  const numPerm = new Int32Array(nn);
  const numKeys = new Float64Array(nn);
  const textPerm = new Int32Array(nt);
  const textKeys = new Uint32Array(nt);
  const missing = new Int32Array(n - nn - nt);
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const p = positions[i]!;
    const v = nums ? nums[p]! : NaN;
    if (v === v) {
      numPerm[a] = p;
      numKeys[a++] = v;
    } else if (texts && texts.codes[p]! >= 0) {
      textPerm[b] = p;
      textKeys[b++] = ranks![texts.codes[p]!]!;
    } else missing[c++] = p;
  }
  sortByNumber(numPerm, numKeys, desc);
  sortByRank(textPerm, textKeys, desc);
  const out = new Int32Array(n);
  if (desc) {
    out.set(textPerm, 0);
    out.set(numPerm, nt);
  } else {
    out.set(numPerm, 0);
    out.set(textPerm, nn);
  }
  out.set(missing, nn + nt);
  return out;
}

/**
 * The whole column's rows in one direction's order (ties in row order), cached per data object:
 * a later sort on the same column under other filters only picks its rows out of it.
 */
function columnOrder(src: ColumnSource, rowCount: number, dir: 'asc' | 'desc', cache: ProjectCache): Int32Array {
  return cache.get(`sorted:${src.info.id}:${dir}`, () => {
    const all = new Int32Array(rowCount);
    for (let i = 0; i < rowCount; i++) all[i] = i;
    const value = sortByColumn(all, src, dir, cache);
    return { value, bytes: value.byteLength };
  });
}

/** True when the whole column's order in that direction is in memory already (a sort from it costs one pass). */
export function hasColumnOrder(src: ColumnSource, dir: 'asc' | 'desc', cache: ProjectCache): boolean {
  return cache.peek(`sorted:${src.info.id}:${dir}`) !== undefined;
}

/**
 * Sorts the rows a filter mask leaves (all rows when null) by several columns: the last key's
 * order comes from the cached column order, then stable sorts from the next-to-last key to the
 * first.
 */
export function sortPositions(snapshot: DatasetSnapshot, mask: Uint8Array | null, kept: number, sort: readonly SortSpec[], cache: ProjectCache): Int32Array {
  const last = sort[sort.length - 1]!;
  const full = columnOrder(snapshot.source(last.column), snapshot.rowCount, last.dir, cache);
  let out = full;
  if (mask) {
    out = new Int32Array(kept);
    let j = 0;
    for (let i = 0; i < full.length; i++) if (mask[full[i]!] !== 0) out[j++] = full[i]!;
  }
  for (let k = sort.length - 2; k >= 0; k--) {
    const s = sort[k]!;
    out = sortByColumn(out, snapshot.source(s.column), s.dir, cache);
  }
  return out;
}
