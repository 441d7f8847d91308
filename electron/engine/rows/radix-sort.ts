/**
 * Stable LSD radix sorts that carry a permutation along: 16 bits per pass, every digit's counts
 * taken in one read of the keys, and a pass whose digit is the same for every key is skipped
 * (narrow ranges cost one or two passes). Stable in both directions, so ties keep their incoming
 * order (multi-key sorts go from the last key to the first). The passes are written out as plain
 * loops: at ten million keys a call per element costs more than the sort itself.
 */
const RADIX = 1 << 16;
const MASK = RADIX - 1;

/** Turns counts[base … base+RADIX) into start offsets; false when one digit holds all n keys (the pass would move nothing). */
function offsets(counts: Uint32Array, base: number, n: number): boolean {
  let sum = 0;
  for (let b = base; b < base + RADIX; b++) {
    const c = counts[b]!;
    if (c === n) return false;
    counts[b] = sum;
    sum += c;
  }
  return true;
}

/** Sorts `perm` by `keys` (keys[i] belongs to perm[i]); `perm` is reordered in place, `keys` left as they were. */
export function sortByFloat(perm: Int32Array, keys: Float64Array, desc: boolean): void {
  const n = perm.length;
  if (n < 2) return;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  // Map IEEE-754 doubles onto unsigned integers with the same order (flip negatives entirely,
  // set the sign bit of positives); a descending sort flips every bit once more.
  let hi: Uint32Array = new Uint32Array(n);
  let lo: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(4 * RADIX);
  const flip = desc ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    let h = bits[i * 2 + 1]!;
    let l = bits[i * 2]!;
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else h |= 0x80000000;
    h = (h ^ flip) >>> 0;
    l = (l ^ flip) >>> 0;
    hi[i] = h;
    lo[i] = l;
    counts[l & MASK]!++;
    counts[RADIX + (l >>> 16)]!++;
    counts[2 * RADIX + (h & MASK)]!++;
    counts[3 * RADIX + (h >>> 16)]!++;
  }
  const needed = [0, 1, 2, 3].filter((d) => offsets(counts, d * RADIX, n));
  let p: Int32Array = perm;
  let p2: Int32Array = new Int32Array(n);
  let hi2: Uint32Array = new Uint32Array(n);
  let lo2: Uint32Array = needed.some((d) => d === 1) ? new Uint32Array(n) : lo;
  for (let k = 0; k < needed.length; k++) {
    const d = needed[k]!;
    const base = d * RADIX;
    const shift = (d & 1) * 16;
    const word = d < 2 ? lo : hi;
    // Carry along only the words a later pass still reads.
    const later = needed.slice(k + 1);
    const keepLo = later.some((x) => x < 2);
    const keepHi = later.some((x) => x >= 2);
    for (let i = 0; i < n; i++) {
      const to = counts[base + ((word[i]! >>> shift) & MASK)]!++;
      p2[to] = p[i]!;
      if (keepHi) hi2[to] = hi[i]!;
      if (keepLo) lo2[to] = lo[i]!;
    }
    [p, p2] = [p2, p];
    if (keepHi) [hi, hi2] = [hi2, hi];
    if (keepLo) [lo, lo2] = [lo2, lo];
  }
  if (p !== perm) perm.set(p);
}

/**
 * Sorts `perm` by non-negative integer ranks below 2^32 (ranks[i] belongs to perm[i]); `ranks`
 * is left as it was. Digits are at most 9 bits wide (as many passes as the largest rank needs):
 * 512 buckets stay in cache while ten million rows scatter, where 65,536 do not (measured: three
 * 9-bit passes cost about half the CPU time of two 16-bit ones on 10M keys of 26 bits).
 */
export function sortByRank(perm: Int32Array, ranks: Uint32Array, desc: boolean): void {
  const n = perm.length;
  if (n < 2) return;
  let max = 0;
  for (let i = 0; i < n; i++) if (ranks[i]! > max) max = ranks[i]!;
  const bits = 32 - Math.clz32(max);
  if (bits === 0) return;
  const passes = Math.ceil(bits / 9);
  const width = Math.ceil(bits / passes);
  const size = 1 << width;
  const mask = size - 1;
  // Descending: max − rank keeps the keys as narrow as the ranks.
  let keys: Uint32Array = ranks;
  if (desc) {
    keys = new Uint32Array(n);
    for (let i = 0; i < n; i++) keys[i] = max - ranks[i]!;
  }
  const counts = new Uint32Array(size * passes);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    for (let d = 0; d < passes; d++) counts[d * size + ((k >>> (d * width)) & mask)]!++;
  }
  const needed: number[] = [];
  for (let d = 0; d < passes; d++) {
    let sum = 0;
    let all = false;
    for (let b = d * size; b < (d + 1) * size; b++) {
      const c = counts[b]!;
      if (c === n) all = true;
      counts[b] = sum;
      sum += c;
    }
    if (!all) needed.push(d);
  }
  let p: Int32Array = perm;
  let p2: Int32Array = new Int32Array(n);
  let k2: Uint32Array = needed.length > 1 ? new Uint32Array(n) : keys;
  for (let j = 0; j < needed.length; j++) {
    const d = needed[j]!;
    const base = d * size;
    const shift = d * width;
    const carry = j + 1 < needed.length;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const to = counts[base + ((k >>> shift) & mask)]!++;
      p2[to] = p[i]!;
      if (carry) k2[to] = k;
    }
    [p, p2] = [p2, p];
    // The first pass wrote into a new array, so the caller's ranks are never overwritten.
    if (carry) [keys, k2] = [k2, keys === ranks ? new Uint32Array(n) : keys];
  }
  if (p !== perm) perm.set(p);
}

/** Steps real columns are counted in: decimals (10^-d) and, for dates (epoch ms), seconds, minutes and days. */
const DECIMALS = [1, 10, 100, 1000, 10_000];
const DATE_UNITS = [86_400_000, 60_000, 1000];
const SPAN = 2 ** 32;

/**
 * Integer keys below 2^32 with the same order as `keys`, when the values are whole multiples of
 * one step over a range of fewer than 2^32 steps (amounts in cents, counts, dates to the second);
 * null otherwise. Two 16-bit passes then sort what takes four on the raw doubles.
 */
function integerKeys(keys: Float64Array): Uint32Array | null {
  const n = keys.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = keys[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const fits = (k: (v: number) => number | null): Uint32Array | null => {
    const base = k(lo);
    const top = k(hi);
    if (base === null || top === null || top - base >= SPAN) return null;
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const x = k(keys[i]!);
      if (x === null) return null;
      out[i] = x - base;
    }
    return out;
  };
  for (const unit of DATE_UNITS) {
    // v / unit is exact when v is a whole multiple of unit.
    const r = fits((v) => (v % unit === 0 ? v / unit : null));
    if (r) return r;
  }
  for (const scale of DECIMALS) {
    // k / scale === v: the decimal with that many places is this very double.
    const r = fits((v) => {
      const k = Math.round(v * scale);
      return k / scale === v && Number.isSafeInteger(k) ? k : null;
    });
    if (r) return r;
  }
  return null;
}

/** Sorts `perm` by the numbers in `keys`: on compact integer keys when they exist, else on the doubles' bits. */
export function sortByNumber(perm: Int32Array, keys: Float64Array, desc: boolean): void {
  if (perm.length < 2) return;
  const ints = integerKeys(keys);
  if (ints) sortByRank(perm, ints, desc);
  else sortByFloat(perm, keys, desc);
}
