import type { ClvModel } from '../contract/clv';
import { PALETTE, type ChartLang, type ChartOption } from './chart-text';

/** Chart wording of the customer-value view and report, in both languages. */
const TEXT = {
  tracking: { zh: '累计重复购买：实际 vs 模型', en: 'Cumulative repeat purchases: actual vs model' },
  trackingWeekly: { zh: '每期重复购买：实际 vs 模型', en: 'Repeat purchases per period: actual vs model' },
  actual: { zh: '实际', en: 'Actual' },
  model: { zh: '模型（BG/NBD）', en: 'Model (BG/NBD)' },
  calibrationEnd: { zh: '校准期结束', en: 'End of calibration' },
  byFrequency: { zh: '验证期购买次数：按校准期重复购买次数分组', en: 'Holdout purchases by calibration repeat purchases' },
  repeatGroup: { zh: '校准期重复购买次数', en: 'Repeat purchases in calibration' },
  perCustomer: { zh: '人均验证期购买', en: 'Holdout purchases per customer' },
  predicted: { zh: '预测', en: 'Predicted' },
  pAlive: { zh: '活跃概率分布（有重复购买的客户）', en: 'P(alive) of repeat customers' },
  oneTime: { zh: '另有 {n} 位客户未复购（模型假设其活跃概率为 1）', en: '{n} one-time buyers not shown (alive by the model’s assumption)' },
  customers: { zh: '客户数', en: 'Customers' },
  tiers: { zh: 'CLV 分层：客户占比与价值占比', en: 'CLV tiers: share of customers and of value' },
  customerShare: { zh: '客户占比', en: 'Share of customers' },
  clvShare: { zh: 'CLV 占比', en: 'Share of CLV' },
} as const;

function tx(key: keyof typeof TEXT, lang: ChartLang, n?: number): string {
  const s: string = TEXT[key][lang];
  return n === undefined ? s : s.replace('{n}', n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'));
}

const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;

/**
 * The classic tracking chart (FHL 2005): repeat purchases of the cohort by calendar time, actual
 * against the model, cumulative or per period, with the end of calibration marked.
 */
export function clvTrackingChart(model: ClvModel, lang: ChartLang, mode: 'cumulative' | 'incremental' = 'cumulative'): ChartOption {
  const tr = model.tracking;
  const diff = (v: number[]): number[] => v.map((x, i) => (i === 0 ? x : x - v[i - 1]!));
  const actual = mode === 'cumulative' ? tr.actual : diff(tr.actual);
  const predicted = mode === 'cumulative' ? tr.predicted : diff(tr.predicted);
  const end = tr.dates[tr.calibrationEndIndex];
  return {
    color: [PALETTE[0], PALETTE[1]],
    title: { text: tx(mode === 'cumulative' ? 'tracking' : 'trackingWeekly', lang), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [tx('actual', lang), tx('model', lang)] },
    grid: { left: 60, right: 50, top: 60, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: tr.dates, boundaryGap: false },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'line',
        name: tx('actual', lang),
        data: actual,
        showSymbol: false,
        ...(end && model.holdout ? { markLine: { symbol: 'none', label: { formatter: tx('calibrationEnd', lang), position: 'insideEndTop' }, lineStyle: { type: 'dashed', color: '#888' }, data: [{ xAxis: end }] } } : {}),
      },
      { type: 'line', name: tx('model', lang), data: predicted.map((v) => round(v)), showSymbol: false, lineStyle: { type: 'dashed' } },
    ],
  };
}

/** Holdout validation (FHL 2005, Fig. 3): mean holdout purchases per customer by calibration frequency. */
export function clvFrequencyChart(model: ClvModel, lang: ChartLang): ChartOption | null {
  const h = model.holdout;
  if (!h) return null;
  return {
    color: [PALETTE[0], PALETTE[1]],
    title: { text: tx('byFrequency', lang), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [tx('actual', lang), tx('predicted', lang)] },
    grid: { left: 60, right: 30, top: 75, bottom: 70, containLabel: true },
    xAxis: { type: 'category', name: tx('repeatGroup', lang), nameLocation: 'middle', nameGap: 28, data: h.byFrequency.map((g) => g.group) },
    yAxis: { type: 'value', name: tx('perCustomer', lang) },
    series: [
      { type: 'bar', name: tx('actual', lang), data: h.byFrequency.map((g) => round(g.actual, 3)) },
      { type: 'bar', name: tx('predicted', lang), data: h.byFrequency.map((g) => round(g.predicted, 3)) },
    ],
  };
}

/** P(alive) of repeat customers in ten bins; one-time buyers are named in the subtitle. */
export function clvPAliveChart(model: ClvModel, lang: ChartLang): ChartOption {
  const h = model.pAliveHistogram;
  const labels = h.repeatCounts.map((_, i) => `${Math.round(h.edges[i]! * 100)}–${Math.round(h.edges[i + 1]! * 100)}%`);
  return {
    color: [PALETTE[2]],
    title: { text: tx('pAlive', lang), subtext: h.oneTime > 0 ? tx('oneTime', lang, h.oneTime) : '', left: 'center' },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 30, top: 70, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', name: tx('customers', lang) },
    series: [{ type: 'bar', name: tx('customers', lang), data: h.repeatCounts }],
  };
}

/** Share of customers against share of CLV per tier: how concentrated the future value is. */
export function clvTierChart(model: ClvModel, lang: ChartLang): ChartOption {
  return {
    color: [PALETTE[0], PALETTE[3]],
    title: { text: tx('tiers', lang), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [tx('customerShare', lang), tx('clvShare', lang)] },
    grid: { left: 60, right: 30, top: 50, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: model.tiers.map((t) => t.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: tx('customerShare', lang), data: model.tiers.map((t) => round(t.share * 100, 1)) },
      { type: 'bar', name: tx('clvShare', lang), data: model.tiers.map((t) => round(t.clvShare * 100, 1)), label: { show: true, position: 'top', formatter: '{c}%' } },
    ],
  };
}
