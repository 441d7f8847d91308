import type { TrendData } from '../contract/analyze';
import { categoryAxisLabel, groupName, PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

/** Monthly (or other period) trend, one line per segment, stacked areas so the total reads too. */
export function trendLines(data: TrendData, lang: ChartLang, stacked = true, measure?: string): ChartOption {
  return {
    color: PALETTE,
    title: { text: measure ? `${t('trend', lang)} · ${measure}` : t('trend', lang), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 60, right: 24, bottom: 50, top: 50, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: data.periods, axisLabel: { ...categoryAxisLabel(data.periods.length, 72), rotate: data.periods.length > 12 ? 30 : 0 } },
    yAxis: { type: 'value', ...(measure ? { name: measure } : {}) },
    series: data.series.map((s) => ({
      type: 'line',
      name: groupName(s.name, lang),
      data: s.values,
      smooth: false,
      showSymbol: data.periods.length <= 36,
      ...(stacked && data.series.length > 1 ? { stack: 'total', areaStyle: { opacity: 0.25 } } : {}),
    })),
  };
}
