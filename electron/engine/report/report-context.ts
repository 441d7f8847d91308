import type ExcelJS from 'exceljs';
import type { ReportSheet } from '../../../shared/contract/exports';
import type { ProjectStore } from '../store/project-store';
import type { CustomerSheets } from './customer-sheets';
import type { ChartAnchor, NativeChart } from './native-charts/chart-model';
import type { ReportData } from './report-data';
import type { ReportInputs } from './report-inputs';
import type { ReportLang } from './report-text';

/** Where a section's charts go: native Excel charts bound to cells, or pictures (fallback). */
export interface ChartSink {
  readonly mode: 'native' | 'images';
  place(ws: ExcelJS.Worksheet, anchor: ChartAnchor, chart: NativeChart): void;
}

/** What every section of the report can use while it writes its sheet. */
export interface ReportContext {
  readonly store: ProjectStore;
  readonly data: ReportData;
  readonly inputs: ReportInputs;
  readonly lang: ReportLang;
  readonly wb: ExcelJS.Workbook;
  readonly charts: ChartSink;
  /** Font family of chart texts (a CJK font, so Chinese labels render). */
  readonly chartFont: string;
  /** Adds a sheet (name made safe and unique) with the report's print setup. */
  addSheet(title: string): ExcelJS.Worksheet;
  warn(message: string): void;
  /** Set by the customer-list section: rows streamed into the package after ExcelJS wrote it. */
  customers: CustomerSheets | null;
  /** Counts pictures a section placed itself (dendrograms, CLV charts), for the report's result. */
  pictures(count: number): void;
}

/**
 * One sheet (or group of sheets) of the report. The report is the list in report-sections.ts,
 * written in that order for the sheets the caller asked for; a new sheet is one more entry.
 */
export interface ReportSection {
  sheet: ReportSheet;
  write(ctx: ReportContext): void | Promise<void>;
}
