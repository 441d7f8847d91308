import { extname } from 'node:path';
import { REPORT_SHEETS } from '../../../shared/contract/exports';
import type { EngineHandlers } from '../host/context';
import { getSegmentation } from '../store/segmentation-store';
import { detectCjkFont } from './chart-image';
import { exportDataset } from './dataset-export';
import { collectReportData } from './report-data';
import { buildReportExtras } from './report-extras';
import { writeSegmentationReport } from './segmentation-report';

export const reportHandlers = {
  'exports.dataset': async (p, ctx) => {
    const format = p.format ?? (extname(p.path).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
    return exportDataset(ctx.store(), { datasetId: p.datasetId, path: p.path, format, encoding: p.encoding, ...(p.columns ? { columns: p.columns } : {}) }, ctx);
  },
  'exports.report': async (p, ctx) => {
    const store = ctx.store();
    const seg = getSegmentation(store, p.segmentationId);
    const data = collectReportData(store, seg);
    const sheets = p.sheets ?? [...REPORT_SHEETS];
    const extras = await buildReportExtras(store, data, p, p.lang);
    const written = await writeSegmentationReport(store, data, p.path, p.lang, sheets, extras, ctx);
    return {
      path: p.path,
      sheets: written.sheets,
      images: written.images,
      customers: data.customers,
      fonts: detectCjkFont(),
      warnings: written.warnings,
    };
  },
} satisfies Pick<EngineHandlers, 'exports.dataset' | 'exports.report'>;
