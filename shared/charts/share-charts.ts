import type { ShareData } from '../contract/analyze';
import { categoryAxisLabel, PALETTE, t, type ChartLang, type ChartOption } from './chart-text';

/**
 * What a share chart counts, so its title and axis say it: the column grouped by, whether a row
 * is a customer (a customer table) or something else (an order line), and the amount column.
 * Without labels the chart is the segment share of customers (the report's chart).
 */
export interface ShareLabels {
  group?: string;
  counted?: 'customers' | 'rows';
  amount?: string;
}

function shareTexts(lang: ChartLang, metric: 'count' | 'amount', labels: ShareLabels): { title: string; measure: string } {
  const measure = metric === 'amount' ? (labels.amount ?? t('amount', lang)) : t(labels.counted === 'rows' ? 'rows' : 'customers', lang);
  if (labels.group === undefined) return { title: t(metric === 'amount' ? 'revenueShare' : 'segmentShare', lang), measure };
  return { title: t('shareBy', lang, { group: labels.group, what: lang === 'en' ? measure.toLowerCase() : measure }), measure };
}

/** Bar chart of segment sizes (or revenue), largest first, with the share in each label. */
export function segmentShareBar(data: ShareData, lang: ChartLang, metric: 'count' | 'amount' = 'count', labels: ShareLabels = {}): ChartOption {
  const values = metric === 'amount' && data.amounts ? data.amounts : data.counts;
  const total = values.reduce((s, v) => s + v, 0);
  const text = shareTexts(lang, metric, labels);
  return {
    color: PALETTE,
    title: { text: text.title, left: 'center' },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 24, bottom: 60, top: 50, containLabel: true },
    xAxis: { type: 'category', name: labels.group, nameLocation: 'middle', nameGap: data.labels.length > 6 ? 64 : 28, data: data.labels, axisLabel: categoryAxisLabel(data.labels.length) },
    yAxis: { type: 'value', name: text.measure },
    series: [
      {
        type: 'bar',
        name: text.measure,
        data: values.map((v) => ({ value: v, label: { show: true, position: 'top', formatter: total > 0 ? `${((v / total) * 100).toFixed(1)}%` : '' } })),
      },
    ],
  };
}

/** Pie chart of the same shares. */
export function segmentSharePie(data: ShareData, lang: ChartLang, metric: 'count' | 'amount' = 'count', labels: ShareLabels = {}): ChartOption {
  const values = metric === 'amount' && data.amounts ? data.amounts : data.counts;
  const text = shareTexts(lang, metric, labels);
  return {
    color: PALETTE,
    title: { text: text.title, left: 'center' },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        name: text.measure,
        label: { formatter: '{b}\n{d}%' },
        data: data.labels.map((name, i) => ({ name, value: values[i] ?? 0 })),
      },
    ],
  };
}
