import type ExcelJS from 'exceljs';
import type { CellValue } from '../../../shared/contract/json';
import { WidthTracker } from './column-width';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF217346' } };
export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
export const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 16, color: { argb: 'FF217346' } };
export const SECTION_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };

/** Landscape, fit to one page wide: what a manager prints. */
export function printSetup(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
}

export interface TableSpec {
  headers: string[];
  rows: CellValue[][];
  /** Excel number format per column (undefined = General). */
  numFmts?: (string | undefined)[];
  autoFilter?: boolean;
}

/**
 * Writes a header row + data rows starting at `startRow`, styles the header, applies number
 * formats, and widens columns to fit (CJK counts double). Returns the next free row.
 * Strings are written as text cells, never formulas.
 */
export function writeTable(ws: ExcelJS.Worksheet, startRow: number, spec: TableSpec, widths?: WidthTracker): number {
  const header = ws.getRow(startRow);
  spec.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    widths?.see(i, h);
  });
  spec.rows.forEach((r, ri) => {
    const row = ws.getRow(startRow + 1 + ri);
    r.forEach((v, ci) => {
      const cell = row.getCell(ci + 1);
      cell.value = v;
      const fmt = spec.numFmts?.[ci];
      if (fmt) cell.numFmt = fmt;
      widths?.see(ci, v === null ? '' : typeof v === 'number' ? v.toFixed(2) : String(v));
    });
  });
  if (spec.autoFilter && spec.headers.length > 0) {
    ws.autoFilter = { from: { row: startRow, column: 1 }, to: { row: startRow + spec.rows.length, column: spec.headers.length } };
  }
  return startRow + spec.rows.length + 2;
}

export function applyWidths(ws: ExcelJS.Worksheet, widths: WidthTracker): void {
  widths.widths().forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}
