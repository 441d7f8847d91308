import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import { compactNumberDate } from '../import/cell-parse';
import { ColumnReader, resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import type { TransactionColumns } from './customer-summary';

const DAY_MS = 86_400_000;

export interface TransactionSource {
  columns: TransactionColumns;
  /** Customer label per code (as text; numbers as their decimal text). */
  customerLabels: string[];
  customer: ColumnInfo;
  date: ColumnInfo;
  amount: ColumnInfo;
  order: ColumnInfo | null;
}

/**
 * Reads the transaction columns RFM reads (customer, date, amount, optional order id) through
 * the column reader and turns them into typed columns: dates become day numbers, and a row is a
 * return when its amount is negative or its order id starts with "C" (a cancelled invoice), as
 * in RFM. A whole-number date column holding yyyymmdd values (old ERP exports) is read as dates.
 */
export async function readTransactions(
  store: ProjectStore,
  ds: DatasetInfo,
  names: { customer: string; date: string; amount: string; order?: string | undefined },
  /** Called after each column is read (progress and cancellation between the reads). */
  tick: (columnsRead: number, columns: number) => Promise<void> = async () => undefined,
): Promise<TransactionSource> {
  const customer = resolveColumn(ds.columns, names.customer);
  const date = resolveColumn(ds.columns, names.date);
  const amount = resolveColumn(ds.columns, names.amount);
  const order = names.order === undefined ? null : resolveColumn(ds.columns, names.order);
  const numericDate = date.type === 'integer' || date.type === 'decimal';
  if (date.type !== 'date' && date.type !== 'datetime' && !numericDate) {
    throw new KequnError('VALIDATION', `The order date column must hold dates: ${date.name}`, {
      zh: `下单日期列必须是日期类型：${date.name}（可先在清洗中转换类型）`,
      details: { column: date.name },
    });
  }
  // A fresh reader: a fit reads each column once, and a cached ten-million-row column would stay in memory.
  const reader = new ColumnReader(store);
  const columns = order ? 4 : 3;
  const cust = reader.category(ds.id, customer.key);
  await tick(1, columns);
  const dates = reader.numeric(ds.id, date.key).values;
  await tick(2, columns);
  const amounts = reader.numeric(ds.id, amount.key).values;
  await tick(3, columns);
  const n = cust.codes.length;
  const day = new Float64Array(n);
  let badCompact = 0;
  for (let i = 0; i < n; i++) {
    const v = dates[i]!;
    if (Number.isNaN(v)) day[i] = NaN;
    else if (numericDate) {
      const d = compactNumberDate(v);
      if (d) day[i] = d.ms / DAY_MS;
      else {
        day[i] = NaN;
        badCompact++;
      }
    } else day[i] = Math.floor(v / DAY_MS);
  }
  if (numericDate && badCompact === n) {
    throw new KequnError('VALIDATION', `The order date column holds numbers that are not yyyymmdd dates: ${date.name}`, {
      zh: `下单日期列中的数字不是 yyyymmdd 形式的日期：${date.name}`,
      details: { column: date.name },
    });
  }
  let isReturn: Uint8Array | null = null;
  const mark = (i: number): void => {
    isReturn ??= new Uint8Array(n);
    isReturn[i] = 1;
  };
  for (let i = 0; i < n; i++) if (amounts[i]! < 0) mark(i);
  if (order) {
    const o = reader.category(ds.id, order.key);
    await tick(4, columns);
    const cancelled = o.labels.map((l) => /^\s*c/i.test(l));
    for (let i = 0; i < n; i++) {
      const c = o.codes[i]!;
      if (c >= 0 && cancelled[c]) mark(i);
    }
  }
  // Customers are keyed by their trimmed text, as in RFM: "A " and "A" are one customer, blank is none.
  const labels: string[] = [];
  const byLabel = new Map<string, number>();
  const remap = cust.labels.map((raw) => {
    const label = raw.trim();
    if (label === '') return -1;
    let code = byLabel.get(label);
    if (code === undefined) {
      code = labels.length;
      labels.push(label);
      byLabel.set(label, code);
    }
    return code;
  });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cust.codes[i]!;
    codes[i] = c < 0 ? -1 : remap[c]!;
  }
  return {
    columns: { customer: codes, customerCount: labels.length, day, amount: amounts, isReturn },
    customerLabels: labels,
    customer,
    date,
    amount,
    order,
  };
}
