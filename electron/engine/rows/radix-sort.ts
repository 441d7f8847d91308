/**
 * Stable LSD radix sorts that carry a permutation along: 16 bits per pass, and a pass whose
 * digit is the same for every key is skipped (narrow ranges cost one or two passes). Stable in
 * both directions, so ties keep their incoming order (multi-key sorts go from the last key to
 * the first).
 */
const RADIX = 1 << 16;
const MASK = RADIX - 1;

function pass(
  digit: (i: number) => number,
  n: number,
  counts: Uint32Array,
  move: (from: number, to: number) => void,
): boolean {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[digit(i)]!++;
  for (let b = 0; b < RADIX; b++) if (counts[b] === n) return false;
  let sum = 0;
  for (let b = 0; b < RADIX; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) move(i, counts[digit(i)]!++);
  return true;
}

/** Sorts `perm` by `keys` (keys[i] belongs to perm[i]); both arrays are reordered in place. */
export function sortByFloat(perm: Int32Array, keys: Float64Array, desc: boolean): void {
  const n = perm.length;
  if (n < 2) return;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  // Map IEEE-754 doubles onto unsigned integers with the same order (flip negatives entirely,
  // set the sign bit of positives); a descending sort flips every bit once more.
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[i * 2 + 1]!;
    let l = bits[i * 2]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    if (desc) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  let p: Int32Array = perm;
  let p2: Int32Array = new Int32Array(n);
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  const digits: ((i: number) => number)[] = [(i) => lo[i]! & MASK, (i) => lo[i]! >>> 16, (i) => hi[i]! & MASK, (i) => hi[i]! >>> 16];
  for (const digit of digits) {
    const moved = pass(digit, n, counts, (from, to) => {
      p2[to] = p[from]!;
      hi2[to] = hi[from]!;
      lo2[to] = lo[from]!;
    });
    if (!moved) continue;
    [p, p2] = [p2, p];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  if (p !== perm) perm.set(p);
}

/** Sorts `perm` by non-negative integer ranks below 2^32 (ranks[i] belongs to perm[i]). */
export function sortByRank(perm: Int32Array, ranks: Uint32Array, desc: boolean): void {
  const n = perm.length;
  if (n < 2) return;
  let r: Uint32Array = ranks;
  if (desc) {
    r = new Uint32Array(n);
    for (let i = 0; i < n; i++) r[i] = (0xffffffff - ranks[i]!) >>> 0;
  }
  let p: Int32Array = perm;
  let p2: Int32Array = new Int32Array(n);
  let r2: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (const shift of [0, 16]) {
    const cur = r;
    const moved = pass((i) => (cur[i]! >>> shift) & MASK, n, counts, (from, to) => {
      p2[to] = p[from]!;
      r2[to] = cur[from]!;
    });
    if (!moved) continue;
    [p, p2] = [p2, p];
    [r, r2] = [r2, r];
  }
  if (p !== perm) perm.set(p);
}
