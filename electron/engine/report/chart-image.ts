import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { createRequire } from 'node:module';
import { detectCjkFont } from './cjk-font';

/**
 * Charts for reports: ECharts renders to an SVG string on the engine side (no DOM), resvg turns
 * it into a PNG for ExcelJS. Chinese labels need a CJK font installed on the machine (see
 * cjk-font.ts). This module is only loaded with the report writer: ECharts costs most of a
 * second to load, which every command would otherwise pay at start.
 */
export interface ChartImage {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/**
 * resvg is a native addon: required on the first chart, not at start. (The engine is one bundle, so
 * a static import here would load it for every command, charts or not.)
 */
let resvg: typeof ResvgClass | null = null;
function Resvg(): typeof ResvgClass {
  return (resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);
}

/** Renders an ECharts option to SVG and PNG. The option must not use DOM-only features. */
export function renderChart(option: echarts.EChartsOption, width = 800, height = 420): ChartImage {
  const font = detectCjkFont();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: font.family }, backgroundColor: '#ffffff', ...option });
    const svg = chart.renderToSVGString();
    const Renderer = Resvg();
    const png = new Renderer(svg, {
      fitTo: { mode: 'width', value: width * 2 },
      font: { loadSystemFonts: true, defaultFontFamily: font.family, sansSerifFamily: font.family },
      background: '#ffffff',
    })
      .render()
      .asPng();
    return { svg, png: Buffer.from(png), width, height };
  } finally {
    chart.dispose();
  }
}
