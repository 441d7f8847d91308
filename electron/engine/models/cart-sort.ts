/**
 * Sorting a numeric column for the tree. Each value becomes a 64-bit unsigned key in value order
 * (IEEE bits: negative values have every bit flipped, positive ones the sign bit set) whose low
 * ⌈log₂ n⌉ bits are replaced by the entry's index, and the keys are sorted natively as a
 * BigUint64Array (about four times faster than a radix sort in JavaScript, twenty times faster
 * than sorting ids with a comparator). Values that agree in all the kept bits (relative difference
 * below about 1e-8 at a million rows) land in index order; one pass finds such runs and sorts
 * them by their true values, so the order is exact, and ties stay in row order.
 */
export interface SortedColumn {
  /** Training row ids in ascending value order. */
  order: Int32Array;
  /** Rank of each entry of `order` among the distinct values (same order). */
  rank: Int32Array;
  distinct: Float64Array;
}

export function sortColumn(values: Float64Array, rows: Int32Array): SortedColumn {
  const n = rows.length;
  const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = values[rows[i]!]!;
  const keys = new BigUint64Array(n);
  const words = new Uint32Array(keys.buffer);
  const bitsOf = new Uint32Array(vals.buffer);
  // Little-endian: word 2i is the low half, 2i + 1 the high half.
  for (let i = 0; i < n; i++) {
    let lo = bitsOf[2 * i]!;
    let hi = bitsOf[2 * i + 1]!;
    if (hi & 0x80000000) {
      lo = ~lo >>> 0;
      hi = ~hi >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    words[2 * i] = ((lo & ~mask) | i) >>> 0;
    words[2 * i + 1] = hi;
  }
  keys.sort();
  const idx = new Int32Array(n);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = words[2 * i]! & mask;
    idx[i] = e;
    sorted[i] = vals[e]!;
  }
  // Runs that share every kept bit: put them in true value order (then index order).
  const same = (a: number, b: number): boolean => words[2 * a + 1] === words[2 * b + 1] && ((words[2 * a]! & ~mask) >>> 0) === ((words[2 * b]! & ~mask) >>> 0);
  for (let i = 1; i < n; i++) {
    if (sorted[i]! >= sorted[i - 1]!) continue;
    let from = i - 1;
    while (from > 0 && same(from - 1, i)) from--;
    let to = i + 1;
    while (to < n && same(to, i)) to++;
    const run = Array.from(idx.subarray(from, to)).sort((a, b) => vals[a]! - vals[b]! || a - b);
    run.forEach((e, j) => {
      idx[from + j] = e;
      sorted[from + j] = vals[e]!;
    });
    i = to - 1;
  }
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  const distinct: number[] = [];
  let r = -1;
  for (let i = 0; i < n; i++) {
    // −0 and 0 are one value (they compare equal, as in the split test x ≤ t).
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]!);
      r++;
    }
    order[i] = rows[idx[i]!]!;
    rank[i] = r;
  }
  return { order, rank, distinct: Float64Array.from(distinct) };
}
