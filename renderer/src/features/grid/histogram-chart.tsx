import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { HistogramBin } from '../../../../shared/contract/rows';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A small bar chart of histogram bins; labels are the bins' lower bounds as the column shows them. */
export function HistogramChart({ bins, label }: { bins: readonly HistogramBin[]; label: (v: number) => string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return undefined;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: bins.map((b) => `${label(b.from)} – ${label(b.to)}`), axisLabel: { show: false } },
      yAxis: { type: 'value', splitNumber: 3 },
      series: [{ type: 'bar', data: bins.map((b) => b.count), itemStyle: { color: '#217346' }, barCategoryGap: '8%' }],
    });
    return () => chart.dispose();
  }, [bins, label]);
  return <div ref={el} className="k-grid-stats__chart" data-testid="stats-histogram" data-bins={bins.length} />;
}
