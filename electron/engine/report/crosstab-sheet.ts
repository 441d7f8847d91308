import type ExcelJS from 'exceljs';
import { LOW_BASE_TEXT } from '../../../shared/analysis/tgi-colour';
import type { CrosstabTable, CrosstabTableCell } from '../../../shared/analysis/crosstab-table';
import type { WidthTracker } from './column-width';
import { HEADER_FILL, HEADER_FONT, SECTION_FONT, TITLE_FONT } from './sheet-style';

const WARNING_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' }, bold: true };
const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

function numberCell(cell: ExcelJS.Cell, c: CrosstabTableCell): void {
  cell.value = c.value;
  cell.numFmt = c.numFmt;
}

/**
 * Writes a cross-tab as laid out by the shared builder: per figure a block (header, one line per
 * segment, the measure block with totals), each cell filled with the screen's TGI colour, greyed
 * below the minimum base, ▲/▼ kept in the cell's number format so the cell stays a number. Then
 * the χ² line, the legend and the preferences in words. Returns the next free row.
 */
export function writeCrosstabTable(ws: ExcelJS.Worksheet, startRow: number, table: CrosstabTable, rowHeader: string, widths: WidthTracker, subtitle?: string): number {
  let row = startRow;
  ws.getCell(row, 1).value = table.title;
  ws.getCell(row, 1).font = TITLE_FONT;
  row++;
  if (subtitle) {
    ws.getCell(row, 1).value = subtitle;
    row++;
  }
  row++;
  for (const block of table.blocks) {
    ws.getCell(row, 1).value = block.title;
    ws.getCell(row, 1).font = SECTION_FONT;
    row++;
    const withTotals = block.figure === 'value';
    const headers = [rowHeader, ...table.cols, ...(withTotals ? [table.totals.label] : [])];
    headers.forEach((h, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = h;
      cell.fill = HEADER_FILL;
      cell.font = HEADER_FONT;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      widths.see(i, h);
    });
    row++;
    table.rows.forEach((label, r) => {
      ws.getCell(row, 1).value = label;
      widths.see(0, label);
      block.cells[r]!.forEach((c, j) => {
        const cell = ws.getCell(row, j + 2);
        numberCell(cell, c);
        const style = table.style[r]![j]!;
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
        if (style.lowBase) cell.font = { color: { argb: argb(LOW_BASE_TEXT) }, italic: true };
        cell.alignment = { horizontal: 'right' };
        widths.see(j + 1, c.text);
      });
      if (withTotals) numberCell(ws.getCell(row, table.cols.length + 2), table.totals.rows[r]!);
      row++;
    });
    if (withTotals) {
      ws.getCell(row, 1).value = table.totals.label;
      ws.getCell(row, 1).font = { bold: true };
      table.totals.cols.forEach((c, j) => numberCell(ws.getCell(row, j + 2), c));
      numberCell(ws.getCell(row, table.cols.length + 2), table.totals.all);
      row++;
    }
    row++;
  }
  // The χ² line, then its Cochran warnings in red right under it, then the other notes.
  for (const note of table.notes) {
    ws.getCell(row, 1).value = note;
    if (table.warnings.includes(note)) ws.getCell(row, 1).font = WARNING_FONT;
    row++;
  }
  row++;
  for (const sentence of table.preferences) {
    ws.getCell(row, 1).value = sentence;
    row++;
  }
  return row + 2;
}
