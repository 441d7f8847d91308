import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { ReturnsRule, RfmResult } from '../../../shared/contract/metrics';
import type { EngineContext } from '../host/context';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { quoteIdent } from '../store/sql';
import { describe, round6 } from './stats';

export type MetricsCallContext = Pick<EngineContext, 'checkpoint' | 'progress'>;

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
export async function computeRfm(store: ProjectStore, datasetId: string, p: RfmParams, call: MetricsCallContext): Promise<RfmResult> {
  const ds = store.getDataset(datasetId);
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
  // One query per column: a million plain values cost far less than a million row arrays.
  const table = store.tableOf(ds.id);
  const column = (key: string): CellValue[] => store.db.prepare(`SELECT ${quoteIdent(key)} FROM ${table} ORDER BY _row`).pluck().all() as CellValue[];
  const custs = column(cust.key);
  const dates = column(date.key);
  const amounts = column(amount.key);
  const orders = order ? column(order.key) : null;
  const n = custs.length;
  const excluded = { missingCustomer: 0, missingDate: 0, invalidAmount: 0, returns: 0, afterAsOf: 0 };
  let asOfDay: number | null = null;
  if (p.asOf !== undefined) {
    const [y, m, d] = p.asOf.split('-').map(Number) as [number, number, number];
    asOfDay = Date.UTC(y, m - 1, d) / DAY_MS;
  }
  const index = new Map<string | number, number>();
  const customers: Customer[] = [];
  // F counting: an order id usually belongs to one customer, so remember its first owner and
  // only fall back to (customer, order) pairs for ids shared between customers.
  const orderOwner = new Map<string, number>();
  const sharedOrders = new Set<string>();
  const purchaseDays = new Set<number>();
  let lastOrder = '';
  let lastOrderCustomer = -1;
  let maxDay = -Infinity;
  let usedRows = 0;
  for (let i = 0; i < n; i++) {
    if (i % 100_000 === 0 && i > 0) {
      call.progress(i, n, 'rfm');
      await call.checkpoint();
    }
    let c = custs[i];
    if (typeof c === 'string') {
      c = c.trim();
      if (c === '') c = null;
    }
    if (c === null || c === undefined) {
      excluded.missingCustomer++;
      continue;
    }
    const t = dates[i];
    if (typeof t !== 'number') {
      excluded.missingDate++;
      continue;
    }
    let a = amounts[i];
    if (typeof a !== 'number') {
      excluded.invalidAmount++;
      continue;
    }
    const day = Math.floor(t / DAY_MS);
    if (asOfDay !== null && day > asOfDay) {
      excluded.afterAsOf++;
      continue;
    }
    const o = orders ? orders[i] : null;
    const cancelled = typeof o === 'string' && /^\s*c/i.test(o);
    const isReturn = a < 0 || cancelled;
    if (isReturn && p.returns === 'exclude') {
      excluded.returns++;
      continue;
    }
    if (isReturn && a > 0) a = -a;
    usedRows++;
    const key = typeof c === 'number' ? c : String(c);
    let ci = index.get(key);
    if (ci === undefined) {
      ci = customers.length;
      index.set(key, ci);
      customers.push({ key: c, first: Infinity, last: -Infinity, f: 0, m: 0 });
    }
    const cu = customers[ci]!;
    cu.m += a;
    if (isReturn) continue;
    if (day > maxDay) maxDay = day;
    if (day < cu.first) cu.first = day;
    if (day > cu.last) cu.last = day;
    // F: an order (or, without order ids, a purchase day) counts once per customer.
    if (orders) {
      if (o === null || o === undefined || o === '') {
        cu.f++;
        continue;
      }
      const id = String(o);
      // Lines of one order are usually adjacent: skip the lookup for the same order again.
      if (id === lastOrder && ci === lastOrderCustomer) continue;
      lastOrder = id;
      lastOrderCustomer = ci;
      const owner = orderOwner.get(id);
      if (owner === undefined) {
        orderOwner.set(id, ci);
        cu.f++;
      } else if (owner !== ci) {
        const pair = `${ci}\u0001${id}`;
        if (!sharedOrders.has(pair)) {
          sharedOrders.add(pair);
          cu.f++;
        }
      }
    } else {
      const k = ci * 4_000_000 + (day + 2_000_000);
      if (!purchaseDays.has(k)) {
        purchaseDays.add(k);
        cu.f++;
      }
    }
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
  const info = store.createDataset(
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
  );
  call.progress(n, n, 'rfm');
  return {
    dataset: { id: info.id, name: info.name, rows: info.rowCount },
    asOf: asOfText,
    excluded,
    usedRows,
    summary: { R: describe(R), F: describe(F), M: describe(M) },
  };
}
