import type { ShareData } from '../contract/analyze';
import { PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

/** Bar chart of segment sizes (or revenue), largest first, with the share in each label. */
export function segmentShareBar(data: ShareData, lang: ChartLang, metric: 'count' | 'amount' = 'count'): ChartOption {
  const values = metric === 'amount' && data.amounts ? data.amounts : data.counts;
  const total = values.reduce((s, v) => s + v, 0);
  return {
    color: PALETTE,
    title: { text: t(metric === 'amount' ? 'revenueShare' : 'segmentShare', lang), left: 'center' },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 24, bottom: 60, top: 50, containLabel: true },
    xAxis: { type: 'category', data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: t(metric === 'amount' ? 'amount' : 'customers', lang) },
    series: [
      {
        type: 'bar',
        name: t(metric === 'amount' ? 'amount' : 'customers', lang),
        data: values.map((v) => ({ value: v, label: { show: true, position: 'top', formatter: total > 0 ? `${((v / total) * 100).toFixed(1)}%` : '' } })),
      },
    ],
  };
}

/** Pie chart of the same shares. */
export function segmentSharePie(data: ShareData, lang: ChartLang, metric: 'count' | 'amount' = 'count'): ChartOption {
  const values = metric === 'amount' && data.amounts ? data.amounts : data.counts;
  return {
    color: PALETTE,
    title: { text: t(metric === 'amount' ? 'revenueShare' : 'segmentShare', lang), left: 'center' },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        name: t('share', lang),
        label: { formatter: '{b}\n{d}%' },
        data: data.labels.map((name, i) => ({ name, value: values[i] ?? 0 })),
      },
    ],
  };
}
