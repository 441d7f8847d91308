import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { CrosstabResult, DistributionData, HeatmapData, ShareData, TrendData } from '../../../shared/contract/analyze';
import { boxPlot, histogram, lorenzCurve, profileRadar, rfmHeatmap, scatterPlot, segmentShareBar, segmentSharePie, tgiHeatmap, trendLines, type ChartOption } from '../../../shared/charts/index';
import { lorenzData } from '../../../electron/engine/analyze/charts-data';

/** Renders an option the way the report does (server-side SVG) and returns the SVG text. */
function svg(option: ChartOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 400 });
  chart.setOption({ animation: false, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const share: ShareData = { labels: ['重要价值客户', '一般发展客户', '一般挽留客户'], counts: [50, 30, 20], amounts: [800, 150, 50] };
const trend: TrendData = { periods: ['2024-01', '2024-02', '2024-03'], series: [{ name: '重要价值客户', values: [5, 6, 7] }, { name: '一般发展客户', values: [1, 2, 3] }] };
const dist: DistributionData = {
  column: '金额',
  bins: [{ from: 0, to: 10, count: 3 }, { from: 10, to: 20, count: 5 }],
  boxes: [{ group: '全部', min: 1, q1: 4, median: 8, q3: 12, max: 19, n: 8, outliers: [60] }],
};
const heat: HeatmapData = { rScores: [1, 2], fScores: [1, 2], cells: [[0, 0, 120.5, 10], [1, 1, null, 3]], binned: { r: null, f: null } };

describe('ECharts option builders (shared, pure)', () => {
  it('labels follow the language', () => {
    expect(JSON.stringify(segmentShareBar(share, 'zh'))).toContain('各细分客户占比');
    expect(JSON.stringify(segmentShareBar(share, 'en'))).toContain('Share of each segment');
    expect(JSON.stringify(segmentSharePie(share, 'en', 'amount'))).toContain('Revenue share');
    expect(JSON.stringify(boxPlot(dist, 'en'))).toContain('"All"');
    expect(JSON.stringify(boxPlot(dist, 'zh'))).toContain('"全部"');
    expect(JSON.stringify(trendLines({ periods: ['2024-01'], series: [{ name: '计数', values: [3] }] }, 'en'))).toContain('"Count"');
  });

  it('share charts say what they count: customers, rows (an order table) or an amount, by which column', () => {
    const t = (o: ChartOption): { title: string; y: string } => {
      const x = o as { title: { text: string }; yAxis?: { name: string }; series: { name: string }[] };
      return { title: x.title.text, y: x.yAxis?.name ?? x.series[0]!.name };
    };
    expect(t(segmentShareBar(share, 'zh'))).toEqual({ title: '各细分客户占比', y: '客户数' });
    expect(t(segmentShareBar(share, 'zh', 'count', { group: '渠道', counted: 'rows' }))).toEqual({ title: '按渠道：行数占比', y: '行数' });
    expect(t(segmentShareBar(share, 'en', 'count', { group: 'Channel', counted: 'rows' }))).toEqual({ title: 'Share of rows by Channel', y: 'Rows' });
    expect(t(segmentShareBar(share, 'zh', 'count', { group: 'RFM八类', counted: 'customers' }))).toEqual({ title: '按RFM八类：客户数占比', y: '客户数' });
    expect(t(segmentSharePie(share, 'zh', 'amount', { group: '渠道', counted: 'rows', amount: '金额' }))).toEqual({ title: '按渠道：金额占比', y: '金额' });
  });

  it('category labels turn and are cut to a width instead of overlapping', () => {
    const many: ShareData = { labels: Array.from({ length: 12 }, (_, i) => `很长很长的产品名称第${i + 1}号`), counts: new Array<number>(12).fill(1), amounts: null };
    const x = (segmentShareBar(many, 'zh') as { xAxis: { axisLabel: Record<string, unknown> } }).xAxis.axisLabel;
    expect(x).toMatchObject({ interval: 0, rotate: 30, overflow: 'truncate', width: 96 });
    expect((segmentShareBar(share, 'zh') as { xAxis: { axisLabel: { rotate: number } } }).xAxis.axisLabel.rotate).toBe(0);
  });

  it('a heat map of quintile scores labels each score with its raw range', () => {
    const scored: HeatmapData = {
      rScores: [1, 5],
      fScores: [1, 2],
      cells: [[0, 0, 10, 4], [1, 1, 20, 6]],
      binned: { r: [{ score: 1, min: 300, max: 700 }, { score: 5, min: 0, max: 30 }], f: [{ score: 1, min: 1, max: 1 }, { score: 2, min: 2, max: 3 }] },
    };
    const o = rfmHeatmap(scored, 'zh') as { xAxis: { name: string; data: string[] }; yAxis: { name: string; data: string[] } };
    expect(o.xAxis.name).toBe('R 分（五分位，5 = 最近购买）');
    expect(o.xAxis.data).toEqual(['1 分（300–700）', '5 分（0–30）']);
    expect(o.yAxis.data).toEqual(['1 分（1）', '2 分（2–3）']);
    expect((rfmHeatmap(heat, 'en') as { xAxis: { name: string; data: string[] } }).xAxis).toMatchObject({ name: 'R score', data: ['1', '2'] });
    expect(svg(rfmHeatmap(scored, 'en'))).toContain('(300–700)');
  });

  it('bar labels carry each segment’s share; trend lines are stacked', () => {
    const bar = segmentShareBar(share, 'zh') as { series: { data: { label: { formatter: string } }[] }[] };
    expect(bar.series[0]!.data.map((d) => d.label.formatter)).toEqual(['50.0%', '30.0%', '20.0%']);
    const lines = trendLines(trend, 'zh') as { series: { stack?: string }[] };
    expect(lines.series.every((s) => s.stack === 'total')).toBe(true);
  });

  it('every chart renders to SVG on the engine side (report images)', () => {
    const lorenz = lorenzData(new Float64Array([100, 50, 25, 10, 5, 5, 3, 2]));
    const cross = {
      rows: ['A', 'B'],
      cols: ['X', 'Y'],
      cells: [
        [{ value: 10, count: 10, rowPct: 0.5, colPct: 0.33, totalPct: 0.2, tgi: 83, residual: -1 }, { value: 10, count: 10, rowPct: 0.5, colPct: 1, totalPct: 0.2, tgi: 250, residual: 2 }],
        [{ value: 20, count: 20, rowPct: 1, colPct: 0.67, totalPct: 0.4, tgi: 167, residual: 1 }, { value: 0, count: 0, rowPct: 0, colPct: 0, totalPct: 0, tgi: null, residual: null }],
      ],
    } as unknown as CrosstabResult;
    const options = [
      segmentShareBar(share, 'zh'),
      segmentSharePie(share, 'en'),
      trendLines(trend, 'zh'),
      histogram(dist, 'zh'),
      boxPlot(dist, 'en'),
      scatterPlot({ x: 'F', y: 'M', groups: [{ name: '全部', points: [[1, 2], [3, 4]] }], sampled: true, totalPoints: 90_000 }, 'en'),
      rfmHeatmap(heat, 'zh'),
      lorenzCurve(lorenz, 'en'),
      tgiHeatmap(cross, 'zh'),
    ];
    for (const o of options) {
      expect(JSON.parse(JSON.stringify(o))).toEqual(o); // JSON-safe: no functions
      expect(svg(o)).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }
    expect(svg(scatterPlot({ x: 'F', y: 'M', groups: [], sampled: true, totalPoints: 90_000 }, 'en'))).toContain('sample of');
    expect(svg(tgiHeatmap(cross, 'zh'))).toContain('250');
  });

  it('profiles: a radar of indices against the all-customer mean, bars when under three metrics', () => {
    const seg = (name: string, count: number, means: Record<string, number>) => ({ name, count, share: 0, revenueShare: null, means, action: null });
    const radar = profileRadar([seg('A', 10, { R: 10, F: 4, M: 300 }), seg('B', 30, { R: 30, F: 2, M: 100 })], 'zh') as { series: { type: string; data: { value: number[] }[] }[] };
    expect(radar.series[0]!.type).toBe('radar');
    // Overall R = (10×10 + 30×30) / 40 = 25 → A = 40, B = 120.
    expect(radar.series[0]!.data[0]!.value[0]).toBe(40);
    expect(radar.series[0]!.data[1]!.value[0]).toBe(120);
    const bars = profileRadar([seg('A', 1, { 年龄: 30 }), seg('B', 1, { 年龄: 50 })], 'en') as { series: { type: string; data: number[] }[] };
    expect(bars.series.map((s) => s.type)).toEqual(['bar', 'bar']);
    expect(bars.series[1]!.data).toEqual([125]);
    expect(svg(bars as ChartOption)).toContain('Segment profiles');
  });

  it('Lorenz: Gini of equal values is 0, of one big customer near 1', () => {
    expect(lorenzData(new Float64Array([5, 5, 5, 5])).gini).toBeCloseTo(0, 12);
    const skew = lorenzData(new Float64Array([...new Array<number>(99).fill(0), 100]));
    expect(skew.gini).toBeCloseTo(0.99, 12);
    expect(skew.top80Share).toBeCloseTo(0.01, 12);
  });
});
