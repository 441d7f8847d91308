import type ExcelJS from 'exceljs';
import { renderChart } from './chart-image';
import type { ChartAnchor, NativeChart, PlacedChart } from './native-charts/chart-model';
import { echartsOptionOf } from './native-charts/chart-echarts';
import type { ChartSink } from './report-context';

/** Native charts: remembered with their sheet and anchor, added to the package after ExcelJS. */
export class NativeChartSink implements ChartSink {
  readonly mode = 'native';
  readonly placed: PlacedChart[] = [];
  place(ws: ExcelJS.Worksheet, anchor: ChartAnchor, chart: NativeChart): void {
    this.placed.push({ sheet: ws.name, anchor, chart });
  }
}

/** Approximate pixels of a default column and row, to size a picture over the same cells. */
const COLUMN_PX = 72;
const ROW_PX = 20;

/** Pictures: each chart drawn by ECharts from the same numbers and put over the same cells. */
export class ImageChartSink implements ChartSink {
  readonly mode = 'images';
  count = 0;
  constructor(private readonly wb: ExcelJS.Workbook) {}
  place(ws: ExcelJS.Worksheet, anchor: ChartAnchor, chart: NativeChart): void {
    const width = anchor.cols * COLUMN_PX;
    const height = anchor.rows * ROW_PX;
    const img = renderChart(echartsOptionOf(chart), width, height);
    const id = this.wb.addImage({ buffer: img.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: anchor.col, row: anchor.row }, ext: { width, height } });
    this.count++;
  }
}
