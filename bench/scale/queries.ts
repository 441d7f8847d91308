import { COL } from './generate';

/**
 * The analyses both engines run, spelled once: our CLI arguments and DuckDB's SQL over the table
 * read_csv made from the same file (column names are the CSV headers).
 */
export const ORDERS_TABLE = 'orders';

const q = (name: string): string => `"${name}"`;

/** Pivot: rows 地区 × columns 品类, sum of 金额 and count, with subtotals and grand total. */
export const PIVOT = {
  cli: ['--rows', COL.region, '--cols', COL.category, '--values', `sum:${COL.amount},count`],
  engineSpec: { rows: [{ column: COL.region }], cols: [{ column: COL.category }], values: [{ agg: 'sum', column: COL.amount }, { agg: 'count' }], subtotals: true },
  // CUBE gives the cells, both margins and the grand total, as the pivot shows them.
  sql: `SELECT ${q(COL.region)}, ${q(COL.category)}, sum(${q(COL.amount)}) AS s, count(*) AS n FROM ${ORDERS_TABLE} GROUP BY CUBE (${q(COL.region)}, ${q(COL.category)})`,
};

/** Cross-tab: rows 渠道 × columns 品类, count of order lines (TGI and χ² are arithmetic on the counts). */
export const CROSSTAB = {
  cli: ['--rows', COL.channel, '--cols', COL.category, '--measure', 'count'],
  engineParams: { rows: { column: COL.channel }, cols: { column: COL.category }, measure: { kind: 'count' } },
  sql: `SELECT ${q(COL.channel)}, ${q(COL.category)}, count(*) AS n FROM ${ORDERS_TABLE} GROUP BY CUBE (${q(COL.channel)}, ${q(COL.category)})`,
};

/** RFM CLI arguments (returns excluded, F = distinct orders, as-of = the day after the last purchase). */
export const RFM_CLI = ['--customer', COL.customer, '--date', COL.time, '--amount', COL.amount, '--order', COL.order];

/**
 * The same R/F/M in SQL, written to a persisted table as ours writes a dataset: returns (negative
 * amounts, order ids starting with C) left out, R in calendar days to the day after the last
 * purchase, F distinct order ids, M the sum, plus average order value, first/last day and age.
 */
export const RFM_SQL = `CREATE OR REPLACE TABLE rfm AS
WITH p AS (
  SELECT ${q(COL.customer)} AS c, ${q(COL.order)} AS o, CAST(${q(COL.time)} AS DATE) AS d, ${q(COL.amount)} AS a
  FROM ${ORDERS_TABLE}
  WHERE ${q(COL.amount)} >= 0 AND NOT (${q(COL.order)} ILIKE 'C%') AND ${q(COL.customer)} IS NOT NULL AND ${q(COL.time)} IS NOT NULL
), cut AS (SELECT max(d) + 1 AS x FROM p)
SELECT c, (SELECT x FROM cut) - max(d) AS r, count(DISTINCT o) AS f, round(sum(a), 6) AS m,
  sum(a) / count(DISTINCT o) AS aov, min(d) AS first_day, max(d) AS last_day, (SELECT x FROM cut) - min(d) AS age
FROM p GROUP BY c`;

/** Checks that RFM agrees with ours: customers and the means of R, F, M. */
export const RFM_SUMMARY_SQL = 'SELECT count(*), avg(r), avg(f), avg(m) FROM rfm';

/** RFM-8 as `kequn segment rfm8` does it by default: 高/低 against the mean of each dimension (R 高 when fewer days). */
export const RFM8_SQL = `CREATE OR REPLACE TABLE seg AS
WITH t AS (SELECT avg(r) AS tr, avg(f) AS tf, avg(m) AS tm FROM rfm WHERE r IS NOT NULL AND f IS NOT NULL AND m IS NOT NULL)
SELECT c, (CASE WHEN r < tr THEN 4 ELSE 0 END) + (CASE WHEN f > tf THEN 2 ELSE 0 END) + (CASE WHEN m > tm THEN 1 ELSE 0 END) AS cell
FROM rfm CROSS JOIN t`;

/**
 * The report's content without the workbook: segment profile, customer list with segments, and
 * the segment × 品类 preference cross-tab (distinct customers), each COPY'd to a CSV in `dir`.
 */
export function reportSql(dir: string): string[] {
  const out = (name: string): string => `'${`${dir}/${name}`.replaceAll("'", "''")}'`;
  return [
    `COPY (SELECT cell, count(*) AS customers, avg(r) AS r, avg(f) AS f, avg(m) AS m, sum(m) AS revenue, count(*) / sum(count(*)) OVER () AS share FROM rfm JOIN seg USING (c) GROUP BY cell ORDER BY cell) TO ${out('profile.csv')} (HEADER)`,
    `COPY (SELECT rfm.*, seg.cell FROM rfm JOIN seg USING (c) ORDER BY seg.cell, rfm.m DESC) TO ${out('customers.csv')} (HEADER)`,
    `COPY (SELECT seg.cell, o.${q(COL.category)} AS category, count(DISTINCT o.${q(COL.customer)}) AS customers FROM ${ORDERS_TABLE} o JOIN seg ON o.${q(COL.customer)} = seg.c GROUP BY CUBE (seg.cell, o.${q(COL.category)})) TO ${out('crosstab.csv')} (HEADER)`,
  ];
}

/** k-means as the user runs it: R, F, M z-scored, k = 8, 10 restarts (same on every side). */
export const KMEANS = { k: 8, restarts: 10, seed: 17, maxIterations: 300, tolerance: 1e-4 } as const;

/** The grid's window: first 100 rows sorted by 金额 (c3) desc; then filtered to 数量 (c4) 10–20 on that sort. */
export const WINDOW = {
  limit: 100,
  sortCli: ['--sort', 'c3:desc'],
  filterCli: ['--sort', 'c3:desc', '--filter', JSON.stringify({ kind: 'numberRange', column: 'c4', min: 10, max: 20 })],
  // The page plus the row count the grid shows, in one statement.
  sortSql: `SELECT *, count(*) OVER () AS total FROM ${ORDERS_TABLE} ORDER BY ${q(COL.amount)} DESC LIMIT 100`,
  filterSql: `SELECT *, count(*) OVER () AS total FROM ${ORDERS_TABLE} WHERE ${q(COL.quantity)} BETWEEN 10 AND 20 ORDER BY ${q(COL.amount)} DESC LIMIT 100`,
};
