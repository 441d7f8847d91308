/**
 * The per-customer figures the BG/NBD likelihood needs, as parallel typed arrays. A row may
 * stand for several customers with identical figures (`weight`), which is how a million
 * customers measured in whole days shrink to a few hundred thousand distinct rows.
 */
export interface RepeatData {
  /** Repeat purchases (whole numbers ≥ 0). */
  x: Float64Array;
  /** Time from first to last purchase, in the model's time unit. */
  tx: Float64Array;
  /** Time from first purchase to the end of calibration, in the model's time unit. */
  T: Float64Array;
  /** Customers this row stands for. */
  weight: Float64Array;
  /** Σ weight. */
  customers: number;
  /** Largest x. */
  maxX: number;
  /**
   * Whole-day recency and age when the data came from dates (`compressDays`): the likelihood then
   * looks ln(α + d) up in a table per distinct day instead of taking a log per customer.
   */
  days?: { tx: Int32Array; T: Int32Array; unitDays: number; maxDay: number };
}

/** Uncompressed data: one row per customer (tests, simulations in continuous time). */
export function repeatData(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): RepeatData {
  const n = x.length;
  let maxX = 0;
  for (let i = 0; i < n; i++) if (x[i]! > maxX) maxX = x[i]!;
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: new Float64Array(n).fill(1), customers: n, maxX };
}

// x < 2^19, recency and age in days < 2^17 (359 years): the three pack exactly into 53 bits.
const X_LIMIT = 2 ** 19;
const DAY_LIMIT = 2 ** 17;

/**
 * Groups customers whose figures are identical. Works on whole-day counts (what transactions
 * give), packed into one exactly representable number per customer and sorted natively, which
 * is far cheaper than hashing a million string keys. Times are converted to `unitDays` units.
 */
export function compressDays(x: Int32Array, txDays: Int32Array, TDays: Int32Array, unitDays: number): RepeatData {
  const n = x.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = txDays[i]!;
    const Ti = TDays[i]!;
    if (xi < 0 || xi >= X_LIMIT || ti < 0 || ti >= DAY_LIMIT || Ti < 0 || Ti >= DAY_LIMIT) {
      throw new RangeError(`customer figures out of range: x=${xi}, t_x=${ti} d, T=${Ti} d`);
    }
    keys[i] = (xi * DAY_LIMIT + ti) * DAY_LIMIT + Ti;
  }
  keys.sort();
  let groups = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) groups++;
  const out: RepeatData = {
    x: new Float64Array(groups),
    tx: new Float64Array(groups),
    T: new Float64Array(groups),
    weight: new Float64Array(groups),
    customers: n,
    maxX: 0,
  };
  const txOut = new Int32Array(groups);
  const TOut = new Int32Array(groups);
  let maxDay = 0;
  let g = -1;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (i === 0 || k !== keys[i - 1]) {
      g++;
      const Ti = k % DAY_LIMIT;
      const rest = (k - Ti) / DAY_LIMIT;
      const ti = rest % DAY_LIMIT;
      const xi = (rest - ti) / DAY_LIMIT;
      out.x[g] = xi;
      out.tx[g] = ti / unitDays;
      out.T[g] = Ti / unitDays;
      txOut[g] = ti;
      TOut[g] = Ti;
      if (Ti > maxDay) maxDay = Ti;
      if (xi > out.maxX) out.maxX = xi;
    }
    out.weight[g]! += 1;
  }
  out.days = { tx: txOut, T: TOut, unitDays, maxDay };
  return out;
}
