import { extname } from 'node:path';
import { REPORT_SHEETS } from '../../../shared/contract/exports';
import { runCrosstab } from '../analyze/crosstab';
import { pivotTable } from '../analyze/pivot-export';
import { runPivot } from '../analyze/pivot';
import type { EngineHandlers } from '../host/context';
import { resolveDataset } from '../rows/dataset-ref';
import { buildWhere } from '../rows/filter-sql';
import { viewOrderSql } from '../rows/view-cache';
import { getSegmentation } from '../store/segmentation-store';
import { detectCjkFont } from './chart-image';
import { crosstabMatrix } from './crosstab-matrix';
import { exportDataset } from './dataset-export';
import { exportMatrix, exportTable } from './matrix-export';
import { collectReportData } from './report-data';
import { buildReportExtras } from './report-extras';
import { writeSegmentationReport } from './segmentation-report';
import { recordReport } from './report-log-store';
import { recordWrittenFile } from './written-files';

/** The format asked for, else the one the file name says (.csv), else xlsx. */
function formatOf(path: string, format: 'xlsx' | 'csv' | undefined): 'xlsx' | 'csv' {
  return format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
}

export const reportHandlers = {
  'exports.dataset': async (p, ctx) => {
    const store = ctx.store();
    const ref = resolveDataset(store, p.datasetId);
    // The grid's own query builder, so the file holds exactly the rows the view shows, in its order.
    const where = p.filters.length > 0 ? buildWhere(ref, p.filters) : undefined;
    const orderBy = p.sort.length > 0 ? viewOrderSql(ref, p.sort) : undefined;
    const result = await exportDataset(
      store,
      {
        datasetId: p.datasetId,
        path: p.path,
        format: formatOf(p.path, p.format),
        encoding: p.encoding,
        ...(p.columns ? { columns: p.columns } : {}),
        ...(where ? { where } : {}),
        ...(orderBy ? { orderBy } : {}),
      },
      ctx,
    );
    recordWrittenFile(result.path);
    return result;
  },
  'exports.pivot': async (p, ctx) => {
    const store = ctx.store();
    const ds = store.getDataset(p.datasetId);
    const result = await runPivot(store, p.datasetId, p.spec, { checkpoint: () => ctx.checkpoint(), progress: (d, t, l) => ctx.progress(d, t, l) });
    const written = await exportTable(pivotTable(result, p.lang), {
      path: p.path,
      format: formatOf(p.path, p.format),
      encoding: p.encoding,
      sheetName: p.lang === 'zh' ? `透视表 ${ds.name}` : `Pivot ${ds.name}`,
    });
    recordWrittenFile(written.path);
    return written;
  },
  'exports.crosstab': async (p, ctx) => {
    const store = ctx.store();
    const ds = store.getDataset(p.spec.datasetId);
    const result = await runCrosstab(store, p.spec, () => ctx.checkpoint(), (d, t, l) => ctx.progress(d, t, l));
    const title = p.lang === 'zh' ? `偏好交叉表：${ds.name}` : `Cross-tab: ${ds.name}`;
    const written = await exportMatrix(
      crosstabMatrix(result, title, p.lang),
      { path: p.path, format: formatOf(p.path, p.format), encoding: p.encoding, sheetName: p.lang === 'zh' ? '偏好交叉表' : 'Cross-tab' },
      p.lang,
    );
    recordWrittenFile(written.path);
    return written;
  },
  'exports.report': async (p, ctx) => {
    const store = ctx.store();
    const seg = getSegmentation(store, p.segmentationId);
    const data = collectReportData(store, seg);
    const sheets = p.sheets ?? [...REPORT_SHEETS];
    const extras = await buildReportExtras(store, data, p, p.lang);
    const written = await writeSegmentationReport(store, data, p.path, p.lang, sheets, extras, ctx);
    recordWrittenFile(p.path);
    recordReport(store, { segmentationId: seg.id, segmentationName: seg.name, path: p.path, lang: p.lang, sheets, customers: data.customers });
    return {
      path: p.path,
      sheets: written.sheets,
      images: written.images,
      customers: data.customers,
      fonts: detectCjkFont(),
      warnings: written.warnings,
    };
  },
} satisfies Pick<EngineHandlers, 'exports.dataset' | 'exports.pivot' | 'exports.crosstab' | 'exports.report'>;
