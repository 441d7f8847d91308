import type { EChartsOption } from 'echarts';
import { segmentShareBar, segmentSharePie } from '../../../shared/charts/share-charts';
import type { ReportData } from './report-data';
import { t, type ReportLang } from './report-text';

const PALETTE = ['#217346', '#2f7ed8', '#f28f43', '#8bbc21', '#910000', '#1aadce', '#492970', '#c42525', '#77a1e5', '#a6c96a'];

/** The six overview charts of a segmentation report, as ECharts options (rendered engine-side). */
export function reportCharts(data: ReportData, lang: ReportLang): { title: string; option: EChartsOption }[] {
  const names = data.segments.map((s) => s.name);
  const pct = (v: number | null): number => Math.round((v ?? 0) * 1000) / 10;
  const base = (title: string): EChartsOption => ({ color: PALETTE, title: { text: title, left: 'center', top: 8 }, grid: { left: 70, right: 30, top: 60, bottom: 90 } });
  const axis = { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } };
  // Share charts come from the same builders as the UI's charts, so screen and report agree.
  const share = { labels: names, counts: data.segments.map((s) => s.count), amounts: data.revenueColumn ? data.segments.map((s) => Math.round(s.revenue ?? 0)) : null };
  const charts: { title: string; option: EChartsOption }[] = [
    { title: t('chartCount', lang), option: segmentShareBar(share, lang) as EChartsOption },
    // A static image cannot page a legend: show it whole.
    { title: t('chartShare', lang), option: { ...(segmentSharePie(share, lang) as EChartsOption), legend: { bottom: 0, type: 'plain' } } },
  ];
  if (data.revenueColumn) {
    charts.push(
      { title: t('chartRevenue', lang), option: segmentShareBar(share, lang, 'amount') as EChartsOption },
      {
        title: t('chartRevenueShare', lang),
        option: {
          ...base(t('chartRevenueShare', lang)),
          legend: { bottom: 0, data: [t('share', lang), t('revenueShare', lang)] },
          xAxis: axis,
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          series: [
            { name: t('share', lang), type: 'bar', data: data.segments.map((s) => pct(s.share)) },
            { name: t('revenueShare', lang), type: 'bar', data: data.segments.map((s) => pct(s.revenueShare)) },
          ],
        },
      },
    );
  }
  const metrics = data.metrics.slice(0, 6);
  if (metrics.length > 0) {
    charts.push({
      title: t('chartIndex', lang),
      option: {
        ...base(t('chartIndex', lang)),
        legend: { bottom: 0, type: 'plain' },
        radar: { indicator: metrics.map((m) => ({ name: m.name })), radius: '58%', center: ['50%', '52%'] },
        series: [
          {
            type: 'radar',
            data: data.segments.slice(0, 10).map((s) => ({
              name: s.name,
              value: metrics.map((m) => {
                const avg = data.overallMeans[m.key];
                const v = s.means[m.key];
                return avg && v !== null && v !== undefined ? Math.round((v / avg) * 100) : 0;
              }),
            })),
          },
        ],
      },
    });
    const first = metrics[0]!;
    charts.push({
      title: `${t('chartMeans', lang)}: ${first.name}`,
      option: {
        ...base(`${t('chartMeans', lang)}: ${first.name}`),
        xAxis: axis,
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: data.segments.map((s) => Math.round((s.means[first.key] ?? 0) * 100) / 100), label: { show: true, position: 'top' } }],
      },
    });
  }
  return charts;
}
