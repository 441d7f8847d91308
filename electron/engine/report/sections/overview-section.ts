import type { CellValue } from '../../../../shared/contract/json';
import { APP_VERSION } from '../../../../shared/version';
import { WidthTracker } from '../column-width';
import { describeSource, methodName } from '../method-text';
import { sheetRange, type NativeChart } from '../native-charts/chart-model';
import type { ReportContext, ReportSection } from '../report-context';
import { localDateTime } from '../report-dates';
import { paren, t } from '../report-text';
import { applyWidths, TITLE_FONT, writeTable } from '../sheet-style';

const KPI_START = 10;
/** Each chart spans this many columns and rows; two charts per band. */
const CHART_COLS = 8;
const CHART_ROWS = 18;

/**
 * 概览: the scheme in one block, the KPI table per segment (in the scheme's order), the profile
 * index table, and the charts bound to those tables (native Excel charts by default).
 */
export const overviewSection: ReportSection = {
  sheet: 'overview',
  write(ctx: ReportContext): void {
    const { data, lang } = ctx;
    const ws = ctx.addSheet(t('overview', lang));
    ws.getCell('A1').value = `${t('title', lang)} — ${data.segmentation.name}`;
    ws.getCell('A1').font = TITLE_FONT;
    const source = describeSource(data.dataset, lang);
    const info: [string, CellValue][] = [
      [t('source', lang), source ? `${data.dataset.name}${paren(source, lang)}` : data.dataset.name],
      [t('generated', lang), localDateTime(new Date(), lang)],
      [t('customerCount', lang), data.customers],
      [t('scheme', lang), `${data.segmentation.name}${paren(methodName(data.segmentation.method, lang), lang)}`],
      [t('software', lang), `${t('softwareName', lang)} ${APP_VERSION}`],
    ];
    info.forEach(([k, v], i) => {
      ws.getCell(3 + i, 1).value = k;
      ws.getCell(3 + i, 1).font = { bold: true };
      ws.getCell(3 + i, 2).value = v;
    });
    const widths = new WidthTracker([]);
    const metrics = data.metrics.slice(0, 8);
    const headers = [t('segment', lang), t('count', lang), t('share', lang), t('revenue', lang), t('revenueShare', lang), ...metrics.map((m) => `${m.name} ${t('mean', lang)}`)];
    const rows: CellValue[][] = data.segments.map((s) => [s.name, s.count, s.share, s.revenue, s.revenueShare, ...metrics.map((m) => s.means[m.key] ?? null)]);
    let after = writeTable(ws, KPI_START, { headers, rows, numFmts: [undefined, '#,##0', '0.0%', '¥#,##0.00', '0.0%', ...metrics.map(() => '#,##0.00')] }, widths);
    ws.views = [{ state: 'frozen', ySplit: KPI_START }];
    // The index table feeds the radar chart: each metric's segment mean ÷ overall mean × 100.
    const radarMetrics = data.metrics.slice(0, 6);
    const indexStart = after;
    if (radarMetrics.length > 0) {
      ws.getCell(indexStart, 1).value = t('indexTable', lang);
      ws.getCell(indexStart, 1).font = { bold: true };
      const indexRows: CellValue[][] = data.segments.map((s) => [
        s.name,
        ...radarMetrics.map((m) => {
          const avg = data.overallMeans[m.key];
          const v = s.means[m.key];
          return avg && v !== null && v !== undefined ? Math.round((v / avg) * 100) : null;
        }),
      ]);
      after = writeTable(ws, indexStart + 1, { headers: [t('segment', lang), ...radarMetrics.map((m) => m.name)], rows: indexRows, numFmts: [undefined, ...radarMetrics.map(() => '0')] }, widths);
    }
    widths.see(0, String(info[0]?.[0] ?? ''));
    applyWidths(ws, widths);
    ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 16);
    ws.getColumn(2).width = Math.max(ws.getColumn(2).width ?? 10, 14);

    const n = data.segments.length;
    if (n === 0) return;
    const first = KPI_START + 1;
    const last = KPI_START + n;
    const names = data.segments.map((s) => s.name);
    const cats = sheetRange(ws.name, 1, first, 1, last);
    const series = (col: number, vals: (number | null)[]) => ({
      name: headers[col - 1]!,
      nameRef: sheetRange(ws.name, col, KPI_START, col, KPI_START),
      catRef: cats,
      cats: names,
      valRef: sheetRange(ws.name, col, first, col, last),
      vals,
    });
    const font = ctx.chartFont;
    const charts: NativeChart[] = [
      { kind: 'column' , title: t('chartCount', lang), series: [series(2, data.segments.map((s) => s.count))], valueFormat: '#,##0', showValues: true, font },
      { kind: 'doughnut' , title: t('chartShare', lang), series: [series(3, data.segments.map((s) => s.share))], valueFormat: '0.0%', showValues: true, font },
    ];
    if (data.revenueColumn) {
      charts.push(
        { kind: 'column' , title: t('chartRevenue', lang), series: [series(4, data.segments.map((s) => s.revenue))], valueFormat: '#,##0', showValues: true, font },
        { kind: 'column' , title: t('chartRevenueShare', lang), series: [series(3, data.segments.map((s) => s.share)), series(5, data.segments.map((s) => s.revenueShare))], valueFormat: '0%', showValues: false, font },
      );
    }
    if (radarMetrics.length > 0) {
      const top = indexStart + 1;
      charts.push({
        kind: 'radar' ,
        title: t('chartIndex', lang),
        series: data.segments.slice(0, 10).map((s, i) => ({
          name: s.name,
          nameRef: sheetRange(ws.name, 1, top + 1 + i, 1, top + 1 + i),
          catRef: sheetRange(ws.name, 2, top, 1 + radarMetrics.length, top),
          cats: radarMetrics.map((m) => m.name),
          valRef: sheetRange(ws.name, 2, top + 1 + i, 1 + radarMetrics.length, top + 1 + i),
          vals: radarMetrics.map((m) => {
            const avg = data.overallMeans[m.key];
            const v = s.means[m.key];
            return avg && v !== null && v !== undefined ? Math.round((v / avg) * 100) : null;
          }),
        })),
        valueFormat: '0',
        showValues: false,
        font,
      });
      const m0 = metrics[0]!;
      charts.push({ kind: 'column' , title: `${t('chartMeans', lang)}${lang === 'zh' ? '：' : ': '}${m0.name}`, series: [series(6, data.segments.map((s) => s.means[m0.key] ?? null))], valueFormat: '#,##0.00', showValues: true, font });
    }
    charts.forEach((chart, i) => {
      const row = after + Math.floor(i / 2) * (CHART_ROWS + 1);
      // A printed page break above each later band of charts, so no chart is cut in two on paper.
      if (i > 0 && i % 2 === 0) ws.getRow(row).addPageBreak();
      ctx.charts.place(ws, { col: (i % 2) * CHART_COLS, row, cols: CHART_COLS, rows: CHART_ROWS }, chart);
    });
  },
};
