import { BarChart, BoxplotChart, HeatmapChart, LineChart, PieChart, RadarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { ChartOption } from '../../../../shared/charts/index';

// Only what shared/charts builds: keeps the renderer bundle small (the full echarts is ~3 MB).
echarts.use([
  BarChart,
  BoxplotChart,
  HeatmapChart,
  LineChart,
  PieChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export interface EChartHandle {
  /** PNG data URL of what is shown (for "save as PNG"). */
  png(): string | null;
  /** The same chart rendered as SVG text (for "save as SVG"). */
  svg(): string | null;
}

/**
 * Renders an option from shared/charts. SVG export re-renders the option with the SVG renderer
 * off-screen, so the saved file is vector whatever the on-screen renderer is.
 */
export const EChart = forwardRef<EChartHandle, { option: ChartOption; testId?: string }>(function EChart({ option, testId }, ref) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return undefined;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const onResize = (): void => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  useImperativeHandle(ref, () => ({
    png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null,
    svg: () => {
      const box = el.current;
      if (!box) return null;
      const off = echarts.init(null, null, { renderer: 'svg', ssr: true, width: box.clientWidth || 800, height: box.clientHeight || 420 });
      off.setOption({ animation: false, ...option });
      const text = off.renderToSVGString();
      off.dispose();
      return text;
    },
  }));
  return <div ref={el} className="k-chart" data-testid={testId ?? 'echart'} />;
});

/** Starts a download of text or a data URL (browser and desktop alike). */
export function download(name: string, content: string, mime: string): void {
  const href = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(href), 1000);
}
