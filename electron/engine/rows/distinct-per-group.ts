import type { DistinctKeys } from '../store/distinct-keys';

const SMALL = 32;

/**
 * Counts distinct values per group: `groupOf[i]` is row i's group (-1 = not counted) and
 * `keys` holds each row's value key (a NaN hash = missing, not counted). Rows are bucketed by
 * group with a counting sort into one array of (hash, row) pairs, so each row costs one random
 * write and each group is then sorted in a small contiguous slice. Runs of equal hashes are
 * split by dictionary identity and, when that cannot decide, by exact comparison of the cells,
 * so the count is exact whatever the hash does. No map of all values is built.
 *
 * `sizes[g]`, when the caller already counted each group's rows with a key (the RFM row pass
 * does, while it touches the customer anyway), saves a pass over the rows.
 */
export function countDistinctPerGroup(groupOf: Int32Array, groups: number, keys: DistinctKeys, sizes?: ArrayLike<number>): Float64Array {
  const { hash, ident } = keys;
  const start = new Int32Array(groups + 1);
  if (sizes) {
    for (let g = 0; g < groups; g++) start[g + 1] = sizes[g]!;
  } else {
    for (let i = 0; i < groupOf.length; i++) {
      const g = groupOf[i]!;
      if (g >= 0 && hash[i] === hash[i]) start[g + 1]!++;
    }
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const total = start[groups]!;
  const fill = start.slice(0, groups);
  // pairs[2k] = the hash's low 32 bits, pairs[2k + 1] = row: one 8-byte write per row, and half
  // the memory of whole hashes (ten million order lines: 80 MB, not 160). Rows whose short
  // hashes tie are told apart by their whole hashes, then by the cells (distinctInRun).
  const pairs = new Int32Array(total * 2);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]!;
    const h = hash[i]!;
    if (g < 0 || h !== h) continue;
    const at = fill[g]!++ << 1;
    pairs[at] = h | 0;
    pairs[at + 1] = i;
  }
  const out = new Float64Array(groups);
  const reps: number[] = [];
  for (let g = 0; g < groups; g++) {
    const s = start[g]!;
    const e = start[g + 1]!;
    const m = e - s;
    if (m <= 1) {
      out[g] = m;
      continue;
    }
    sortPairs(pairs, s, e);
    let distinct = 0;
    for (let a = s; a < e; ) {
      const h = pairs[a << 1]!;
      let b = a + 1;
      while (b < e && pairs[b << 1] === h) b++;
      if (b === a + 1) distinct++;
      else distinct += distinctInRun(pairs, a, b, ident, keys, reps);
      a = b;
    }
    out[g] = distinct;
  }
  return out;
}

/**
 * Distinct values among rows with one hash: one value when they are one dictionary entry (or
 * the hash is exact); otherwise the cells decide (a collision, or one value in two dictionaries).
 */
function distinctInRun(pairs: Int32Array, a: number, b: number, ident: Int32Array | null, keys: DistinctKeys, reps: number[]): number {
  const { hash } = keys;
  const firstRow = pairs[(a << 1) + 1]!;
  const h = hash[firstRow]!;
  const first = ident ? ident[firstRow]! : 0;
  let oneValue = ident === null || first !== -1;
  for (let k = a + 1; oneValue && k < b; k++) {
    const r = pairs[(k << 1) + 1]!;
    if (hash[r] !== h || (ident !== null && ident[r] !== first)) oneValue = false;
  }
  if (oneValue) return 1;
  // Different whole hashes are different values; equal ones with different entries compare cells.
  reps.length = 0;
  for (let k = a; k < b; k++) {
    const r = pairs[(k << 1) + 1]!;
    let known = false;
    for (const rep of reps) if (hash[rep] === hash[r] && (ident === null || keys.same(rep, r))) known = true;
    if (!known) reps.push(r);
  }
  return reps.length;
}

/** Sorts the pairs s..e (pair indices) by short hash. */
function sortPairs(pairs: Int32Array, s: number, e: number): void {
  if (e - s > SMALL) {
    const m = e - s;
    const order = Array.from({ length: m }, (_, k) => s + k).sort((x, y) => pairs[x << 1]! - pairs[y << 1]!);
    const copy = new Int32Array(m * 2);
    order.forEach((k, j) => {
      copy[j << 1] = pairs[k << 1]!;
      copy[(j << 1) + 1] = pairs[(k << 1) + 1]!;
    });
    pairs.set(copy, s << 1);
    return;
  }
  for (let i = s + 1; i < e; i++) {
    const h = pairs[i << 1]!;
    const r = pairs[(i << 1) + 1]!;
    let j = i - 1;
    while (j >= s && pairs[j << 1]! > h) {
      pairs[(j + 1) << 1] = pairs[j << 1]!;
      pairs[((j + 1) << 1) + 1] = pairs[(j << 1) + 1]!;
      j--;
    }
    pairs[(j + 1) << 1] = h;
    pairs[((j + 1) << 1) + 1] = r;
  }
}
