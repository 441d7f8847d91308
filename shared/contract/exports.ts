import { z } from 'zod';
import { modelIdSchema } from './models';
import { crosstabSpecSchema, pivotSpecSchema } from './analyze';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { filterSpecSchema, MAX_FILTERS, MAX_SORT_COLUMNS, sortSpecSchema } from './rows';
import { segmentationIdSchema } from './segmentations';

export const REPORT_SHEETS = ['overview', 'profiles', 'customers', 'crosstab', 'pivots', 'migration', 'models', 'method'] as const;
export type ReportSheet = (typeof REPORT_SHEETS)[number];

export interface ExportResult {
  path: string;
  rows: number;
  sheets: number;
  format: 'xlsx' | 'csv';
}

export interface ReportResult {
  path: string;
  sheets: string[];
  images: number;
  customers: number;
  /** Fonts the chart images asked for and whether this machine had a CJK font. */
  fonts: { family: string; cjkAvailable: boolean };
  warnings: string[];
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
        /** Optional preference cross-tab: a category column (in this dataset or a facts dataset joined by key). */
        crosstab: z
          .object({
            cols: z.string().min(1),
            factsDatasetId: datasetIdSchema.optional(),
            join: z.string().min(1).optional(),
            measure: z.string().min(1).default('count'),
          })
          .strict()
          .optional(),
        /** Compare with an earlier segmentation of the same customers (migration sheet). */
        compareWith: segmentationIdSchema.optional(),
        /** Models for the 模型说明 sheet (default: trees explaining this segmentation, factor models of its dataset). */
        models: z.array(modelIdSchema).max(20).optional(),
      })
      .strict(),
    result<ReportResult>(),
    { long: true },
  ),
};
