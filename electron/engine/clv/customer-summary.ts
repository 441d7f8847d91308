/**
 * Per-customer figures from transactions, exactly as the buy-till-you-die literature defines
 * them (Fader, Hardie & Lee 2005; BTYD): a purchase is a purchase DAY — several orders on one
 * day count once and their amounts add up — so
 *   x   = purchase days in calibration after the first one (repeat purchases),
 *   tₓ  = last purchase day − first purchase day,
 *   T   = calibration end day − first purchase day (the end day itself is in calibration),
 *   m   = mean value of the x repeat purchase days (the first day's spend is left out).
 * Days are kept as whole numbers here; the model divides by the unit length.
 */

export type ReturnsRule = 'exclude' | 'net';

/** Transactions as typed columns, one entry per row. */
export interface TransactionColumns {
  /** Customer code per row (0 … customerCount−1), −1 = missing. */
  customer: Int32Array;
  customerCount: number;
  /** Day number (epoch ms of the wall-clock date ÷ 86,400,000, floored); NaN = missing or invalid. */
  day: Float64Array;
  /** NaN = not a number. */
  amount: Float64Array;
  /** 1 = a return or cancellation (negative amount or a C… invoice); null = none marked. */
  isReturn: Uint8Array | null;
}

export interface SummaryOptions {
  /** Last calibration day (inclusive); null = the last purchase day in the data. */
  calibrationEndDay: number | null;
  /** Last holdout day (inclusive); null = no holdout. */
  holdoutEndDay: number | null;
  returns: ReturnsRule;
}

export interface ExcludedRows {
  missingCustomer: number;
  missingDate: number;
  invalidAmount: number;
  returns: number;
  /** After the calibration end (or the holdout end when there is one). */
  afterPeriod: number;
}

export interface CustomerSummary {
  /** Customers in the model (first purchase within calibration), in customer-code order. */
  count: number;
  code: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  x: Int32Array;
  txDays: Int32Array;
  TDays: Int32Array;
  /** Mean repeat purchase value; NaN when x = 0. */
  monetary: Float64Array;
  /** Calibration spend (purchases, minus returns under the net rule): RFM's M. */
  total: Float64Array;
  /** Purchase days in the holdout; null without a holdout. */
  holdoutPurchases: Int32Array | null;
  calibrationEndDay: number;
  holdoutEndDay: number | null;
  /** Earliest first purchase (the tracking chart starts here). */
  cohortStartDay: number;
  /** Repeat purchase days per day since cohortStartDay, through the last day of the data used. */
  repeatsByDay: Int32Array;
  excluded: ExcludedRows;
  usedRows: number;
  /** Customers whose first purchase is in the holdout. */
  newInHoldout: number;
  lastPurchaseDay: number;
}

export interface SummaryHooks {
  /** Called every ~500k rows/customers; may throw to cancel. */
  tick?: (done: number, total: number) => Promise<void> | void;
}

export async function summariseCustomers(tx: TransactionColumns, options: SummaryOptions, hooks: SummaryHooks = {}): Promise<CustomerSummary> {
  const n = tx.customer.length;
  const excluded: ExcludedRows = { missingCustomer: 0, missingDate: 0, invalidAmount: 0, returns: 0, afterPeriod: 0 };
  // Pass 1: which rows are usable, and the last purchase day when calibration end is not given.
  const keep = new Uint8Array(n);
  let lastPurchaseDay = -Infinity;
  for (let i = 0; i < n; i++) {
    if (tx.customer[i]! < 0) excluded.missingCustomer++;
    else if (Number.isNaN(tx.day[i]!)) excluded.missingDate++;
    else if (Number.isNaN(tx.amount[i]!)) excluded.invalidAmount++;
    else if (tx.isReturn?.[i] === 1 && options.returns === 'exclude') excluded.returns++;
    else {
      keep[i] = 1;
      if (tx.isReturn?.[i] !== 1 && tx.day[i]! > lastPurchaseDay) lastPurchaseDay = tx.day[i]!;
    }
  }
  const calEnd = options.calibrationEndDay ?? lastPurchaseDay;
  const end = options.holdoutEndDay ?? calEnd;
  const counts = new Int32Array(tx.customerCount + 1);
  let usedRows = 0;
  // Every purchase in calibration belongs to a customer first seen on or before it, so the
  // earliest of them is the earliest first purchase: the start of the tracking chart.
  let cohortStart = Infinity;
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue;
    const d = tx.day[i]!;
    if (d > end) {
      keep[i] = 0;
      excluded.afterPeriod++;
      continue;
    }
    if (d < cohortStart && d <= calEnd && tx.isReturn?.[i] !== 1) cohortStart = d;
    counts[tx.customer[i]! + 1]! += 1;
    usedRows++;
  }
  if (cohortStart === Infinity) cohortStart = calEnd;
  const repeatsByDay = new Int32Array(Math.max(0, Math.max(end, calEnd) - cohortStart + 1));
  await hooks.tick?.(n, n * 2);
  // Counting sort of the kept rows by customer: each customer's rows become one contiguous run.
  for (let c = 0; c < tx.customerCount; c++) counts[c + 1]! += counts[c]!;
  const start = counts.slice(0, tx.customerCount + 1);
  const fill = counts.slice(0, tx.customerCount);
  const days = new Int32Array(usedRows);
  const amounts = new Float64Array(usedRows);
  const returned = new Uint8Array(usedRows);
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue;
    const c = tx.customer[i]!;
    const at = fill[c]!++;
    days[at] = tx.day[i]!;
    amounts[at] = tx.isReturn?.[i] === 1 ? -Math.abs(tx.amount[i]!) : tx.amount[i]!;
    returned[at] = tx.isReturn?.[i] ?? 0;
  }
  // Pass 2 per customer: first/last purchase day, distinct purchase days, spends.
  const code: number[] = [];
  const out = {
    firstDay: new Int32Array(tx.customerCount),
    lastDay: new Int32Array(tx.customerCount),
    x: new Int32Array(tx.customerCount),
    total: new Float64Array(tx.customerCount),
    monetary: new Float64Array(tx.customerCount),
    holdout: new Int32Array(tx.customerCount),
  };
  let newInHoldout = 0;
  // One reusable buffer; typed-array sort is numeric and much faster than sorting JS arrays.
  let buffer = new Int32Array(64);
  for (let c = 0; c < tx.customerCount; c++) {
    if (c % 500_000 === 499_999) await hooks.tick?.(n + c, n + tx.customerCount);
    const lo = start[c]!;
    const hi = start[c + 1]!;
    if (lo === hi) continue;
    let first = Infinity;
    for (let k = lo; k < hi; k++) if (returned[k] === 0 && days[k]! <= calEnd && days[k]! < first) first = days[k]!;
    if (first === Infinity) {
      // No purchase in calibration: either only returns, or first seen in the holdout.
      let bought = false;
      for (let k = lo; k < hi; k++) if (returned[k] === 0) bought = true;
      if (bought) newInHoldout++;
      continue;
    }
    if (hi - lo > buffer.length) buffer = new Int32Array(2 * (hi - lo));
    let total = 0;
    let firstDaySpend = 0;
    let m = 0;
    for (let k = lo; k < hi; k++) {
      const d = days[k]!;
      if (d <= calEnd) total += amounts[k]!;
      if (returned[k] !== 0) continue;
      buffer[m++] = d;
      if (d === first) firstDaySpend += amounts[k]!;
    }
    const sorted = buffer.subarray(0, m).sort();
    let calDistinct = 0;
    let holdDistinct = 0;
    let last = first;
    for (let k = 0; k < m; k++) {
      const d = sorted[k]!;
      if (k > 0 && d === sorted[k - 1]) continue;
      if (d <= calEnd) {
        calDistinct++;
        last = d;
      } else holdDistinct++;
      if (d > first) repeatsByDay[d - cohortStart]! += 1;
    }
    const i = code.length;
    code.push(c);
    out.firstDay[i] = first;
    out.lastDay[i] = last;
    out.x[i] = calDistinct - 1;
    out.total[i] = total;
    // Returns (net rule) come off the repeat spend; a mean spend is never negative.
    const repeatSpend = total - firstDaySpend;
    out.monetary[i] = calDistinct > 1 ? Math.max(0, repeatSpend) / (calDistinct - 1) : NaN;
    out.holdout[i] = holdDistinct;
  }
  const count = code.length;
  const slice = <T extends Int32Array | Float64Array>(a: T): T => a.slice(0, count) as T;
  const firstDay = slice(out.firstDay);
  const lastDay = slice(out.lastDay);
  const txDays = new Int32Array(count);
  const TDays = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    txDays[i] = lastDay[i]! - firstDay[i]!;
    TDays[i] = calEnd - firstDay[i]!;
  }
  return {
    count,
    code: Int32Array.from(code),
    firstDay,
    lastDay,
    x: slice(out.x),
    txDays,
    TDays,
    monetary: slice(out.monetary),
    total: slice(out.total),
    holdoutPurchases: options.holdoutEndDay === null ? null : slice(out.holdout),
    calibrationEndDay: calEnd,
    holdoutEndDay: options.holdoutEndDay,
    cohortStartDay: cohortStart,
    repeatsByDay,
    excluded,
    usedRows,
    newInHoldout,
    lastPurchaseDay: Number.isFinite(lastPurchaseDay) ? lastPurchaseDay : calEnd,
  };
}
