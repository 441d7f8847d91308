import { CHART_KINDS, type ChartData, type ChartKind, type ChartRequest, type DateGroup } from '../../../../shared/contract/analyze';
import { boxPlot, histogram, lorenzCurve, rfmHeatmap, scatterPlot, segmentShareBar, segmentSharePie, trendLines, type ChartLang, type ChartOption, type ShareLabels } from '../../../../shared/charts/index';

export { CHART_KINDS, type ChartKind };

/** Column choices of the chart form (column keys; '' = not chosen). */
export interface ChartForm {
  group: string;
  amount: string;
  metric: 'count' | 'amount';
  date: string;
  period: DateGroup;
  by: string;
  /** Customers dataset holding `by` (a segment) for a trend of transactions; '' = this dataset. */
  byDataset: string;
  byKey: string;
  factsKey: string;
  column: string;
  x: string;
  y: string;
  r: string;
  f: string;
  m: string;
}

/** Which fields each chart needs (required) or can use (optional). */
export const FIELDS: Record<ChartKind, { required: (keyof ChartForm)[]; optional: (keyof ChartForm)[] }> = {
  shareBar: { required: ['group'], optional: ['amount', 'metric'] },
  sharePie: { required: ['group'], optional: ['amount', 'metric'] },
  trend: { required: ['date'], optional: ['period', 'amount', 'byDataset', 'by'] },
  histogram: { required: ['column'], optional: [] },
  boxPlot: { required: ['column'], optional: ['by'] },
  scatter: { required: ['x', 'y'], optional: ['by'] },
  rfmHeatmap: { required: ['r', 'f', 'm'], optional: [] },
  lorenz: { required: ['amount'], optional: [] },
};

export function chartRequest(kind: ChartKind, datasetId: string, f: ChartForm): ChartRequest | null {
  if (FIELDS[kind].required.some((k) => f[k] === '')) return null;
  const opt = (v: string): string | undefined => (v === '' ? undefined : v);
  switch (kind) {
    case 'shareBar':
    case 'sharePie':
      return { chart: 'share', datasetId, group: f.group, ...(opt(f.amount) ? { amount: f.amount } : {}) };
    case 'trend':
      return {
        chart: 'trend',
        datasetId,
        date: f.date,
        period: f.period,
        ...(opt(f.amount) ? { amount: f.amount } : {}),
        ...(opt(f.by) ? { by: f.by } : {}),
        ...(opt(f.by) && opt(f.byDataset) && opt(f.byKey) ? { byDataset: { datasetId: f.byDataset, key: f.byKey, factsKey: f.factsKey || f.byKey } } : {}),
      };
    case 'histogram':
      return { chart: 'distribution', datasetId, column: f.column, bins: 20 };
    case 'boxPlot':
      return { chart: 'distribution', datasetId, column: f.column, bins: 20, ...(opt(f.by) ? { group: f.by } : {}) };
    case 'scatter':
      return { chart: 'scatter', datasetId, x: f.x, y: f.y, maxPoints: 5000, ...(opt(f.by) ? { group: f.by } : {}) };
    case 'rfmHeatmap':
      return { chart: 'rfmHeatmap', datasetId, r: f.r, f: f.f, m: f.m };
    case 'lorenz':
      return { chart: 'lorenz', datasetId, amount: f.amount };
  }
}

/** The data each chart kind draws; data of another kind (still on screen while the new kind loads) draws nothing. */
const DATA_OF: Record<ChartKind, ChartData['chart']> = {
  shareBar: 'share',
  sharePie: 'share',
  trend: 'trend',
  histogram: 'distribution',
  boxPlot: 'distribution',
  scatter: 'scatter',
  rfmHeatmap: 'rfmHeatmap',
  lorenz: 'lorenz',
};

/** What the chart counts, for its title and axis (see ShareLabels). */
export interface ChartLabels extends ShareLabels {
  /** The trend's measure: the amount column, else rows or customers. */
  measure?: string;
}

export function chartOption(kind: ChartKind, data: ChartData, lang: ChartLang, metric: 'count' | 'amount', labels: ChartLabels = {}): ChartOption | null {
  if (DATA_OF[kind] !== data.chart) return null;
  if (data.chart === 'share') return kind === 'sharePie' ? segmentSharePie(data.data, lang, metric, labels) : segmentShareBar(data.data, lang, metric, labels);
  if (data.chart === 'trend') return trendLines(data.data, lang, true, labels.measure);
  if (data.chart === 'distribution') return kind === 'boxPlot' ? boxPlot(data.data, lang) : histogram(data.data, lang);
  if (data.chart === 'scatter') return scatterPlot(data.data, lang);
  if (data.chart === 'rfmHeatmap') return rfmHeatmap(data.data, lang);
  return lorenzCurve(data.data, lang);
}
