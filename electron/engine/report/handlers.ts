import { extname } from 'node:path';
import { REPORT_SHEETS } from '../../../shared/contract/exports';
import { renderCrosstab } from '../analyze/crosstab-render';
import { pivotTable } from '../analyze/pivot-export';
import { runPivot } from '../analyze/pivot';
import type { EngineHandlers } from '../host/context';
import { outputGuard } from '../files/output-file';
import { getSegmentation } from '../store/segmentation-store';
import { detectCjkFont } from './cjk-font';
import { exportDataset } from './dataset-export';
import { inLanguage } from './engine-texts';
import { collectReportData } from './report-data';
import { buildReportInputs } from './report-inputs';
import { recordReport } from './report-log-store';
import { recordWrittenFile } from './written-files';

/** The format asked for, else the one the file name says (.csv), else xlsx. */
function formatOf(path: string, format: 'xlsx' | 'csv' | undefined): 'xlsx' | 'csv' {
  return format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
}

export const reportHandlers = {
  'exports.dataset': async (p, ctx) => {
    ctx.requirePath(p.path, 'write');
    const store = ctx.store();
    // The grid's own view, so the file holds exactly the rows the view shows, in its order.
    const result = await exportDataset(
      store,
      {
        datasetId: p.datasetId,
        path: p.path,
        format: formatOf(p.path, p.format),
        encoding: p.encoding,
        ...(p.columns ? { columns: p.columns } : {}),
        filters: p.filters,
        sort: p.sort,
      },
      ctx,
      outputGuard(ctx),
    );
    recordWrittenFile(result.path);
    return result;
  },
  'exports.pivot': async (p, ctx) => {
    ctx.requirePath(p.path, 'write');
    const store = ctx.store();
    const ds = store.getDataset(p.datasetId);
    const result = await runPivot(store, p.datasetId, p.spec, { checkpoint: () => ctx.checkpoint(), progress: (d, t, l) => ctx.progress(d, t, l) });
    const { exportTable } = await import('./matrix-export');
    const written = await exportTable(pivotTable(result, p.lang), {
      path: p.path,
      guard: outputGuard(ctx),
      format: formatOf(p.path, p.format),
      encoding: p.encoding,
      sheetName: p.lang === 'zh' ? `透视表 ${ds.name}` : `Pivot ${ds.name}`,
    });
    recordWrittenFile(written.path);
    return written;
  },
  'exports.crosstab': async (p, ctx) => {
    ctx.requirePath(p.path, 'write');
    const store = ctx.store();
    const ds = store.getDataset(p.spec.datasetId);
    const title = p.lang === 'zh' ? `偏好交叉表：${ds.name}` : `Cross-tab: ${ds.name}`;
    // The screen's builder: the file holds exactly the cells the cross-tab view shows.
    const { table } = await renderCrosstab(store, p.spec, p.lang, { title }, () => ctx.checkpoint(), (d, t, l) => ctx.progress(d, t, l));
    const { exportCrosstab } = await import('./matrix-export');
    const written = await exportCrosstab(table, p.lang === 'zh' ? '细分' : 'Segment', {
      path: p.path,
      guard: outputGuard(ctx),
      format: formatOf(p.path, p.format),
      encoding: p.encoding,
      sheetName: p.lang === 'zh' ? '偏好交叉表' : 'Cross-tab',
    });
    recordWrittenFile(written.path);
    return written;
  },
  'exports.report': async (p, ctx) => {
    ctx.requirePath(p.path, 'write');
    const store = ctx.store();
    const seg = getSegmentation(store, p.segmentationId);
    const collected = collectReportData(store, seg);
    // Default actions the engine wrote in Chinese read in the report's language.
    const data = { ...collected, segments: collected.segments.map((s) => ({ ...s, action: inLanguage(s.action, p.lang) })) };
    const sheets = p.sheets ?? [...REPORT_SHEETS];
    const inputs = await buildReportInputs(store, data, { sheets, crosstab: p.crosstab, analyses: p.analyses, compareWith: p.compareWith, models: p.models }, p.lang, ctx);
    inputs.cards = inputs.cards.map((c) => ({ ...c, needs: inLanguage(c.needs, p.lang) ?? '' }));
    // The writers load ExcelJS and ECharts, which cost about a second: only when a report is written.
    const { writeSegmentationReport } = await import('./segmentation-report');
    const written = await writeSegmentationReport(store, data, inputs, p.path, p.lang, sheets, p.charts, ctx, outputGuard(ctx));
    recordWrittenFile(p.path);
    recordReport(store, { segmentationId: seg.id, segmentationName: seg.name, path: p.path, lang: p.lang, sheets, customers: data.customers });
    return {
      path: p.path,
      sheets: written.sheets,
      images: written.images,
      charts: written.charts,
      choices: inputs.choices,
      customers: data.customers,
      fonts: detectCjkFont(),
      warnings: written.warnings,
    };
  },
} satisfies Pick<EngineHandlers, 'exports.dataset' | 'exports.pivot' | 'exports.crosstab' | 'exports.report'>;
