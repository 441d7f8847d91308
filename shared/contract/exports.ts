import { z } from 'zod';
import { crosstabSpecSchema, pivotIdSchema, pivotSpecSchema } from './analyze';
import { modelIdSchema } from './models';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { filterSpecSchema, MAX_FILTERS, MAX_SORT_COLUMNS, sortSpecSchema } from './rows';
import { segmentationIdSchema } from './segmentations';

export const REPORT_SHEETS = ['overview', 'profiles', 'clv', 'actions', 'customers', 'crosstab', 'pivots', 'charts', 'migration', 'models', 'method'] as const;
export type ReportSheet = (typeof REPORT_SHEETS)[number];

/**
 * The report's own preference cross-tab: a cross-tab spec whose rows are the segmentation (so
 * the dataset and row field come from it). Absent, the report picks defaults and says which.
 */
export const reportCrosstabSchema = crosstabSpecSchema.omit({ datasetId: true, rows: true }).strict();
export type ReportCrosstab = z.output<typeof reportCrosstabSchema>;
export type ReportCrosstabInput = z.input<typeof reportCrosstabSchema>;

/** Native Excel charts bound to the sheet's cells (default), or pictures of the same charts. */
export const REPORT_CHART_MODES = ['native', 'images'] as const;
export type ReportChartMode = (typeof REPORT_CHART_MODES)[number];

export interface ExportResult {
  path: string;
  rows: number;
  sheets: number;
  format: 'xlsx' | 'csv';
}

export interface ReportResult {
  path: string;
  sheets: string[];
  /** Charts written as pictures (the fallback) and as native Excel charts. */
  images: number;
  charts: number;
  /** What the report chose by itself (quick defaults), in the report's language. */
  choices: string[];
  customers: number;
  /** Fonts the chart images asked for and whether this machine had a CJK font. */
  fonts: { family: string; cjkAvailable: boolean };
  warnings: string[];
}

export interface DownloadTicket {
  ticket: string;
  expiresInMs: number;
}

const csvEncodingSchema = z.enum(['utf-8-bom', 'utf-8', 'gb18030']).default('utf-8-bom');

export const exportsContract = {
  'exports.dataset': method(
    z
      .object({
        datasetId: datasetIdSchema,
        path: z.string().min(1).max(4096),
        format: z.enum(['xlsx', 'csv']).optional(),
        encoding: csvEncodingSchema,
        columns: z.array(z.string().min(1)).max(16_384).optional(),
        /** The grid view being exported: the same sort and filters as rows.page. */
        sort: z.array(sortSpecSchema).max(MAX_SORT_COLUMNS).default([]),
        filters: z.array(filterSpecSchema).max(MAX_FILTERS).default([]),
      })
      .strict(),
    result<ExportResult>(),
    { long: true },
  ),
  /** A pivot result as a styled sheet (.xlsx) or a table (.csv). */
  'exports.pivot': method(
    z
      .object({
        datasetId: datasetIdSchema,
        spec: pivotSpecSchema,
        path: z.string().min(1).max(4096),
        format: z.enum(['xlsx', 'csv']).optional(),
        encoding: csvEncodingSchema,
        lang: z.enum(['zh', 'en']).default('zh'),
      })
      .strict(),
    result<ExportResult>(),
    { long: true },
  ),
  /** A cross-tab result: value, row % and TGI blocks with the χ² line. */
  'exports.crosstab': method(
    z
      .object({
        spec: crosstabSpecSchema,
        path: z.string().min(1).max(4096),
        format: z.enum(['xlsx', 'csv']).optional(),
        encoding: csvEncodingSchema,
        lang: z.enum(['zh', 'en']).default('zh'),
      })
      .strict(),
    result<ExportResult>(),
    { long: true },
  ),
  'exports.report': method(
    z
      .object({
        segmentationId: segmentationIdSchema,
        path: z.string().min(1).max(4096),
        lang: z.enum(['zh', 'en']).default('zh'),
        sheets: z.array(z.enum(REPORT_SHEETS)).min(1).optional(),
        /** The preference cross-tab of the segmentation (typed spec); absent: sensible defaults. */
        crosstab: reportCrosstabSchema.optional(),
        /**
         * Saved analyses (pivots, cross-tabs, charts) to include, in this order, rendered by the
         * same builders as the screen. Absent: every analysis saved on the segmented dataset.
         */
        analyses: z.array(pivotIdSchema).max(100).optional(),
        /** Compare with an earlier segmentation of the same customers (migration sheet). */
        compareWith: segmentationIdSchema.optional(),
        charts: z.enum(REPORT_CHART_MODES).default('native'),
        /** Models for the 模型说明 sheet (default: trees explaining this segmentation, factor models of its dataset). */
        models: z.array(modelIdSchema).max(20).optional(),
      })
      .strict(),
    result<ReportResult>(),
    { long: true },
  ),
  /**
   * Browser mode: a one-time ticket (valid 60 s) for downloading a file this engine wrote in this
   * session; the page opens `/download?ticket=…`. No standing credential goes into the URL.
   */
  'exports.downloadTicket': method(z.object({ path: z.string().min(1).max(4096) }).strict(), result<DownloadTicket>()),
};
