/**
 * What differs between the SQL engines a model is exported to. Every generator module builds
 * its text through one of these, never with engine-specific syntax of its own, so a new dialect
 * is one object here and a model type is one module in models/.
 *
 * Conventions all dialects share: `--` line comments, CTEs (WITH … AS), window functions
 * (RANK, ROW_NUMBER, SUM/COUNT OVER), CASE, and numbers computed in IEEE double precision
 * (inputs are cast to double once, so integer or decimal source columns give the engine's
 * arithmetic, not exact decimal arithmetic).
 */
export const DIALECT_IDS = ['sqlite', 'duckdb', 'postgres', 'mysql', 'clickhouse', 'spark'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

export interface Dialect {
  id: DialectId;
  /** Shown in the SQL header and in --help. */
  label: string;
  ident(name: string): string;
  string(text: string): string;
  /** A numeric source column as a double; SQLite also turns text cells into NULL as the engine does. */
  double(expr: string): string;
  /** A computed number (a count, a sum) as a double, a plain cast. */
  real(expr: string): string;
  /** Any value as text (customer keys, order ids, category levels). */
  text(expr: string): string;
  trim(expr: string): string;
  ltrim(expr: string): string;
  lower(expr: string): string;
  nullIf(a: string, b: string): string;
  concat(parts: string[]): string;
  /** 1-based position of `needle` in `haystack`, 0 when absent. */
  position(haystack: string, needle: string): string;
  /** Integer division of two non-negative integers (quintile positions). */
  intDiv(a: string, b: string): string;
  /** Natural log of 1 + x (log1p where the engine has it). */
  log1p(expr: string): string;
  sqrt(expr: string): string;
  /** Round a double to 6 decimals (the engine keeps money sums to 6 decimals). */
  round6(expr: string): string;
  /** The calendar day of a timestamp or date column. */
  dayOf(expr: string): string;
  /** A calendar day written as yyyy-mm-dd. */
  dayLiteral(ymd: string): string;
  /** A day value plus n days. */
  addDays(day: string, n: number): string;
  /** Whole days from day `from` to day `to` (to − from). */
  daysBetween(from: string, to: string): string;
  /** A timestamp literal (yyyy-mm-dd hh:mm:ss, wall-clock time). */
  timestampLiteral(text: string): string;
  /** A timestamp or date value in a form that compares correctly with `op` against another one. */
  comparable(expr: string): string;
  /** A timestamp or date as epoch milliseconds of its wall-clock time (a double): how the app feeds dates to numeric models. */
  epochMs(expr: string): string;
  /** Whole days (floored) from a timestamp to a day: the engine's floor((D − t) / 86,400,000). */
  floorDaysUntil(ts: string, day: string): string;
  /** A window function's name as the dialect spells it (RANK, ROW_NUMBER). */
  windowFn(name: 'RANK' | 'ROW_NUMBER'): string;
  /** Text appended after the final SELECT (ClickHouse settings). */
  trailer: string;
  /** Dialect notes for the SQL header: where this engine cannot follow the app exactly. */
  notes: string[];
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const backticked = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
const standardString = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** MySQL, ClickHouse and Spark read backslash escapes inside string literals. */
const backslashString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export const sqlite: Dialect = {
  id: 'sqlite',
  label: 'SQLite 3.38+',
  ident: doubleQuoted,
  string: standardString,
  double: (e) => `(CASE WHEN typeof(${e}) IN ('integer', 'real') THEN CAST(${e} AS REAL) END)`,
  real: (e) => `CAST(${e} AS REAL)`,
  text: (e) => `CAST(${e} AS TEXT)`,
  trim: (e) => `TRIM(${e})`,
  ltrim: (e) => `LTRIM(${e})`,
  lower: (e) => `LOWER(${e})`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (parts) => parts.join(' || '),
  position: (h, n) => `INSTR(${h}, ${n})`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  log1p: (e) => `LN(1 + ${e})`,
  sqrt: (e) => `SQRT(${e})`,
  round6: (e) => `ROUND(${e}, 6)`,
  dayOf: (e) => `DATE(${e})`,
  dayLiteral: (d) => `'${d}'`,
  addDays: (d, n) => `DATE(${d}, '${n >= 0 ? '+' : ''}${n} days')`,
  daysBetween: (a, b) => `CAST(JULIANDAY(${b}) - JULIANDAY(${a}) AS INTEGER)`,
  timestampLiteral: (t) => `'${t}'`,
  comparable: (e) => `JULIANDAY(${e})`,
  epochMs: (e) => `ROUND((JULIANDAY(${e}) - 2440587.5) * 86400000.0)`,
  floorDaysUntil: (ts, day) => `CAST(FLOOR(JULIANDAY(${day}) - JULIANDAY(${ts})) AS INTEGER)`,
  windowFn: (n) => n,
  trailer: '',
  notes: ['dates are ISO-8601 text (yyyy-mm-dd hh:mm:ss), the form SQLite date functions read', 'LN and SQRT need SQLite 3.35+ built with math functions (better-sqlite3 and the sqlite3 shell are)'],
};

export const duckdb: Dialect = {
  id: 'duckdb',
  label: 'DuckDB 1.x',
  ident: doubleQuoted,
  string: standardString,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  real: (e) => `CAST(${e} AS DOUBLE)`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  trim: (e) => `TRIM(${e})`,
  ltrim: (e) => `LTRIM(${e})`,
  lower: (e) => `LOWER(${e})`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (parts) => parts.join(' || '),
  position: (h, n) => `STRPOS(${h}, ${n})`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  log1p: (e) => `LN(1 + ${e})`,
  sqrt: (e) => `SQRT(${e})`,
  round6: (e) => `ROUND(${e}, 6)`,
  dayOf: (e) => `CAST(${e} AS DATE)`,
  dayLiteral: (d) => `DATE '${d}'`,
  addDays: (d, n) => `(${d} + ${n})`,
  daysBetween: (a, b) => `DATE_DIFF('day', ${a}, ${b})`,
  timestampLiteral: (t) => `TIMESTAMP '${t}'`,
  comparable: (e) => e,
  epochMs: (e) => `CAST(EPOCH_MS(CAST(${e} AS TIMESTAMP)) AS DOUBLE)`,
  floorDaysUntil: (ts, day) => `CAST(FLOOR((EPOCH_MS(CAST(${day} AS TIMESTAMP)) - EPOCH_MS(CAST(${ts} AS TIMESTAMP))) / 86400000) AS BIGINT)`,
  windowFn: (n) => n,
  trailer: '',
  notes: ['timestamps are TIMESTAMP (wall-clock, no time zone)'],
};

export const postgres: Dialect = {
  id: 'postgres',
  label: 'PostgreSQL 12+',
  ident: doubleQuoted,
  string: standardString,
  double: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  real: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  text: (e) => `CAST(${e} AS TEXT)`,
  trim: (e) => `TRIM(${e})`,
  ltrim: (e) => `LTRIM(${e})`,
  lower: (e) => `LOWER(${e})`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (parts) => parts.join(' || '),
  position: (h, n) => `STRPOS(${h}, ${n})`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  log1p: (e) => `LN(1 + ${e})`,
  sqrt: (e) => `SQRT(${e})`,
  round6: (e) => `CAST(ROUND(CAST(${e} AS NUMERIC), 6) AS DOUBLE PRECISION)`,
  dayOf: (e) => `CAST(${e} AS DATE)`,
  dayLiteral: (d) => `DATE '${d}'`,
  addDays: (d, n) => `(${d} + ${n})`,
  daysBetween: (a, b) => `(${b} - ${a})`,
  timestampLiteral: (t) => `TIMESTAMP '${t}'`,
  comparable: (e) => e,
  epochMs: (e) => `CAST(EXTRACT(EPOCH FROM CAST(${e} AS TIMESTAMP)) * 1000 AS DOUBLE PRECISION)`,
  floorDaysUntil: (ts, day) => `CAST(FLOOR(EXTRACT(EPOCH FROM (CAST(${day} AS TIMESTAMP) - CAST(${ts} AS TIMESTAMP))) / 86400) AS INTEGER)`,
  windowFn: (n) => n,
  trailer: '',
  notes: ['timestamps are TIMESTAMP WITHOUT TIME ZONE (wall-clock)'],
};

export const mysql: Dialect = {
  id: 'mysql',
  label: 'MySQL 8.0.17+ / Apache Doris / StarRocks',
  ident: backticked,
  string: backslashString,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  real: (e) => `CAST(${e} AS DOUBLE)`,
  text: (e) => `CAST(${e} AS CHAR)`,
  trim: (e) => `TRIM(${e})`,
  ltrim: (e) => `LTRIM(${e})`,
  lower: (e) => `LOWER(${e})`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (parts) => `CONCAT(${parts.join(', ')})`,
  position: (h, n) => `LOCATE(${n}, ${h})`,
  intDiv: (a, b) => `((${a}) DIV (${b}))`,
  log1p: (e) => `LN(1 + ${e})`,
  sqrt: (e) => `SQRT(${e})`,
  round6: (e) => `ROUND(${e}, 6)`,
  dayOf: (e) => `DATE(${e})`,
  dayLiteral: (d) => `DATE '${d}'`,
  addDays: (d, n) => `DATE_ADD(${d}, INTERVAL ${n} DAY)`,
  daysBetween: (a, b) => `DATEDIFF(${b}, ${a})`,
  timestampLiteral: (t) => `TIMESTAMP '${t}'`,
  comparable: (e) => e,
  epochMs: (e) => `CAST(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '1970-01-01 00:00:00', ${e}) DIV 1000 AS DOUBLE)`,
  floorDaysUntil: (ts, day) => `FLOOR(TIMESTAMPDIFF(SECOND, ${ts}, ${day}) / 86400)`,
  windowFn: (n) => n,
  trailer: '',
  notes: [
    'string literals escape backslashes (the default sql_mode without NO_BACKSLASH_ESCAPES)',
    'text comparisons follow the column collation: a case-insensitive collation (MySQL default) also matches other letter cases, the app does not',
  ],
};

export const clickhouse: Dialect = {
  id: 'clickhouse',
  label: 'ClickHouse 23.8+',
  ident: backticked,
  string: backslashString,
  double: (e) => `toFloat64(${e})`,
  real: (e) => `toFloat64(${e})`,
  text: (e) => `toString(${e})`,
  trim: (e) => `trimBoth(${e})`,
  ltrim: (e) => `trimLeft(${e})`,
  lower: (e) => `lower(${e})`,
  nullIf: (a, b) => `nullIf(${a}, ${b})`,
  concat: (parts) => `concat(${parts.join(', ')})`,
  position: (h, n) => `position(${h}, ${n})`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  log1p: (e) => `log1p(${e})`,
  sqrt: (e) => `sqrt(${e})`,
  round6: (e) => `round(${e}, 6)`,
  dayOf: (e) => `toDate(${e})`,
  dayLiteral: (d) => `toDate('${d}')`,
  addDays: (d, n) => `addDays(${d}, ${n})`,
  daysBetween: (a, b) => `dateDiff('day', ${a}, ${b})`,
  timestampLiteral: (t) => (t.includes('.') ? `toDateTime64('${t}', 3)` : `toDateTime('${t}')`),
  comparable: (e) => e,
  epochMs: (e) => `toFloat64(toUnixTimestamp64Milli(toDateTime64(${e}, 3)))`,
  floorDaysUntil: (ts, day) => `toInt64(floor(dateDiff('second', toDateTime(${ts}), toDateTime(${day})) / 86400))`,
  windowFn: (n) => n.toLowerCase(),
  trailer: 'SETTINGS join_use_nulls = 1',
  notes: [
    'missing values must be NULL in Nullable columns: a non-Nullable column stores 0 or an empty string instead, which the app would count as a value',
    'join_use_nulls = 1 so that customers without a match get NULL, as in standard SQL',
    'DateTime is read in the server time zone; keep the source in the time zone the app saw',
  ],
};

export const spark: Dialect = {
  id: 'spark',
  label: 'Spark SQL 3.x / Hive 3',
  ident: backticked,
  string: backslashString,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  real: (e) => `CAST(${e} AS DOUBLE)`,
  text: (e) => `CAST(${e} AS STRING)`,
  trim: (e) => `TRIM(${e})`,
  ltrim: (e) => `LTRIM(${e})`,
  lower: (e) => `LOWER(${e})`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (parts) => `CONCAT(${parts.join(', ')})`,
  position: (h, n) => `INSTR(${h}, ${n})`,
  intDiv: (a, b) => `((${a}) DIV (${b}))`,
  log1p: (e) => `LOG1P(${e})`,
  sqrt: (e) => `SQRT(${e})`,
  round6: (e) => `ROUND(${e}, 6)`,
  dayOf: (e) => `TO_DATE(${e})`,
  dayLiteral: (d) => `DATE '${d}'`,
  addDays: (d, n) => `DATE_ADD(${d}, ${n})`,
  daysBetween: (a, b) => `DATEDIFF(${b}, ${a})`,
  timestampLiteral: (t) => `TIMESTAMP '${t}'`,
  comparable: (e) => e,
  epochMs: (e) => `CAST(UNIX_MILLIS(CAST(${e} AS TIMESTAMP)) AS DOUBLE)`,
  floorDaysUntil: (ts, day) => `CAST(FLOOR((UNIX_TIMESTAMP(CAST(${day} AS TIMESTAMP)) - UNIX_TIMESTAMP(CAST(${ts} AS TIMESTAMP))) / 86400) AS BIGINT)`,
  windowFn: (n) => n,
  trailer: '',
  notes: [
    'string literals escape backslashes (spark.sql.parser.escapedStringLiterals = false, the default)',
    'timestamps are read in spark.sql.session.timeZone: set it to UTC so that days are not shifted by daylight saving',
    'ROUND on a double rounds half up, the app rounds half toward +∞: only a sum ending exactly in 5 at the 7th decimal can differ',
  ],
};

export const DIALECTS: Record<DialectId, Dialect> = { sqlite, duckdb, postgres, mysql, clickhouse, spark };

/**
 * A number as SQL text that reads back as the same double: JavaScript's shortest round-trip form,
 * with an exponent written so every dialect parses it as a number.
 */
export function numberLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  const s = String(Math.abs(v));
  const text = s.includes('e') ? s.replace('e+', 'E').replace('e', 'E') : s;
  // Parenthesised when negative: "x - -1" must never turn into a "--" comment.
  return v < 0 || Object.is(v, -0) ? `(-${text})` : text;
}
