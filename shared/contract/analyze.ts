import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { CellValue } from './json';
import { filterSpecSchema, type FilterSpec } from './rows';

/*
 * Analysis views: pivot tables, the preference cross-tab (TGI + χ²) and chart data.
 * Specs are declarative JSON so they can be saved in the project, re-run on new data and exported.
 */

// Row filters are the grid's (rows.page) filter list, so a drill-down opens the grid as is.
// Column keys there are c0, c1, … (never header text).
// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// Pivot
// ---------------------------------------------------------------------------------------------
export const DATE_GROUPS = ['year', 'quarter', 'month', 'week', 'day'] as const;
export type DateGroup = (typeof DATE_GROUPS)[number];

export const PIVOT_AGGREGATIONS = ['sum', 'count', 'countDistinct', 'mean', 'min', 'max', 'median'] as const;
export type PivotAggregation = (typeof PIVOT_AGGREGATIONS)[number];

/** How a value is shown: as is, as a share of its row / column / grand total, or as Excel's Index (TGI). */
export const SHOW_AS = ['value', 'pctRow', 'pctCol', 'pctTotal', 'index'] as const;
export type ShowAs = (typeof SHOW_AS)[number];

export const pivotFieldSchema = z
  .object({
    column: z.string().min(1),
    /** Groups a date column by calendar period (ISO weeks). */
    dateGroup: z.enum(DATE_GROUPS).optional(),
  })
  .strict();
export type PivotField = z.infer<typeof pivotFieldSchema>;

export const pivotValueSchema = z
  .object({
    agg: z.enum(PIVOT_AGGREGATIONS),
    /** Required except for `count` (count of rows). */
    column: z.string().min(1).optional(),
    showAs: z.enum(SHOW_AS).default('value'),
    label: z.string().max(200).optional(),
  })
  .strict();
export type PivotValue = z.infer<typeof pivotValueSchema>;

export const axisSortSchema = z
  .object({
    by: z.enum(['label', 'value']).default('label'),
    /** Which value (index into `values`) sorts when by = value. */
    valueIndex: z.number().int().min(0).default(0),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type AxisSort = z.infer<typeof axisSortSchema>;

export const pivotSpecSchema = z
  .object({
    rows: z.array(pivotFieldSchema).max(8).default([]),
    cols: z.array(pivotFieldSchema).max(8).default([]),
    values: z.array(pivotValueSchema).min(1).max(16),
    filters: z.array(filterSpecSchema).max(64).default([]),
    subtotals: z.boolean().default(true),
    grandTotals: z.boolean().default(true),
    rowSort: axisSortSchema.optional(),
    colSort: axisSortSchema.optional(),
  })
  .strict();
export type PivotSpec = z.output<typeof pivotSpecSchema>;
export type PivotSpecInput = z.input<typeof pivotSpecSchema>;

/** How an axis node's rows are found again (drill-down): equality, or a date period's range. */
export type AxisMatch = { value: CellValue } | { min: number; max: number };

/**
 * One node of a row or column axis, in display order (pre-order of the tree): inner nodes carry
 * the subtotal of their children, `depth` = number of fields fixed (0 = grand total node).
 * Collapse = hide the descendants of a node; its own line then shows the subtotal.
 */
export interface AxisNode {
  /** Labels from the outermost field down to this node ('' path = grand total). */
  path: string[];
  label: string;
  depth: number;
  leaf: boolean;
  kind: 'total' | 'group';
  /** One entry per path element. */
  match: AxisMatch[];
  /** Index of the parent node in the same axis list (-1 for the total). */
  parent: number;
}

export interface PivotResult {
  spec: PivotSpec;
  /** Row axis nodes (the total node first when grand totals are on, subtotals per spec). */
  rows: AxisNode[];
  cols: AxisNode[];
  /** cells[r][c][v]: value v (after show-as) of row node r × column node c; null = no rows. */
  cells: (number | null)[][][];
  /** Row counts behind each cell (for drill-down and "n" tooltips). */
  counts: number[][];
  valueLabels: { zh: string; en: string }[];
  /** Rows in the dataset and rows left after the filters. */
  totalRows: number;
  filteredRows: number;
  ms: number;
}

export const pivotIdSchema = z.string().min(1).max(64);

export type SavedAnalysisKind = 'pivot' | 'crosstab' | 'chart';

/** A saved analysis: a pivot, a cross-tab or a chart spec, re-run on today's data wherever it is shown. */
export interface SavedPivot {
  id: string;
  datasetId: string;
  name: string;
  kind: SavedAnalysisKind;
  spec: PivotSpec | CrosstabSpec | SavedChartSpec;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Preference cross-tab
// ---------------------------------------------------------------------------------------------
export const crosstabMeasureSchema = z.discriminatedUnion('kind', [
  /** Rows (orders when the columns come from transactions). */
  z.object({ kind: z.literal('count') }).strict(),
  /** Distinct customers: the join key, or `column` when given. */
  z.object({ kind: z.literal('customers'), column: z.string().min(1).optional() }).strict(),
  z.object({ kind: z.literal('sum'), column: z.string().min(1) }).strict(),
]);
export type CrosstabMeasure = z.infer<typeof crosstabMeasureSchema>;

/** Cells below this base are greyed and left out of preferences unless the spec says otherwise. */
export const DEFAULT_MIN_BASE = 10;
/** |adjusted standardised residual| above this marks a cell ▲/▼ (two-sided 5 % level). */
export const SIGNIFICANT_Z = 1.96;
/** Label of the column that gathers the categories outside the top N. */
export const OTHER_LABEL = '其他';

export const crosstabColSortSchema = z
  .object({
    by: z.enum(['label', 'volume', 'tgi']).default('label'),
    /** Row label whose TGI orders the columns (by = tgi); default the first row. */
    row: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type CrosstabColSort = z.output<typeof crosstabColSortSchema>;

export const crosstabSpecSchema = z
  .object({
    /** Dataset holding the row field (e.g. customers with their segment). */
    datasetId: datasetIdSchema,
    rows: pivotFieldSchema,
    cols: pivotFieldSchema,
    measure: crosstabMeasureSchema.default({ kind: 'count' }),
    /** Transactions in another dataset, joined to the row dataset by a customer key. */
    facts: z
      .object({ datasetId: datasetIdSchema, key: z.string().min(1), rowsKey: z.string().min(1).optional() })
      .strict()
      .optional(),
    /** Filters on the dataset the columns (and measure) come from. */
    filters: z.array(filterSpecSchema).max(64).default([]),
    /** Per row: how many over-indexed columns to name. */
    topPreferences: z.number().int().min(1).max(10).default(3),
    /**
     * Minimum base: a cell resting on fewer fact rows (distinct customers for the customers
     * measure) is greyed and never named as a preference, since a TGI from two orders is noise.
     */
    minCellCount: z.number().int().min(0).max(1_000_000).default(DEFAULT_MIN_BASE),
    /**
     * Keep the N categories with the largest column total of the measure; the rest (and a
     * category literally named 其他) become one 其他 column, always last.
     */
    topCols: z.number().int().min(1).max(500).optional(),
    /** Column order: by label (default), by volume (largest first) or by one row's TGI (highest first). */
    colSort: crosstabColSortSchema.optional(),
  })
  .strict();
export type CrosstabSpec = z.output<typeof crosstabSpecSchema>;
export type CrosstabSpecInput = z.input<typeof crosstabSpecSchema>;

export interface CrosstabCell {
  /** Measure value (count, distinct customers or amount). */
  value: number;
  /** Fact rows behind the cell. */
  count: number;
  rowPct: number | null;
  colPct: number | null;
  totalPct: number | null;
  /** Cell × total ÷ (row total × column total) × 100; null when a total is 0. */
  tgi: number | null;
  /**
   * Adjusted standardised residual (Haberman): the cell against the rest of its row and column.
   * For distinct customers it is computed on the TGI's own (distinct) margins. Null outside the
   * tested part.
   */
  residual: number | null;
  /** What the cell rests on: fact rows, or distinct customers for the customers measure. */
  base: number;
  /** base < the spec's minimum base: greyed, never named as a preference. */
  lowBase: boolean;
  /** ▲ 'up' / ▼ 'down' when |residual| > 1.96 (p < 0.05, two-sided) in the TGI's direction, else null. */
  sig: 'up' | 'down' | null;
}

/** A coded caution on a χ² test, worded once in both languages for every place that shows the test. */
export interface Chi2Warning {
  code: 'CHI2_LOW_EXPECTED' | 'CHI2_EXPECTED_BELOW_ONE';
  /** Tested cells concerned (`cells`) of the cells tested (`of`). */
  cells: number;
  of: number;
  zh: string;
  en: string;
}

export interface Chi2Result {
  statistic: number | null;
  df: number;
  /** Upper-tail probability; may underflow to 0 for huge statistics: use pText / log10P. */
  p: number | null;
  log10P: number | null;
  /** "p = 0.0312", "p < 1e-15". */
  pText: string;
  /** The table tested: the measure itself when it is a count, else the row counts. */
  basis: 'value' | 'count';
  droppedRows: string[];
  droppedCols: string[];
  /** Share of expected counts below 5 (the usual validity warning above 20 %). */
  lowExpectedShare: number;
  /** Tested cells with an expected count below 5, below 1, and all tested cells. */
  lowExpectedCells: number;
  belowOneCells: number;
  cells: number;
  /** Cochran's rule broken (> 20 % of expected counts below 5, or any below 1): coded, in both languages. */
  warnings: Chi2Warning[];
  cramersV: number | null;
}

export interface Preference {
  row: string;
  items: { col: string; tgi: number; value: number }[];
  zh: string;
  en: string;
}

export interface CrosstabResult {
  spec: CrosstabSpec;
  rows: string[];
  cols: string[];
  cells: CrosstabCell[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  chi2: Chi2Result;
  preferences: Preference[];
  /** Fact rows left out: missing row or column label, or no matching customer in the join. */
  excluded: { missingRow: number; missingCol: number; unmatched: number };
  /** Index in `cols` of the 其他 column (top N); null when there is none. */
  otherCol: number | null;
  /** Categories gathered into 其他 (beyond the top N). */
  otherCount: number;
  /** Row order: 'scheme' when the rows follow a saved segmentation's order, else 'label'. */
  rowOrder: 'scheme' | 'label';
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Chart data (the option builders live in shared/charts and are pure)
// ---------------------------------------------------------------------------------------------
export interface ShareData {
  labels: string[];
  counts: number[];
  amounts: number[] | null;
}
export interface TrendData {
  periods: string[];
  series: { name: string; values: number[] }[];
}
export interface DistributionData {
  column: string;
  bins: { from: number; to: number; count: number }[];
  /** Box plot per group (one group "全部/All" without a group column). */
  boxes: { group: string; min: number; q1: number; median: number; q3: number; max: number; n: number; outliers: number[] }[];
}
export interface ScatterData {
  x: string;
  y: string;
  groups: { name: string; points: [number, number][] }[];
  sampled: boolean;
  totalPoints: number;
}
/** The smallest and largest raw value that got a score. */
export interface ScoreRange {
  score: number;
  min: number;
  max: number;
}
export interface HeatmapData {
  rScores: number[];
  fScores: number[];
  /** [rIndex, fIndex, mean M or null, customers] */
  cells: [number, number, number | null, number][];
  /**
   * Raw columns with many values are shown as 1–5 quintile scores (the RFM-8 rule); then the raw
   * range each score stands for, in the order of rScores / fScores. Null when used as it is.
   */
  binned: { r: ScoreRange[] | null; f: ScoreRange[] | null };
}
export interface LorenzData {
  /** Cumulative share of customers (x) and of the amount (y), both 0..1, from the top down. */
  points: [number, number][];
  gini: number;
  /** Share of customers that make 80 % of the amount. */
  top80Share: number;
}

const col = z.string().min(1);

export const chartRequestSchema = z.discriminatedUnion('chart', [
  z.object({ chart: z.literal('share'), datasetId: datasetIdSchema, group: col, amount: col.optional() }).strict(),
  z
    .object({
      chart: z.literal('trend'),
      datasetId: datasetIdSchema,
      date: col,
      amount: col.optional(),
      /** Series column: in this dataset, or in `byDataset` (customers) joined by a customer key. */
      by: col.optional(),
      byDataset: z.object({ datasetId: datasetIdSchema, key: col, factsKey: col.optional() }).strict().optional(),
      period: z.enum(DATE_GROUPS).default('month'),
    })
    .strict(),
  z.object({ chart: z.literal('distribution'), datasetId: datasetIdSchema, column: col, group: col.optional(), bins: z.number().int().min(2).max(200).default(20) }).strict(),
  z.object({ chart: z.literal('scatter'), datasetId: datasetIdSchema, x: col, y: col, group: col.optional(), maxPoints: z.number().int().min(100).max(100_000).default(5000) }).strict(),
  z.object({ chart: z.literal('rfmHeatmap'), datasetId: datasetIdSchema, r: col, f: col, m: col }).strict(),
  z.object({ chart: z.literal('lorenz'), datasetId: datasetIdSchema, amount: col }).strict(),
]);
export type ChartRequest = z.output<typeof chartRequestSchema>;

/** The chart views of the charts screen; each reads one kind of chart data. */
export const CHART_KINDS = ['shareBar', 'sharePie', 'trend', 'histogram', 'boxPlot', 'scatter', 'rfmHeatmap', 'lorenz'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A saved chart: which view, the data request and, for share charts, count or amount. */
export const savedChartSpecSchema = z
  .object({
    kind: z.enum(CHART_KINDS),
    request: chartRequestSchema,
    metric: z.enum(['count', 'amount']).default('count'),
  })
  .strict();
export type SavedChartSpec = z.output<typeof savedChartSpecSchema>;

export type ChartData =
  | { chart: 'share'; data: ShareData }
  | { chart: 'trend'; data: TrendData }
  | { chart: 'distribution'; data: DistributionData }
  | { chart: 'scatter'; data: ScatterData }
  | { chart: 'rfmHeatmap'; data: HeatmapData }
  | { chart: 'lorenz'; data: LorenzData };

// ---------------------------------------------------------------------------------------------

const pivotRunSchema = z.object({ datasetId: datasetIdSchema, spec: pivotSpecSchema }).strict();

export const analyzeContract = {
  'pivots.run': method(pivotRunSchema, result<PivotResult>(), { long: true }),
  /** The filters that select the rows behind one cell (spec filters + the cell's row and column path). */
  'pivots.drill': method(
    pivotRunSchema.extend({ rowPath: z.array(z.string()).max(8), colPath: z.array(z.string()).max(8) }).strict(),
    result<{ datasetId: string; filters: FilterSpec[]; rowCount: number }>(),
  ),
  'pivots.save': method(
    z
      .object({
        id: pivotIdSchema.optional(),
        name: z.string().trim().min(1).max(200),
        datasetId: datasetIdSchema,
        pivot: pivotSpecSchema.optional(),
        crosstab: crosstabSpecSchema.optional(),
        chart: savedChartSpecSchema.optional(),
      })
      .strict(),
    result<SavedPivot>(),
  ),
  'pivots.list': method(z.object({ datasetId: datasetIdSchema.optional() }).strict(), result<SavedPivot[]>()),
  'pivots.get': method(z.object({ id: pivotIdSchema }).strict(), result<SavedPivot>()),
  'pivots.remove': method(z.object({ id: pivotIdSchema }).strict(), result<{ removed: boolean }>()),
  /** Writes a pivot's result as CSV (UTF-8 with BOM, opens in Excel) or its spec as JSON. */
  'pivots.export': method(
    z.object({ datasetId: datasetIdSchema, spec: pivotSpecSchema, path: z.string().min(1), format: z.enum(['csv', 'json']) }).strict(),
    result<{ path: string; bytes: number }>(),
  ),
  'crosstab.run': method(crosstabSpecSchema, result<CrosstabResult>(), { long: true }),
  'charts.data': method(chartRequestSchema, result<ChartData>(), { long: true }),
};
