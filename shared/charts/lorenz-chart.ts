import type { LorenzData } from '../contract/analyze';
import { PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

/** Lorenz curve of customer value (largest customers first) against the line of equality. */
export function lorenzCurve(data: LorenzData, lang: ChartLang): ChartOption {
  return {
    color: PALETTE,
    title: { text: `${t('lorenz', lang)} · ${t('gini', lang)} ${data.gini.toFixed(3)}`, left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 24, bottom: 50, top: 50, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, name: t('cumCustomers', lang), axisLabel: { formatter: '{value}' } },
    yAxis: { type: 'value', min: 0, max: 1, name: t('cumAmount', lang) },
    series: [
      { type: 'line', name: t('lorenz', lang), data: data.points, showSymbol: false, areaStyle: { opacity: 0.15 } },
      { type: 'line', name: t('equality', lang), data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: { type: 'dashed' } },
    ],
  };
}
