import type { DistributionData } from '../contract/analyze';
import { categoryAxisLabel, groupName, PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

function binLabel(from: number, to: number): string {
  const f = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(3))));
  return `${f(from)}–${f(to)}`;
}

export function histogram(data: DistributionData, lang: ChartLang): ChartOption {
  return {
    color: PALETTE,
    title: { text: `${data.column} ${t('histogram', lang)}`, left: 'center' },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 24, bottom: 60, top: 50, containLabel: true },
    xAxis: { type: 'category', name: data.column, nameLocation: 'middle', nameGap: 64, data: data.bins.map((b) => binLabel(b.from, b.to)), axisLabel: { ...categoryAxisLabel(data.bins.length, 80), rotate: 30 } },
    yAxis: { type: 'value', name: t('frequency', lang) },
    series: [{ type: 'bar', name: t('frequency', lang), barCategoryGap: '2%', data: data.bins.map((b) => b.count) }],
  };
}

/** Box plot per group (whiskers at 1.5 × IQR, outliers as points). */
export function boxPlot(data: DistributionData, lang: ChartLang): ChartOption {
  const names = data.boxes.map((b) => groupName(b.group, lang));
  return {
    color: PALETTE,
    title: { text: `${data.column} ${t('boxPlot', lang)}`, left: 'center' },
    tooltip: { trigger: 'item' },
    grid: { left: 60, right: 24, bottom: 50, top: 50, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: categoryAxisLabel(names.length) },
    yAxis: { type: 'value', name: data.column },
    series: [
      { type: 'boxplot', name: data.column, data: data.boxes.map((b) => [b.min, b.q1, b.median, b.q3, b.max]) },
      { type: 'scatter', name: 'outliers', data: data.boxes.flatMap((b, i) => b.outliers.map((v) => [i, v])), symbolSize: 5 },
    ],
  };
}
