import { LOW_BASE_TEXT, tgiFill } from '../analysis/tgi-colour';
import { OTHER_LABEL, type CrosstabResult, type HeatmapData } from '../contract/analyze';
import { t, type ChartLang, type ChartOption } from './chart-text';

/** R score × F score grid coloured by mean M, with the customer count in each cell. */
export function rfmHeatmap(data: HeatmapData, lang: ChartLang): ChartOption {
  const means = data.cells.map((c) => c[2]).filter((v): v is number => v !== null);
  return {
    title: { text: t('rfmHeat', lang), left: 'center' },
    tooltip: { position: 'top' },
    grid: { left: 60, right: 24, bottom: 80, top: 50, containLabel: true },
    xAxis: { type: 'category', name: t('rScore', lang), data: data.rScores.map(String), splitArea: { show: true } },
    yAxis: { type: 'category', name: t('fScore', lang), data: data.fScores.map(String), splitArea: { show: true } },
    visualMap: {
      min: means.length ? Math.min(...means) : 0,
      max: means.length ? Math.max(...means) : 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 10,
      text: [t('meanM', lang), ''],
      inRange: { color: ['#eef4ff', '#2f6fde'] },
    },
    series: [
      {
        type: 'heatmap',
        name: t('meanM', lang),
        data: data.cells.map(([r, f, m, n]) => ({ value: [r, f, m === null ? '-' : Math.round(m * 100) / 100], label: { show: true, formatter: String(n) } })),
      },
    ],
  };
}

/**
 * Cross-tab heat map coloured by TGI around 100 with the table's own colours (shared/analysis/
 * tgi-colour): blue below, red above, white at 100, saturating at 50 / 200 on a log scale, grey
 * where the base is too small — so 253 is clearly red and 160 clearly red too, never blue.
 * Each cell shows its TGI with ▲/▼ when the difference is significant.
 */
export function tgiHeatmap(result: CrosstabResult, lang: ChartLang): ChartOption {
  const cols = result.cols.map((c, j) => (j === result.otherCol ? (lang === 'zh' ? OTHER_LABEL : 'Other') : c));
  // ECharts colours heat maps only through a visual map: each distinct fill becomes one hidden
  // piece keyed by a fourth value dimension, so the chart shows exactly the table's colours.
  const fills: string[] = [];
  const fillIndex = (fill: string): number => {
    const at = fills.indexOf(fill);
    return at >= 0 ? at : fills.push(fill) - 1;
  };
  const data = result.cells.flatMap((row, r) =>
    row.map((cell, c) => {
      const tgi = cell.tgi === null ? null : Math.round(cell.tgi);
      const mark = cell.sig === 'up' ? ' ▲' : cell.sig === 'down' ? ' ▼' : '';
      return {
        value: [c, r, tgi === null ? '-' : tgi, fillIndex(tgiFill(cell.tgi, cell.lowBase))],
        label: { show: true, color: cell.lowBase ? LOW_BASE_TEXT : '#222222', formatter: tgi === null ? '—' : `${tgi}${mark}` },
      };
    }),
  );
  return {
    title: { text: t('tgiHeat', lang), left: 'center', subtext: t('tgiLegend', lang), subtextStyle: { fontSize: 11 } },
    tooltip: { position: 'top' },
    grid: { left: 100, right: 24, bottom: 60, top: 70, containLabel: true },
    xAxis: { type: 'category', data: cols, axisLabel: { interval: 0, rotate: cols.length > 6 ? 30 : 0 } },
    yAxis: { type: 'category', data: result.rows, inverse: true },
    visualMap: { type: 'piecewise', show: false, dimension: 3, pieces: fills.map((color, i) => ({ value: i, color })) },
    series: [{ type: 'heatmap', name: 'TGI', data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } }],
  };
}
