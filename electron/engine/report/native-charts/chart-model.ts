/**
 * A native Excel chart as the report describes it: a kind, a title and series bound to cell
 * ranges of a sheet. The cached values travel with the refs so Excel, WPS and LibreOffice draw
 * the chart before (or without) recalculating, and a manager can restyle or re-point it later.
 */
export type NativeChartKind = 'column' | 'bar' | 'line' | 'pie' | 'doughnut' | 'scatter' | 'radar';

export interface ChartSeries {
  name: string;
  /** Cell holding the series name, e.g. '概览'!$B$10 (absent: the name is written literally). */
  nameRef?: string;
  /** Categories (text) of bar, line, pie, doughnut and radar series. */
  catRef?: string;
  cats?: readonly string[];
  /** X values of a scatter series. */
  xRef?: string;
  xVals?: readonly (number | null)[];
  valRef: string;
  vals: readonly (number | null)[];
}

export interface NativeChart {
  kind: NativeChartKind;
  title: string;
  series: ChartSeries[];
  /** Number format of the value axis and data labels, e.g. '0.0%' or '#,##0'. */
  valueFormat?: string;
  /** Data labels with the values (pie and doughnut: the values as formatted). */
  showValues?: boolean;
  xTitle?: string;
  yTitle?: string;
  /** Font family for every text of the chart (latin and East Asian). */
  font: string;
}

/** Where a chart sits on its sheet: zero-based cell corners, like a drawing anchor. */
export interface ChartAnchor {
  col: number;
  row: number;
  /** Width and height in whole columns and rows. */
  cols: number;
  rows: number;
}

export interface PlacedChart {
  /** Sheet name exactly as written in the workbook. */
  sheet: string;
  anchor: ChartAnchor;
  chart: NativeChart;
}

/** Colours in the order the UI's ECharts palette uses them, so screen and workbook look alike. */
export const CHART_COLOURS = ['2F6FDE', 'E8684A', '5AB46E', 'F6BD16', '7262FD', '269A99', 'FF99C3', '8D6E63', '5D7092', 'D4A017'];

/** An absolute A1 reference to a range on a sheet: '概览'!$B$11:$B$18. */
export function sheetRange(sheet: string, col0: number, row0: number, col1: number, row1: number): string {
  const a = (c: number, r: number): string => `$${columnName(c)}$${r}`;
  return `'${sheet.replace(/'/g, "''")}'!${a(col0, row0)}${col0 === col1 && row0 === row1 ? '' : `:${a(col1, row1)}`}`;
}

/** 1 → A, 27 → AA (one-based column number). */
export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
