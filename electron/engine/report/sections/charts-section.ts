import type ExcelJS from 'exceljs';
import { groupName } from '../../../../shared/charts/chart-text';
import type { CellValue } from '../../../../shared/contract/json';
import { WidthTracker } from '../column-width';
import { sheetRange, type NativeChart, type NativeChartKind } from '../native-charts/chart-model';
import type { ReportContext, ReportSection } from '../report-context';
import type { ReportChartItem } from '../report-inputs';
import { fill, t, type ReportLang } from '../report-text';
import { applyWidths, TITLE_FONT, writeTable } from '../sheet-style';

const CHART_COLS = 9;
const CHART_ROWS = 18;

const WORDS = {
  label: { zh: '类别', en: 'Category' },
  customers: { zh: '客户数', en: 'Customers' },
  amount: { zh: '金额', en: 'Amount' },
  share: { zh: '占比', en: 'Share' },
  period: { zh: '期间', en: 'Period' },
  bin: { zh: '区间', en: 'Range' },
  count: { zh: '数量', en: 'Count' },
  group: { zh: '分组', en: 'Group' },
  cumCustomers: { zh: '客户累计占比', en: 'Cumulative share of customers' },
  cumAmount: { zh: '金额累计占比', en: 'Cumulative share of amount' },
  source: { zh: '数据：{source}', en: 'Data: {source}' },
  noNative: { zh: '此类图表在 Excel 中没有对应的原生图表，仅列出数据。', en: 'Excel has no native chart of this kind; the data is listed.' },
  sampled: { zh: '散点为抽样的 {n} / {total} 个点。', en: 'A sample of {n} of {total} points.' },
  gini: { zh: '基尼系数 {g}；前 {p} 的客户贡献了 80% 的金额。', en: 'Gini {g}; the top {p} of customers make 80% of the amount.' },
  min: { zh: '最小值', en: 'Min' },
  q1: { zh: '下四分位', en: 'Q1' },
  median: { zh: '中位数', en: 'Median' },
  q3: { zh: '上四分位', en: 'Q3' },
  max: { zh: '最大值', en: 'Max' },
  n: { zh: '个数', en: 'n' },
} as const;

const w = (k: keyof typeof WORDS, lang: ReportLang, vars: Record<string, string | number> = {}): string => fill(WORDS[k], lang, vars);

interface Laid {
  /** Rows of the data table, header first. */
  header: string[];
  rows: CellValue[][];
  numFmts: (string | undefined)[];
  /** The chart over the table, from its (1-based) first data row; null when Excel has none. */
  chart: ((ws: ExcelJS.Worksheet, first: number) => Omit<NativeChart, 'font' | 'title'>) | null;
  notes: string[];
}

/** Column series over a written table: categories in column 1, values in `col`. */
function columnSeries(ws: ExcelJS.Worksheet, first: number, rows: CellValue[][], header: string[], col: number) {
  const last = first + rows.length - 1;
  return {
    name: header[col - 1]!,
    nameRef: sheetRange(ws.name, col, first - 1, col, first - 1),
    catRef: sheetRange(ws.name, 1, first, 1, last),
    cats: rows.map((r) => String(r[0] ?? '')),
    valRef: sheetRange(ws.name, col, first, col, last),
    vals: rows.map((r) => (typeof r[col - 1] === 'number' ? (r[col - 1] as number) : null)),
  };
}

/** A saved chart's data as a table on the sheet, plus the native chart bound to it. */
function layOut(item: ReportChartItem, lang: ReportLang): Laid {
  const d = item.data;
  switch (d.chart) {
    case 'share': {
      const amount = item.spec.metric === 'amount' && d.data.amounts !== null;
      const values = amount ? d.data.amounts! : d.data.counts;
      const total = values.reduce((s, v) => s + v, 0);
      const header = [w('label', lang), w(amount ? 'amount' : 'customers', lang), w('share', lang)];
      const rows = d.data.labels.map((l, i) => [l, values[i] ?? 0, total > 0 ? (values[i] ?? 0) / total : null]);
      const kind: NativeChartKind = item.spec.kind === 'sharePie' ? 'doughnut' : 'column';
      return {
        header,
        rows,
        numFmts: [undefined, amount ? '#,##0.00' : '#,##0', '0.0%'],
        chart: (ws, first) => ({ kind, series: [columnSeries(ws, first, rows, header, kind === 'doughnut' ? 3 : 2)], valueFormat: kind === 'doughnut' ? '0.0%' : '#,##0', showValues: true }),
        notes: [],
      };
    }
    case 'trend': {
      const header = [w('period', lang), ...d.data.series.map((s) => groupName(s.name, lang))];
      const rows = d.data.periods.map((p, i) => [p, ...d.data.series.map((s) => s.values[i] ?? null)]);
      return {
        header,
        rows,
        numFmts: [undefined, ...d.data.series.map(() => '#,##0.00')],
        chart: (ws, first) => ({ kind: 'line', series: d.data.series.map((_, j) => columnSeries(ws, first, rows, header, j + 2)), valueFormat: '#,##0' }),
        notes: [],
      };
    }
    case 'distribution': {
      if (item.spec.kind === 'boxPlot') {
        const header = [w('group', lang), w('min', lang), w('q1', lang), w('median', lang), w('q3', lang), w('max', lang), w('n', lang)];
        const rows = d.data.boxes.map((b) => [groupName(b.group, lang), b.min, b.q1, b.median, b.q3, b.max, b.n]);
        return { header, rows, numFmts: [undefined, '#,##0.00', '#,##0.00', '#,##0.00', '#,##0.00', '#,##0.00', '#,##0'], chart: null, notes: [w('noNative', lang)] };
      }
      const header = [w('bin', lang), w('count', lang)];
      const rows = d.data.bins.map((b) => [`${fmt(b.from)}–${fmt(b.to)}`, b.count]);
      return { header, rows, numFmts: [undefined, '#,##0'], chart: (ws, first) => ({ kind: 'column', series: [columnSeries(ws, first, rows, header, 2)], valueFormat: '#,##0' }), notes: [] };
    }
    case 'scatter': {
      const header = [w('group', lang), d.data.x, d.data.y];
      const rows = d.data.groups.flatMap((g) => g.points.map(([x, y]) => [groupName(g.name, lang), x, y]));
      const notes = d.data.sampled ? [w('sampled', lang, { n: rows.length, total: d.data.totalPoints })] : [];
      return {
        header,
        rows,
        numFmts: [undefined, '#,##0.00', '#,##0.00'],
        chart: (ws, first) => {
          let at = first;
          const series = d.data.groups.map((g) => {
            const from = at;
            at += g.points.length;
            return {
              name: groupName(g.name, lang),
              xRef: sheetRange(ws.name, 2, from, 2, at - 1),
              xVals: g.points.map((p) => p[0]),
              valRef: sheetRange(ws.name, 3, from, 3, at - 1),
              vals: g.points.map((p) => p[1]),
            };
          });
          return { kind: 'scatter', series: series.filter((s) => s.vals.length > 0), xTitle: d.data.x, yTitle: d.data.y };
        },
        notes,
      };
    }
    case 'lorenz': {
      const header = [w('cumCustomers', lang), w('cumAmount', lang)];
      const rows = d.data.points.map(([x, y]) => [x, y]);
      return {
        header,
        rows,
        numFmts: ['0.0%', '0.0%'],
        chart: (ws, first) => ({
          kind: 'scatter',
          series: [{ name: header[1]!, xRef: sheetRange(ws.name, 1, first, 1, first + rows.length - 1), xVals: rows.map((r) => r[0] as number), valRef: sheetRange(ws.name, 2, first, 2, first + rows.length - 1), vals: rows.map((r) => r[1] as number) }],
          valueFormat: '0%',
          xTitle: header[0],
          yTitle: header[1],
        }),
        notes: [w('gini', lang, { g: d.data.gini.toFixed(3), p: `${(d.data.top80Share * 100).toFixed(1)}%` })],
      };
    }
    case 'rfmHeatmap': {
      const header = ['R \\ F', ...d.data.fScores.map(String)];
      const rows = d.data.rScores.map((r, i) => [String(r), ...d.data.fScores.map((_, j) => d.data.cells.find((c) => c[0] === i && c[1] === j)?.[2] ?? null)]);
      return { header, rows, numFmts: [undefined, ...d.data.fScores.map(() => '#,##0.00')], chart: null, notes: [w('noNative', lang)] };
    }
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** 图表: every saved chart chosen, its data as a table and a native chart bound to that table. */
export const chartsSection: ReportSection = {
  sheet: 'charts',
  write(ctx: ReportContext): void {
    const { lang, inputs } = ctx;
    if (inputs.charts.length === 0) return;
    const ws = ctx.addSheet(t('charts', lang));
    const widths = new WidthTracker([]);
    let row = 1;
    for (const item of inputs.charts) {
      ws.getCell(row, 1).value = item.title;
      ws.getCell(row, 1).font = TITLE_FONT;
      ws.getCell(row + 1, 1).value = w('source', lang, { source: item.source });
      const laid = layOut(item, lang);
      const start = row + 3;
      let end = writeTable(ws, start, { headers: laid.header, rows: laid.rows, numFmts: laid.numFmts }, widths);
      for (const note of laid.notes) ws.getCell(end++ - 1, 1).value = note;
      if (laid.chart && laid.rows.length > 0) {
        const chart = laid.chart(ws, start + 1);
        // Beside its table, so the table and the chart print together.
        ctx.charts.place(ws, { col: laid.header.length + 1, row: start - 1, cols: CHART_COLS, rows: CHART_ROWS }, { ...chart, title: item.title, font: ctx.chartFont });
      }
      row = Math.max(end, start + CHART_ROWS + 1) + 1;
    }
    applyWidths(ws, widths);
  },
};
