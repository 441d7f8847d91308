import { xmlText } from '../xlsx-parts';
import { CHART_COLOURS, type ChartSeries, type NativeChart } from './chart-model';

/*
 * DrawingML chart parts (ECMA-376 Part 1, §21.2) written by hand: ExcelJS cannot write charts.
 * Every element follows the schema's sequence order, and every CT_Boolean carries an explicit
 * val (its default is true): Excel refuses a part that LibreOffice would forgive.
 */
const NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const CAT_AX = 500_000_01;
const VAL_AX = 500_000_02;
const TEXT_COLOUR = '404040';
const GRID_COLOUR = 'D9D9D9';

const bool = (name: string, v: boolean): string => `<c:${name} val="${v ? 1 : 0}"/>`;

/** Character properties with the CJK font for latin, East Asian and complex scripts alike. */
function runProps(tag: 'a:defRPr' | 'a:rPr', font: string, size: number, bold: boolean): string {
  const f = xmlText(font);
  const lang = tag === 'a:rPr' ? ' lang="zh-CN"' : '';
  return `<${tag}${lang} sz="${size * 100}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="${TEXT_COLOUR}"/></a:solidFill><a:latin typeface="${f}"/><a:ea typeface="${f}"/><a:cs typeface="${f}"/></${tag}>`;
}

function textProps(font: string, size: number, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runProps('a:defRPr', font, size, bold)}</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
}

function title(text: string, font: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${runProps('a:defRPr', font, size, true)}</a:pPr>` +
    `<a:r>${runProps('a:rPr', font, size, true)}<a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

const fill = (rgb: string): string => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const colourOf = (i: number): string => CHART_COLOURS[i % CHART_COLOURS.length]!;

function seriesName(s: ChartSeries): string {
  if (!s.nameRef) return `<c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>`;
  return `<c:tx><c:strRef><c:f>${xmlText(s.nameRef)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${xmlText(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
}

function strData(tag: 'cat', ref: string, values: readonly string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlText(v)}</c:v></c:pt>`).join('');
  return `<c:${tag}><c:strRef><c:f>${xmlText(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef></c:${tag}>`;
}

function numData(tag: 'val' | 'xVal' | 'yVal', ref: string, values: readonly (number | null)[], format: string): string {
  // Empty cells have no point in the cache, as Excel writes them.
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:${tag}><c:numRef><c:f>${xmlText(ref)}</c:f><c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef></c:${tag}>`;
}

function categories(s: ChartSeries): string {
  return s.catRef && s.cats ? strData('cat', s.catRef, s.cats) : '';
}

/** Data labels (Group_DLbls order: numFmt, spPr, txPr, dLblPos, then the six show* flags). */
function dataLabels(chart: NativeChart, position: string | null, percentOfWhole = false): string {
  if (!chart.showValues) return '';
  const fmt = chart.valueFormat ? `<c:numFmt formatCode="${xmlText(chart.valueFormat)}" sourceLinked="0"/>` : '';
  return (
    `<c:dLbls>${fmt}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProps(chart.font, 9)}` +
    `${position ? `<c:dLblPos val="${position}"/>` : ''}${bool('showLegendKey', false)}${bool('showVal', !percentOfWhole)}${bool('showCatName', false)}` +
    `${bool('showSerName', false)}${bool('showPercent', percentOfWhole)}${bool('showBubbleSize', false)}</c:dLbls>`
  );
}

function marker(i: number): string {
  return `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${fill(colourOf(i))}<a:ln w="9525">${fill(colourOf(i))}</a:ln></c:spPr></c:marker>`;
}

const lineProps = (i: number, width = 28575): string => `<c:spPr><a:ln w="${width}" cap="rnd">${fill(colourOf(i))}<a:round/></a:ln></c:spPr>`;

function barChart(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  const ser = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}<c:spPr>${fill(colourOf(i))}</c:spPr>${bool('invertIfNegative', false)}` +
        `${dataLabels(chart, 'outEnd')}${categories(s)}${numData('val', s.valRef, s.vals, fmt)}</c:ser>`,
    )
    .join('');
  return (
    `<c:barChart><c:barDir val="${chart.kind === 'bar' ? 'bar' : 'col'}"/><c:grouping val="clustered"/>${bool('varyColors', false)}${ser}` +
    `<c:gapWidth val="80"/>${chart.series.length > 1 ? '<c:overlap val="-10"/>' : ''}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>`
  );
}

function lineChart(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  const ser = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}${lineProps(i)}${marker(i)}${dataLabels(chart, 't')}` +
        `${categories(s)}${numData('val', s.valRef, s.vals, fmt)}${bool('smooth', false)}</c:ser>`,
    )
    .join('');
  return `<c:lineChart><c:grouping val="standard"/>${bool('varyColors', false)}${ser}${bool('marker', true)}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:lineChart>`;
}

function pieChart(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  const s = chart.series[0];
  if (!s) return '';
  const points = (s.cats ?? s.vals).map((_, i) => `<c:dPt><c:idx val="${i}"/>${bool('bubble3D', false)}<c:spPr>${fill(colourOf(i))}<a:ln w="12700">${fill('FFFFFF')}</a:ln></c:spPr></c:dPt>`).join('');
  // Doughnut labels take no position (Excel rejects dLblPos there); pie labels fit best.
  const labels = dataLabels(chart, chart.kind === 'pie' ? 'bestFit' : null);
  const ser = `<c:ser><c:idx val="0"/><c:order val="0"/>${seriesName(s)}${points}${labels}${categories(s)}${numData('val', s.valRef, s.vals, fmt)}</c:ser>`;
  return chart.kind === 'pie'
    ? `<c:pieChart>${bool('varyColors', true)}${ser}<c:firstSliceAng val="0"/></c:pieChart>`
    : `<c:doughnutChart>${bool('varyColors', true)}${ser}<c:firstSliceAng val="0"/><c:holeSize val="55"/></c:doughnutChart>`;
}

function scatterChart(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  const ser = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>${marker(i)}` +
        `${numData('xVal', s.xRef ?? s.valRef, s.xVals ?? [], 'General')}${numData('yVal', s.valRef, s.vals, fmt)}${bool('smooth', false)}</c:ser>`,
    )
    .join('');
  return `<c:scatterChart><c:scatterStyle val="lineMarker"/>${bool('varyColors', false)}${ser}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:scatterChart>`;
}

function radarChart(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  const ser = chart.series
    .map((s, i) => `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesName(s)}${lineProps(i, 22225)}${marker(i)}${categories(s)}${numData('val', s.valRef, s.vals, fmt)}</c:ser>`)
    .join('');
  return `<c:radarChart><c:radarStyle val="marker"/>${bool('varyColors', false)}${ser}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:radarChart>`;
}

function axisTitle(text: string | undefined, font: string): string {
  return text ? title(text, font, 10) : '';
}

const axisLine = `<c:spPr><a:ln w="9525">${fill('BFBFBF')}</a:ln></c:spPr>`;
const gridlines = `<c:majorGridlines><c:spPr><a:ln w="9525">${fill(GRID_COLOUR)}</a:ln></c:spPr></c:majorGridlines>`;

/** CT_CatAx in schema order. */
function catAx(chart: NativeChart, pos: string): string {
  return (
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>${bool('delete', false)}<c:axPos val="${pos}"/>` +
    `${axisTitle(chart.xTitle, chart.font)}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `${axisLine}${textProps(chart.font, 9)}<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/>${bool('auto', true)}<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>${bool('noMultiLvlLbl', false)}</c:catAx>`
  );
}

/** Bars start at zero (a truncated bar axis exaggerates differences); other charts scale freely. */
function fromZero(chart: NativeChart): boolean {
  return (chart.kind === 'column' || chart.kind === 'bar') && chart.series.every((s) => s.vals.every((v) => v === null || v >= 0));
}

/** CT_ValAx in schema order. */
function valAx(chart: NativeChart, id: number, cross: number, pos: string, axTitle: string | undefined, format: string, grid: boolean): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${fromZero(chart) ? '<c:min val="0"/>' : ''}</c:scaling>${bool('delete', false)}<c:axPos val="${pos}"/>${grid ? gridlines : ''}` +
    `${axisTitle(axTitle, chart.font)}<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProps(chart.font, 9)}<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="${chart.kind === 'scatter' ? 'midCat' : 'between'}"/></c:valAx>`
  );
}

function plotArea(chart: NativeChart): string {
  const fmt = chart.valueFormat ?? 'General';
  switch (chart.kind) {
    case 'pie':
    case 'doughnut':
      return `<c:plotArea><c:layout/>${pieChart(chart)}</c:plotArea>`;
    case 'scatter':
      return `<c:plotArea><c:layout/>${scatterChart(chart)}${valAx(chart, CAT_AX, VAL_AX, 'b', chart.xTitle, 'General', false)}${valAx(chart, VAL_AX, CAT_AX, 'l', chart.yTitle, fmt, true)}</c:plotArea>`;
    case 'radar':
      return `<c:plotArea><c:layout/>${radarChart(chart)}${catAx(chart, 'b')}${valAx(chart, VAL_AX, CAT_AX, 'l', undefined, fmt, true)}</c:plotArea>`;
    case 'line':
      return `<c:plotArea><c:layout/>${lineChart(chart)}${catAx(chart, 'b')}${valAx(chart, VAL_AX, CAT_AX, 'l', chart.yTitle, fmt, true)}</c:plotArea>`;
    default: {
      const horizontal = chart.kind === 'bar';
      return `<c:plotArea><c:layout/>${barChart(chart)}${catAx(chart, horizontal ? 'l' : 'b')}${valAx(chart, VAL_AX, CAT_AX, horizontal ? 'b' : 'l', chart.yTitle, fmt, true)}</c:plotArea>`;
    }
  }
}

/** The whole chart part (xl/charts/chartN.xml). */
export function chartXml(chart: NativeChart): string {
  const legend = chart.series.length > 1 || chart.kind === 'pie' || chart.kind === 'doughnut';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace ${NS}>${bool('date1904', false)}<c:lang val="zh-CN"/>${bool('roundedCorners', false)}` +
    `<c:chart>${title(chart.title, chart.font, 13)}${bool('autoTitleDeleted', false)}${plotArea(chart)}` +
    `${legend ? `<c:legend><c:legendPos val="${chart.kind === 'pie' || chart.kind === 'doughnut' ? 'r' : 'b'}"/><c:overlay val="0"/>${textProps(chart.font, 9)}</c:legend>` : ''}` +
    `${bool('plotVisOnly', true)}<c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill('FFFFFF')}<a:ln w="9525">${fill('D9D9D9')}</a:ln></c:spPr>${textProps(chart.font, 10)}</c:chartSpace>`
  );
}
