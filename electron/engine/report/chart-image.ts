import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
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

/** Renders an ECharts option to SVG and PNG. The option must not use DOM-only features. */
export function renderChart(option: echarts.EChartsOption, width = 800, height = 420): ChartImage {
  const font = detectCjkFont();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: font.family }, backgroundColor: '#ffffff', ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
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
