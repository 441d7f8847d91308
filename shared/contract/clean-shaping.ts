import { z } from 'zod';

/*
 * Shaping steps that change the rows of a dataset: split a cell into rows, and merge another
 * dataset's columns in by key (Power Query's Merge). Both are cleaning steps (recorded, previewed,
 * undoable, replayed by recipes); their schemas live here so the operation list stays short.
 */

const columnRef = z.string().min(1).max(200);

/** What separates the items of a multi-item cell unless the step names others: ；;，| */
export const DEFAULT_SPLIT_DELIMITERS = ['；', ';', '，', '|'] as const;

export const splitRowsOpSchema = z
  .object({
    op: z.literal('splitRows'),
    /** The multi-item column, e.g. a Taobao order's 宝贝标题 listing several items. */
    column: columnRef,
    /** Any of these separates two items (matched literally, the longest first). */
    delimiters: z.array(z.string().min(1).max(20)).min(1).max(20).default([...DEFAULT_SPLIT_DELIMITERS]),
    /** Trim spaces (incl. 全角空格) around each item. */
    trim: z.boolean().default(true),
    /** Drop empty items ("A，，B" gives two rows); a cell with no item at all keeps its row, empty. */
    dropEmpty: z.boolean().default(true),
    /** Name of an added column numbering each item within its cell (1, 2, …): filter it to 1 to count each original row once. */
    itemNumber: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const MERGE_JOINS = ['left', 'inner'] as const;
export type MergeJoin = (typeof MERGE_JOINS)[number];

export const mergeKeySchema = z
  .object({
    /** Key column of the dataset being cleaned. */
    left: columnRef,
    /** Key column of the other dataset; default the column of the same name. */
    right: columnRef.optional(),
  })
  .strict();

export const mergeOpSchema = z
  .object({
    op: z.literal('merge'),
    /** The other dataset (id or name), e.g. the RFM customers whose segment the orders should carry. */
    with: z.string().min(1).max(200),
    on: z.array(mergeKeySchema).min(1).max(8),
    /** left: every row stays, unmatched rows get empty cells; inner: unmatched rows are removed. */
    join: z.enum(MERGE_JOINS).default('left'),
    /** Columns of the other dataset to bring over; default every column but its keys. */
    columns: z.array(columnRef).min(1).max(500).optional(),
    /** Trim text keys before comparing them. */
    trim: z.boolean().default(true),
    /** Compare text keys ignoring Latin letter case. */
    ignoreCase: z.boolean().default(false),
    /** A key found on several rows of the other dataset: one row per match (rows multiply) or the first match only. */
    matches: z.enum(['all', 'first']).default('all'),
    /** Added to a brought column's name when this dataset has it already; default "·<other dataset>". */
    suffix: z.string().min(1).max(100).optional(),
  })
  .strict();

/** One split cell in a preview: the cell before and the items it becomes, one row each. */
export interface SplitSample {
  row: number;
  before: string;
  items: string[];
}

/** A key of this dataset that matches several rows of the other, with how many. */
export const mergeMultipleSchema = z.object({ key: z.string(), matches: z.number() });

/**
 * What a merge found, shown in the preview and kept with the step (the other dataset's version
 * says which state of it the step merged).
 */
export const mergeReportSchema = z.object({
  with: z.object({ id: z.string(), name: z.string(), version: z.number(), rows: z.number() }),
  join: z.enum(MERGE_JOINS),
  matches: z.enum(['all', 'first']),
  /** Rows of this dataset with at least one match / with none (blank keys included). */
  matchedRows: z.number(),
  unmatchedRows: z.number(),
  /** Rows whose key is empty: they never match. */
  blankKeyRows: z.number(),
  /** Matched keys found on several rows of the other dataset, and the rows they add. */
  multipleKeys: z.number(),
  addedRows: z.number(),
  rowsBefore: z.number(),
  rowsAfter: z.number(),
  /** Rows of the other dataset no row here matched. */
  unusedRows: z.number(),
  /** Brought columns: name there → name here. */
  columns: z.array(z.object({ from: z.string(), to: z.string() })),
  /** Key column types per pair, as compared (text against a number compares the text's number). */
  keyTypes: z.array(z.object({ left: z.string(), right: z.string() })),
  multipleExamples: z.array(mergeMultipleSchema),
  unmatchedExamples: z.array(z.string()),
});
export type MergeReport = z.infer<typeof mergeReportSchema>;
