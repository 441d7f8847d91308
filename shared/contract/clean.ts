import { z } from 'zod';
import { columnTypeSchema, datasetIdSchema, type DatasetInfo } from './datasets';
import { method, result } from './define';
import { deleteRowsOpSchema, editCellsOpSchema, fillDownOpSchema, insertRowsOpSchema } from './grid-edits';
import type { CellValue } from './json';
import { dateOrderSchema } from './import';
import { mergeOpSchema, mergeReportSchema, splitRowsOpSchema, type MergeReport, type SplitSample } from './clean-shaping';

/** A column reference: its key (c3) or its display name (what CLI users and recipes use). */
const columnRef = z.string().min(1).max(200);
const columnList = z.array(columnRef).min(1).max(500);

/** Category of a keyword rule table's unmatched cells unless the step names another. */
export const DEFAULT_OTHER_CATEGORY = '其他';

export const KEYWORD_MATCHES = ['contains', 'startsWith', 'regex'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

/** One row of a keyword rule table: cells that match `pattern` get `category`; the first matching rule wins. */
export const keywordRuleSchema = z
  .object({
    match: z.enum(KEYWORD_MATCHES).default('contains'),
    pattern: z.string().min(1).max(1000),
    category: z.string().trim().min(1).max(200),
  })
  .strict();
export type KeywordRule = z.output<typeof keywordRuleSchema>;

/**
 * Every cleaning operation, as recorded in a step and in a recipe. Column references are keys or
 * display names; a recorded step stores display names so a recipe replays on another import.
 */
export const cleanOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('dedupe'), keys: columnList, keep: z.enum(['first', 'last']).default('first') }).strict(),
  z
    .object({
      op: z.literal('text'),
      columns: columnList,
      /** Trim both ends and collapse runs of spaces (incl. 全角空格 and non-breaking spaces) to one. */
      trim: z.boolean().default(true),
      /** 全角→半角: full-width ASCII letters, digits, punctuation and the ideographic space. */
      fullWidth: z.boolean().default(true),
      case: z.enum(['keep', 'upper', 'lower']).default('keep'),
    })
    .strict(),
  z
    .object({
      op: z.literal('replace'),
      columns: columnList,
      find: z.string().min(1).max(1000),
      replace: z.string().max(1000).default(''),
      /** exact: the whole cell equals `find`; contains: every occurrence; regex: linear-time regular expression. */
      mode: z.enum(['exact', 'contains', 'regex']).default('contains'),
      /** For exact and contains (the linear regex engine has no case-insensitive mode). */
      caseSensitive: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      op: z.literal('changeType'),
      column: columnRef,
      type: columnTypeSchema,
      /** Dates written 10/2/2017: month/day (mdy) or day/month (dmy); omitted = decided from the column's cells. */
      dateOrder: dateOrderSchema.optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('missing'),
      columns: columnList,
      action: z.enum(['drop', 'constant', 'mean', 'median', 'mode', 'previous']),
      value: z.union([z.string().max(1000), z.number()]).optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('outliers'),
      column: columnRef,
      method: z.enum(['iqr', 'zscore']).default('iqr'),
      /** IQR multiplier (default 1.5) or z-score limit (default 3). */
      threshold: z.number().positive().max(100).optional(),
      action: z.enum(['flag', 'cap', 'remove']).default('flag'),
    })
    .strict(),
  z
    .object({
      op: z.literal('keywordCategory'),
      /** The text to classify, e.g. a product title (宝贝标题). */
      column: columnRef,
      rules: z.array(keywordRuleSchema).min(1).max(1000),
      /** Name of the new category column; default "<column>·类别". */
      name: z.string().trim().min(1).max(200).optional(),
      /** Category of non-empty cells no rule matches. Empty cells stay empty. */
      otherLabel: z.string().trim().min(1).max(200).default(DEFAULT_OTHER_CATEGORY),
      /** For contains and starts-with rules (regular expressions always match case as written). */
      caseSensitive: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      op: z.literal('formula'),
      /** A formula over this dataset's columns; XLOOKUP may read another dataset as 数据集[列]. */
      formula: z.string().min(1).max(10_000),
      /** Name of the new column. */
      name: z.string().trim().min(1).max(200),
    })
    .strict(),
  z
    .object({
      op: z.literal('mapValues'),
      column: columnRef,
      mapping: z.array(z.object({ from: z.string().max(1000), to: z.string().max(1000) }).strict()).min(1).max(10_000),
      /** Compare after trimming and ignoring case (北京 / 北京  / beijing). */
      loose: z.boolean().default(true),
    })
    .strict(),
  splitRowsOpSchema,
  mergeOpSchema,
  // Typed or pasted cells, fill down, deleted and inserted rows, recorded from the grid (shared/contract/grid-edits).
  editCellsOpSchema,
  fillDownOpSchema,
  deleteRowsOpSchema,
  insertRowsOpSchema,
]);

export type CleanOperation = z.output<typeof cleanOperationSchema>;
export type CleanOperationIn = z.input<typeof cleanOperationSchema>;
export type CleanOpName = CleanOperation['op'];

/** One affected row in a preview: the changed columns before and after (by display name). */
export interface CleanSampleRow {
  row: number;
  /** Dedupe: the kept row (by row id) this removed row repeats. */
  duplicateOf?: number;
  before: Record<string, CellValue>;
  /** null when the row is removed. */
  after: Record<string, CellValue> | null;
}

/** Operation-specific findings, e.g. the cells a type change could not convert. */
export interface CleanReport {
  failedCells?: number;
  failedSamples?: { row: number; value: string }[];
  /** Fill value, bounds or other figures the operation derived from the data. */
  figures?: Record<string, number | string | null>;
  /** Keyword categories: rows per category in rule order (the 其他 category last), with a few example cells. */
  categories?: { category: string; rows: number; examples: string[] }[];
  /** Split into rows: the first split cells with their items. */
  split?: SplitSample[];
  /** Merge: match counts, how rows multiply, the other dataset's version. */
  merge?: MergeReport;
}

export const cleanReportSchema = z.object({
  failedCells: z.number().optional(),
  failedSamples: z.array(z.object({ row: z.number(), value: z.string() })).optional(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  merge: mergeReportSchema.optional(),
});

export interface CleanPreview {
  totalRows: number;
  affectedRows: number;
  removedRows: number;
  /** Display names of the columns shown in `sample`. */
  columns: string[];
  sample: CleanSampleRow[];
  /** Position of `sample` among the affected rows (removed rows page through all of them). */
  sampleOffset: number;
  report: CleanReport;
  /** The dataset's version the preview was computed on: apply with it to change exactly these rows. */
  datasetVersion: number;
}

/**
 * What a preview promised. Planning is a pure function of the data and the operation, so the
 * same operation on the same version changes the same rows; apply refuses (STALE_INPUT) when
 * the dataset changed since the preview or the counts differ.
 */
export const expectedChangeSchema = z
  .object({ datasetVersion: z.number().int().min(0), affectedRows: z.number().int().min(0), removedRows: z.number().int().min(0) })
  .strict();
export type ExpectedChange = z.output<typeof expectedChangeSchema>;

export interface CleanStep {
  id: string;
  seq: number;
  operation: CleanOperation;
  affectedRows: number;
  rowsBefore: number;
  rowsAfter: number;
  report: CleanReport;
  createdAt: string;
  /** 'undone' steps can be redone until a new step is applied. */
  state: 'applied' | 'undone';
}

export interface CleanHistory {
  datasetId: string;
  steps: CleanStep[];
  canUndo: boolean;
  canRedo: boolean;
}

export interface ColumnQuality {
  key: string;
  name: string;
  type: string;
  missing: number;
  missingPct: number;
  /** Cells that are text in a number/date column (failed conversion). */
  invalid: number;
  distinct: number;
  /** Text cells with leading/trailing or doubled spaces, or full-width characters. */
  untidyText: number;
}

export interface QualitySummary {
  datasetId: string;
  rows: number;
  columns: ColumnQuality[];
  /** Rows whose key (the chosen key columns, else all columns) repeats an earlier row. */
  duplicateRows: number;
  duplicateKeys: string[];
}

export interface CleanRecipe {
  id: string;
  name: string;
  sourceDatasetId: string | null;
  operations: CleanOperation[];
  createdAt: string;
}

export const recipeIdSchema = z.string().min(1).max(64);

export const cleanContract = {
  'clean.preview': method(
    z
      .object({
        datasetId: datasetIdSchema,
        operation: cleanOperationSchema,
        sampleSize: z.number().int().min(0).max(200).default(20),
        /** Page through the affected rows (for removals: every removed row). */
        sampleOffset: z.number().int().min(0).default(0),
      })
      .strict(),
    result<CleanPreview>(),
    { long: true },
  ),
  'clean.apply': method(
    z.object({ datasetId: datasetIdSchema, operation: cleanOperationSchema, expected: expectedChangeSchema.optional() }).strict(),
    result<{ step: CleanStep; dataset: DatasetInfo }>(),
    { long: true },
  ),
  'clean.history': method(z.object({ datasetId: datasetIdSchema }).strict(), result<CleanHistory>()),
  'clean.undo': method(z.object({ datasetId: datasetIdSchema }).strict(), result<CleanHistory>(), { long: true }),
  'clean.redo': method(z.object({ datasetId: datasetIdSchema }).strict(), result<CleanHistory>(), { long: true }),
  /** Undoes every step after `toSeq` (0 = back to the imported original). */
  'clean.revert': method(z.object({ datasetId: datasetIdSchema, toSeq: z.number().int().min(0) }).strict(), result<CleanHistory>(), {
    long: true,
  }),
  'clean.quality': method(
    z.object({ datasetId: datasetIdSchema, keys: z.array(columnRef).max(500).optional() }).strict(),
    result<QualitySummary>(),
    { long: true },
  ),
  'clean.recipes.save': method(
    z.object({ datasetId: datasetIdSchema, name: z.string().trim().min(1).max(200) }).strict(),
    result<CleanRecipe>(),
  ),
  'clean.recipes.list': method(z.object({}).strict(), result<CleanRecipe[]>()),
  'clean.recipes.remove': method(z.object({ recipeId: recipeIdSchema }).strict(), result<{ removed: boolean }>()),
  /** Replays a recipe on a dataset (columns matched by name); all steps or none. */
  'clean.recipes.apply': method(
    z.object({ datasetId: datasetIdSchema, recipeId: recipeIdSchema }).strict(),
    result<{ steps: CleanStep[]; dataset: DatasetInfo }>(),
    { long: true },
  ),
};
