import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { CellValue } from './json';

/**
 * Reading a dataset in windows: the grid (and anything else that shows rows) asks for a page
 * of a *view* — the dataset under a sort and a set of filters. The engine keeps each view's row
 * order cached, so deep pages cost the same as the first one and the renderer never holds a
 * whole dataset.
 */

/** Column keys as the engine names them (c0, c1, …): never header text. */
export const columnKeySchema = z.string().regex(/^c\d{1,5}$/, 'column key like c0, c1, …');

export const MAX_PAGE_ROWS = 2000;
export const MAX_SORT_COLUMNS = 8;
export const MAX_FILTERS = 64;
export const MAX_ONE_OF_VALUES = 100_000;
/** Counting distinct values stops here: an exact count of a million ids would stall the value list. */
export const DISTINCT_COUNT_CAP = 100_000;

export const sortSpecSchema = z
  .object({ column: columnKeySchema, dir: z.enum(['asc', 'desc']).default('asc') })
  .strict();
export type SortSpec = z.output<typeof sortSpecSchema>;

const oneOfValueSchema = z.union([z.string().max(32_767), z.number().refine(Number.isFinite), z.boolean(), z.null()]);

/** Bounds are numbers, or for date ranges also 'yyyy-mm-dd[Thh:mm[:ss]]' (wall-clock time). */
const dateBoundSchema = z.union([
  z.number().refine(Number.isFinite),
  z.string().regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/, 'date like 2024-03-05'),
]);

/**
 * One column filter. Filters combine with AND. Text operators match case-insensitively
 * unless `caseSensitive`; `negate` turns a text or one-of filter into "does not …" (missing
 * cells then pass, as in Excel). Range bounds are inclusive; a date range's `to` given as a
 * plain date includes that whole day.
 */
export const filterSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      column: columnKeySchema,
      op: z.enum(['contains', 'equals', 'startsWith', 'endsWith']),
      value: z.string().max(32_767),
      caseSensitive: z.boolean().default(false),
      negate: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('oneOf'),
      column: columnKeySchema,
      /** null selects missing cells, '' selects empty strings. */
      values: z.array(oneOfValueSchema).max(MAX_ONE_OF_VALUES),
      negate: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('numberRange'),
      column: columnKeySchema,
      min: z.number().refine(Number.isFinite).nullable().default(null),
      max: z.number().refine(Number.isFinite).nullable().default(null),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dateRange'),
      column: columnKeySchema,
      from: dateBoundSchema.nullable().default(null),
      to: dateBoundSchema.nullable().default(null),
    })
    .strict(),
  /**
   * Dates picked in Excel's year / month / day tree: each part is a whole year (2024), month
   * (2024-03) or day (2024-03-05); `missing` also keeps the empty cells.
   */
  z
    .object({
      kind: z.literal('dateParts'),
      column: columnKeySchema,
      parts: z.array(z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'year 2024, month 2024-03 or day 2024-03-05')).max(MAX_ONE_OF_VALUES),
      missing: z.boolean().default(false),
    })
    .strict(),
  /** Missing (null) or empty text. */
  z.object({ kind: z.literal('empty'), column: columnKeySchema }).strict(),
  z.object({ kind: z.literal('notEmpty'), column: columnKeySchema }).strict(),
  /** Cells that failed conversion to the column's type (kept as their original text). */
  z.object({ kind: z.literal('invalid'), column: columnKeySchema }).strict(),
]);
export type FilterSpecIn = z.input<typeof filterSpecSchema>;
export type FilterSpec = z.output<typeof filterSpecSchema>;
export type FilterKind = FilterSpec['kind'];

export const viewShape = {
  datasetId: datasetIdSchema,
  sort: z.array(sortSpecSchema).max(MAX_SORT_COLUMNS).default([]),
  filters: z.array(filterSpecSchema).max(MAX_FILTERS).default([]),
};

/** A page of a view. Row i of `rows` is view row `offset + i`. */
export interface RowsPage {
  offset: number;
  /** Column keys in the order of each row's cells. */
  columns: string[];
  /**
   * Cells: numbers (dates as epoch ms of the wall-clock time), text, booleans; null = missing.
   * An empty string is an empty string, distinct from missing.
   */
  rows: CellValue[][];
  /** Stable id of each row (its position in the dataset as stored, from 1). */
  rowIds: number[];
  /** Cells that failed conversion: [row index within this page, column index within `columns`]. */
  invalid: [number, number][];
  totalRows: number;
  filteredRows: number;
}

export interface RowCounts {
  totalRows: number;
  filteredRows: number;
}

export interface DistinctValue {
  value: CellValue;
  count: number;
}

export interface DistinctResult {
  /** Sorted by value (numbers, then text; missing last), at most `limit`. */
  values: DistinctValue[];
  /** Distinct values matching the search (missing counts as one value), counted up to DISTINCT_COUNT_CAP. */
  totalDistinct: number;
  /** More distinct values exist than `totalDistinct` says (the count stopped at the cap). */
  totalCapped: boolean;
  truncated: boolean;
}

export interface HistogramBin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound (inclusive for the last bin). */
  to: number;
  count: number;
}

export interface ColumnStats {
  column: string;
  /** Rows in the view. */
  rows: number;
  /** Non-missing cells (valid, invalid and empty text). */
  count: number;
  missing: number;
  /** Empty-string cells (not missing). */
  empty: number;
  /** Cells that failed conversion (text in a number, date or boolean column). */
  invalid: number;
  /** Distinct non-missing values. */
  distinct: number;
  /** Over valid numeric cells (numbers, dates as epoch ms, booleans as 0/1); null for text columns or none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  sum: number | null;
  /** Most frequent non-missing values, most frequent first. */
  topValues: DistinctValue[];
  /** Equal-width bins over [min, max] of the numeric cells; empty for text columns. */
  histogram: HistogramBin[];
}

export interface CellPosition {
  /** Row index in the view (current sort and filters). */
  row: number;
  /** Column key. */
  column: string;
}

export interface FindResult {
  found: CellPosition | null;
  /** The search passed the end (or start) and continued from the other side. */
  wrapped: boolean;
}

export const rowsContract = {
  'rows.page': method(
    z
      .object({
        ...viewShape,
        offset: z.number().int().min(0),
        limit: z.number().int().min(0).max(MAX_PAGE_ROWS),
        /** Only these columns, in this order (default: all). */
        columns: z.array(columnKeySchema).max(16_384).optional(),
      })
      .strict(),
    result<RowsPage>(),
  ),
  'rows.count': method(z.object(viewShape).strict(), result<RowCounts>()),
  'rows.distinct': method(
    z
      .object({
        datasetId: datasetIdSchema,
        column: columnKeySchema,
        /** Filters of the other columns (Excel lists values of the rows other filters leave). */
        filters: z.array(filterSpecSchema).max(MAX_FILTERS).default([]),
        search: z.string().max(1000).optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
    result<DistinctResult>(),
  ),
  'rows.stats': method(
    z
      .object({
        datasetId: datasetIdSchema,
        column: columnKeySchema,
        filters: z.array(filterSpecSchema).max(MAX_FILTERS).default([]),
        bins: z.number().int().min(1).max(200).default(20),
        top: z.number().int().min(0).max(100).default(10),
      })
      .strict(),
    result<ColumnStats>(),
    { long: true },
  ),
  'rows.find': method(
    z
      .object({
        ...viewShape,
        text: z.string().min(1).max(1000),
        /** The search starts after this cell (before it for 'prev'); omitted = from the top (bottom). */
        from: z.object({ row: z.number().int().min(0), column: columnKeySchema }).strict().optional(),
        direction: z.enum(['next', 'prev']).default('next'),
        /** Columns to search, in display order (default: all, in dataset order). */
        columns: z.array(columnKeySchema).min(1).max(16_384).optional(),
        caseSensitive: z.boolean().default(false),
        /** Wrap around at the end (start). */
        wrap: z.boolean().default(true),
      })
      .strict(),
    result<FindResult>(),
  ),
  'rows.rowIndexOf': method(
    z.object({ ...viewShape, rowId: z.number().int().min(1) }).strict(),
    result<{ index: number | null }>(),
  ),
};

export type { CellValue };
