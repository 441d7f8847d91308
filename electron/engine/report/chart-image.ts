import { execFileSync } from 'node:child_process';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Charts for reports: ECharts renders to an SVG string on the engine side (no DOM), resvg turns
 * it into a PNG for ExcelJS. Chinese labels need a CJK font installed on the machine (Noto Sans
 * CJK SC / Source Han Sans, Microsoft YaHei, PingFang SC); which one was found is reported.
 */
export const CJK_FONT_CANDIDATES = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'SimHei'];

let fontCache: { family: string; cjkAvailable: boolean } | null = null;

/** Finds an installed CJK font family (fc-list on Linux; common names elsewhere). */
export function detectCjkFont(): { family: string; cjkAvailable: boolean } {
  if (fontCache) return fontCache;
  let installed = '';
  try {
    installed = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    installed = '';
  }
  const found = CJK_FONT_CANDIDATES.find((f) => installed.includes(f));
  const onWindowsOrMac = process.platform === 'win32' || process.platform === 'darwin';
  fontCache = found
    ? { family: found, cjkAvailable: true }
    : { family: process.platform === 'darwin' ? 'PingFang SC' : 'Microsoft YaHei', cjkAvailable: onWindowsOrMac };
  return fontCache;
}

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
