import type { CrosstabResult, HeatmapData, ScoreRange } from '../contract/analyze';
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
 * Cross-tab heat map coloured by TGI around 100: blue below (under-indexed), red above
 * (over-indexed), so a segment's preferences stand out at a glance.
 */
export function tgiHeatmap(result: CrosstabResult, lang: ChartLang): ChartOption {
  const tgis = result.cells.flat().map((c) => c.tgi).filter((v): v is number => v !== null);
  const spread = Math.max(50, ...tgis.map((v) => Math.abs(v - 100)));
  return {
    title: { text: t('tgiHeat', lang), left: 'center' },
    tooltip: { position: 'top' },
    grid: { left: 100, right: 24, bottom: 80, top: 50, containLabel: true },
    xAxis: { type: 'category', data: result.cols, axisLabel: categoryAxisLabel(result.cols.length) },
    yAxis: { type: 'category', data: result.rows, inverse: true },
    visualMap: {
      min: Math.max(0, 100 - spread),
      max: 100 + spread,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 10,
      text: ['TGI', ''],
      inRange: { color: ['#3b6fd8', '#f7f7f7', '#d9453b'] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'TGI',
        data: result.cells.flatMap((row, r) =>
          row.map((cell, c) => ({ value: [c, r, cell.tgi === null ? '-' : Math.round(cell.tgi)], label: { show: true, formatter: cell.tgi === null ? '—' : String(Math.round(cell.tgi)) } })),
        ),
      },
    ],
  };
}
