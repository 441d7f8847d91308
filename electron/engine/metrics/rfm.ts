import { KequnError } from '../../../shared/contract/errors';
import { rfmExclusion } from '../../../shared/analysis/rfm-exclusions';
import type { ReturnsRule, RfmExclusion, RfmExclusionCode, RfmResult } from '../../../shared/contract/metrics';
import type { Work } from '../host/work';
import { countDistinctPerGroup } from '../rows/distinct-per-group';
import { resolveColumn } from '../store/dataset-snapshot';
import { DAY_MS, rfmFigures, writeRfmColumns, type RfmTable } from './rfm-table';
import { describe } from './stats';

export interface RfmParams {
  customer: string;
  date: string;
  amount: string;
  order?: string | undefined;
  asOf?: string | undefined;
  returns: ReturnsRule;
  name?: string | undefined;
}

/**
 * RFM per customer from transactions.
 * - Rows with an empty customer or an empty/invalid date (e.g. unpaid orders without a payment
 *   time) or a non-numeric amount are left out and counted by reason.
 * - A return is a row with a negative amount or an order id starting with "C" (cancelled invoice).
 *   Rule `exclude` (default) leaves returns out entirely. Rule `net` subtracts them from M (a
 *   C-invoice with a positive amount counts negative) but they never count as a purchase for F,
 *   R or the first/last dates. Customers with returns only are not listed. Every row or
 *   customer left out or netted is counted, with its amount, in `exclusions`.
 * - Analysis date: `asOf`, else the day after the last purchase. Purchases after `asOf` are left
 *   out. R = calendar days from the last purchase to asOf; 客龄 = days from the first purchase.
 * - F = distinct order ids, or distinct purchase days when there is no order column.
 */
export async function computeRfm(work: Work, datasetId: string, p: RfmParams): Promise<RfmResult> {
  const snap = work.snapshot(datasetId);
  const ds = snap.info;
  const cust = resolveColumn(ds.columns, p.customer);
  const date = resolveColumn(ds.columns, p.date);
  const amount = resolveColumn(ds.columns, p.amount);
  const order = p.order === undefined ? null : resolveColumn(ds.columns, p.order);
  if (date.type === 'text' || date.type === 'boolean') {
    throw new KequnError('VALIDATION', `The order date column must hold dates: ${date.name}`, {
      zh: `下单日期列必须是日期类型：${date.name}（可先在清洗中转换类型）`,
      details: { column: date.name },
    });
  }
  // Typed columns: customer and order ids as dictionary codes, dates and amounts as numbers.
  // Each column read is seconds at ten million rows: progress (and a chance to cancel) between them.
  const reads = order ? 5 : 3;
  const step = async (done: number): Promise<void> => {
    work.progress(done, reads, 'read');
    await work.checkpoint();
  };
  await step(0);
  const custCol = snap.category(cust.key);
  await step(1);
  const dates = snap.numeric(date.key).values;
  await step(2);
  const amounts = snap.numeric(amount.key).values;
  await step(3);
  // Order ids are often one per row: keys and flags read them without a dictionary of all ids.
  const orderKeys = order ? snap.distinctKeys(order.key) : null;
  if (order) await step(4);
  const cancelled = order ? snap.labelFlags(order.key, startsWithC) : null;
  await step(reads);
  const n = snap.rowCount;
  const excluded = { missingCustomer: 0, missingDate: 0, invalidAmount: 0, returns: 0, afterAsOf: 0 };
  // The amounts behind each count (returns as RFM reads them: negative), for the exclusions list.
  const sums = { missingCustomer: 0, missingDate: 0, afterAsOf: 0, returns: 0 };
  let returnRows = 0;
  let asOfDay: number | null = null;
  if (p.asOf !== undefined) {
    const [y, m, d] = p.asOf.split('-').map(Number) as [number, number, number];
    asOfDay = Date.UTC(y, m - 1, d) / DAY_MS;
  }
  const { custOf, keys } = trimmedCustomers(custCol.labels);
  const nk = keys.length;
  // One record per customer, [first day, last day, money, order rows]: a row touches one cache
  // line instead of one per array, which is most of the row pass's time at ten million rows.
  const rec = new Float64Array(nk * 4);
  for (let k = 0; k < nk; k++) {
    rec[k * 4] = Infinity;
    rec[k * 4 + 1] = -Infinity;
  }
  const seen = new Uint8Array(nk);
  // Purchases without an order id are orders of their own (rare: counted apart).
  const loose = new Float64Array(nk);
  // F with order ids: each counted purchase row is tagged with its customer, and distinct
  // order ids are counted per customer after the pass (an id shared by two customers counts
  // for each). Without order ids F counts purchase days: (customer, day) keys.
  const orderGroup = orderKeys ? new Int32Array(n).fill(-1) : null;
  const orderHash = orderKeys ? orderKeys.hash : null;
  const dayKeys = orderKeys ? null : new Float64Array(n);
  const codes = custCol.codes;
  let dayCount = 0;
  let maxDay = -Infinity;
  let usedRows = 0;
  for (let i = 0; i < n; i++) {
    if (i % 1_000_000 === 0 && i > 0) {
      work.progress(i, n, 'rfm');
      await work.checkpoint();
    }
    const cc = codes[i]!;
    const ci = cc < 0 ? -1 : custOf[cc]!;
    let a = amounts[i]!;
    if (ci < 0) {
      excluded.missingCustomer++;
      if (a === a) sums.missingCustomer += a;
      continue;
    }
    const t = dates[i]!;
    if (t !== t) {
      excluded.missingDate++;
      if (a === a) sums.missingDate += a;
      continue;
    }
    if (a !== a) {
      excluded.invalidAmount++;
      continue;
    }
    const day = Math.floor(t / DAY_MS);
    if (asOfDay !== null && day > asOfDay) {
      excluded.afterAsOf++;
      sums.afterAsOf += a;
      continue;
    }
    const isReturn = a < 0 || (cancelled !== null && cancelled[i] === 1);
    if (isReturn) {
      if (a > 0) a = -a;
      returnRows++;
      sums.returns += a;
      if (p.returns === 'exclude') {
        excluded.returns++;
        continue;
      }
    }
    usedRows++;
    seen[ci] = 1;
    const o = ci * 4;
    rec[o + 2]! += a;
    if (isReturn) continue;
    if (day > maxDay) maxDay = day;
    if (day < rec[o]!) rec[o] = day;
    if (day > rec[o + 1]!) rec[o + 1] = day;
    if (orderGroup) {
      if (orderHash![i] !== orderHash![i]) loose[ci]! += 1;
      else {
        orderGroup[i] = ci;
        rec[o + 3]! += 1;
      }
    } else dayKeys![dayCount++] = ci * 4_194_304 + (day + 2_000_000);
  }
  await work.checkpoint();
  const freq = loose;
  if (orderGroup) {
    const sizes = new Int32Array(nk);
    for (let k = 0; k < nk; k++) sizes[k] = rec[k * 4 + 3]!;
    const orders = countDistinctPerGroup(orderGroup, nk, orderKeys!, sizes);
    for (let k = 0; k < nk; k++) freq[k]! += orders[k]!;
  }
  if (dayKeys) {
    const sorted = dayKeys.subarray(0, dayCount).sort();
    for (let i = 0; i < dayCount; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) freq[Math.floor(sorted[i]! / 4_194_304)]! += 1;
  }
  // Customers listed: those with a purchase (returns only are not listed), in dictionary order.
  const buyers: number[] = [];
  for (let k = 0; k < nk; k++) if (seen[k] === 1 && freq[k]! > 0) buyers.push(k);
  const exclusions = rfmExclusions(excluded, sums, returnRows, p.returns, seen, freq, rec);
  if (buyers.length === 0) {
    throw new KequnError('VALIDATION', 'No purchases left to compute RFM (check the chosen columns)', {
      zh: '没有可用于计算 RFM 的购买记录（请检查所选的列）',
      details: excluded,
    });
  }
  const asOf = asOfDay ?? maxDay + 1;
  const table: RfmTable = { keys, buyers, rec, freq, asOf, numericKeys: cust.type !== 'text' };
  const asOfText = new Date(asOf * DAY_MS).toISOString().slice(0, 10);
  const store = work.store;
  const info = work.commit(() => store.createDatasetFrom(
    {
      name: p.name ?? `RFM-${ds.name}`,
      kind: 'derived',
      source: `RFM of ${ds.name} as of ${asOfText}`,
      columns: [
        { name: cust.name, originalHeader: null, type: cust.type, format: cust.format },
        { name: 'R', originalHeader: null, type: 'integer' },
        { name: 'F', originalHeader: null, type: 'integer' },
        { name: 'M', originalHeader: null, type: amount.type === 'currency' ? 'currency' : 'decimal', format: amount.format },
        { name: '客单价', originalHeader: null, type: amount.type === 'currency' ? 'currency' : 'decimal', format: amount.format },
        { name: '首次购买', originalHeader: null, type: 'date' },
        { name: '末次购买', originalHeader: null, type: 'date' },
        { name: '客龄(天)', originalHeader: null, type: 'integer' },
      ],
      origin: {
        kind: 'rfm',
        sourceDatasetId: ds.id,
        customer: cust.name,
        date: date.name,
        amount: amount.name,
        order: order?.name ?? null,
        asOf: asOfText,
        returnsRule: p.returns,
        exclusions,
      },
    },
    (builders) => writeRfmColumns(table, builders),
  ));
  const { R, F, M } = rfmFigures(table);
  work.progress(n, n, 'rfm');
  return {
    dataset: { id: info.id, name: info.name, rows: info.rowCount },
    asOf: asOfText,
    excluded,
    exclusions,
    usedRows,
    summary: { R: describe(R), F: describe(F), M: describe(M) },
  };
}

/**
 * What RFM left out or netted, in the order a reader meets it: rows without the needed values,
 * rows after the analysis date, returns, then customers (returns only; M ≤ 0 after netting).
 * `rec` holds each customer's money in slot 2 (see RfmTable).
 */
function rfmExclusions(
  excluded: RfmResult['excluded'],
  sums: { missingCustomer: number; missingDate: number; afterAsOf: number; returns: number },
  returnRows: number,
  rule: ReturnsRule,
  seen: Uint8Array,
  freq: Float64Array,
  rec: Float64Array,
): RfmExclusion[] {
  const out: RfmExclusion[] = [];
  const add = (code: RfmExclusionCode, count: number, amount: number | null): void => {
    if (count > 0) out.push(rfmExclusion(code, count, amount));
  };
  add('missingCustomer', excluded.missingCustomer, sums.missingCustomer);
  add('missingDate', excluded.missingDate, sums.missingDate);
  add('invalidAmount', excluded.invalidAmount, null);
  add('afterAsOf', excluded.afterAsOf, sums.afterAsOf);
  add(rule === 'net' ? 'returnsNetted' : 'returnsExcluded', returnRows, sums.returns);
  const onlyReturns = { count: 0, amount: 0 };
  const nonPositive = { count: 0, amount: 0 };
  for (let k = 0; k < seen.length; k++) {
    if (seen[k] === 0) continue;
    const m = rec[k * 4 + 2]!;
    const bucket = freq[k] === 0 ? onlyReturns : m <= 0 ? nonPositive : null;
    if (bucket) {
      bucket.count++;
      bucket.amount += m;
    }
  }
  add('returnsOnlyCustomers', onlyReturns.count, onlyReturns.amount);
  add('nonPositiveM', nonPositive.count, nonPositive.amount);
  return out;
}

/** Cancelled invoices: the order id's first non-space character is C (as in the UCI Online Retail data). */
function startsWithC(text: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 67 || c === 99) return true;
    if (!(c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[j]!)))) return false;
  }
  return false;
}

/**
 * Customer ids are compared trimmed: codes whose labels differ only by spaces are one customer.
 * Labels rarely need trimming, so the map is only built when one does.
 */
function trimmedCustomers(labels: readonly string[]): { custOf: Int32Array; keys: string[] } {
  const custOf = new Int32Array(labels.length);
  const needsTrim = labels.some((l) => l === '' || l.trim() !== l);
  if (!needsTrim) {
    for (let code = 0; code < labels.length; code++) custOf[code] = code;
    return { custOf, keys: labels as string[] };
  }
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  labels.forEach((label, code) => {
    const t = label.trim();
    if (t === '') {
      custOf[code] = -1;
      return;
    }
    let k = keyIndex.get(t);
    if (k === undefined) {
      k = keys.length;
      keys.push(t);
      keyIndex.set(t, k);
    }
    custOf[code] = k;
  });
  return { custOf, keys };
}
