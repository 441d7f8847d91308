import type { ColumnSource } from '../store/column-source';
import type { ProjectCache } from '../store/project-cache';
import { MAX_COLLATED_VALUES, textRanks } from './sort-order';

/**
 * The best `k` of the indexes [0, count) that `skip` does not drop, in `compare` order (negative
 * = sorts first): one pass with a max-heap of the best so far, whose root is the worst of them,
 * so most indexes cost one comparison.
 */
function heapSelect(k: number, count: number, skip: (i: number) => boolean, compare: (a: number, b: number) => number): Int32Array {
  const heap = new Int32Array(k);
  let size = 0;
  for (let x = 0; x < count; x++) {
    if (skip(x)) continue;
    if (size < k) {
      let i = size++;
      heap[i] = x;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compare(heap[parent]!, heap[i]!) >= 0) break;
        heap[i] = heap[parent]!;
        heap[parent] = x;
        i = parent;
      }
      continue;
    }
    if (compare(x, heap[0]!) >= 0) continue;
    heap[0] = x;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && compare(heap[r]!, heap[l]!) > 0 ? r : l;
      if (compare(heap[c]!, heap[i]!) <= 0) break;
      heap[i] = heap[c]!;
      heap[c] = x;
      i = c;
    }
  }
  return heap.subarray(0, size).sort(compare);
}

/** Keys by text code, and optionally the codes that can be among the first rows at all (a bit each). */
interface CodeKeys {
  keys: Float64Array;
  /** Null when every code may be. A bit set is small enough to stay in cache while ten million rows are checked against it. */
  bits: Uint32Array | null;
}

/**
 * Keys good enough to find the first `k` text rows of a column past the collation limit without
 * ordering its million labels: the first labels in sort order (by code unit, then index, as
 * textRanks orders them there) until they hold k kept rows get their true relative order, the
 * others are left out. Tries the first k labels, then eight times as many, until they hold k rows.
 */
function leadingKeys(codes: Int32Array, labels: readonly string[], mask: Uint8Array | null, desc: boolean, k: number): CodeKeys {
  const byUnits = (a: number, b: number): number => {
    const la = labels[a]!;
    const lb = labels[b]!;
    const t = la < lb ? -1 : la > lb ? 1 : a - b;
    return desc ? -t : t;
  };
  for (let m = k; ; m *= 8) {
    const best = heapSelect(Math.min(m, labels.length), labels.length, () => false, byUnits);
    const bits = new Uint32Array((labels.length + 31) >>> 5);
    const slot = new Map<number, number>();
    best.forEach((label, j) => {
      bits[label >>> 5]! |= 1 << (label & 31);
      slot.set(label, j);
    });
    const counts = new Uint32Array(best.length);
    for (let p = 0; p < codes.length; p++) {
      const c = codes[p]!;
      if (c < 0 || (bits[c >>> 5]! & (1 << (c & 31))) === 0 || (mask && mask[p] === 0)) continue;
      counts[slot.get(c)!]!++;
    }
    let held = 0;
    for (const n of counts) held += n;
    if (held < k && best.length < labels.length) continue;
    const keys = new Float64Array(labels.length);
    best.forEach((label, j) => (keys[label] = j));
    return { keys, bits };
  }
}

/**
 * The best `k` kept rows of one class by a numeric key (ties by row), in order: the key is the
 * cell's number when `codes` is null, else the key of its text code (codes outside `bits` left out). Written out as plain
 * loops: most of ten million rows are turned away by one comparison with the worst row kept.
 */
function firstByKey(nums: Float64Array | null, codes: Int32Array | null, codeKeys: CodeKeys, sign: number, mask: Uint8Array | null, rowCount: number, k: number): Int32Array {
  const { keys, bits } = codeKeys;
  const pos = new Int32Array(k);
  const key = new Float64Array(k);
  let size = 0;
  for (let p = 0; p < rowCount; p++) {
    let v: number;
    if (codes) {
      const c = codes[p]!;
      if (c < 0 || (bits && (bits[c >>> 5]! & (1 << (c & 31))) === 0)) continue;
      v = keys[c]!;
    } else {
      v = nums![p]!;
      if (v !== v) continue;
      v *= sign;
    }
    // Rows come in rising order: a tie with the worst kept row loses to it.
    if ((size === k && v >= key[0]!) || (mask && mask[p] === 0)) continue;
    let i: number;
    if (size < k) {
      // Sift up from the new leaf.
      i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (key[parent]! > v || (key[parent] === v && pos[parent]! > p)) break;
        pos[i] = pos[parent]!;
        key[i] = key[parent]!;
        i = parent;
      }
    } else {
      // Replace the root (the worst) and sift down.
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && (key[r]! > key[l]! || (key[r] === key[l] && pos[r]! > pos[l]!)) ? r : l;
        if (key[c]! < v || (key[c] === v && pos[c]! < p)) break;
        pos[i] = pos[c]!;
        key[i] = key[c]!;
        i = c;
      }
    }
    pos[i] = p;
    key[i] = v;
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || pos[a]! - pos[b]!);
  return Int32Array.from(order, (i) => pos[i]!);
}

/**
 * The first `k` rows of a one-column sort (the rows a mask keeps, all rows when null) in exactly
 * the order the full sort gives them (see sortByColumn in sort-order.ts): numbers, then text,
 * then missing cells (text first when descending), ties in row order. The grid's first page of
 * a ten-million-row sort needs these rows, not the order of all ten million.
 */
export function firstSorted(src: ColumnSource, rowCount: number, mask: Uint8Array | null, dir: 'asc' | 'desc', k: number, cache: ProjectCache): Int32Array {
  const nums = src.info.numbers > 0 ? src.numbers() : null;
  const texts = src.info.texts > 0 ? src.texts() : null;
  const codes = texts ? texts.codes : null;
  const desc = dir === 'desc';
  // Without a mask the column's own counts say how many numbers and texts there are.
  let numbers = mask ? 0 : src.info.numbers;
  let text = mask ? 0 : src.info.texts;
  for (let p = 0; mask && p < rowCount; p++) {
    if (mask[p] === 0) continue;
    if (nums !== null && nums[p] === nums[p]) numbers++;
    else if (codes !== null && codes[p]! >= 0) text++;
  }
  const sign = desc ? -1 : 1;
  // The common case: the first class alone fills the k rows (numbers ascending, text descending
  // or in a text column), and its keys are plain numbers.
  if (numbers >= k && (!desc || text === 0)) return firstByKey(nums, null, { keys: new Float64Array(0), bits: null }, sign, mask, rowCount, k);
  // Collation ranks when they are cheap or made already.
  const collated = texts !== null && (texts.labels.length <= MAX_COLLATED_VALUES || cache.peek(`rank:${src.info.id}`) !== undefined);
  const ranks = collated ? textRanks(src, cache) : null;
  if (text >= k && (desc || numbers === 0)) {
    // Leading keys are in the wanted order already; ranks are ascending.
    const codeKeys = ranks ? { keys: Float64Array.from(ranks, (r) => sign * r), bits: null } : leadingKeys(codes!, texts!.labels, mask, desc, k);
    return firstByKey(null, codes, codeKeys, 1, mask, rowCount, k);
  }
  // Mixed classes (few rows of the first): the full comparison, text by its true ranks.
  const fullRanks = texts ? textRanks(src, cache) : null;
  const NUM = desc ? 1 : 0;
  const TEXT = desc ? 0 : 1;
  const classOf = (p: number): number => (nums !== null && nums[p] === nums[p] ? NUM : codes !== null && codes[p]! >= 0 ? TEXT : 2);
  const compare = (p: number, q: number): number => {
    const cp = classOf(p);
    const cq = classOf(q);
    if (cp !== cq) return cp - cq;
    if (cp === NUM) {
      const a = nums![p]!;
      const b = nums![q]!;
      if (a !== b) return desc ? (a > b ? -1 : 1) : a < b ? -1 : 1;
    } else if (cp === TEXT) {
      const t = fullRanks![codes![p]!]! - fullRanks![codes![q]!]!;
      if (t !== 0) return desc ? -t : t;
    }
    return p - q;
  };
  return heapSelect(k, rowCount, mask ? (p) => mask[p] === 0 : () => false, compare);
}
