import { z } from 'zod';
import type { ColumnType } from './datasets';
import { method, result } from './define';
import { MAX_EDIT_ROWS, type RowRun } from './grid-edits';
import { columnKeySchema, filterSpecSchema, MAX_FILTERS, viewShape } from './rows';
import { datasetIdSchema } from './datasets';

/**
 * What the grid asks about a selection without ever holding the rows: the row ids a block of
 * the view covers (for edits and fill down), Excel's status-bar figures of the selected cells,
 * and the year / month / day tree of a date column's filter.
 */

/** One rectangle of the selection: view rows [from, to) × columns. */
export const selectionBlockSchema = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0), columns: z.array(columnKeySchema).min(1).max(16_384) })
  .strict();
export type SelectionBlockSpec = z.output<typeof selectionBlockSchema>;

/**
 * Excel's status bar: 计数 counts non-empty cells, 数值计数 the numbers among them, and 求和,
 * 平均值, 最小值, 最大值 are over those numbers. Dates, booleans and invalid text count as
 * non-empty cells but not as numbers.
 */
export interface SelectionAggregate {
  cells: number;
  count: number;
  numericCount: number;
  sum: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** The number columns' common type and display code (to show ¥, %, 万 as the column does), else null. */
  numericType: ColumnType | null;
  format: string | null;
}

export interface DateTreeDay {
  day: number;
  count: number;
}
export interface DateTreeMonth {
  month: number;
  count: number;
  days: DateTreeDay[];
}
export interface DateTreeYear {
  year: number;
  count: number;
  months: DateTreeMonth[];
}
export interface DateTree {
  column: string;
  /** Rows the other filters leave. */
  rows: number;
  years: DateTreeYear[];
  missing: number;
  /** Text cells that failed conversion to a date (not in the tree). */
  invalid: number;
}

export const rowsSelectionContract = {
  /** Row ids of view rows [offset, offset + limit), as runs of consecutive ids. */
  'rows.ids': method(
    z.object({ ...viewShape, offset: z.number().int().min(0), limit: z.number().int().min(1).max(MAX_EDIT_ROWS) }).strict(),
    result<{ runs: RowRun[]; count: number }>(),
  ),
  'rows.aggregate': method(z.object({ ...viewShape, blocks: z.array(selectionBlockSchema).min(1).max(64) }).strict(), result<SelectionAggregate>(), {
    long: true,
  }),
  'rows.dateTree': method(
    z
      .object({
        datasetId: datasetIdSchema,
        column: columnKeySchema,
        /** Filters of the other columns (the tree lists the dates of the rows they leave). */
        filters: z.array(filterSpecSchema).max(MAX_FILTERS).default([]),
      })
      .strict(),
    result<DateTree>(),
  ),
};
