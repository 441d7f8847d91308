import { categoryAxisLabel, type ChartOption } from '../../../../shared/charts/index';
import type { KmeansMetrics, KmeansResult } from '../../../../shared/contract/cluster';

/** ECharts options for the advisor and result screens (plain data in, option out). */
export function metricLine(metrics: KmeansMetrics[], pick: (m: KmeansMetrics) => number | null, title: string, suggested: number): ChartOption {
  return {
    title: { text: title, textStyle: { fontSize: 13 } },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: metrics.map((m) => `k=${m.k}`) },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        type: 'line',
        data: metrics.map((m) => {
          const v = pick(m);
          return m.k === suggested ? { value: v, symbolSize: 12, itemStyle: { color: '#d9480f' } } : v;
        }),
      },
    ],
  };
}

export function snakePlot(result: KmeansResult, names: string[], indexAxis: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: names, type: 'scroll' },
    grid: { left: 48, right: 16, top: 64, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: result.features.map((f) => f.name), axisLabel: categoryAxisLabel(result.features.length, 90) },
    yAxis: { type: 'value', name: indexAxis },
    series: result.clusters.map((c, i) => ({ type: 'line', name: names[i], data: c.index.map((v) => v ?? 0) })),
  };
}

export function radar(result: KmeansResult, names: string[]): ChartOption {
  const max = Math.max(150, ...result.clusters.flatMap((c) => c.index.map((v) => v ?? 0)));
  return {
    legend: { bottom: 0, data: names },
    tooltip: {},
    radar: { indicator: result.features.map((f) => ({ name: f.name, max: Math.ceil(max / 50) * 50 })) },
    series: [{ type: 'radar', data: result.clusters.map((c, i) => ({ name: names[i], value: c.index.map((v) => v ?? 0) })) }],
  };
}

export function pcaScatter(result: KmeansResult, names: string[]): ChartOption {
  return {
    legend: { bottom: 0, data: names },
    tooltip: {},
    grid: { left: 56, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'value', name: `PC1 ${(result.pca.explained[0] * 100).toFixed(1)}%`, nameLocation: 'middle', nameGap: 24, scale: true },
    yAxis: { type: 'value', name: `PC2 ${(result.pca.explained[1] * 100).toFixed(1)}%`, nameLocation: 'middle', nameGap: 36, scale: true },
    series: [
      ...result.clusters.map((c, i) => ({
        type: 'scatter',
        name: names[i],
        symbolSize: 4,
        data: result.pca.points.filter((p) => p[2] === c.id).map((p) => [p[0], p[1]]),
      })),
      { type: 'scatter', name: '●', symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#222' }, data: result.pca.centroids },
    ],
  };
}

export function sizesBar(result: KmeansResult, names: string[], customers: string): ChartOption {
  return {
    tooltip: {},
    grid: { left: 48, right: 16, top: 24, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: categoryAxisLabel(names.length, 90) },
    yAxis: { type: 'value', name: customers },
    series: [{ type: 'bar', data: result.clusters.map((c) => c.size) }],
  };
}
