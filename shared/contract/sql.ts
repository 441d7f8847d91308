import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { modelIdSchema } from './models';
import { segmentationIdSchema } from './segmentations';

/** SQL engines a model can be exported to (see `kequn sql --help` for what each one needs). */
export const SQL_DIALECTS = ['sqlite', 'duckdb', 'postgres', 'mysql', 'clickhouse', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export const SQL_DIALECT_LABELS: Record<SqlDialect, { zh: string; en: string }> = {
  sqlite: { zh: 'SQLite', en: 'SQLite' },
  duckdb: { zh: 'DuckDB', en: 'DuckDB' },
  postgres: { zh: 'PostgreSQL', en: 'PostgreSQL' },
  mysql: { zh: 'MySQL 8 / Doris / StarRocks', en: 'MySQL 8 / Doris / StarRocks' },
  clickhouse: { zh: 'ClickHouse', en: 'ClickHouse' },
  spark: { zh: 'Spark SQL / Hive', en: 'Spark SQL / Hive' },
};

/**
 * What to export: a saved segmentation (RFM-8, Pareto, lifecycle, rules, template, k-means,
 * k-prototypes), a saved model of the models table (decision-tree explanation, PCA / factor
 * analysis), an RFM dataset's definition, or a tag set.
 */
export const sqlTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segmentation'), segmentationId: segmentationIdSchema }).strict(),
  z.object({ kind: z.literal('model'), modelId: modelIdSchema }).strict(),
  z.object({ kind: z.literal('rfm'), datasetId: datasetIdSchema }).strict(),
  z.object({ kind: z.literal('tags'), datasetId: datasetIdSchema, tagSet: z.string().min(1).max(200) }).strict(),
]);
export type SqlTarget = z.infer<typeof sqlTargetSchema>;

/**
 * Where the SQL reads from. `auto`: from the transactions when the model stands on an RFM dataset
 * and uses only its columns (R, F, M, 客单价, 首次购买, 末次购买, 客龄(天)), else from a customer
 * table with the dataset's columns.
 */
export const sqlSourceOptionsSchema = z
  .object({
    from: z.enum(['auto', 'transactions', 'customers']).default('auto'),
    /** Source table (default: the source dataset's name). */
    table: z.string().trim().min(1).max(200).optional(),
    /** Customer key column of a customer table (default: the dataset's first column). */
    key: z.string().trim().min(1).max(200).optional(),
    /** The app's column name → the warehouse table's column name. */
    columnMap: z.record(z.string().max(200), z.string().trim().min(1).max(200)).default({}),
    /** `saved`: the model's analysis date; `latest`: the day after the last purchase in the table. */
    asOf: z.enum(['saved', 'latest']).default('saved'),
    /** Transactions table of a lifecycle spend trend (default: that dataset's name). */
    trendTable: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type SqlSourceOptions = z.input<typeof sqlSourceOptionsSchema>;
export type SqlSourceSettings = z.output<typeof sqlSourceOptionsSchema>;
const DEFAULT_SOURCE: SqlSourceSettings = { from: 'auto', columnMap: {}, asOf: 'saved' };

export interface SqlTargetInfo {
  target: SqlTarget;
  name: string;
  /** rfm, rfm8, pareto, lifecycle, rules, tags, kmeans, kprototypes, tree, factor. */
  model: string;
  datasetId: string;
  datasetName: string;
  /** Where `auto` reads from for this target. */
  defaultFrom: 'transactions' | 'customers';
  /** Source table the SQL names by default. */
  defaultTable: string;
  /** Columns of the source table the SQL reads (the names a column map renames). */
  sourceColumns: string[];
}

export interface SqlExportResult {
  dialect: SqlDialect;
  sql: string;
  outputs: string[];
  notes: string[];
  from: 'transactions' | 'customers';
  table: string;
  /** A file name for saving the statement (model name + dialect). */
  fileName: string;
}

export interface SqlCheckMismatch {
  key: string;
  engine: string | null;
  sql: string | null;
}

export interface SqlCheckResult {
  /** Customers (or rows, or customer-tag pairs) compared and how many agree. */
  compared: number;
  agree: number;
  /** Only in the app's result / only in the SQL result. */
  engineOnly: number;
  sqlOnly: number;
  mismatches: SqlCheckMismatch[];
  unit: 'customers' | 'rows' | 'tags';
  /**
   * Labels are compared as text, exactly. Scores (factor models) are numbers: they agree when every
   * one differs from the app's by at most this much relative to its size (|a − b| ≤ t · max(1, |a|)).
   */
  tolerance: number | null;
  from: 'transactions' | 'customers';
  sql: string;
  milliseconds: number;
}

export const sqlContract = {
  'sql.targets': method(z.object({ datasetId: datasetIdSchema.optional() }).strict(), result<SqlTargetInfo[]>()),
  'sql.export': method(
    z.object({ target: sqlTargetSchema, dialect: z.enum(SQL_DIALECTS), source: sqlSourceOptionsSchema.default(DEFAULT_SOURCE) }).strict(),
    result<SqlExportResult>(),
  ),
  'sql.check': method(z.object({ target: sqlTargetSchema, source: sqlSourceOptionsSchema.default(DEFAULT_SOURCE) }).strict(), result<SqlCheckResult>(), { long: true }),
};
