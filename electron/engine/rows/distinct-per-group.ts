import type { DistinctKeys } from '../store/distinct-keys';

const SMALL = 32;

/**
 * Counts distinct values per group: `groupOf[i]` is row i's group (-1 = not counted) and
 * `keys` holds each row's value key (a NaN hash = missing, not counted). Rows are bucketed by
 * group with a counting sort that also gathers their hashes and dictionary identities, so each
 * group is then sorted in a small contiguous slice rather than by random reads across the whole
 * column. Runs of equal hashes are split by exact comparison, so the count is exact whatever
 * the hash does. No map of all values is built.
 */
export function countDistinctPerGroup(groupOf: Int32Array, groups: number, keys: DistinctKeys): Float64Array {
  const { hash, ident } = keys;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]!;
    if (g >= 0 && hash[i] === hash[i]) start[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const total = start[groups]!;
  const fill = start.slice(0, groups);
  const rows = new Int32Array(total);
  const hs = new Float64Array(total);
  const ids = new Int32Array(total);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]!;
    const h = hash[i]!;
    if (g < 0 || h !== h) continue;
    const at = fill[g]!++;
    rows[at] = i;
    hs[at] = h;
    ids[at] = ident ? ident[i]! : 0;
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
    sortSlice(hs, rows, ids, s, e);
    let distinct = 0;
    for (let a = s; a < e; ) {
      let b = a + 1;
      let oneIdent = true;
      while (b < e && hs[b] === hs[a]) {
        if (ids[b] !== ids[a]) oneIdent = false;
        b++;
      }
      // A run of equal hashes is one value when it is one dictionary entry (or the hash is
      // exact); otherwise the cells decide (a collision, or one value in two dictionaries).
      if (oneIdent && (ident === null || ids[a] !== -1)) distinct++;
      else {
        reps.length = 0;
        for (let k = a; k < b; k++) {
          const r = rows[k]!;
          let known = false;
          for (const rep of reps) if (keys.same(rep, r)) known = true;
          if (!known) reps.push(r);
        }
        distinct += reps.length;
      }
      a = b;
    }
    out[g] = distinct;
  }
  return out;
}

/** Sorts one group's slice by hash, carrying rows and identities along. */
function sortSlice(hs: Float64Array, rows: Int32Array, ids: Int32Array, s: number, e: number): void {
  if (e - s > SMALL) {
    const m = e - s;
    const order = Array.from({ length: m }, (_, k) => s + k).sort((x, y) => hs[x]! - hs[y]!);
    const h2 = Float64Array.from(order, (k) => hs[k]!);
    const r2 = Int32Array.from(order, (k) => rows[k]!);
    const i2 = Int32Array.from(order, (k) => ids[k]!);
    hs.set(h2, s);
    rows.set(r2, s);
    ids.set(i2, s);
    return;
  }
  for (let i = s + 1; i < e; i++) {
    const h = hs[i]!;
    const r = rows[i]!;
    const d = ids[i]!;
    let j = i - 1;
    while (j >= s && hs[j]! > h) {
      hs[j + 1] = hs[j]!;
      rows[j + 1] = rows[j]!;
      ids[j + 1] = ids[j]!;
      j--;
    }
    hs[j + 1] = h;
    rows[j + 1] = r;
    ids[j + 1] = d;
  }
}
