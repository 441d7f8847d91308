import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { ReturnsRule, RfmResult } from '../../../shared/contract/metrics';
import type { Work } from '../host/work';
import { resolveColumn } from '../store/dataset-snapshot';
import { describe, round6 } from './stats';

const DAY_MS = 86_400_000;

export interface RfmParams {
  customer: string;
  date: string;
  amount: string;
  order?: string | undefined;
  asOf?: string | undefined;
  returns: ReturnsRule;
  name?: string | undefined;
}

interface Customer {
  key: CellValue;
  first: number;
  last: number;
  f: number;
  m: number;
}

/**
 * RFM per customer from transactions.
 * - Rows with an empty customer or an empty/invalid date (e.g. unpaid orders without a payment
 *   time) or a non-numeric amount are left out and counted by reason.
 * - A return is a row with a negative amount or an order id starting with "C" (cancelled invoice).
 *   Rule `exclude` (default) leaves returns out entirely. Rule `net` subtracts them from M (a
 *   C-invoice with a positive amount counts negative) but they never count as a purchase for F,
 *   R or the first/last dates. Customers with returns only are not listed.
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
  work.progress(0, 4, 'read');
  const custCol = snap.category(cust.key);
  const dates = snap.numeric(date.key).values;
  const amounts = snap.numeric(amount.key).values;
  const orderCol = order ? snap.category(order.key) : null;
  await work.checkpoint();
  const n = snap.rowCount;
  const excluded = { missingCustomer: 0, missingDate: 0, invalidAmount: 0, returns: 0, afterAsOf: 0 };
  let asOfDay: number | null = null;
  if (p.asOf !== undefined) {
    const [y, m, d] = p.asOf.split('-').map(Number) as [number, number, number];
    asOfDay = Date.UTC(y, m - 1, d) / DAY_MS;
  }
  // Customer ids are compared trimmed: codes whose labels differ only by spaces are one customer.
  const custOf = new Int32Array(custCol.labels.length);
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  custCol.labels.forEach((label, code) => {
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
  const cancelled = orderCol ? Uint8Array.from(orderCol.labels, (l) => (/^\s*c/i.test(l) ? 1 : 0)) : null;
  const nk = keys.length;
  const first = new Float64Array(nk).fill(Infinity);
  const last = new Float64Array(nk).fill(-Infinity);
  const freq = new Float64Array(nk);
  const money = new Float64Array(nk);
  const seen = new Uint8Array(nk);
  // F counting: an order id usually belongs to one customer, so remember its first owner and
  // only fall back to (customer, order) pairs for ids shared between customers.
  const orderOwner = orderCol ? new Int32Array(orderCol.labels.length).fill(-1) : null;
  const sharedOrders = new Set<string>();
  // Without order ids F counts purchase days: (customer, day) keys, made distinct after the pass.
  const dayKeys = orderCol ? null : new Float64Array(n);
  let dayCount = 0;
  let maxDay = -Infinity;
  let usedRows = 0;
  for (let i = 0; i < n; i++) {
    if (i % 1_000_000 === 0 && i > 0) {
      work.progress(i, n, 'rfm');
      await work.checkpoint();
    }
    const cc = custCol.codes[i]!;
    const ci = cc < 0 ? -1 : custOf[cc]!;
    if (ci < 0) {
      excluded.missingCustomer++;
      continue;
    }
    const t = dates[i]!;
    if (t !== t) {
      excluded.missingDate++;
      continue;
    }
    let a = amounts[i]!;
    if (a !== a) {
      excluded.invalidAmount++;
      continue;
    }
    const day = Math.floor(t / DAY_MS);
    if (asOfDay !== null && day > asOfDay) {
      excluded.afterAsOf++;
      continue;
    }
    const oc = orderCol ? orderCol.codes[i]! : -1;
    const isReturn = a < 0 || (oc >= 0 && cancelled![oc] === 1);
    if (isReturn && p.returns === 'exclude') {
      excluded.returns++;
      continue;
    }
    if (isReturn && a > 0) a = -a;
    usedRows++;
    seen[ci] = 1;
    money[ci]! += a;
    if (isReturn) continue;
    if (day > maxDay) maxDay = day;
    if (day < first[ci]!) first[ci] = day;
    if (day > last[ci]!) last[ci] = day;
    // F: an order (or, without order ids, a purchase day) counts once per customer.
    if (orderOwner) {
      if (oc < 0) {
        freq[ci]! += 1;
        continue;
      }
      const owner = orderOwner[oc]!;
      if (owner === -1) {
        orderOwner[oc] = ci;
        freq[ci]! += 1;
      } else if (owner !== ci) {
        const pair = `${ci}\u0001${oc}`;
        if (!sharedOrders.has(pair)) {
          sharedOrders.add(pair);
          freq[ci]! += 1;
        }
      }
    } else dayKeys![dayCount++] = ci * 4_194_304 + (day + 2_000_000);
  }
  if (dayKeys) {
    const sorted = dayKeys.subarray(0, dayCount).sort();
    for (let i = 0; i < dayCount; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) freq[Math.floor(sorted[i]! / 4_194_304)]! += 1;
  }
  const numericKeys = cust.type !== 'text';
  const customers: Customer[] = [];
  for (let k = 0; k < nk; k++) {
    if (seen[k] === 0) continue;
    const label = keys[k]!;
    const asNumber = numericKeys && Number.isFinite(Number(label)) ? Number(label) : null;
    customers.push({ key: asNumber ?? label, first: first[k]!, last: last[k]!, f: freq[k]!, m: money[k]! });
  }
  const buyers = customers.filter((c) => c.f > 0);
  if (buyers.length === 0) {
    throw new KequnError('VALIDATION', 'No purchases left to compute RFM (check the chosen columns)', {
      zh: '没有可用于计算 RFM 的购买记录（请检查所选的列）',
      details: excluded,
    });
  }
  const asOf = asOfDay ?? maxDay + 1;
  const R = new Float64Array(buyers.length);
  const F = new Float64Array(buyers.length);
  const M = new Float64Array(buyers.length);
  const out: CellValue[][] = buyers.map((b, i) => {
    R[i] = asOf - b.last;
    F[i] = b.f;
    M[i] = round6(b.m);
    return [b.key, asOf - b.last, b.f, round6(b.m), round6(b.m / b.f), b.first * DAY_MS, b.last * DAY_MS, asOf - b.first];
  });
  const asOfText = new Date(asOf * DAY_MS).toISOString().slice(0, 10);
  const store = work.store;
  const info = work.commit(() => store.createDataset(
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
      },
    },
    out,
  ));
  work.progress(n, n, 'rfm');
  return {
    dataset: { id: info.id, name: info.name, rows: info.rowCount },
    asOf: asOfText,
    excluded,
    usedRows,
    summary: { R: describe(R), F: describe(F), M: describe(M) },
  };
}
