import type { SegmentSummary } from '../contract/segmentations';
import { PALETTE, type ChartLang, type ChartOption } from './chart-text';

/**
 * Segment profiles on a radar: each metric as an index against the all-customer mean
 * (100 = average), so metrics of different units share one scale.
 */
export function profileRadar(segments: readonly SegmentSummary[], lang: ChartLang): ChartOption {
  const metrics = [...new Set(segments.flatMap((s) => Object.keys(s.means)))];
  const total = segments.reduce((n, s) => n + s.count, 0);
  const overall = metrics.map((m) => {
    let sum = 0;
    let n = 0;
    for (const s of segments) {
      const v = s.means[m];
      if (v === null || v === undefined) continue;
      sum += v * s.count;
      n += s.count;
    }
    return n > 0 ? sum / n : null;
  });
  const index = (s: SegmentSummary, i: number): number | null => {
    const v = s.means[metrics[i]!];
    const o = overall[i];
    return v === null || v === undefined || o === null || o === undefined || o === 0 ? null : Math.round((v / o) * 100);
  };
  const values = segments.flatMap((s) => metrics.map((_, i) => index(s, i) ?? 0));
  const max = Math.max(150, ...values);
  const title = { text: lang === 'zh' ? `细分画像（指数，全体 = 100；${total} 位客户）` : `Segment profiles (index, all = 100; ${total} customers)`, left: 'center', textStyle: { fontSize: 14 } };
  if (metrics.length < 3) {
    // A radar needs three axes to read; with one or two metrics grouped bars say the same thing.
    return {
      color: PALETTE,
      title,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 50, right: 24, bottom: 50, top: 50, containLabel: true },
      xAxis: { type: 'category', data: metrics },
      yAxis: { type: 'value' },
      series: segments.map((s) => ({ type: 'bar', name: s.name, data: metrics.map((_, i) => index(s, i)) })),
    };
  }
  return {
    color: PALETTE,
    title,
    tooltip: {},
    legend: { bottom: 0, type: 'scroll' },
    radar: { indicator: metrics.map((m) => ({ name: m, max })), radius: '60%' },
    series: [{ type: 'radar', data: segments.map((s) => ({ name: s.name, value: metrics.map((_, i) => index(s, i) ?? 0) })) }],
  };
}
