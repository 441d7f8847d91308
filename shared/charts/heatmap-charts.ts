import { LOW_BASE_TEXT, tgiFill } from '../analysis/tgi-colour';
import { OTHER_LABEL, type CrosstabResult, type HeatmapData, type ScoreRange } from '../contract/analyze';
import { categoryAxisLabel, t, type ChartLang, type ChartOption } from './chart-text';

const short = (v: number): string => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3))));

/** Axis labels of a quintile-scored axis: each score with the raw range behind it ("5 分（0–30）"). */
function scoreLabels(scores: number[], ranges: ScoreRange[] | null, lang: ChartLang): string[] {
  if (!ranges) return scores.map(String);
  return ranges.map((r) => t('scoreRange', lang, { score: r.score, range: r.min === r.max ? short(r.min) : `${short(r.min)}–${short(r.max)}` }));
}

/**
 * R × F grid coloured by mean M, with the customer count in each cell. Raw days and counts come
 * as 1–5 quintile scores from the engine (labelled with their ranges), so the grid stays 5 × 5.
 */
export function rfmHeatmap(data: HeatmapData, lang: ChartLang): ChartOption {
  const means = data.cells.map((c) => c[2]).filter((v): v is number => v !== null);
  const binned = data.binned ?? { r: null, f: null };
  return {
    title: { text: t('rfmHeat', lang), left: 'center' },
    tooltip: { position: 'top' },
    grid: { left: 60, right: 24, bottom: 96, top: 50, containLabel: true },
    xAxis: {
      type: 'category',
      name: t(binned.r ? 'rQuintile' : 'rScore', lang),
      nameLocation: 'middle',
      nameGap: 28,
      data: scoreLabels(data.rScores, binned.r, lang),
      axisLabel: categoryAxisLabel(data.rScores.length, 110),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', name: t(binned.f ? 'fQuintile' : 'fScore', lang), data: scoreLabels(data.fScores, binned.f, lang), splitArea: { show: true } },
    visualMap: {
      min: means.length ? Math.min(...means) : 0,
      max: means.length ? Math.max(...means) : 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 100,
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
    xAxis: { type: 'category', data: cols, axisLabel: categoryAxisLabel(cols.length) },
    yAxis: { type: 'category', data: result.rows, inverse: true },
    visualMap: { type: 'piecewise', show: false, dimension: 3, pieces: fills.map((color, i) => ({ value: i, color })) },
    series: [{ type: 'heatmap', name: 'TGI', data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } }],
  };
}
