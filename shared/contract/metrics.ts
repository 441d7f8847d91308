import { z } from 'zod';
import { calendarDateSchema } from './dates';
import { datasetIdSchema, type ColumnType, type DatasetInfo } from './datasets';
import { method, result } from './define';
import type { CellValue } from './json';

const columnRef = z.string().min(1).max(200);
const formulaText = z.string().min(1).max(10_000);

/** Value types of the formula language; `blank` is the type of an empty literal only. */
export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'blank';

export interface FormulaCheck {
  type: FormulaType;
  /** The column type a result column gets. */
  columnType: ColumnType;
  /** Display names of the referenced columns. */
  columns: string[];
}

/** Counts gathered while evaluating: these rows get an empty result. */
export interface FormulaStats {
  rows: number;
  divideByZero: number;
  /** Results that are empty (blank inputs, divide by zero, invalid arguments). */
  blank: number;
  /** Input cells that held text in a number/date column. */
  invalidInputs: number;
  /** Rows where an XLOOKUP found no match (their result is if_not_found, else empty). */
  notFound: number;
}

export interface FormulaPreview extends FormulaCheck {
  rows: { row: number; inputs: Record<string, CellValue>; value: CellValue }[];
  stats: FormulaStats;
}

export const GROUP_FUNCTIONS = ['sum', 'count', 'countDistinct', 'min', 'max', 'mean', 'firstDate', 'lastDate'] as const;
export type GroupFunction = (typeof GROUP_FUNCTIONS)[number];

export const aggregationSchema = z
  .object({
    fn: z.enum(GROUP_FUNCTIONS),
    /** Not needed for count (rows per group). */
    column: columnRef.optional(),
    /** Output column name; default like "金额·sum". */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type Aggregation = z.output<typeof aggregationSchema>;

export const RETURNS_RULES = ['exclude', 'net'] as const;
export type ReturnsRule = (typeof RETURNS_RULES)[number];

export interface RfmStats {
  min: number;
  max: number;
  mean: number;
  median: number;
}

/** Why transaction rows or customers were left out of RFM, or changed it. */
export const RFM_EXCLUSION_CODES = [
  'missingCustomer',
  'missingDate',
  'invalidAmount',
  'afterAsOf',
  'returnsExcluded',
  'returnsNetted',
  'returnsOnlyCustomers',
  'nonPositiveM',
] as const;
export type RfmExclusionCode = (typeof RFM_EXCLUSION_CODES)[number];

/**
 * One line of what RFM left out or netted, the same list for the CLI, the screen and the report:
 * `effect` leftOut (not in the figures), netted (subtracted from M) or kept (in the table, noted).
 * `amount` is the sum of the amount column over those rows as RFM reads it (returns negative), or
 * the customers' net M; null when the amount is not a number. `zh`/`en` say it in full.
 */
export interface RfmExclusion {
  code: RfmExclusionCode;
  effect: 'leftOut' | 'netted' | 'kept';
  unit: 'rows' | 'customers';
  count: number;
  amount: number | null;
  label: { zh: string; en: string };
  zh: string;
  en: string;
}

export interface RfmResult {
  dataset: { id: string; name: string; rows: number };
  /** Analysis date (yyyy-mm-dd). */
  asOf: string;
  /** Transaction rows left out, by reason; `returns` only with the exclude rule. */
  excluded: { missingCustomer: number; missingDate: number; invalidAmount: number; returns: number; afterAsOf: number };
  /**
   * Everything left out or netted, with counts and amounts (only the reasons that occurred). Also
   * recorded in the RFM dataset's origin so reports say it.
   */
  exclusions: RfmExclusion[];
  /** Rows that went into the figures. */
  usedRows: number;
  summary: { R: RfmStats; F: RfmStats; M: RfmStats };
}

export const metricsContract = {
  'metrics.formulaCheck': method(z.object({ datasetId: datasetIdSchema, formula: formulaText }).strict(), result<FormulaCheck>()),
  'metrics.formulaPreview': method(
    z.object({ datasetId: datasetIdSchema, formula: formulaText, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    result<FormulaPreview>(),
  ),
  'metrics.addFormulaColumn': method(
    z.object({ datasetId: datasetIdSchema, formula: formulaText, name: z.string().trim().min(1).max(200) }).strict(),
    result<{ dataset: DatasetInfo; columnKey: string; check: FormulaCheck; stats: FormulaStats }>(),
    { long: true },
  ),
  'metrics.groupBy': method(
    z
      .object({
        datasetId: datasetIdSchema,
        keys: z.array(columnRef).min(1).max(20),
        aggregations: z.array(aggregationSchema).min(1).max(100),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result<{ dataset: DatasetInfo; groups: number }>(),
    { long: true },
  ),
  'metrics.rfm': method(
    z
      .object({
        datasetId: datasetIdSchema,
        customer: columnRef,
        date: columnRef,
        amount: columnRef,
        order: columnRef.optional(),
        /** yyyy-mm-dd, a real calendar day (2023-02-29 is refused, not rolled to March). */
        asOf: calendarDateSchema.optional(),
        returns: z.enum(RETURNS_RULES).default('exclude'),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result<RfmResult>(),
    { long: true },
  ),
};
