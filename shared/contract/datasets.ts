import { z } from 'zod';
import { method, result } from './define';

/**
 * Column types a dataset can hold. Numbers and dates are stored as numbers in SQLite; a cell
 * that failed conversion keeps its original text in the same column (its storage class marks it
 * invalid), so nothing a user imported is ever dropped.
 */
export const COLUMN_TYPES = ['integer', 'decimal', 'percent', 'currency', 'boolean', 'date', 'datetime', 'text'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export const columnTypeSchema = z.enum(COLUMN_TYPES);

/**
 * The words a yes/no column was written with in its source ("yes"/"no", "是"/"否", "Y"/"N",
 * Excel's TRUE/FALSE). Cells are stored as 1/0; every view and export shows these words.
 */
export interface BooleanLabels {
  true: string;
  false: string;
}
export const booleanLabelsSchema = z.object({ true: z.string().min(1).max(100), false: z.string().min(1).max(100) }).strict();

export interface ColumnInfo {
  /** Stable key used in every API call and in SQL (c0, c1, …): safe, never the header text. */
  key: string;
  /** Name shown to the user (unique within the dataset). */
  name: string;
  /** Header text exactly as in the source file (null for generated columns). */
  originalHeader: string | null;
  type: ColumnType;
  /** Optional display format (e.g. '¥#,##0.00', '0.0%', 'yyyy-mm-dd'). */
  format: string | null;
  /** Cells that failed conversion to `type` (kept as original text). */
  invalidCount: number;
  missingCount: number;
  /** Boolean columns: the source's words for yes and no (absent: TRUE/FALSE, as Excel writes them). */
  labels?: BooleanLabels;
}

export type DatasetKind = 'import' | 'derived' | 'demo';

export interface DatasetInfo {
  id: string;
  name: string;
  kind: DatasetKind;
  rowCount: number;
  columns: ColumnInfo[];
  /** Where it came from: file name and sheet for imports, a recipe description for derived data. */
  source: string | null;
  createdAt: string;
  updatedAt: string;
  /** Rises with every change to the dataset (rows, columns, names): what caches compare. */
  version: number;
}

export const datasetIdSchema = z.string().min(1).max(64);

export const datasetsContract = {
  'datasets.list': method(z.object({}).strict(), result<DatasetInfo[]>()),
  'datasets.get': method(z.object({ datasetId: datasetIdSchema }).strict(), result<DatasetInfo>()),
  'datasets.rename': method(
    z.object({ datasetId: datasetIdSchema, name: z.string().trim().min(1).max(200) }).strict(),
    result<DatasetInfo>(),
  ),
  'datasets.remove': method(z.object({ datasetId: datasetIdSchema }).strict(), result<{ removed: boolean }>()),
  /**
   * A column's display format as an Excel number-format code (千分位 #,##0.00, ¥, %, 万, 日期…;
   * see shared/format/column-format), or null for the type's default. Saved with the dataset;
   * the grid, exports and reports use it.
   */
  'datasets.setColumnFormat': method(
    z.object({ datasetId: datasetIdSchema, column: z.string().min(1).max(200), format: z.string().max(100).nullable() }).strict(),
    result<DatasetInfo>(),
  ),
};
