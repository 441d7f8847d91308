import type { ScatterData } from '../contract/analyze';
import { groupName, PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

/** Scatter plot; large data arrives sampled from the engine and the title says so. */
export function scatterPlot(data: ScatterData, lang: ChartLang): ChartOption {
  const shown = data.groups.reduce((s, g) => s + g.points.length, 0);
  const note = data.sampled ? t('sampled', lang, { n: shown.toLocaleString('en-US'), total: data.totalPoints.toLocaleString('en-US') }) : '';
  return {
    color: PALETTE,
    title: { text: `${t('scatter', lang)}${note}`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 60, right: 24, bottom: 50, top: 50, containLabel: true },
    xAxis: { type: 'value', name: data.x, scale: true },
    yAxis: { type: 'value', name: data.y, scale: true },
    series: data.groups.map((g) => ({ type: 'scatter', name: groupName(g.name, lang), symbolSize: 4, large: g.points.length > 2000, data: g.points })),
  };
}
