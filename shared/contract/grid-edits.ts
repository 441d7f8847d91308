import { z } from 'zod';

/**
 * What the grid writes as cleaning steps: typed or pasted cells, and fill down. Rows are named
 * by their stable row id (the grid's sort and filters do not matter to the step), as a list in
 * the grid's order where a run of consecutive ids is written [first, last], so filling down a
 * whole unsorted column is one entry rather than a million.
 */

/** Rows one fill down or paste may cover (Excel's sheet height). */
export const MAX_EDIT_ROWS = 1_048_576;
/** Entries of a row list (single ids or runs). */
export const MAX_ROW_ENTRIES = 100_000;
/** Cells one paste may write (a block bigger than this belongs in an import). */
export const MAX_EDIT_CELLS = 200_000;

const rowId = z.number().int().min(1);
export const rowRunSchema = z.union([rowId, z.tuple([rowId, rowId])]);
export type RowRun = z.output<typeof rowRunSchema>;
export const rowRunsSchema = z.array(rowRunSchema).min(1).max(MAX_ROW_ENTRIES);

/** What a user types or pastes into a cell: text as typed (converted to the column's type), a number, or empty. */
export const cellInputSchema = z.union([z.string().max(32_767), z.number().refine(Number.isFinite), z.null()]);
export type CellInput = z.output<typeof cellInputSchema>;

const columnRef = z.string().min(1).max(200);

export const editCellsOpSchema = z
  .object({
    op: z.literal('editCells'),
    /** Columns of the block, left to right (keys or display names). */
    columns: z.array(columnRef).min(1).max(500),
    /** Rows of the block, top to bottom. */
    rows: rowRunsSchema,
    /** One array per row, one value per column: values[i][j] goes to row i, column j. */
    values: z.array(z.array(cellInputSchema).max(500)).min(1).max(MAX_EDIT_CELLS),
  })
  .strict();

export const fillDownOpSchema = z
  .object({
    op: z.literal('fillDown'),
    columns: z.array(columnRef).min(1).max(500),
    /** The first row is the source; every following row gets its value (Excel's Ctrl+D). */
    rows: rowRunsSchema,
  })
  .strict();

export const deleteRowsOpSchema = z
  .object({
    op: z.literal('deleteRows'),
    /** The rows to delete (Excel's 删除行 on the selected rows). */
    rows: rowRunsSchema,
  })
  .strict();

/** Rows one insert may add (Excel inserts as many rows as are selected). */
export const MAX_INSERT_ROWS = 10_000;

export const insertRowsOpSchema = z
  .object({
    op: z.literal('insertRows'),
    /** The row (by row id) the new rows go next to. */
    at: rowId,
    /** Excel's 在上方插入行 (before that row) or 在下方插入行 (after it). */
    position: z.enum(['above', 'below']),
    /** Empty rows to insert; they get new row ids after the largest in use. */
    count: z.number().int().min(1).max(MAX_INSERT_ROWS).default(1),
  })
  .strict();

/** Row ids of a run list, in order. */
export function* expandRuns(runs: readonly RowRun[]): Generator<number> {
  for (const r of runs) {
    if (typeof r === 'number') yield r;
    else if (r[0] <= r[1]) for (let id = r[0]; id <= r[1]; id++) yield id;
    else for (let id = r[0]; id >= r[1]; id--) yield id;
  }
}

export function runsLength(runs: readonly RowRun[]): number {
  let n = 0;
  for (const r of runs) n += typeof r === 'number' ? 1 : Math.abs(r[1] - r[0]) + 1;
  return n;
}

/** Compresses ids (in order) into runs of consecutive ascending ids. */
export function toRuns(ids: Iterable<number>): RowRun[] {
  const out: RowRun[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start < 0) return;
    out.push(start === end ? start : [start, end]);
  };
  for (const id of ids) {
    if (start >= 0 && id === end + 1) end = id;
    else {
      flush();
      start = id;
      end = id;
    }
  }
  flush();
  return out;
}
