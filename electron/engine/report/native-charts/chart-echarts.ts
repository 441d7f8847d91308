import type { EChartsOption } from 'echarts';
import { CHART_COLOURS, type NativeChart } from './chart-model';

const palette = CHART_COLOURS.map((c) => `#${c}`);

/**
 * The picture fallback of a native chart: the same kind, title and numbers as an ECharts option
 * (rendered engine-side to PNG), for readers whose spreadsheet cannot draw charts.
 */
export function echartsOptionOf(chart: NativeChart): EChartsOption {
  const base: EChartsOption = { color: palette, title: { text: chart.title, left: 'center', top: 8 }, animation: false };
  const percent = chart.valueFormat?.includes('%') ?? false;
  const num = (v: number | null): number | null => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v);
  const cats = chart.series[0]?.cats ?? [];
  const legend = chart.series.length > 1 ? { legend: { bottom: 0, type: 'plain' as const } } : {};
  switch (chart.kind) {
    case 'pie':
    case 'doughnut': {
      const s = chart.series[0];
      return {
        ...base,
        legend: { bottom: 0, type: 'plain' },
        series: [
          {
            type: 'pie',
            radius: chart.kind === 'doughnut' ? ['40%', '65%'] : '65%',
            center: ['50%', '50%'],
            label: { show: chart.showValues ?? false, formatter: percent ? '{d}%' : '{c}' },
            data: (s?.cats ?? []).map((name, i) => ({ name, value: s?.vals[i] ?? 0 })),
          },
        ],
      };
    }
    case 'scatter':
      return {
        ...base,
        ...legend,
        grid: { left: 70, right: 30, top: 60, bottom: 70 },
        xAxis: { type: 'value', name: chart.xTitle ?? '', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', name: chart.yTitle ?? '' },
        series: chart.series.map((s) => ({ type: 'scatter', name: s.name, data: s.vals.map((v, i) => [s.xVals?.[i] ?? null, num(v)]) })),
      };
    case 'radar': {
      const max = Math.max(1, ...chart.series.flatMap((s) => s.vals.map((v) => v ?? 0)));
      return {
        ...base,
        legend: { bottom: 0, type: 'plain' },
        radar: { indicator: cats.map((name) => ({ name, max: Math.ceil(max * 1.1) })), radius: '58%', center: ['50%', '52%'] },
        series: [{ type: 'radar', data: chart.series.map((s) => ({ name: s.name, value: s.vals.map((v) => v ?? 0) })) }],
      };
    }
    default: {
      const horizontal = chart.kind === 'bar';
      const category = { type: 'category' as const, data: [...cats], axisLabel: { interval: 0, rotate: !horizontal && cats.length > 5 ? 30 : 0 } };
      const value = { type: 'value' as const, axisLabel: { formatter: percent ? '{value}%' : '{value}' } };
      return {
        ...base,
        ...legend,
        grid: { left: horizontal ? 110 : 70, right: 30, top: 60, bottom: 90 },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: chart.series.map((s) => ({
          type: chart.kind === 'line' ? 'line' : 'bar',
          name: s.name,
          data: s.vals.map(num),
          label: { show: chart.showValues ?? false, position: horizontal ? 'right' : 'top' },
        })),
      };
    }
  }
}
