import type { Dialect } from './dialect';
import { RFM_COLUMN_KINDS, RFM_COLUMNS, type CustomerTableSource, type TransactionsSource } from './model-types';
import { KEY, indent, type CustomerRelation, type Cte } from './sql-parts';

/**
 * The customer relation of a customer table: the key and each model column, cast once so the
 * models compare numbers as doubles and text as text, as the engine's typed columns do.
 */
export function customerTable(d: Dialect, src: CustomerTableSource): CustomerRelation {
  // Source columns are qualified (src.x): ClickHouse would otherwise read `CAST(x) AS x` as a cyclic alias.
  const lines = [`${d.text(`src.${d.ident(src.key)}`)} AS ${KEY}`];
  for (const [name, ref] of Object.entries(src.columns)) {
    const c = `src.${d.ident(ref.column)}`;
    const value = ref.kind === 'number' ? d.double(c) : ref.kind === 'text' ? d.text(c) : c;
    lines.push(`${value} AS ${d.ident(name)}`);
  }
  const body = `SELECT\n${indent(lines.join(',\n'))}\nFROM ${tableRef(d, src.table)} src`;
  return {
    ctes: [{ name: 'customer_rows', comment: `one row per customer from ${src.table}; numbers as doubles, text as text`, body }],
    name: 'customer_rows',
    kindOf: (column) => src.columns[column]?.kind ?? 'text',
    notes: [],
  };
}

/**
 * RFM per customer from transactions, the engine's rules (metrics/rfm.ts):
 * - rows without a customer (after trimming), a date or a numeric amount are left out;
 * - a return is a negative amount or an order id starting with "c"/"C" (cancelled invoice);
 *   `exclude` drops returns, `net` subtracts them from M but never counts them as purchases;
 * - purchases after the analysis date are left out; R and 客龄 are calendar days to that date;
 * - F = distinct order ids (a row without an order id counts once), else distinct purchase days;
 * - M and 客单价 are rounded to 6 decimals; customers with returns only are not listed.
 */
export function transactionsRfm(d: Dialect, src: TransactionsSource): CustomerRelation {
  const c = (name: string): string => `src.${d.ident(name)}`;
  const out = (name: string): string => d.ident(name);
  const amount = d.double(c(src.amount));
  const orderId = src.order === null ? null : d.nullIf(d.text(c(src.order)), "''");
  const cancelled = src.order === null ? null : `${d.lower(d.ltrim(d.text(c(src.order))))} LIKE 'c%'`;
  const srcLines = [
    `${d.nullIf(d.trim(d.text(c(src.customer))), "''")} AS ${KEY}`,
    `${d.dayOf(c(src.date))} AS purchase_day`,
    `${amount} AS amount`,
    ...(orderId ? [`${orderId} AS order_id`] : []),
    `CASE WHEN ${amount} < 0${cancelled ? ` OR ${cancelled}` : ''} THEN 1 ELSE 0 END AS is_return`,
  ];
  const ctes: Cte[] = [
    {
      name: 'tx',
      comment: 'transaction rows, normalised: trimmed customer, calendar day, amount as a double, return flag',
      body: `SELECT\n${indent(srcLines.join(',\n'))}\nFROM ${tableRef(d, src.table)} src\nWHERE ${c(src.date)} IS NOT NULL`,
    },
  ];
  const asOfBody =
    src.asOf === null
      ? `SELECT ${d.addDays('MAX(purchase_day)', 1)} AS as_of_day\nFROM tx\nWHERE ${KEY} IS NOT NULL AND amount IS NOT NULL AND is_return = 0`
      : `SELECT ${d.dayLiteral(src.asOf)} AS as_of_day`;
  ctes.push({
    name: 'as_of',
    comment: src.asOf === null ? 'analysis date: the day after the last purchase' : `analysis date of the model: ${src.asOf}`,
    body: asOfBody,
  });
  const keep = [`t.${KEY} IS NOT NULL`, 't.amount IS NOT NULL', 't.purchase_day <= a.as_of_day'];
  if (src.returns === 'exclude') keep.push('t.is_return = 0');
  const signed = src.returns === 'net' ? 'CASE WHEN t.is_return = 1 AND t.amount > 0 THEN -t.amount ELSE t.amount END' : 't.amount';
  ctes.push({
    name: 'kept',
    comment: src.returns === 'net' ? 'rows used: returns are kept and count negative in M only' : 'rows used: returns are left out',
    body: `SELECT t.${KEY}, t.purchase_day, ${signed} AS signed_amount, t.is_return${orderId ? ', t.order_id' : ''}, a.as_of_day\nFROM tx t\nCROSS JOIN as_of a\nWHERE ${keep.join('\n  AND ')}`,
  });
  const purchaseDay = 'CASE WHEN is_return = 0 THEN purchase_day END';
  const f = orderId
    ? 'COUNT(DISTINCT CASE WHEN is_return = 0 THEN order_id END)\n        + SUM(CASE WHEN is_return = 0 AND order_id IS NULL THEN 1 ELSE 0 END)'
    : `COUNT(DISTINCT ${purchaseDay})`;
  const rfmLines = [
    KEY,
    `${d.daysBetween(`MAX(${purchaseDay})`, 'as_of_day')} AS ${out(RFM_COLUMNS.r)}`,
    `${f} AS ${out(RFM_COLUMNS.f)}`,
    `${d.round6('SUM(signed_amount)')} AS ${out(RFM_COLUMNS.m)}`,
    `${d.round6(`SUM(signed_amount) / (${f.replace(/\n\s+/g, ' ')})`)} AS ${out(RFM_COLUMNS.aov)}`,
    `MIN(${purchaseDay}) AS ${out(RFM_COLUMNS.first)}`,
    `MAX(${purchaseDay}) AS ${out(RFM_COLUMNS.last)}`,
    `${d.daysBetween(`MIN(${purchaseDay})`, 'as_of_day')} AS ${out(RFM_COLUMNS.tenure)}`,
  ];
  ctes.push({
    name: 'rfm',
    comment: `RFM per customer: R = days since the last purchase, F = ${orderId ? 'distinct orders' : 'distinct purchase days'}, M = amount (6 decimals)`,
    body: `SELECT\n${indent(rfmLines.join(',\n'))}\nFROM kept\nGROUP BY ${KEY}, as_of_day\nHAVING SUM(CASE WHEN is_return = 0 THEN 1 ELSE 0 END) > 0`,
  });
  return {
    ctes,
    name: 'rfm',
    kindOf: (column) => RFM_COLUMN_KINDS[column] ?? 'text',
    notes: [`F counts ${orderId ? 'distinct order ids per customer' : 'distinct purchase days per customer'}; customers with returns only are not listed`],
  };
}

/** A table name, possibly schema-qualified (db.table): each part quoted. */
export function tableRef(d: Dialect, table: string): string {
  return table
    .split('.')
    .map((part) => d.ident(part))
    .join('.');
}
